"""Figures from canonical rows: pure functions over DataFrames, no Streamlit.

Everything is computed for one term (and optionally one 教研组) from a
:class:`~dashboard.dataset.Dataset`.  Each table keeps the source file, sheet
and row of what it counts, so every figure can be traced to its rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .contract import GRADES, LEVELS
from .normalize import squash, term_bounds
from .quota import QuotaRule, age_on, describe_for, load_rules, quota_for
from .dataset import Dataset
from .memo import per_dataset
from .kinds import KINDS, hook

NO_GROUP = "未分组"
_BASE = re.compile(r"\(.*\)$")


# ------------------------------------------------------------------ terms

def data_terms(ds: Dataset) -> list[str]:
    """Every term some 听课, 论文 or roster row belongs to, oldest first."""
    terms = set(ds.observations["term"].dropna()) | set(ds.papers["term"].dropna()) | set(ds.roster["term"].dropna())
    return sorted(terms)


# ----------------------------------------------------------------- roster

def applicable_roster_term(roster_terms, term: str) -> str | None:
    """The roster that applies to ``term``: the latest whose term ≤ ``term``, else the earliest.

    >>> applicable_roster_term(["2023-2024-1", "2024-2025-1"], "2024-2025-2")
    '2024-2025-1'
    >>> applicable_roster_term(["2023-2024-1", "2024-2025-1"], "2023-2024-2")
    '2023-2024-1'
    >>> applicable_roster_term(["2024-2025-1"], "2023-2024-1"), applicable_roster_term([], "2023-2024-1")
    ('2024-2025-1', None)
    """
    terms = sorted(roster_terms)
    earlier = [t for t in terms if t <= term]
    return earlier[-1] if earlier else (terms[0] if terms else None)


def roster_for(ds: Dataset, term: str, rules: tuple[QuotaRule, ...] | None = None) -> pd.DataFrame:
    """The teachers of the roster that applies to ``term``, with age, 教龄 and quota.

    The roster is the latest one whose term ≤ ``term``, else the earliest;
    several files of that term together make it (a later file wins a name).
    Computed once per dataset, term and rules (every kind's hook asks for it); shared, read-only.
    """
    rules = rules or load_rules()
    return per_dataset(ds, ("roster_for", term, rules), lambda: _roster_for(ds, term, rules))


def _roster_for(ds: Dataset, term: str, rules: tuple[QuotaRule, ...]) -> pd.DataFrame:
    roster = ds.roster
    columns = ["name_key", "name", "group", "role", "birth_date", "work_start", "title", "age", "seniority",
               "quota", "quota_rule", "roster_term", "source_file", "source_sheet", "source_row"]
    if roster.empty:
        return pd.DataFrame(columns=columns)
    # a narrowed dataset (one 教研组) keeps the terms of the whole roster: a term whose roster has none
    # of the group's teachers must not borrow another term's
    terms = ds.roster_terms if ds.roster_terms is not None else sorted(roster["term"].dropna().unique())
    chosen = applicable_roster_term(terms, term)
    teachers = roster[roster["term"] == chosen].drop_duplicates("name_key", keep="last").copy()
    if teachers.empty:
        return pd.DataFrame(columns=columns)
    start = term_bounds(term)[0]
    teachers["group"] = teachers["group"].fillna(NO_GROUP)
    ages = [age_on(birth, start) for birth in teachers["birth_date"]]
    roles = [role if isinstance(role, str) else None for role in teachers["role"]]
    matched = [quota_for(rules, role, age) for role, age in zip(roles, ages)]
    teachers["age"] = ages
    teachers["seniority"] = [age_on(work, start) for work in teachers["work_start"]]
    teachers["quota"] = [rule.quota for rule in matched]
    teachers["quota_rule"] = [describe_for(rules, rule, age) for rule, age in zip(matched, ages)]
    teachers["roster_term"] = chosen
    teachers["age"] = teachers["age"].astype("Int64")
    teachers["seniority"] = teachers["seniority"].astype("Int64")
    return teachers[columns].reset_index(drop=True)


@dataclass
class NameMatch:
    """Which roster teacher a written name means, and why not when none."""

    key: str | None
    status: str  # matched | alias | ambiguous | unknown | not_ours


def match_names(names: pd.Series, roster_keys: set[str], aliases: dict[str, str | None]) -> pd.DataFrame:
    """For each name key: the roster key it matches (or None) and the status.

    A bare name that fits exactly one disambiguated key (王莉 → 王莉(大))
    matches it; one that fits several is ambiguous and counts for no one.
    """
    by_base: dict[str, list[str]] = {}
    for key in roster_keys:
        by_base.setdefault(_BASE.sub("", key), []).append(key)
    found: dict[str, NameMatch] = {}
    unknown = NameMatch(None, "unknown")  # shared by every unknown name (never modified)
    for name in dict.fromkeys(names.dropna().tolist()):  # plain values: a pyarrow column iterates slowly
        if name in roster_keys:
            found[name] = NameMatch(name, "matched")
        elif name in aliases:
            target = aliases[name]
            if target in roster_keys:
                found[name] = NameMatch(target, "alias")
            else:
                found[name] = NameMatch(None, "not_ours" if target is None else "alias_absent")
        else:
            bases = by_base.get(name)  # never an empty list
            found[name] = unknown if bases is None else NameMatch(bases[0], "matched") if len(bases) == 1 \
                else NameMatch(None, "ambiguous")
    if names.empty:
        keys = names.map(lambda name: None)
        status = names.map(lambda name: "unknown")
    else:
        matched = [found.get(name, unknown) for name in names.tolist()]
        keys = pd.Series([match.key for match in matched], index=names.index)
        status = pd.Series([match.status for match in matched], index=names.index)
    return pd.DataFrame({"teacher_key": keys, "match": status}, index=names.index)


UNMATCHED_REASONS = {
    "ambiguous": "名册中有多位同名教师，无法确定是谁",
    "unknown": "不在本学期适用的名册中",
    "not_ours": "已标记为非本校教师",
    "alias_absent": "已对应到一位教师，但他不在本学期适用的名册中",
}


# ----------------------------------------------------------- observations

@dataclass
class ObservationResult:
    """Per teacher counts against quota, and what was reported on the way."""

    teachers: pd.DataFrame  # one row per roster teacher
    lessons: pd.DataFrame  # counted log rows (de-duplicated, matched)
    duplicates: pd.DataFrame  # log rows counted once because they repeat another
    unmatched: pd.DataFrame  # log/summary rows whose observer matches no roster teacher
    differences: pd.DataFrame  # teachers with both log and summary whose values differ


def observation_counts(ds: Dataset, term: str, rules: tuple[QuotaRule, ...] | None = None,
                       roster: pd.DataFrame | None = None) -> ObservationResult:
    """听课 counts for every roster teacher of ``term`` (contract: log wins over summary).
    With the term's own roster, computed once per dataset, term and rules; shared, read-only."""
    rules = rules or load_rules()
    standard = roster_for(ds, term, rules)
    if roster is None or roster is standard:
        return per_dataset(ds, ("observation_counts", term, rules), lambda: _observation_counts(ds, term, standard))
    return _observation_counts(ds, term, roster)


def _observation_counts(ds: Dataset, term: str, roster: pd.DataFrame) -> ObservationResult:
    keys = set(roster["name_key"])
    rows = ds.observations[ds.observations["term"] == term]
    rows = pd.concat([rows, match_names(rows["observer_key"], keys, ds.aliases)], axis=1)
    logs = rows[rows["shape"] == "log"].copy()
    logs["who"] = logs["teacher_key"].fillna(logs["observer_key"])
    same_lesson = ["date", "who", "teacher", "class_name", "period"]
    repeated = logs.duplicated(same_lesson, keep="first")
    duplicates = logs[repeated]
    logs = logs[~repeated]
    summary = rows[rows["shape"] == "summary"].drop_duplicates("observer_key", keep="last")
    unmatched = pd.concat([logs[logs["teacher_key"].isna()], summary[summary["teacher_key"].isna()]])
    unmatched = unmatched.assign(reason=unmatched["match"].map(UNMATCHED_REASONS))
    logs = logs[logs["teacher_key"].notna()]
    summary = summary[summary["teacher_key"].notna()]
    log_sum = logs.groupby("teacher_key")["lessons"].sum()
    summary_value = summary.groupby("teacher_key")["lessons"].last()
    teachers = roster.copy()
    teachers["log_count"] = teachers["name_key"].map(log_sum).astype("Int64")
    teachers["summary_count"] = teachers["name_key"].map(summary_value).astype("Int64")
    teachers["count"] = teachers["log_count"].fillna(teachers["summary_count"]).fillna(0).astype(int)
    teachers["source"] = teachers["log_count"].notna().map({True: "听课记录", False: "汇总表"})
    teachers.loc[teachers["log_count"].isna() & teachers["summary_count"].isna(), "source"] = "无记录"
    teachers["met"] = teachers["count"] >= teachers["quota"]
    teachers["owed"] = (teachers["quota"] - teachers["count"]).clip(lower=0)
    both = teachers["log_count"].notna() & teachers["summary_count"].notna()
    differences = teachers[both & (teachers["log_count"] != teachers["summary_count"])][
        ["name_key", "group", "log_count", "summary_count"]]
    return ObservationResult(teachers, logs, duplicates, unmatched, differences)


def behind_list(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teachers below quota: most owed first, then by name key (code points)."""
    behind = teachers[~teachers["met"]].copy()
    behind["gap"] = behind["quota"] - behind["count"]
    return behind.sort_values(["gap", "name_key"], ascending=[False, True], kind="stable")


# ------------------------------------------------------------------ papers

@dataclass
class PaperResult:
    records: pd.DataFrame  # counted records, with matched authors and their groups
    other_school: pd.DataFrame  # records with no author in the roster


def paper_records(ds: Dataset, term: str, roster: pd.DataFrame, category: str | None = "论文") -> PaperResult:
    """Records of ``term`` that count for this school (≥1 author in the roster), of one 获奖与发表
    category (default 论文, the papers of every figure so far; None: every category, 类别不明 too).
    With the term's own roster, computed once per dataset, term and rules; shared, read-only."""
    if roster is roster_for(ds, term):
        return per_dataset(ds, ("paper_records", term, load_rules(), category),
                           lambda: _paper_records(ds, term, roster, category))
    return _paper_records(ds, term, roster, category)


def _paper_records(ds: Dataset, term: str, roster: pd.DataFrame, category: str | None) -> PaperResult:
    papers = ds.papers[ds.papers["term"] == term]
    if category is not None and "category" in papers:
        papers = papers[papers["category"] == category]
    papers = papers.copy()
    authors = papers["authors"].fillna("").str.split("、").explode()
    matches = match_names(authors, set(roster["name_key"]), ds.aliases)
    groups = dict(zip(roster["name_key"], roster["group"]))
    papers["matched_authors"] = joined_per_record(matches["teacher_key"].dropna()).reindex(papers.index)
    papers["groups"] = papers["matched_authors"].map(
        lambda keys: "、".join(dict.fromkeys(groups[k] for k in keys.split("、"))) if isinstance(keys, str) else None)
    counted = papers[papers["matched_authors"].notna()]
    return PaperResult(counted, papers[papers["matched_authors"].isna()])


def joined_per_record(keys: pd.Series) -> pd.Series:
    """Per index value (a record, exploded): its keys in order, each once, 、-joined.  A groupby with a
    Python aggregate per record cost ~13 ms a term; one pass over plain values gives the same strings."""
    if keys.empty:
        return keys.groupby(level=0).agg(lambda found: "、".join(dict.fromkeys(found)))
    joined: dict = {}
    for record, key in zip(keys.index.tolist(), keys.tolist()):
        joined.setdefault(record, {})[key] = None
    order = sorted(joined)  # the groupby's order
    return pd.Series(["、".join(joined[record]) for record in order], index=pd.Index(order, dtype=keys.index.dtype),
                     dtype="str")


def in_group(frame: pd.DataFrame, column: str, group: str) -> pd.Series:
    """Rows whose 、-joined ``column`` contains ``group``."""
    return frame[column].fillna("").str.split("、").map(lambda groups: group in groups).astype(bool)


# ----------------------------------------------------------------- projects

def merged_projects(ds: Dataset) -> pd.DataFrame:
    """One row per project across all lists (same title and 负责人): the
    latest list's non-blank value of each field wins.  Computed once per dataset; shared, read-only."""
    return per_dataset(ds, "merged_projects", lambda: _merged_projects(ds))


def _merged_projects(ds: Dataset) -> pd.DataFrame:
    projects = ds.projects.copy()
    if projects.empty:
        return projects.assign(project_key=pd.Series(dtype=object), sources=pd.Series(dtype=object))
    # a project whose 负责人 cell named nobody (only 主研/负责) has no leader_key: kept, keyed by its title
    projects["project_key"] = projects["title"].map(squash) + "|" + projects["leader_key"].fillna("")
    projects["sources"] = projects["source_file"] + " 第" + projects["source_row"].astype(str) + "行"
    projects = projects.sort_values(["batch_id", "id"], kind="stable")
    merged = projects.groupby("project_key", sort=False).last()
    merged["sources"] = projects.groupby("project_key", sort=False)["sources"].agg("；".join)
    return merged.reset_index()


def project_status(ds: Dataset, term: str, roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Projects led by a roster teacher, with in_progress/new/concluded/overdue
    flags for ``term``; and the projects of the term whose 负责人 is not in
    the roster (reported, not counted).  With the term's own roster, computed once per dataset,
    term and rules; shared, read-only."""
    if roster is roster_for(ds, term):
        return per_dataset(ds, ("project_status", term, load_rules()), lambda: _project_status(ds, term, roster))
    return _project_status(ds, term, roster)


def _project_status(ds: Dataset, term: str, roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    projects = merged_projects(ds).copy()  # shared: the flags go on a copy
    start, end = (pd.Timestamp(day) for day in term_bounds(term))
    if projects.empty:
        flags = ["in_progress", "new", "concluded", "overdue"]
        empty = projects.assign(teacher_key=pd.Series(dtype=object), group=pd.Series(dtype=object),
                                **{flag: pd.Series(dtype=bool) for flag in flags})
        return empty, empty
    match = match_names(projects["leader_key"], set(roster["name_key"]), ds.aliases)
    projects["teacher_key"] = match["teacher_key"]
    projects["group"] = projects["teacher_key"].map(dict(zip(roster["name_key"], roster["group"])))
    approved = pd.to_datetime(projects["approved_date"])
    concluded = pd.to_datetime(projects["concluded_date"])
    planned = pd.to_datetime(projects["planned_end_date"])
    stopped = projects["stage"] == "终止"
    applied = projects["stage"] == "申报"
    projects["in_progress"] = (approved <= end) & ~stopped & ~applied & ~(concluded < start)
    projects["new"] = approved.between(start, end) & ~applied
    projects["concluded"] = concluded.between(start, end)
    projects["overdue"] = (planned < end) & ~(concluded <= end) & ~stopped
    counted = projects[projects["teacher_key"].notna()]
    others = projects[projects["teacher_key"].isna()]
    touches_term = others["in_progress"] | others["new"] | others["concluded"] | others["overdue"]
    return counted, others[touches_term.astype(bool)]


# ------------------------------------------------------------------ figures

def figures(ds: Dataset, term: str, group: str | None = None, rules: tuple[QuotaRule, ...] | None = None) -> dict:
    """The figures JSON of the contract for one term (and 教研组)."""
    return {**core_figures(ds, term, group, rules), **declared_figures(ds, term, group)}


def core_figures(ds: Dataset, term: str, group: str | None = None, rules: tuple[QuotaRule, ...] | None = None) -> dict:
    """The figures of 听课, 论文 and 课题 alone (:func:`figures` without the declared kinds' keys)."""
    roster = roster_for(ds, term, rules)
    teachers = observation_counts(ds, term, rules, roster).teachers
    papers = paper_records(ds, term, roster).records
    projects, _ = project_status(ds, term, roster)
    if group is not None:
        teachers = teachers[teachers["group"] == group]
        papers = papers.loc[in_group(papers, "groups", group)]
        projects = projects[projects["group"] == group]
    return assemble_figures(term, teachers, papers, projects)


def declared_figures(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The figures JSON keys of every kind whose declaration names a figures hook
    (:mod:`dashboard.kinds`), in the declarations' order."""
    found: dict = {}
    for kind in KINDS.values():
        compute = hook(kind, "figures_hook")
        if compute is not None:
            found.update(compute(ds, term, group))
    return found


#: what :func:`assemble_figures` reads of each frame, in the order of :func:`figures_of_rows`' tuples
TEACHER_FIGURE_COLUMNS = ["name_key", "group", "count", "quota", "met"]
PAPER_FIGURE_COLUMNS = ["level", "grade"]
PROJECT_FIGURE_COLUMNS = ["in_progress", "new", "concluded", "overdue", "level"]


def figure_rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """``frame``'s ``columns`` as plain tuples, one per row (what :func:`figures_of_rows` counts)."""
    return list(zip(*(frame[column].tolist() for column in columns)))


def assemble_figures(term: str, teachers: pd.DataFrame, papers: pd.DataFrame, projects: pd.DataFrame) -> dict:
    """The figures JSON from the rows that count: teachers with their counts,
    counted paper records, counted projects with their flags."""
    return figures_of_rows(term, figure_rows(teachers, TEACHER_FIGURE_COLUMNS),
                           figure_rows(papers, PAPER_FIGURE_COLUMNS), figure_rows(projects, PROJECT_FIGURE_COLUMNS))


def figures_of_rows(term: str, teachers: list[tuple], papers: list[tuple], projects: list[tuple]) -> dict:
    """:func:`assemble_figures` on plain rows: teachers (name key, group, count, quota, met), papers (level,
    grade), projects (in progress, new, concluded, overdue, level).  A few hundred rows: counting them in
    Python costs far less than the pandas calls it took (each a copy of pyarrow columns).  ``behind`` is
    ordered as :func:`behind_list` orders it: most owed first, then name key (code points)."""
    per_group: dict[str, int] = {}
    for _, group, count, _, _ in teachers:
        per_group[group] = per_group.get(group, 0) + int(count)
    behind = sorted((row for row in teachers if not row[4]), key=lambda row: (-(row[3] - row[2]), row[0]))
    levels = Counter(row[0] for row in papers)
    grades = Counter(row[1] for row in papers)
    flags = [tuple(bool(flag) for flag in row[:4]) for row in projects]
    in_progress = Counter(row[4] for row, flag in zip(projects, flags) if flag[0])
    return {
        "term": term,
        "teachers": len(teachers),
        "observations": {
            "total": sum(int(row[2]) for row in teachers),
            "by_group": {name: per_group[name] for name in sorted(per_group)},
            "quota_met": sum(bool(row[4]) for row in teachers),
            "quota_teachers": len(teachers),
            "behind": [{"name": name, "group": group, "count": int(count), "quota": int(quota)}
                       for name, group, count, quota, _ in behind],
        },
        "papers": {
            "total": len(papers),
            "by_level": {key: levels.get(key, 0) for key in LEVELS},
            "by_grade": {key: grades.get(key, 0) for key in GRADES},
        },
        "projects": {
            "in_progress": sum(flag[0] for flag in flags),
            "new": sum(flag[1] for flag in flags),
            "concluded": sum(flag[2] for flag in flags),
            "overdue": sum(flag[3] for flag in flags),
            "by_level": {key: in_progress.get(key, 0) for key in LEVELS},
        },
    }
