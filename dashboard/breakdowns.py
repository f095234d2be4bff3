"""Tables the pages need beyond :mod:`dashboard.metrics`: pure functions, no Streamlit.

One :class:`TermView` holds what metrics computes for a term (roster,
听课 counts, counted 论文, 课题 with flags); the functions below narrow it to
a 教研组 and/or a teacher and cut it into the tables the pages draw: pace
against quota for a given ``today``, per-group 达标率, a weekly timeline,
the level × grade matrix, trends across terms and one teacher's profile.
Every row-level table keeps ``source_file``/``source_sheet``/``source_row``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import pandas as pd
from pypinyin import Style, lazy_pinyin

from . import metrics
from .contract import GRADES, LEVEL_UNKNOWN, LEVELS, STAGES, term_label
from .normalize import name_key, split_names, term_bounds
from .quota import QuotaRule
from .dataset import Dataset
from .kinds import KINDS
# the labels live in dashboard.labels (re-exported here under their old names)
from .labels import (GROUP_RATE_COLUMNS, KPI_LABELS, LESSON_COLUMNS, OVERDUE_COLUMNS, PACE_COLUMNS,
                     PAPER_COLUMNS, PROFILE_OBS_COLUMNS, PROJECT_COLUMNS, SOURCE_COLUMNS, SUMMARY_COLUMNS,
                     TEACHER_COLUMNS, TOTAL, TREND_COLUMNS, UNKNOWN, UNMATCHED_COLUMNS, WEEK_COLUMNS,
                     percent_text)  # noqa: F401

#: A record whose level nothing states (stored as None): see contract.LEVEL_UNKNOWN.
UNKNOWN_LEVEL = LEVEL_UNKNOWN

# ------------------------------------------------------------ display columns

def display(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with only ``columns`` (those present), renamed to their Chinese titles."""
    present = [column for column in columns if column in frame.columns]
    shown = frame[present]
    if "level" in present and shown["level"].isna().any():
        shown = shown.assign(level=shown["level"].fillna(UNKNOWN_LEVEL))
    return shown.rename(columns=columns).reset_index(drop=True)


# ------------------------------------------------------------------ names

#: Surnames read differently from the same character elsewhere (曾 zēng, not céng).
SURNAMES = {"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou", "盖": "ge",
            "覃": "qin", "翟": "zhai", "缪": "miao", "乐": "yue", "尉": "yu", "秘": "bi", "长": "zhang", "员": "yun"}


def _syllables(name: str) -> list[str]:
    han = "".join(ch for ch in (name or "") if "\u4e00" <= ch <= "\u9fff")
    syllables = lazy_pinyin(han, style=Style.NORMAL)
    if han and han[0] in SURNAMES:
        syllables[0] = SURNAMES[han[0]]
    return syllables


def pinyin_key(name: str) -> tuple[str, str]:
    """Sort key by pinyin (surnames read as surnames), then the characters.

    >>> sorted(["王莉", "曾文俊", "安静", "蔡雪", "赵一"], key=pinyin_key)
    ['安静', '蔡雪', '王莉', '曾文俊', '赵一']
    """
    return " ".join(_syllables(name)), name or ""


def initials(name: str) -> str:
    """Pinyin initials, for searching by typing.

    >>> initials("王莉(大)"), initials("曾文俊")
    ('wl', 'zwj')
    """
    base = re.sub(r"[(（].*$", "", name or "")
    return "".join(syllable[0] for syllable in _syllables(base) if syllable)


def group_order(roster: pd.DataFrame) -> list[str]:
    """The 教研组 in the order the roster lists them."""
    return list(dict.fromkeys(roster["group"].dropna())) if len(roster) else []


def teacher_options(roster: pd.DataFrame, group: str | None = None) -> list[tuple[str, str]]:
    """(name key, label) of the roster's teachers, pinyin order; label has group and initials."""
    teachers = roster if group is None else roster[roster["group"] == group]
    keys = sorted(teachers["name_key"], key=pinyin_key)
    groups = dict(zip(teachers["name_key"], teachers["group"]))
    return [(key, f"{key} · {groups[key]} · {initials(key)}") for key in keys]


@dataclass(frozen=True)
class TermChoices:
    """What the sidebar offers for one term: its 教研组, and the teachers (name key -> label) of
    each group (``None``: of all groups)."""

    groups: tuple[str, ...]
    teachers: dict[str | None, dict[str, str]]


