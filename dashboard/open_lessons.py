"""公开课 and 被听课: the figures of lessons given, pure (no Streamlit, no store).

Rules (the README's 公开课 section says them for a school):

- An open lesson is a row of a 公开课 list, or a 听课 log row whose 课型 names an open type
  (:data:`dashboard.lesson_types.OPEN_TYPES`).  Lessons are distinct by (日期, 授课教师, 班级, 节次),
  班级 and 节次 only where given: a row that does not state one of them is the same lesson as a row
  agreeing on everything it does state.  So a lesson in a list and in the log (by each of its
  observers) counts once; the list's 级别 and 课题 win over the log's, and a named 课型 (示范课 …)
  over plain 公开课 (what a list without a 课型 column is read as).
- A lesson counts for the school when its 授课教师 matches the roster of the term (name corrections
  apply; an unmatched one is listed, never counted); it belongs to the teacher's 教研组 of that roster.
- Quota: the ordered rules of ``data/open_lesson_rules.toml`` (first match wins; as the 听课 quota:
  ``roles``, ``age_below`` on the term's first day); default 45周岁以下 → 1 节 a term, others none.
  ``quota_teachers`` = teachers with a quota > 0, ``quota_met`` = those with as many lessons.
- 被听课 (from the 听课 log alone): for every roster teacher, the distinct lessons of theirs that log
  rows record (日期, 班级, 节次; a 连堂 row counts its 节数) and the distinct 听课人 of those rows
  (matched or not).  A teacher with
  none is 从未被听课 this term.
- ``behind`` is sorted as the 听课 ``behind`` list (most owed first, then name key by code point);
  ``never_observed`` by name key.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import pandas as pd

from . import rule_files
from .contract import LEVELS
from .dataset import Dataset
from .kinds import Card, Section
from .labels import OWED_DONE, OWED_ITEM, OWED_LEFT, OWED_NAME, OWED_REQUIRED, whole_percent_text
from .labels import open_lessons as words
from .labels.open_lessons import (FROM_LIST, FROM_LOG, GROUP_COLUMNS, LABEL, LESSON_COLUMNS, REMINDER_ITEM,  # noqa: F401
                                  TEACHER_COLUMNS, UNKNOWN_LEVEL, UNMATCHED_COLUMNS)
from .lesson_types import LESSON_TYPES, OPEN_TYPES
from .metrics import NO_GROUP, match_names, roster_for
from .memo import per_dataset
from .quota import QuotaRule, quota_for
from .quota import load_rules as quota_rules

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "open_lesson_rules.toml"
RULES_ENV = "DASHBOARD_OPEN_LESSON_RULES"

# ------------------------------------------------------------------ labels: dashboard/labels/open_lessons.py


class RulesError(rule_files.RulesError):
    """The open-lesson rule file cannot be used; the message says why, in Chinese."""


# ------------------------------------------------------------------ rules

def rules_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get(RULES_ENV) or RULES_FILE)


def load_rules(path: str | Path | None = None) -> tuple[QuotaRule, ...]:
    """The rules of ``path`` (else ``DASHBOARD_OPEN_LESSON_RULES``, else data/open_lesson_rules.toml),
    read again only when the file changed (:func:`dashboard.rule_files.load`): an edit shows at the
    next call.  A file that cannot be used raises :class:`RulesError` with a Chinese message."""
    return rule_files.load(rules_path(path), parse_rules, what="公开课要求文件", error=RulesError)


def parse_rules(document: dict, path: Path = Path("open_lesson_rules.toml")) -> tuple[QuotaRule, ...]:
    """Rules from a parsed TOML file: the 听课 quota's form (:func:`dashboard.quota.parse_rules`).

    >>> parse_rules({"rule": [{"label": "45周岁以下", "age_below": 45, "quota": 1}, {"quota": 0}]})
    (QuotaRule(label='45周岁以下', quota=1, roles=(), age_below=45), QuotaRule(label='第2条', quota=0, roles=(), age_below=None))
    >>> parse_rules({"rule": [{"quota": -1}]})
    Traceback (most recent call last):
    ...
    dashboard.open_lessons.RulesError: 公开课要求文件 open_lesson_rules.toml 第 1 条规则的 quota（节数）应为不小于 0 的整数。
    """
    name = path.name
    found = []
    for number, rule in enumerate(document.get("rule", []), 1):
        if not isinstance(rule, dict):
            raise RulesError(f"公开课要求文件 {name} 第 {number} 条规则写法有误，应以 [[rule]] 开头。")
        quota, age, roles = rule.get("quota"), rule.get("age_below"), rule.get("roles", [])
        if not isinstance(quota, int) or isinstance(quota, bool) or quota < 0:
            raise RulesError(f"公开课要求文件 {name} 第 {number} 条规则的 quota（节数）应为不小于 0 的整数。")
        if age is not None and (not isinstance(age, int) or isinstance(age, bool)):
            raise RulesError(f"公开课要求文件 {name} 第 {number} 条规则的 age_below（年龄）应为整数。")
        if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
            raise RulesError(f"公开课要求文件 {name} 第 {number} 条规则的 roles（职务）应为文字列表，如 [\"校长\"]。")
        found.append(QuotaRule(str(rule.get("label") or f"第{number}条"), quota, tuple(roles), age))
    if not rule_files.ends_with_catch_all(found, lambda rule: rule.conditional):
        raise RulesError(f"公开课要求文件 {name}：最后一条规则必须不带条件（匹配所有教师）。")
    return tuple(found)


# ------------------------------------------------------------------ lessons

_LESSON_FIELDS = ["date", "teacher", "teacher_key", "group", "lesson_type", "level", "topic", "subject", "class_name",
                  "period", "observers", "sources", "from_list", "from_log", "match"]


def _candidates(ds: Dataset, term: str) -> pd.DataFrame:
    """Every row that states an open lesson of ``term``: list rows first, then open-type log rows."""
    listed = ds.open_lessons
    listed = listed[listed["term"] == term]
    log = ds.observations
    log = log[(log["term"] == term) & (log["shape"] == "log") & log["lesson_type"].isin(OPEN_TYPES)]
    parts = [
        pd.DataFrame({"date": listed["date"], "who": listed["teacher_key"], "teacher": listed["teacher"],
                      "lesson_type": listed["lesson_type"], "level": listed["level"], "topic": listed["topic"],
                      "subject": listed["subject"], "class_name": listed["class_name"], "period": listed["period"],
                      "observer": None, "from_list": True,
                      "source": listed["source_file"].astype(str) + " 第" + listed["source_row"].astype(str) + "行"}),
        pd.DataFrame({"date": log["date"], "who": log["teacher"], "teacher": log["teacher"],
                      "lesson_type": log["lesson_type"], "level": None, "topic": None, "subject": log["subject"],
                      "class_name": log["class_name"], "period": log["period"], "observer": log["observer_key"],
                      "from_list": False,
                      "source": log["source_file"].astype(str) + " 第" + log["source_row"].astype(str) + "行"}),
    ]
    rows = pd.concat([part for part in parts if len(part)], ignore_index=True) if any(len(p) for p in parts) \
        else parts[0].iloc[:0]
    return rows.assign(date=rows["date"].map(_day))


def _day(value) -> dt.date | None:
    """A stored date as a date (a backend may give a Timestamp or datetime), None when unknown."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _given(value) -> bool:
    return isinstance(value, str) and value != ""


