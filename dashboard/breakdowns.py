"""Tables the pages need beyond :mod:`dashboard.metrics`: pure functions, no Streamlit.

One :class:`TermView` holds what metrics computes for a term (roster,
听课 counts, counted 论文, 课题 with flags); the functions below narrow it to
a 教研组 and/or a teacher and cut it into the tables the pages draw: pace
against quota for a given ``today``, per-group 达标率, a weekly timeline,
the level × grade matrix, trends across terms and one teacher's profile.
Every row-level table keeps ``source_file``/``source_sheet``/``source_row``.

The page tables by subject live in :mod:`dashboard.lesson_tables` (pace, timeline),
:mod:`dashboard.paper_tables` (matrix, counts), :mod:`dashboard.project_tables` and
:mod:`dashboard.profile_tables` (教师档案); this module re-exports their names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
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
from .memo import per_dataset
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


@functools.lru_cache(maxsize=65536)  # a district's names, each read once per process
def _syllables_of(name: str) -> tuple[str, ...]:
    han = "".join(ch for ch in (name or "") if "\u4e00" <= ch <= "\u9fff")
    syllables = lazy_pinyin(han, style=Style.NORMAL)
    if han and han[0] in SURNAMES:
        syllables[0] = SURNAMES[han[0]]
    return tuple(syllables)


def _syllables(name: str) -> list[str]:
    return list(_syllables_of(name))


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
    """The sidebar's 教研组 and 教师 options for a term's roster, built once for every group: the teachers
    sorted once, each group's cut from them (a stable sort of a group gives the same order)."""
    groups = tuple(group_order(roster))
    everyone = teacher_options(roster)
    pairs = sorted(zip(roster["name_key"].tolist(), roster["group"].tolist()), key=lambda pair: pinyin_key(pair[0]))
    by_group = {group: {key: f"{key} · {group} · {initials(key)}" for key, own in pairs if own == group}
                for group in groups}
    return TermChoices(groups, {None: dict(everyone), **by_group})


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
    return metrics.joined_per_record(matched).reindex(projects.index).fillna("").astype(object)


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
    found = dict(core_figures(view, group, teacher))  # the core figures are shared: add to a copy
    if view.dataset is not None and any(kind.figures_hook for kind in KINDS.values()):
        found.update(metrics.declared_figures(teacher_dataset(view.dataset, teacher, view.term), view.term, group))
    return found


def core_figures(view: TermView, group: str | None = None, teacher: str | None = None) -> dict:
    """The figures of 听课, 论文 and 课题 alone (no declared kind's keys): what the KPIs and the
    trends read, without running every kind's figures hook.  Computed once per view, 教研组 and
    teacher (the trends and the term's figures ask for the same); shared, read-only."""
    return per_dataset(view, ("core_figures", group, teacher), lambda: _core_figures(view, group, teacher))


def _core_figures(view: TermView, group: str | None, teacher: str | None) -> dict:
    teachers, papers, projects = per_dataset(view, "figure_rows", lambda: _figure_rows(view))
    if group is not None:
        teachers = [row for row in teachers if row[1] == group]
        papers = [row for row in papers if _names(row[2], group)]
        projects = [row for row in projects if row[5] == group]
    if teacher is not None:
        teachers = [row for row in teachers if row[0] == teacher]
        papers = [row for row in papers if _names(row[3], teacher)]
        projects = [row for row in projects if row[6] == teacher or _names(row[7], teacher)]
    return metrics.figures_of_rows(view.term, teachers, [row[:2] for row in papers], [row[:5] for row in projects])


def _names(cell: object, name: str) -> bool:
    """Whether a 、-joined cell names ``name`` (:func:`dashboard.metrics.in_group` for one value)."""
    return name in (cell if isinstance(cell, str) else "").split("、")