def term_choices(roster: pd.DataFrame) -> TermChoices:
    """The sidebar's 教研组 and 教师 options for a term's roster, built once for every group."""
    groups = tuple(group_order(roster))
    return TermChoices(groups, {group: dict(teacher_options(roster, group)) for group in (None, *groups)})


# --------------------------------------------------------------- term view

@dataclass
class TermView:
    """What metrics computes for one term, kept together for narrowing."""

    term: str
    roster: pd.DataFrame
    teachers: pd.DataFrame  # metrics.observation_counts().teachers
    lessons: pd.DataFrame  # counted log rows, with the counted teacher's group
    summaries: pd.DataFrame  # the summary row each summary-only count comes from
    duplicates: pd.DataFrame
    unmatched: pd.DataFrame
    papers: pd.DataFrame  # counted records
    other_papers: pd.DataFrame
    projects: pd.DataFrame  # led by a roster teacher, with flags and member keys
    other_projects: pd.DataFrame
    dataset: Dataset | None = None  # what it was computed from: the declared kinds' figures hooks read it


def _member_keys(projects: pd.DataFrame, roster_keys: set[str], aliases: dict) -> pd.Series:
    """For each project, the roster keys among its members, 、-joined ('' when none)."""
    names = projects["members"].map(lambda cell: [name_key(n) for n in split_names(cell)] if isinstance(cell, str) else [])
    exploded = names.explode().dropna()
    if exploded.empty:
        return pd.Series("", index=projects.index, dtype=object)
    matched = metrics.match_names(exploded.astype(object), roster_keys, aliases)["teacher_key"].dropna()
    joined = matched.groupby(level=0).agg(lambda keys: "、".join(dict.fromkeys(keys)))
    return joined.reindex(projects.index).fillna("").astype(object)


def _status(row) -> str:
    parts = [label for flag, label in (("new", "新立项"), ("in_progress", "在研"), ("concluded", "本学期结题"),
                                        ("overdue", "逾期未结题")) if bool(row[flag])]
    return "、".join(parts) or "—"


def term_view(ds: Dataset, term: str, rules: tuple[QuotaRule, ...] | None = None) -> TermView:
    """Everything the pages show for ``term``, computed once."""
    roster = metrics.roster_for(ds, term, rules)
    obs = metrics.observation_counts(ds, term, rules, roster)
    groups = dict(zip(roster["name_key"], roster["group"]))
    lessons = obs.lessons.copy()
    lessons["group"] = lessons["teacher_key"].map(groups)
    rows = ds.observations[(ds.observations["term"] == term) & (ds.observations["shape"] == "summary")]
    rows = rows.drop_duplicates("observer_key", keep="last")
    rows = pd.concat([rows, metrics.match_names(rows["observer_key"], set(roster["name_key"]), ds.aliases)], axis=1)
    summary_only = set(obs.teachers.loc[obs.teachers["source"] == "汇总表", "name_key"])
    summaries = rows[rows["teacher_key"].isin(summary_only)].copy()
    papers = metrics.paper_records(ds, term, roster)
    projects, others = metrics.project_status(ds, term, roster)
    projects, others = projects.copy(), others.copy()
    for frame in (projects, others):
        if len(frame):
            frame["member_keys"] = _member_keys(frame, set(roster["name_key"]), ds.aliases)
            frame["status"] = frame.apply(_status, axis=1)
        else:
            frame["member_keys"] = pd.Series(dtype=object)
            frame["status"] = pd.Series(dtype=object)
    return TermView(term, roster, obs.teachers, lessons, summaries, obs.duplicates, obs.unmatched,
                    papers.records, papers.other_school, projects, others, ds)


# ---------------------------------------------------------------- scoping