def _merge(rows: list[dict]) -> list[dict]:
    """The distinct lessons of one (日期, 授课教师): 班级 and 节次 compared only where both state them.

    >>> a = {"class_name": "高一(1)班", "period": "3", "from_list": True}
    >>> b = {"class_name": "高一(1)班", "period": None, "from_list": False}
    >>> c = {"class_name": "高一(2)班", "period": "3", "from_list": False}
    >>> [len(lesson["rows"]) for lesson in _merge([a, b, c])]
    [2, 1]
    """
    ordered = sorted(rows, key=lambda row: (-_given(row["class_name"]) - _given(row["period"]), not row["from_list"]))
    lessons: list[dict] = []
    for row in ordered:
        for lesson in lessons:
            if all(not _given(row[f]) or not _given(lesson[f]) or row[f] == lesson[f] for f in ("class_name", "period")):
                lesson["rows"].append(row)
                for f in ("class_name", "period"):
                    if not _given(lesson[f]) and _given(row[f]):
                        lesson[f] = row[f]
                break
        else:
            lessons.append({"class_name": row["class_name"], "period": row["period"], "rows": [row]})
    return lessons


def distinct_lessons(ds: Dataset, term: str, roster: pd.DataFrame | None = None) -> pd.DataFrame:
    """The open lessons of ``term``, each once (see the module's rules), with the teacher's roster key
    (None when the 授课教师 matches no roster teacher) and group."""
    roster = roster_for(ds, term) if roster is None else roster
    rows = _candidates(ds, term)
    if rows.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in _LESSON_FIELDS})
    matches = match_names(rows["who"], set(roster["name_key"]), ds.aliases)
    rows["teacher_key"] = matches["teacher_key"]
    rows["match"] = matches["match"]
    rows["who"] = rows["teacher_key"].fillna(rows["who"])
    groups = dict(zip(roster["name_key"], roster["group"]))
    found = []
    day_key = rows["date"]
    for (_, who), same in rows.groupby([day_key.map(str), rows["who"]], sort=False, dropna=False):
        for lesson in _merge(same.to_dict("records")):
            first = lesson["rows"][0]  # a list row when there is one (sorted first among the most specific)
            listed = [row for row in lesson["rows"] if row["from_list"]] or lesson["rows"]
            pick = listed[0]
            kind = next((row["lesson_type"] for row in (*listed, *lesson["rows"]) if row["lesson_type"] != "公开课"),
                        pick["lesson_type"])  # a named kind (示范课 …) over the plain 公开课 a list defaults to
            observers = {row["observer"] for row in lesson["rows"] if isinstance(row["observer"], str)}
            found.append({
                "date": first["date"], "teacher": pick["teacher"], "teacher_key": first["teacher_key"],
                "group": groups.get(first["teacher_key"]) if isinstance(first["teacher_key"], str) else None,
                "lesson_type": kind,
                "level": next((row["level"] for row in listed if isinstance(row["level"], str)), None),
                "topic": next((row["topic"] for row in lesson["rows"] if isinstance(row["topic"], str)), None),
                "subject": next((row["subject"] for row in lesson["rows"] if isinstance(row["subject"], str)), None),
                "class_name": lesson["class_name"], "period": lesson["period"], "observers": len(observers),
                "sources": "；".join(row["source"] for row in lesson["rows"]),
                "from_list": any(row["from_list"] for row in lesson["rows"]),
                "from_log": not all(row["from_list"] for row in lesson["rows"]), "match": first["match"],
            })
    lessons = pd.DataFrame(found, columns=_LESSON_FIELDS)
    order = lessons["date"].map(lambda day: day if isinstance(day, dt.date) else dt.date.max)
    return lessons.assign(_order=order).sort_values(["_order", "teacher"], kind="stable").drop(columns="_order") \
        .reset_index(drop=True)