def _figure_rows(view: TermView) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The view's rows as :func:`dashboard.metrics.figures_of_rows` counts them, each followed by what
    :func:`scope_teachers`, :func:`scope_papers` and :func:`scope_projects` narrow on (the same tests, on
    plain values: a 教研组 of a few hundred rows is cut in microseconds, not in pandas copies)."""
    def rows(frame: pd.DataFrame, columns: list[str], scoping: tuple[str, ...]) -> list[tuple]:
        present = [column if column in frame.columns else None for column in scoping]
        return list(zip(*(frame[column].tolist() if column else [None] * len(frame)
                          for column in (*columns, *present))))

    return (rows(view.teachers, metrics.TEACHER_FIGURE_COLUMNS, ()),
            rows(view.papers, metrics.PAPER_FIGURE_COLUMNS, ("groups", "matched_authors")),
            rows(view.projects, metrics.PROJECT_FIGURE_COLUMNS, ("group", "teacher_key", "member_keys")))


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
        return display(paced.assign(met=paced["met"].map({True: "达标", False: "未达标"})), {"met": PROFILE_OBS_COLUMNS["met_text"], **PACE_COLUMNS})
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


@dataclass
class GroupComparison:
    """The 教研组 comparison of 总览: per-group rates, papers by level, and the table shown."""

    rates: pd.DataFrame
    papers_by_group: pd.DataFrame
    table: pd.DataFrame


def group_comparison(view: TermView, group: str | None = None, teacher: str | None = None) -> GroupComparison:
    """Each 教研组's 听课, 论文 and 课题 side by side, for the filters (scoped on the columns read, kept
    once per view: the wide frames cost a copy per mask)."""
    narrow = per_dataset(view, "comparison_columns", lambda: _comparison_columns(view))
    rates = group_rates(scope_teachers(narrow, group, teacher), group_order(view.roster))
    papers = scope_papers(narrow, group, teacher)
    projects = scope_projects(narrow, group, teacher)
    by_group = papers_by(papers, "groups", list(rates["group"]))
    table = display(rates, GROUP_RATE_COLUMNS)
    table["达标率"] = rates["rate"].map(percent_text)
    groups = list(rates["group"])
    table["论文篇数"] = [int(by_group.loc[g, TOTAL]) if g in by_group.index else 0 for g in groups]
    flags = projects[["group", "in_progress", "overdue"]].groupby("group").sum() if len(projects) else None
    for column, flag in (("在研课题", "in_progress"), ("逾期未结题", "overdue")):
        table[column] = [int(flags.loc[g, flag]) if flags is not None and g in flags.index else 0 for g in groups]
    return GroupComparison(rates, by_group, table)


def _comparison_columns(view: TermView) -> TermView:
    """The view with only what :func:`group_comparison` reads and scopes on."""
    def only(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        return frame[[column for column in columns if column in frame.columns]]

    return dataclasses.replace(
        view, teachers=only(view.teachers, ("name_key", "group", "met", "count", "owed")),
        papers=only(view.papers, ("groups", "matched_authors", "level")),
        projects=only(view.projects, ("group", "teacher_key", "member_keys", "in_progress", "overdue")))


# ---------------------------------------------------------------- timeline


# ------------------------------------------------------------------ papers


# ---------------------------------------------------------------- projects


# ------------------------------------------------------------------ trends

def term_trends(views: list[TermView], group: str | None = None, teacher: str | None = None) -> pd.DataFrame:
    """One row per term (oldest first): the KPIs and papers by level, for the same scope."""
    rows = []
    for view in views:  # the KPIs and papers by level read no declared kind's keys
        figures = core_figures(view, group, teacher)
        row = {"term": view.term, "label": term_label(view.term), **kpis(figures)}
        row.update({f"level:{level}": count for level, count in figures["papers"]["by_level"].items()})
        rows.append(row)
    return pd.DataFrame(rows)


# ----------------------------------------------------------------- profile


# The page tables by subject live in modules of their own; their names stay importable from here.
from .lesson_tables import term_progress, pace, group_rates, teacher_rows, week_start, weekly_lessons, lessons_in_week  # noqa: E402,F401
from .paper_tables import _levels_present, _grades_present, level_grade_matrix, paper_cell, papers_by, papers_of  # noqa: E402,F401
from .project_tables import stage_counts, level_counts, overdue_list  # noqa: E402,F401
from .profile_tables import Profile, PROFILE_FACTS, profile_facts, teacher_profile  # noqa: E402,F401