def _has(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    if frame.empty:
        return pd.Series(dtype=bool, index=frame.index)
    return metrics.in_group(frame, column, value)


def _narrow(frame: pd.DataFrame, teacher_column: str, group: str | None, teacher: str | None) -> pd.DataFrame:
    """Rows of the group (by its ``group`` column) and/or of the teacher (by ``teacher_column``)."""
    if group is not None:
        frame = frame[frame["group"] == group]
    if teacher is not None:
        frame = frame[frame[teacher_column] == teacher]
    return frame


def scope_teachers(view: TermView, group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    return _narrow(view.teachers, "name_key", group, teacher)


def scope_lessons(view: TermView, group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    return _narrow(view.lessons, "teacher_key", group, teacher)


def scope_papers(view: TermView, group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    """Counted records crediting the group (any author in it) and/or the teacher (an author)."""
    papers = view.papers
    if group is not None:
        papers = papers[_has(papers, "groups", group)]
    if teacher is not None:
        papers = papers[_has(papers, "matched_authors", teacher)]
    return papers


def scope_projects(view: TermView, group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    """Counted projects of the group (by 负责人) and/or the teacher (as 负责人 or member)."""
    projects = view.projects
    if group is not None:
        projects = projects[projects["group"] == group]
    if teacher is not None:
        projects = projects[(projects["teacher_key"] == teacher) | _has(projects, "member_keys", teacher)]
    return projects


def scoped_figures(view: TermView, group: str | None = None, teacher: str | None = None) -> dict:
    """The figures of :func:`dashboard.metrics.figures`, for a group and/or one teacher.

    Without a teacher this equals ``metrics.figures(ds, term, group)``: the declared kinds' keys
    (:func:`dashboard.metrics.declared_figures`) included; with a teacher, those keys are computed
    on the rows naming that teacher.
    """
    found = metrics.assemble_figures(view.term, scope_teachers(view, group, teacher),
                                     scope_papers(view, group, teacher), scope_projects(view, group, teacher))
    if view.dataset is not None and any(kind.figures_hook for kind in KINDS.values()):
        found.update(metrics.declared_figures(teacher_dataset(view.dataset, teacher, view.term), view.term, group))
    return found


@dataclass(frozen=True)
class _Only:
    """A scope of one teacher (the shape :func:`dashboard.scope.scope_dataset` reads)."""

    teacher: str
    school: None = None
    group: None = None


def teacher_dataset(ds: Dataset, teacher: str | None, term: str) -> Dataset:
    """``ds`` narrowed to the rows about ``teacher`` (unchanged without one)."""
    if teacher is None:
        return ds
    from .scope import scope_dataset

    return scope_dataset(ds, _Only(teacher), term)


# -------------------------------------------------------------------- KPIs

def rate(part: int, whole: int) -> float | None:
    """part / whole, None when there is nothing to divide by."""
    return part / whole if whole else None


def close_rate(concluded: int, overdue: int) -> float | None:
    """结题率 = 本学期结题 ÷ (本学期结题 + 逾期未结题)."""
    return rate(concluded, concluded + overdue)


def kpis(figures: dict) -> dict[str, float | int | None]:
    """The KPI cards' values from a figures dict."""
    published = figures["papers"]["by_grade"].get("发表", 0)
    obs, projects = figures["observations"], figures["projects"]
    return {
        "teachers": figures["teachers"],
        "lessons": obs["total"],
        "met": obs["quota_met"],
        "met_rate": rate(obs["quota_met"], obs["quota_teachers"]),
        "papers": figures["papers"]["total"],
        "awards": figures["papers"]["total"] - published,
        "published": published,
        "in_progress": projects["in_progress"],
        "new": projects["new"],
        "concluded": projects["concluded"],
        "overdue": projects["overdue"],
        "close_rate": close_rate(projects["concluded"], projects["overdue"]),
    }




def kpi_rows(view: TermView, kpi: str, group: str | None = None, teacher: str | None = None,
             today: dt.date | None = None) -> pd.DataFrame:
    """The rows behind one KPI of the term (display columns, with source file, sheet and row).

    听课总节数: the counted log rows, plus the summary row of each teacher who has no log.
    """
    if kpi == "teachers":
        return display(scope_teachers(view, group, teacher), TEACHER_COLUMNS)
    if kpi == "lessons":
        lessons = scope_lessons(view, group, teacher).sort_values("date", kind="stable")
        keys = set(scope_teachers(view, group, teacher)["name_key"])
        summaries = view.summaries[view.summaries["teacher_key"].isin(keys)]
        summaries = summaries.assign(teacher_key=summaries["teacher_key"], teacher="（汇总表）")
        return display(pd.concat([lessons, summaries]), LESSON_COLUMNS)
    if kpi == "met_rate":
        paced = pace(scope_teachers(view, group, teacher), view.term, today or term_bounds(view.term)[1])
        return display(paced.assign(met=paced["met"].map({True: "达标", False: "未达标"})), {"met": "是否达标", **PACE_COLUMNS})
    if kpi == "papers":
        return display(scope_papers(view, group, teacher), PAPER_COLUMNS)
    projects = scope_projects(view, group, teacher)
    return display(projects[projects[kpi].astype(bool)], PROJECT_COLUMNS)


def delta(current: float | None, previous: float | None) -> float | None:
    """Change against the previous term; None when either is unknown."""
    if current is None or previous is None:
        return None
    return current - previous


# -------------------------------------------------------------------- pace

def term_progress(term: str, today: dt.date) -> tuple[float, dt.date]:
    """Share of the term passed by ``today`` (clipped to the term) and the clipped day.

    >>> term_progress("2024-2025-1", dt.date(2024, 9, 1))[0] == 1 / 153
    True
    >>> term_progress("2024-2025-1", dt.date(2030, 1, 1))
    (1.0, datetime.date(2025, 1, 31))
    """
    start, end = term_bounds(term)
    day = min(max(today, start), end)
    return ((day - start).days + 1) / ((end - start).days + 1), day


def pace(teachers: pd.DataFrame, term: str, today: dt.date) -> pd.DataFrame:
    """Per teacher: progress, 节 expected by ``today`` for the share of term passed, and 节 owed.

    ``expected`` = quota × share, rounded half up; ``pace_gap`` = how far
    below that the count is; ``owed`` = 节 still needed for the quota.
    Behind pace first (largest gap), then most owed, then pinyin.
    """
    share, _ = term_progress(term, today)
    frame = teachers.copy()
    frame["expected"] = [math.floor(quota * share + 0.5) for quota in frame["quota"]]
    frame["pace_gap"] = (frame["expected"] - frame["count"]).clip(lower=0).astype(int)
    frame["owed"] = (frame["quota"] - frame["count"]).clip(lower=0).astype(int)
    frame["progress"] = [min(count / quota, 1.0) if quota else 1.0 for count, quota in zip(frame["count"], frame["quota"])]
    frame["_pinyin"] = frame["name_key"].map(pinyin_key)
    frame = frame.sort_values(["pace_gap", "owed", "_pinyin"], ascending=[False, False, True], kind="stable")
    return frame.drop(columns="_pinyin").reset_index(drop=True)




def group_rates(teachers: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Per 教研组: teachers, met, 达标率, 节 counted and owed (roster order)."""
    names = [g for g in (order or []) if g in set(teachers["group"])]
    names += sorted(set(teachers["group"]) - set(names))
    sums = teachers.groupby("group").agg(teachers=("name_key", "size"), met=("met", "sum"),
                                         lessons=("count", "sum"), owed=("owed", "sum")).reindex(names)
    frame = pd.DataFrame({"group": names, **{column: [int(v) for v in sums[column]] for column in sums.columns}},
                         columns=["group", "teachers", "met", "lessons", "owed"])
    frame.insert(3, "rate", [rate(m, n) for m, n in zip(frame["met"], frame["teachers"])])
    return frame


@dataclass
class GroupComparison:
    """The 教研组 comparison of 总览: per-group rates, papers by level, and the table shown."""

    rates: pd.DataFrame
    papers_by_group: pd.DataFrame
    table: pd.DataFrame


def group_comparison(view: TermView, group: str | None = None, teacher: str | None = None) -> GroupComparison:
    """Each 教研组's 听课, 论文 and 课题 side by side, for the filters."""
    rates = group_rates(scope_teachers(view, group, teacher), group_order(view.roster))
    papers = scope_papers(view, group, teacher)
    projects = scope_projects(view, group, teacher)
    by_group = papers_by(papers, "groups", list(rates["group"]))
    table = display(rates, GROUP_RATE_COLUMNS)
    table["达标率"] = rates["rate"].map(percent_text)
    groups = list(rates["group"])
    table["论文篇数"] = [int(by_group.loc[g, TOTAL]) if g in by_group.index else 0 for g in groups]
    flags = projects.groupby("group")[["in_progress", "overdue"]].sum() if len(projects) else None
    for column, flag in (("在研课题", "in_progress"), ("逾期未结题", "overdue")):
        table[column] = [int(flags.loc[g, flag]) if flags is not None and g in flags.index else 0 for g in groups]
    return GroupComparison(rates, by_group, table)




def teacher_rows(view: TermView, teacher: str) -> pd.DataFrame:
    """The rows behind one teacher's count: log rows, else the summary row."""
    lessons = view.lessons[view.lessons["teacher_key"] == teacher]
    if len(lessons):
        return display(lessons.sort_values("date", kind="stable"), LESSON_COLUMNS)
    return display(view.summaries[view.summaries["teacher_key"] == teacher], SUMMARY_COLUMNS)


# ---------------------------------------------------------------- timeline

def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def weekly_lessons(lessons: pd.DataFrame, term: str) -> pd.DataFrame:
    """节 per week (Monday start) from the term's first week to the last week with a lesson.

    Weeks are numbered from the week the term starts in; empty weeks are 0.
    """
    columns = ["week", "week_start", "label", "lessons", "records"]
    dated = lessons[lessons["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=columns)
    first = week_start(term_bounds(term)[0])
    starts = dated["date"].map(week_start)
    sums = dated.groupby(starts)["lessons"].sum()
    records = dated.groupby(starts).size()
    rows = []
    day, number = first, 1
    while day <= max(starts):
        rows.append({"week": number, "week_start": day, "label": f"第{number}周",
                     "lessons": int(sums.get(day, 0)), "records": int(records.get(day, 0))})
        day += dt.timedelta(days=7)
        number += 1
    return pd.DataFrame(rows, columns=columns)




def lessons_in_week(lessons: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    days = lessons["date"].map(lambda d: d is not None and not pd.isna(d) and week_start(d) == start)
    return lessons[days.astype(bool)]


# ------------------------------------------------------------------ papers

def _levels_present(records: pd.DataFrame) -> list[str]:
    return list(LEVELS) + ([UNKNOWN_LEVEL] if records["level"].isna().any() else [])


def _grades_present(records: pd.DataFrame) -> list[str]:
    return list(GRADES) + ([UNKNOWN] if records["grade"].isna().any() else [])


def level_grade_matrix(records: pd.DataFrame) -> pd.DataFrame:
    """Records per level (rows) × grade (columns), with 合计 row and column."""
    levels, grades = _levels_present(records), _grades_present(records)
    filled = records.assign(level=records["level"].fillna(UNKNOWN_LEVEL), grade=records["grade"].fillna(UNKNOWN))
    matrix = pd.crosstab(filled["level"], filled["grade"]).reindex(index=levels, columns=grades, fill_value=0)
    matrix = matrix.astype(int)
    matrix[TOTAL] = matrix.sum(axis=1)
    matrix.loc[TOTAL] = matrix.sum(axis=0)
    matrix.index.name, matrix.columns.name = "级别", None
    return matrix


def paper_cell(records: pd.DataFrame, level: str | None = None, grade: str | None = None) -> pd.DataFrame:
    """The records behind one matrix cell (None or 合计 = any)."""
    rows = records
    if level not in (None, TOTAL):
        rows = rows[rows["level"].fillna(UNKNOWN_LEVEL) == level]
    if grade not in (None, TOTAL):
        rows = rows[rows["grade"].fillna(UNKNOWN) == grade]
    return rows


def papers_by(records: pd.DataFrame, column: str, order: list[str] | None = None) -> pd.DataFrame:
    """Records per value of a 、-joined column (a record counts once for each), × level, with 合计.

    ``order`` fixes the row order; without it rows go most records first, then pinyin.
    """
    levels = _levels_present(records)
    exploded = records.assign(**{column: records[column].fillna("").str.split("、")}).explode(column)
    exploded = exploded[exploded[column] != ""]
    exploded = exploded.assign(level=exploded["level"].fillna(UNKNOWN_LEVEL))
    table = pd.crosstab(exploded[column], exploded["level"]).reindex(columns=levels, fill_value=0).astype(int)
    table[TOTAL] = table.sum(axis=1)
    if order is not None:
        table = table.reindex([name for name in order if name in table.index] +
                              sorted(set(table.index) - set(order), key=pinyin_key))
    else:
        keys = sorted(table.index, key=lambda name: (-table.loc[name, TOTAL], pinyin_key(name)))
        table = table.reindex(keys)
    table.index.name, table.columns.name = None, None
    return table


def papers_of(records: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    return records[_has(records, column, value)]


# ---------------------------------------------------------------- projects

def stage_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per stage, pipeline order (未注明 last when some have none)."""
    stages = list(STAGES) + ([UNKNOWN] if projects["stage"].isna().any() else [])
    counts = projects["stage"].fillna(UNKNOWN).value_counts()
    return pd.DataFrame({"stage": stages, "projects": [int(counts.get(s, 0)) for s in stages]})


def level_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects per level, highest first."""
    levels = _levels_present(projects) if len(projects) else list(LEVELS)
    counts = projects["level"].fillna(UNKNOWN_LEVEL).value_counts()
    return pd.DataFrame({"level": levels, "projects": [int(counts.get(level, 0)) for level in levels]})


def overdue_list(projects: pd.DataFrame, term: str, today: dt.date) -> pd.DataFrame:
    """Overdue projects with the days past 计划结题时间 (as of ``today`` clipped to the term), longest first."""
    _, day = term_progress(term, today)
    overdue = projects[projects["overdue"].astype(bool)].copy()
    overdue["days_overdue"] = [(day - planned).days if planned is not None and not pd.isna(planned) else None
                               for planned in overdue["planned_end_date"]]
    return overdue.sort_values("days_overdue", ascending=False, kind="stable").reset_index(drop=True)




# ------------------------------------------------------------------ trends

def term_trends(views: list[TermView], group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    """One row per term (oldest first): the KPIs and papers by level, for the same scope."""
    rows = []
    for view in views:
        figures = scoped_figures(view, group, teacher)
        row = {"term": view.term, "label": term_label(view.term), **kpis(figures)}
        row.update({f"level:{level}": count for level, count in figures["papers"]["by_level"].items()})
        rows.append(row)
    return pd.DataFrame(rows)




# ----------------------------------------------------------------- profile

@dataclass
class Profile:
    """One teacher across terms."""

    info: pd.Series | None  # the roster row of the latest term the teacher is in
    observations: pd.DataFrame  # one row per term the teacher is on the roster
    lessons: pd.DataFrame  # the counted log rows of every term
    papers: pd.DataFrame  # counted records of every term naming the teacher
    led: pd.DataFrame  # projects as 负责人
    member: pd.DataFrame  # projects as member




#: profile fact -> (roster column, the roster column a missing value comes from)
PROFILE_FACTS = {"教研组": ("group", "教研组"), "职务": ("role", "职务"), "职称": ("title", "职称"),
                 "年龄": ("age", "出生年月"), "教龄": ("seniority", "参加工作时间")}


def profile_facts(info: pd.Series) -> list[tuple[str, str]]:
    """(label, text) of a teacher's roster facts; what the roster does not state is shown as not stated.

    >>> info = pd.Series({"group": "语文组", "role": None, "title": "一级教师", "age": pd.NA, "seniority": 12})
    >>> profile_facts(info)[3:]
    [('年龄', '未注明（名册未填出生年月）'), ('教龄', '12')]
    >>> profile_facts(info)[1]
    ('职务', '—')
    """
    facts = []
    for label, (column, source) in PROFILE_FACTS.items():
        value = info.get(column)
        if value is None or pd.isna(value):
            text = f"{UNKNOWN}（名册未填{source}）" if column in ("age", "seniority") else "—"
        else:
            text = str(value)
        facts.append((label, text))
    return facts


def teacher_profile(views: list[TermView], teacher: str) -> Profile:
    """``teacher`` (a name key) in every term of ``views`` (oldest first)."""
    obs_rows, lessons, papers, info = [], [], [], None
    for view in views:
        row = view.teachers[view.teachers["name_key"] == teacher]
        if len(row):
            record = row.iloc[0]
            info = record
            obs_rows.append({"term": view.term, "label": term_label(view.term), "count": int(record["count"]),
                             "quota": int(record["quota"]), "quota_rule": record["quota_rule"], "met": bool(record["met"]),
                             "met_text": "达标" if record["met"] else "未达标", "source": record["source"],
                             "group": record["group"]})
        lessons.append(view.lessons[view.lessons["teacher_key"] == teacher])
        papers.append(papers_of(view.papers, "matched_authors", teacher))
    latest = views[-1] if views else None
    for view in reversed(views):
        if teacher in set(view.roster["name_key"]):
            latest = view
            break
    if latest is None:
        empty = pd.DataFrame()
        return Profile(None, pd.DataFrame(obs_rows), empty, empty, empty, empty)
    projects = pd.concat([latest.projects, latest.other_projects])
    led = latest.projects[latest.projects["teacher_key"] == teacher]
    member = projects[_has(projects, "member_keys", teacher)] if len(projects) else projects
    obs = pd.DataFrame(obs_rows, columns=["term", "label", "count", "quota", "quota_rule", "met", "met_text", "source", "group"])
    return Profile(info, obs, pd.concat(lessons) if lessons else pd.DataFrame(),
                   pd.concat(papers) if papers else pd.DataFrame(), led, member)