# ------------------------------------------------------------------ per teacher

def observed_counts(ds: Dataset, term: str, roster: pd.DataFrame) -> pd.DataFrame:
    """Per roster teacher (``name_key``): the 节数 of the distinct lessons of theirs the 听课 log records
    this term (日期, 班级, 节次; a 连堂 row counts its 节数) and the distinct 听课人 of those rows."""
    log = ds.observations
    log = log.loc[(log["term"] == term) & (log["shape"] == "log") & log["teacher"].notna(),
                  ["teacher", "date", "class_name", "period", "lessons", "observer_key"]]  # the columns read
    keys = match_names(log["teacher"], set(roster["name_key"]), ds.aliases)["teacher_key"]
    log = log.assign(teacher_key=keys)[keys.notna()]
    lesson = log["date"].map(_day).astype(str) + "|" + log["class_name"].fillna("").astype(str) + "|" + \
        log["period"].fillna("").astype(str)
    log = log.assign(lesson=lesson, periods=log["lessons"].fillna(1).astype(int))
    lessons = log.groupby(["teacher_key", "lesson"])["periods"].max().groupby(level=0).sum()  # 连堂: its 节数
    observers = log.groupby("teacher_key")["observer_key"].nunique()
    return pd.DataFrame({"name_key": roster["name_key"],
                         "observed_lessons": roster["name_key"].map(lessons).fillna(0).astype(int),
                         "observers": roster["name_key"].map(observers).fillna(0).astype(int)})


