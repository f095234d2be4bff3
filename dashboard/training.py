"""培训学时: the rules (``data/training_rules.toml``) and the pure figures of the training kind.

For term T (contract of the figures JSON, key ``training``):

- a training counts for the roster teacher its 姓名 matches (aliases and 王莉 → 王莉(大) as for
  听课) and belongs to the term of its end date; its 学时 are those written, else its 学分 × the
  rules' ``credit_hours``; a training with neither counts for nobody's hours (it was reported);
- ``hours_term``: 学时 of trainings ending in T; ``hours_year``: of trainings ending in T's 学年
  (2024-2025-1 and -2 are 学年 2024-2025) up to T's end; ``hours_per_teacher`` = hours_term ÷
  teachers (one decimal);
- each teacher's 学年 target is the first rule that matches (职务, 职称, age and 教龄 on 1 September
  of the 学年); ``target_met`` counts teachers whose hours_year reach it, ``behind`` lists the
  others (most owed first, then name key) with their hours_year;
- ``ninety_hour_teachers``: teachers with one training of ≥ ``ninety_hours`` 学时 ending in T's 学年
  up to T's end; ``by_level``: hours_term per level (级别不明 counted in the total only).

Everything here is pure (no Streamlit, no store): pages, reports and reminders call it.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import rule_files
from .contract import LEVEL_UNKNOWN, LEVELS, term_label
from .dataset import Dataset
from .kinds import Card, Section
from .metrics import NO_GROUP, UNMATCHED_REASONS, match_names, roster_for
from .normalize import term_bounds
from .quota import age_on
from .labels import OWED_DONE, OWED_ITEM, OWED_LEFT, OWED_NAME, OWED_REQUIRED, REMINDER_COLUMNS, hours_text
from .labels import training as words
from .labels.training import LABELS
from .memo import per_dataset
from .quota import load_rules as quota_rules

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "training_rules.toml"

FROM_HOURS, FROM_CREDITS, FROM_NONE = "学时", "学分折算", "不明"


class RulesError(rule_files.RulesError):
    """A training rules file that cannot be used (the message is Chinese, for the page)."""


@dataclass(frozen=True)
class TargetRule:
    """One 学年 target: a label, the 学时, and the conditions a teacher must meet."""

    label: str
    hours: float
    roles: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    age_below: int | None = None
    age_from: int | None = None
    seniority_below: int | None = None
    seniority_from: int | None = None

    @property
    def unconditional(self) -> bool:
        return not (self.roles or self.titles) and all(
            value is None for value in (self.age_below, self.age_from, self.seniority_below, self.seniority_from))

    def matches(self, role: str | None, title: str | None, age: int | None, seniority: int | None) -> bool:
        if self.roles and (role or "") not in self.roles:
            return False
        if self.titles and (title or "") not in self.titles:
            return False
        for value, below, at_least in ((age, self.age_below, self.age_from),
                                       (seniority, self.seniority_below, self.seniority_from)):
            if below is not None and (value is None or value >= below):
                return False
            if at_least is not None and (value is None or value < at_least):
                return False
        return True

    def describe(self) -> str:
        return f"{self.label}: {fmt(self.hours)}学时/学年"


@dataclass(frozen=True)
class TrainingRules:
    targets: tuple[TargetRule, ...]
    credit_hours: float = 10.0
    ninety_hours: float = 90.0

    def target_for(self, role, title, age, seniority) -> TargetRule:
        return rule_files.first_match(self.targets, role, title, age, seniority)


def load_rules(path: str | Path | None = None) -> TrainingRules:
    """The rules from ``path``, else ``DASHBOARD_TRAINING_RULES``, else data/training_rules.toml; read
    again only when the file changed (:func:`dashboard.rule_files.load`).

    >>> rules = load_rules()
    >>> rules.credit_hours, rules.ninety_hours, rules.target_for("教师", "一级教师", 40, 15).hours
    (10.0, 90.0, 72.0)
    """
    path = Path(path or os.environ.get("DASHBOARD_TRAINING_RULES") or DEFAULT_RULES)
    return rule_files.load(path, parse_rules, what="培训学时规则文件", error=RulesError)


def parse_rules(document: dict, path: Path) -> TrainingRules:
    """The rules of a parsed training rule file."""
    try:
        targets = tuple(TargetRule(str(rule["label"]), float(rule["hours"]), tuple(rule.get("roles", ())),
                                   tuple(rule.get("titles", ())), _whole(rule.get("age_below")),
                                   _whole(rule.get("age_from")), _whole(rule.get("seniority_below")),
                                   _whole(rule.get("seniority_from")))
                        for rule in document.get("target", []))
        credit_hours = float(document.get("credit_hours", 10))
        ninety_hours = float(document.get("ninety_hours", 90))
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"培训学时规则文件 {path} 有一条规则写得不对（{error}）：每条 [[target]] 要有 label 和 hours，"
                         "条件的值要是数字或文字列表。") from None
    if not rule_files.ends_with_catch_all(targets, lambda rule: not rule.unconditional):
        raise RulesError(f"培训学时规则文件 {path}：最后一条 [[target]] 规则必须不带条件（匹配所有教师）。")
    if credit_hours <= 0 or ninety_hours <= 0:
        raise RulesError(f"培训学时规则文件 {path}：credit_hours 和 ninety_hours 必须大于 0。")
    return TrainingRules(targets, credit_hours, ninety_hours)


def _whole(value) -> int | None:
    return None if value is None else int(value)


#: 学时 as shown (whole numbers without decimals, others with one)
fmt = hours_text


def _number(value: float) -> int | float:
    """A figure for the JSON: an int when whole, else one decimal."""
    value = round(float(value), 1)
    return int(value) if value == int(value) else value


# ------------------------------------------------------------------ terms

def school_year(term: str) -> str:
    """The 学年 of a term.

    >>> school_year("2024-2025-1"), school_year("2024-2025-2")
    ('2024-2025', '2024-2025')
    """
    return term.rsplit("-", 1)[0]


def year_terms(term: str) -> tuple[str, ...]:
    """The terms of T's 学年 up to and including T.

    >>> year_terms("2024-2025-1"), year_terms("2024-2025-2")
    (('2024-2025-1',), ('2024-2025-1', '2024-2025-2'))
    """
    year = school_year(term)
    return (f"{year}-1",) if term.endswith("-1") else (f"{year}-1", f"{year}-2")


def year_elapsed(term: str, day: dt.date | None = None) -> float:
    """The share of the 学年 elapsed at ``day`` (default: T's last day), each term being half of it.

    >>> year_elapsed("2024-2025-1"), year_elapsed("2024-2025-2")
    (0.5, 1.0)
    >>> round(year_elapsed("2024-2025-2", dt.date(2025, 5, 2)), 2), year_elapsed("2024-2025-1", dt.date(2024, 6, 1))
    (0.71, 0.0)
    """
    start, end = term_bounds(term)
    day = end if day is None else min(max(day, start - dt.timedelta(days=1)), end)
    within = ((day - start).days + 1) / ((end - start).days + 1)
    return (0.0 if term.endswith("-1") else 0.5) + 0.5 * max(within, 0.0)


# ----------------------------------------------------------------- figures

@dataclass
class TrainingView:
    """What the training figures of one term are made of."""

    term: str
    teachers: pd.DataFrame  # one row per roster teacher (in the group): hours, target, met, owed, ninety
    records: pd.DataFrame  # trainings of the 学年 up to T counted for a roster teacher (teacher_key, group, in_term)
    unmatched: pd.DataFrame  # trainings of the 学年 up to T whose 姓名 matches no roster teacher (reason)
    unknown_hours: pd.DataFrame  # counted trainings whose 学时 are unknown
    rules: TrainingRules


def with_hours(frame: pd.DataFrame, rules: TrainingRules) -> pd.DataFrame:
    """Trainings with ``effective_hours`` (学时, else 学分 × credit_hours, else NaN) and ``hours_from``."""
    hours = pd.to_numeric(frame["hours"], errors="coerce")
    credits = pd.to_numeric(frame["credits"], errors="coerce")
    effective = hours.fillna(credits * rules.credit_hours)
    source = pd.Series(FROM_NONE, index=frame.index, dtype=object)
    source[credits.notna()] = FROM_CREDITS
    source[hours.notna()] = FROM_HOURS
    return frame.assign(effective_hours=effective.astype(float), hours_from=source)


def training_view(ds: Dataset, term: str, group: str | None = None, rules: TrainingRules | None = None,
                  roster: pd.DataFrame | None = None) -> TrainingView:
    """Per-teacher hours and targets of ``term`` (and ``group``), with the records behind them.
    With the term's own roster, every 教研组's view is built once per dataset, term and rules and a
    group's is cut from it (a teacher's hours are their own records': the same); shared, read-only."""
    rules = rules or load_rules()
    if roster is None:
        whole = per_dataset(ds, ("training.training_view", term, rules, quota_rules()),
                            lambda: _training_view(ds, term, None, rules, roster_for(ds, term)))
        return for_group(whole, group)
    return _training_view(ds, term, group, rules, roster)


def for_group(view: TrainingView, group: str | None) -> TrainingView:
    """The view of every 教研组 narrowed to one (unchanged for None)."""
    if group is None:
        return view
    records = view.records[view.records["group"] == group].reset_index(drop=True)
    return TrainingView(view.term, view.teachers[view.teachers["group"] == group].reset_index(drop=True), records,
                        view.unmatched.iloc[:0], records[records["effective_hours"].isna()].reset_index(drop=True),
                        view.rules)


def _training_view(ds: Dataset, term: str, group: str | None, rules: TrainingRules,
                   roster: pd.DataFrame) -> TrainingView:
    frame = ds.frame("training")
    rows = frame[frame["term"].isin(year_terms(term))]
    rows = with_hours(rows, rules)
    match = match_names(rows["name_key"], set(roster["name_key"]), ds.aliases)
    rows = pd.concat([rows, match], axis=1)
    groups = dict(zip(roster["name_key"], roster["group"]))
    rows["group"] = rows["teacher_key"].map(groups)
    rows["in_term"] = rows["term"] == term
    unmatched = rows[rows["teacher_key"].isna()]
    unmatched = unmatched.assign(reason=unmatched["match"].map(UNMATCHED_REASONS))
    records = rows[rows["teacher_key"].notna()]
    teachers = roster.copy()
    if group is not None:
        teachers = teachers[teachers["group"] == group]
        records = records[records["group"] == group]
        unmatched = unmatched.iloc[:0] if len(unmatched) else unmatched
    start = dt.date(int(term[:4]), 9, 1)
    matched = [rules.target_for(role if isinstance(role, str) else None, title if isinstance(title, str) else None,
                                age_on(birth, start), age_on(work, start))
               for role, title, birth, work in zip(teachers["role"], teachers["title"], teachers["birth_date"],
                                                   teachers["work_start"])]
    known = records[records["effective_hours"].notna()]
    term_hours = known[known["in_term"]].groupby("teacher_key")["effective_hours"].sum()
    year_hours = known.groupby("teacher_key")["effective_hours"].sum()
    ninety = set(known.loc[known["effective_hours"] >= rules.ninety_hours, "teacher_key"])
    trainings = records[records["in_term"]].groupby("teacher_key").size()
    teachers["hours_term"] = teachers["name_key"].map(term_hours).fillna(0.0).astype(float)
    teachers["hours_year"] = teachers["name_key"].map(year_hours).fillna(0.0).astype(float)
    teachers["trainings"] = teachers["name_key"].map(trainings).fillna(0).astype(int)
    teachers["target"] = [rule.hours for rule in matched]
    teachers["target_rule"] = [rule.describe() for rule in matched]
    teachers["met"] = teachers["hours_year"] >= teachers["target"]
    teachers["owed"] = (teachers["target"] - teachers["hours_year"]).clip(lower=0)
    teachers["ninety"] = teachers["name_key"].isin(ninety)
    return TrainingView(term, teachers.reset_index(drop=True), records.reset_index(drop=True),
                        unmatched.reset_index(drop=True),
                        records[records["effective_hours"].isna()].reset_index(drop=True), rules)


def behind(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers below their 学年 target: most owed first, then by name key."""
    return teachers[~teachers["met"]].sort_values(["owed", "name_key"], ascending=[False, True], kind="stable")


#: what :func:`training_figures` reads of a view's teachers and records
TEACHER_FIGURE_COLUMNS = ["name_key", "group", "hours_term", "hours_year", "target", "met", "owed", "ninety"]
RECORD_FIGURE_COLUMNS = ["in_term", "effective_hours", "level"]


def training_figures(view: TrainingView) -> dict:
    """The ``training`` key of the figures JSON from a view."""
    return _figures(view.teachers[TEACHER_FIGURE_COLUMNS], view.records[RECORD_FIGURE_COLUMNS])


def _figures(teachers: pd.DataFrame, records: pd.DataFrame) -> dict:
    """:func:`training_figures` on the columns it reads: the 学时 summed by pandas as before (the same
    floating-point sums), the counts and the behind list (ordered as :func:`behind`) on plain values."""
    in_term = records[records["in_term"] & records["effective_hours"].notna()]
    hours_term = float(teachers["hours_term"].sum())
    by_level = in_term.groupby(in_term["level"].fillna(LEVEL_UNKNOWN))["effective_hours"].sum()
    rows = list(zip(*(teachers[column].tolist() for column in ("name_key", "group", "hours_year", "target", "met",
                                                                "owed", "ninety"))))
    owing = sorted((row for row in rows if not row[4]), key=lambda row: (-row[5], row[0]))
    return {"training": {
        "hours_term": _number(hours_term),
        "hours_year": _number(teachers["hours_year"].sum()),
        "hours_per_teacher": round(hours_term / len(teachers), 1) if len(teachers) else 0.0,
        "target_met": sum(bool(row[4]) for row in rows),
        "target_teachers": len(rows),
        "behind": [{"name": name, "group": group, "hours": _number(hours), "target": _number(target)}
                   for name, group, hours, target, *_ in owing],
        "ninety_hour_teachers": sum(bool(row[6]) for row in rows),
        "by_level": {level: _number(by_level.get(level, 0.0)) for level in LEVELS},
    }}


def figures_hook(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The ``training`` key of :func:`dashboard.metrics.figures`: the columns read of the term's view of
    every 教研组 kept once per dataset, term and rules, a group's rows cut from them (the same rows, in
    the same order, as its own view: the same sums)."""
    rules = load_rules()

    def columns() -> tuple[pd.DataFrame, pd.DataFrame]:
        whole = training_view(ds, term, None, rules)
        return whole.teachers[TEACHER_FIGURE_COLUMNS], whole.records[[*RECORD_FIGURE_COLUMNS, "group"]]

    teachers, records = per_dataset(ds, ("training.figure_columns", term, rules, quota_rules()), columns)
    if group is not None:
        teachers = teachers[teachers["group"] == group]
        records = records[records["group"] == group]
    return _figures(teachers, records)


# ------------------------------------------------------------ what is shown

def participants(view: TrainingView) -> int:
    """Roster teachers with at least one training ending in the term."""
    return int((view.teachers["trainings"] > 0).sum())


def teacher_table(view: TrainingView) -> pd.DataFrame:
    """Per teacher, as the page and the download show it (most owed first)."""
    rows = view.teachers.sort_values(["owed", "name_key"], ascending=[False, True], kind="stable")
    return pd.DataFrame({
        LABELS["name"]: rows["name_key"], LABELS["group"]: rows["group"],
        LABELS["trainings"]: rows["trainings"], LABELS["hours_term"]: rows["hours_term"].map(fmt),
        LABELS["hours_year"]: rows["hours_year"].map(fmt), LABELS["target"]: rows["target"].map(fmt),
        LABELS["owed"]: rows["owed"].map(fmt), LABELS["met_text"]: rows["met"].map({True: "达标", False: "未达标"}),
        LABELS["ninety_text"]: rows["ninety"].map({True: "是", False: ""}), LABELS["target_rule"]: rows["target_rule"],
    }).reset_index(drop=True)


def record_table(records: pd.DataFrame) -> pd.DataFrame:
    """Training records as shown: unknown 学时 written as 不明."""
    hours = records["effective_hours"].map(lambda value: "不明" if pd.isna(value) else fmt(value))
    return pd.DataFrame({
        LABELS["name"]: records.get("teacher_key", records["name_key"]).fillna(records["name_key"]),
        LABELS["group"]: records["group"] if "group" in records else None,
        LABELS["project"]: records["project"], LABELS["level"]: records["level"].fillna(LEVEL_UNKNOWN),
        LABELS["type"]: records["type"].fillna("—"), LABELS["hours"]: hours,
        LABELS["hours_from"]: records["hours_from"],
        LABELS["start_date"]: records["start_date"], LABELS["end_date"]: records["end_date"],
        LABELS["term_label"]: records["term"].map(term_label),
        LABELS["source_file"]: records["source_file"], LABELS["source_sheet"]: records["source_sheet"],
        LABELS["source_row"]: records["source_row"],
    }).reset_index(drop=True)


def group_table(view: TrainingView) -> pd.DataFrame:
    """Per 教研组: teachers, participants, 学时, 人均学时, 学年达标."""
    teachers = view.teachers
    rows = []
    for name, members in teachers.groupby("group", sort=True):
        hours = float(members["hours_term"].sum())
        rows.append([name, len(members), int((members["trainings"] > 0).sum()), fmt(hours), fmt(hours / len(members)),
                     int(members["met"].sum()), int(members["ninety"].sum())])
    return pd.DataFrame(rows, columns=words.GROUP_COLUMNS)


def summary_text(view: TrainingView, figures: dict) -> str:
    """The 工作总结 paragraph."""
    found = figures["training"]
    teachers = found["target_teachers"]
    share = found["ninety_hour_teachers"] / teachers if teachers else 0.0
    text = (f"本学期参加培训{participants(view)}人，人均{fmt(found['hours_per_teacher'])}学时；"
            f"{found['ninety_hour_teachers']}人参加90学时培训，占{share:.0%}。")
    if teachers:
        text += (f"本学年截至学期末累计培训{fmt(found['hours_year'])}学时，{found['target_met']}人达到学年目标，"
                 f"{teachers - found['target_met']}人未达到（学年已过{year_elapsed(view.term):.0%}）。")
    return text


def overview_hook(figures: dict) -> list[Card]:
    """总览's cards."""
    found = figures.get("training")
    if not found:
        return []
    return [Card(words.OVERVIEW_HOURS_CARD, fmt(found["hours_per_teacher"]), help="本学期结束的培训学时 ÷ 名册教师数"),
            Card(words.OVERVIEW_TARGET_CARD, f"{found['target_met']}/{found['target_teachers']}",
                 help="本学年截至学期末累计学时达到学年目标的教师数 / 教师数"),
            Card(words.NINETY_HOURS_CARD, words.PEOPLE_VALUE.format(found["ninety_hour_teachers"]),
                 help="本学年有一个培训项目不少于90学时的教师")]


def report_hook(ds: Dataset, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    """工作总结's paragraph and per-group table."""
    view = training_view(ds, term, group)
    return [Section(LABELS["title"], summary_text(view, figures), group_table(view),
                    note="学分按规则折算为学时；学时不明的培训不计入合计。")]


def profile_hook(ds: Dataset, teacher_key: str) -> list[Section]:
    """教师档案: every training of the teacher, every term."""
    rules = load_rules()
    frame = with_hours(ds.frame("training"), rules)
    keys = {teacher_key} | {alias for alias, key in ds.aliases.items() if key == teacher_key}
    mine = frame[frame["name_key"].isin(keys)].sort_values(["end_date", "project"], kind="stable", na_position="last")
    if mine.empty:
        return [Section(LABELS["title"], "没有培训记录。")]
    total = mine["effective_hours"].sum()
    text = f"共{len(mine)}项培训，累计{fmt(total)}学时"
    unknown = int(mine["effective_hours"].isna().sum())
    text += f"（另有{unknown}项学时不明）。" if unknown else "。"
    return [Section(LABELS["title"], text, record_table(mine.assign(teacher_key=teacher_key)).drop(columns=[LABELS["group"]]))]




def reminder_hook(ds: Dataset, term: str, group: str, day: dt.date) -> pd.DataFrame:
    """The members of ``group`` still owing 学时 on the 学年 target."""
    view = training_view(ds, term, group)
    rows = behind(view.teachers)

    def hours(value):
        return words.HOURS_VALUE.format(fmt(value))

    return pd.DataFrame({OWED_NAME: rows["name_key"], OWED_ITEM: words.REMINDER_ITEM,
                         OWED_REQUIRED: rows["target"].map(hours), OWED_DONE: rows["hours_year"].map(hours),
                         OWED_LEFT: rows["owed"].map(hours)},
                        columns=REMINDER_COLUMNS).reset_index(drop=True)


def owed_by_pace(view: TrainingView, day: dt.date | None = None) -> pd.Series:
    """Per teacher, the 学时 below the target's share of the 学年 elapsed (0 when on pace)."""
    share = year_elapsed(view.term, day)
    return (view.teachers["target"] * share - view.teachers["hours_year"]).clip(lower=0).map(math.ceil)


def term_end(term: str) -> dt.date:
    return term_bounds(term)[1]


def for_teacher(view: TrainingView, teacher: str | None) -> TrainingView:
    """The view narrowed to one teacher (the page's 教师 filter); unchanged without one."""
    if not teacher:
        return view
    return TrainingView(view.term, view.teachers[view.teachers["name_key"] == teacher].reset_index(drop=True),
                        view.records[view.records["teacher_key"] == teacher].reset_index(drop=True),
                        view.unmatched.iloc[:0], view.unknown_hours[view.unknown_hours["teacher_key"] == teacher],
                        view.rules)


def hours_by_level(view: TrainingView) -> dict[str, float]:
    """学时 of the term per level, 级别不明 included."""
    rows = view.records[view.records["in_term"] & view.records["effective_hours"].notna()]
    return {level: float(hours) for level, hours in
            rows.groupby(rows["level"].fillna(LEVEL_UNKNOWN))["effective_hours"].sum().items()}