def teacher_table(ds: Dataset, term: str, rules: tuple[QuotaRule, ...] | None = None,
                  roster: pd.DataFrame | None = None, lessons: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every roster teacher of ``term``: open-lesson quota (rule), lessons given, owed; times observed."""
    rules = rules or load_rules()
    roster = roster_for(ds, term) if roster is None else roster
    lessons = distinct_lessons(ds, term, roster) if lessons is None else lessons
    teachers = roster[["name_key", "name", "group", "role", "age"]].copy()
    ages = [None if pd.isna(age) else int(age) for age in teachers["age"]]
    roles = [role if isinstance(role, str) else None for role in teachers["role"]]
    matched = [quota_for(rules, role, age) for role, age in zip(roles, ages)]
    teachers["quota"] = [rule.quota for rule in matched]
    teachers["quota_rule"] = [rule.label if rule.quota else "不作要求" for rule in matched]
    given = lessons[lessons["teacher_key"].notna()].groupby("teacher_key").size()
    teachers["count"] = teachers["name_key"].map(given).fillna(0).astype(int)
    teachers["met"] = teachers["count"] >= teachers["quota"]
    teachers["owed"] = (teachers["quota"] - teachers["count"]).clip(lower=0)
    observed = observed_counts(ds, term, roster)
    teachers["observed_lessons"] = observed["observed_lessons"].to_numpy()
    teachers["observers"] = observed["observers"].to_numpy()
    teachers["group"] = teachers["group"].fillna(NO_GROUP)
    return teachers.reset_index(drop=True)


def behind(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers with a quota not yet met: most owed first, then by name key (as the 听课 list)."""
    rows = teachers[(teachers["quota"] > 0) & ~teachers["met"]]
    return rows.assign(gap=rows["quota"] - rows["count"]).sort_values(["gap", "name_key"], ascending=[False, True],
                                                                       kind="stable")


def never_observed(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers no 听课 log row of the term observed, by name key."""
    return teachers[teachers["observed_lessons"] == 0].sort_values("name_key", kind="stable")


# ------------------------------------------------------------------ figures

#: what :func:`term_figures` reads of the teachers and the counted lessons, in :func:`figures_of_rows`' order
TEACHER_FIGURE_COLUMNS = ["name_key", "group", "count", "quota", "met", "observed_lessons"]
LESSON_FIGURE_COLUMNS = ["lesson_type", "level", "group"]


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return list(zip(*(frame[column].tolist() for column in columns)))


def term_figures(teachers: pd.DataFrame, lessons: pd.DataFrame) -> dict:
    """The figures JSON keys ``open_lessons`` and ``observed`` from a term's teachers and counted lessons."""
    return figures_of_rows(_rows(teachers, TEACHER_FIGURE_COLUMNS), _rows(lessons, LESSON_FIGURE_COLUMNS))


def figures_of_rows(teachers: list[tuple], lessons: list[tuple]) -> dict:
    """:func:`term_figures` on plain rows: teachers (name key, group, count, quota, met, observed lessons),
    lessons (type, level, …).  A group's rows are counted in Python, not in pandas calls that each copy
    columns; ``behind`` and ``never_observed`` are ordered as :func:`behind` and :func:`never_observed`."""
    with_quota = [row for row in teachers if row[3] > 0]
    owing = sorted((row for row in with_quota if not row[4]), key=lambda row: (-(row[3] - row[2]), row[0]))
    types, levels = Counter(row[0] for row in lessons), Counter(row[1] for row in lessons)
    return {
        "open_lessons": {
            "total": len(lessons),
            "by_type": {key: types.get(key, 0) for key in LESSON_TYPES},
            "by_level": {key: levels.get(key, 0) for key in LEVELS},
            "quota_met": sum(bool(row[4]) for row in with_quota),
            "quota_teachers": len(with_quota),
            "behind": [{"name": name, "group": group, "count": int(count), "quota": int(quota)}
                       for name, group, count, quota, _, _ in owing],
        },
        "observed": {
            "teachers_observed": sum(row[5] > 0 for row in teachers),
            "never_observed": sorted(row[0] for row in teachers if row[5] == 0),
        },
    }


def term_parts(ds: Dataset, term: str, group: str | None = None,
               rules: tuple[QuotaRule, ...] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(teachers, counted lessons, lessons whose teacher is not in the roster) of ``term`` (and ``group``).
    Every 教研组's parts are built once per dataset, term and rules (shared, read-only)."""
    rules = rules or load_rules()
    teachers, counted, others = per_dataset(ds, ("open_lessons.term_parts", term, rules, quota_rules()),
                                            lambda: _term_parts(ds, term, rules))
    if group is not None:
        teachers = teachers[teachers["group"] == group]
        counted = counted[counted["group"] == group]
    return teachers, counted, others


def _term_parts(ds: Dataset, term: str, rules: tuple[QuotaRule, ...]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    roster = roster_for(ds, term)
    lessons = distinct_lessons(ds, term, roster)
    teachers = teacher_table(ds, term, rules, roster, lessons)
    return teachers, lessons[lessons["teacher_key"].notna()], lessons[lessons["teacher_key"].isna()]


def figures_hook(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The kind's keys of the figures JSON for one term (and 教研组)."""
    rules = load_rules()

    def rows() -> tuple[list[tuple], list[tuple]]:
        teachers, counted, _ = term_parts(ds, term, None, rules)
        return _rows(teachers, TEACHER_FIGURE_COLUMNS), _rows(counted, LESSON_FIGURE_COLUMNS)

    teachers, lessons = per_dataset(ds, ("open_lessons.figure_rows", term, rules, quota_rules()), rows)
    if group is not None:
        teachers = [row for row in teachers if row[1] == group]
        lessons = [row for row in lessons if row[2] == group]
    return figures_of_rows(teachers, lessons)


def group_table(teachers: pd.DataFrame, lessons: pd.DataFrame) -> pd.DataFrame:
    """Per 教研组: lessons given, teachers with a quota, those who met it, the rate, never observed."""
    rows = []
    for name in sorted(teachers["group"].unique()):
        mine = teachers[teachers["group"] == name]
        quota = mine[mine["quota"] > 0]
        rows.append({"group": name, "lessons": int((lessons["group"] == name).sum()),
                     "quota_teachers": len(quota), "quota_met": int(quota["met"].sum()),
                     "rate": (quota["met"].sum() / len(quota)) if len(quota) else None,
                     "never_observed": int((mine["observed_lessons"] == 0).sum())})
    return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))


#: a rate as a page shows it (no decimals)
percent = whole_percent_text


# ------------------------------------------------------------------ hooks

def overview_hook(figures: dict) -> list[Card]:
    """总览's cards: 公开课 节数, 公开课完成率, 从未被听课 人数."""
    lessons, observed = figures.get("open_lessons"), figures.get("observed")
    if not lessons:
        return []
    rate = lessons["quota_met"] / lessons["quota_teachers"] if lessons["quota_teachers"] else None
    cards = [Card(words.LESSONS_CARD, str(lessons["total"]), help="本学期公开课（同一节课只计一次）"),
             Card(words.RATE_CARD, percent(rate),
                  help=f"有公开课要求的 {lessons['quota_teachers']} 位教师中已完成 {lessons['quota_met']} 位")]
    if observed is not None:
        cards.append(Card(words.NEVER_CARD, words.PEOPLE_VALUE.format(len(observed["never_observed"])),
                          help="本学期听课记录中没有被听过课的教师"))
    return cards


def report_paragraph(figures: dict) -> str:
    """工作总结's sentence on open lessons.

    >>> f = {"open_lessons": {"total": 12, "by_type": {"公开课": 8, "示范课": 3, "研究课": 1}, "quota_met": 9,
    ...      "quota_teachers": 10}, "observed": {"never_observed": ["甲"]}}
    >>> report_paragraph(f)
    '本学期共开设公开课 12 节，其中公开课 8 节、示范课 3 节、研究课 1 节；有公开课要求的教师 10 人，已完成 9 人，完成率 90%。本学期听课记录中有 1 位教师从未被听课。'
    """
    lessons, observed = figures["open_lessons"], figures.get("observed") or {"never_observed": []}
    kinds = "、".join(f"{kind} {count} 节" for kind, count in lessons["by_type"].items() if count)
    text = f"本学期共开设公开课 {lessons['total']} 节" + (f"，其中{kinds}" if kinds else "")
    if lessons["quota_teachers"]:
        rate = percent(lessons["quota_met"] / lessons["quota_teachers"])
        text += f"；有公开课要求的教师 {lessons['quota_teachers']} 人，已完成 {lessons['quota_met']} 人，完成率 {rate}。"
    else:
        text += "；本学期没有教师有公开课要求。"
    missing = len(observed["never_observed"])
    text += f"本学期听课记录中有 {missing} 位教师从未被听课。" if missing else "每位教师本学期都被听过课。"
    return text


def report_hook(ds: Dataset, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    """工作总结: a paragraph and a table by 教研组 (nothing when the term has no open lesson and no quota)."""
    if "open_lessons" not in figures:
        figures = {**figures, **figures_hook(ds, term, group)}
    if not figures["open_lessons"]["total"] and not figures["open_lessons"]["quota_teachers"]:
        return []
    teachers, counted, _ = term_parts(ds, term, group)
    table = group_table(teachers, counted)
    shown = table.rename(columns=GROUP_COLUMNS)
    shown[GROUP_COLUMNS["rate"]] = table["rate"].map(percent)
    return [Section(LABEL, report_paragraph(figures), shown,
                    note="同一日期、授课教师、班级、节次的公开课只计一次（公开课名单与听课记录合并）。")]


def profile_hook(ds: Dataset, teacher_key: str) -> list[Section]:
    """教师档案: the teacher's open lessons and times observed, term by term."""
    terms = sorted(set(ds.open_lessons["term"].dropna()) | set(ds.observations["term"].dropna()))
    rows, lessons = [], []
    for term in terms:
        roster = roster_for(ds, term)
        if teacher_key not in set(roster["name_key"]):
            continue
        given = distinct_lessons(ds, term, roster)
        given = given[given["teacher_key"] == teacher_key]
        observed = observed_counts(ds, term, roster)
        mine = observed[observed["name_key"] == teacher_key].iloc[0]
        rows.append(dict(zip(words.PROFILE_COLUMNS, (term, len(given), int(mine["observed_lessons"]),
                                                     int(mine["observers"])))))
        lessons.append(given.assign(term=term))
    if not rows:
        return []
    sections = [Section(words.PROFILE_HEADING, "", pd.DataFrame(rows))]
    listed = pd.concat(lessons, ignore_index=True) if lessons else pd.DataFrame()
    if len(listed):
        shown = listed[["term", *[c for c in LESSON_COLUMNS if c not in ("teacher_key", "group")]]]
        sections.append(Section(words.PROFILE_LESSONS_HEADING, "", shown.rename(columns={"term": words.PROFILE_COLUMNS[0],
                                                                                             **LESSON_COLUMNS})))
    return sections


def reminder_hook(ds: Dataset, term: str, group: str, day: dt.date | None = None) -> pd.DataFrame:
    """Members of ``group`` still owing an open lesson this term: 姓名, 事项, 要求, 已完成, 还差."""
    teachers, _, _ = term_parts(ds, term, group)
    owing = behind(teachers)
    return pd.DataFrame({OWED_NAME: owing["name_key"], OWED_ITEM: REMINDER_ITEM,
                         OWED_REQUIRED: [words.REMINDER_REQUIRED.format(rule, quota)
                                         for rule, quota in zip(owing["quota_rule"], owing["quota"])],
                         OWED_DONE: owing["count"].astype(int), OWED_LEFT: owing["gap"].astype(int)}).reset_index(drop=True)
