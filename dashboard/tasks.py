"""个人任务 figures: per teacher and category, what was handed in against the target; pure (no Streamlit, no DB).

For term T a teacher's count of a category is the sum of ``count`` of their
records of T (an item row counts 1, a count-table row its number); when a
teacher has item rows of a category in T, their count-table rows of that
category in T are not added (the list of items wins, as a 听课 log wins over
a summary).  Records whose name matches no teacher of T's roster are not
counted (:func:`task_status` returns them).  The target comes from
``data/task_rules.toml`` (:mod:`dashboard.task_rules`): a monthly target
counts × the months of T.  Lists are sorted as ``observations.behind``:
largest shortfall first, then name key, then category order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .contract import term_label
from .dataset import Dataset
from .kinds import Card, Section
from .kinds.tasks import CATEGORIES
from .memo import per_dataset
from .metrics import match_names, roster_for
from .quota import load_rules as quota_rules
from .task_rules import TaskRules, load_task_rules
from .labels import OWED_DONE, OWED_ITEM, OWED_LEFT, OWED_NAME, OWED_REQUIRED, REMINDER_COLUMNS
from .labels import tasks as words
from .labels.tasks import RECORD_COLUMNS, STATUS_COLUMNS, TEXT



@dataclass
class TaskStatus:
    teachers: pd.DataFrame  # one row per roster teacher × category with a target or a record
    records: pd.DataFrame  # the counted records of the term, with teacher_key and group
    unmatched: pd.DataFrame  # records of the term whose name matches no roster teacher


def _counted(records: pd.DataFrame) -> pd.DataFrame:
    """Drop count-table rows of a teacher × category that also has item rows (the items win)."""
    if records.empty:
        return records
    shapes = records["shape"].tolist()  # plain values: a pyarrow column iterates slowly
    pairs = list(zip(records["teacher_key"].tolist(), records["category"].tolist()))
    itemised = {pair for shape, pair in zip(shapes, pairs) if shape == "items"}
    keep = [(shape != "counts") or (pair not in itemised) for shape, pair in zip(shapes, pairs)]
    return records[pd.Series(keep, index=records.index, dtype=bool)]


def task_status(ds: Dataset, term: str, rules: TaskRules | None = None,
                roster: pd.DataFrame | None = None) -> TaskStatus:
    """Every roster teacher of ``term`` × category: count, target (None: no rule), met, gap.
    With the term's own roster, built once per dataset, term and rules (shared, read-only)."""
    rules = rules or load_task_rules()
    if roster is None:
        return per_dataset(ds, ("tasks.task_status", term, rules, quota_rules()),
                           lambda: _task_status(ds, term, rules, roster_for(ds, term)))
    return _task_status(ds, term, rules, roster)


def _task_status(ds: Dataset, term: str, rules: TaskRules, roster: pd.DataFrame) -> TaskStatus:
    frame = ds.frame("tasks")
    rows = frame[frame["term"] == term]
    matched = match_names(rows["name_key"], set(roster["name_key"]), ds.aliases)
    rows = rows.assign(teacher_key=matched["teacher_key"], match=matched["match"])
    groups = dict(zip(roster["name_key"], roster["group"]))
    counted = _counted(rows[rows["teacher_key"].notna()])
    counted = counted.assign(group=counted["teacher_key"].map(groups),
                             count=pd.to_numeric(counted["count"]).fillna(0).astype(int))
    sums = counted.groupby(["teacher_key", "category"])["count"].sum().to_dict()
    out = []
    months = rules.months(term)
    chosen: dict[tuple, tuple] = {}  # (category, role, age, title) -> (target, description): teachers share them
    for name_key, group, age, title, role in zip(*(roster[column].tolist()
                                                   for column in ("name_key", "group", "age", "title", "role"))):
        age = None if pd.isna(age) else int(age)
        title = title if isinstance(title, str) else None
        role = role if isinstance(role, str) else None
        for category in CATEGORIES:
            facts = (category, role, age, title)
            if facts not in chosen:
                rule = rules.rule_for(category, role, age, title)
                chosen[facts] = (rule.target(months), rule.describe()) if rule else (None, None)
            target, described = chosen[facts]
            count = int(sums.get((name_key, category), 0))
            if described is None and not count:
                continue
            out.append({"name_key": name_key, "group": group, "category": category, "count": count,
                        "target": target, "rule": described if described is not None else TEXT["unknown_target"],
                        "met": None if target is None else count >= target,
                        "gap": 0 if target is None else max(target - count, 0)})
    columns = ["name_key", "group", "category", "count", "target", "rule", "met", "gap"]
    teachers = pd.DataFrame(out, columns=columns)
    teachers["target"] = teachers["target"].astype("Int64")
    return TaskStatus(teachers, counted, rows[rows["teacher_key"].isna()])


def behind_tasks(teachers: pd.DataFrame) -> pd.DataFrame:
    """Teacher × category rows below target: largest shortfall first, then name key, then category order."""
    behind = teachers[teachers["target"].notna() & (teachers["gap"] > 0)].copy()
    behind["order"] = behind["category"].map(CATEGORIES.index)
    return behind.sort_values(["gap", "name_key", "order"], ascending=[False, True, True], kind="stable")


#: what :func:`task_figures` reads of :func:`task_status` rows, in the order of :func:`figures_of_rows`' tuples
FIGURE_COLUMNS = ["name_key", "group", "category", "count", "target", "gap"]


def _rows(teachers: pd.DataFrame) -> list[tuple]:
    return list(zip(*(teachers[column].tolist() for column in FIGURE_COLUMNS)))


def task_figures(teachers: pd.DataFrame) -> dict:
    """The ``tasks`` key of the figures JSON from :func:`task_status` rows (already narrowed to a group)."""
    return figures_of_rows(_rows(teachers))


def figures_of_rows(rows: list[tuple]) -> dict:
    """:func:`task_figures` on plain rows (name key, group, category, count, target, gap): a group's
    hundreds of rows are counted in Python, not in pandas calls that each copy columns.  ``behind`` is
    ordered as :func:`behind_tasks` orders it."""
    totals = {category: [0, 0, 0] for category in CATEGORIES}  # handed in, met, with a target
    for _, _, category, count, target, _ in rows:
        found = totals.get(category)
        if found is None:
            continue
        found[0] += int(count)
        if not pd.isna(target):
            found[1] += int(count >= target)
            found[2] += 1
    by_category = {category: {"total": total, "met": met, "target_teachers": targeted}
                   for category, (total, met, targeted) in totals.items()}
    owing = sorted((row for row in rows if not pd.isna(row[4]) and row[5] > 0),
                   key=lambda row: (-row[5], row[0], CATEGORIES.index(row[2])))
    behind = [{"name": name, "group": group, "category": category, "count": int(count), "target": int(target)}
              for name, group, category, count, target, _ in owing]
    return {"tasks": {"by_category": by_category, "behind": behind}}


def group_status(ds: Dataset, term: str, group: str | None, rules: TaskRules | None = None) -> TaskStatus:
    """:func:`task_status` narrowed to one 教研组 (None: all)."""
    status = task_status(ds, term, rules)
    if group is None:
        return status
    return TaskStatus(status.teachers[status.teachers["group"] == group],
                      status.records[status.records["group"] == group], status.unmatched.iloc[:0])


@dataclass
class TaskPage:
    """What the 个人任务 page draws for one filter choice, built once."""

    figures: dict
    categories: pd.DataFrame
    behind: pd.DataFrame
    matrix: pd.DataFrame
    records: pd.DataFrame


def task_page(status: TaskStatus, teacher: str | None = None) -> TaskPage:
    """The page's tables from :func:`group_status` (narrowed to one teacher when chosen)."""
    teachers, records = status.teachers, status.records
    if teacher:
        teachers = teachers[teachers["name_key"] == teacher]
        records = records[records["teacher_key"] == teacher]
    figures = task_figures(teachers)
    behind = behind_tasks(teachers)[list(STATUS_COLUMNS)].rename(columns=STATUS_COLUMNS)
    matrix = teachers.set_index(["name_key", "group", "category"])["count"].unstack(fill_value=0)
    matrix = matrix.reindex(columns=[c for c in CATEGORIES if c in matrix.columns]).reset_index().rename(
        columns={key: STATUS_COLUMNS[key] for key in ("name_key", "group")})
    matrix.columns.name = None
    shown = records[[c for c in RECORD_COLUMNS if c in records.columns]].rename(columns=RECORD_COLUMNS)
    return TaskPage(figures, category_table(figures), behind, matrix, shown)


# ------------------------------------------------------------------- hooks

def figures_hook(ds: Dataset, term: str, group: str | None = None) -> dict:
    """The ``tasks`` key of the figures JSON: the term's teacher rows of the group (the records are not read)."""
    rules = load_task_rules()
    rows = per_dataset(ds, ("tasks.figure_rows", term, rules, quota_rules()),
                       lambda: _rows(task_status(ds, term, rules).teachers))
    return figures_of_rows(rows if group is None else [row for row in rows if row[1] == group])


def _behind_teachers(figures: dict) -> int:
    return len({row["name"] for row in figures["tasks"]["behind"]})


def overview_hook(figures: dict) -> list[Card]:
    tasks = figures["tasks"]
    total = sum(values["total"] for values in tasks["by_category"].values())
    return [Card(TEXT["heading"], words.PIECES_VALUE.format(total), "本学期提交的读书笔记、教学反思、随笔、博文、微课等（名册内教师）"),
            Card(words.BEHIND_OVERVIEW_CARD, words.PEOPLE_VALUE.format(_behind_teachers(figures)),
                 "至少一类任务少于 data/task_rules.toml 要求的教师")]


def category_table(figures: dict) -> pd.DataFrame:
    """Per category: handed in, teachers with a target, of whom met."""
    rows = [dict(zip(words.CATEGORY_COLUMNS, (category, values["total"], values["target_teachers"], values["met"],
                                              values["target_teachers"] - values["met"])))
            for category, values in figures["tasks"]["by_category"].items()]
    return pd.DataFrame(rows)


def summary_text(figures: dict) -> str:
    """'本学期教师提交读书笔记…篇、教学反思…篇……，…人未达要求。'"""
    parts = [f"{category}{values['total']}篇" for category, values in figures["tasks"]["by_category"].items()
             if values["total"] or values["target_teachers"]]
    handed = "、".join(parts) if parts else "个人任务0篇"
    behind = _behind_teachers(figures)
    tail = f"{behind}人未达要求" if behind else "有要求的教师全部达到要求"
    return f"本学期教师提交{handed}，{tail}。"


def report_hook(ds: Dataset, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    behind = pd.DataFrame(figures["tasks"]["behind"], columns=["name", "group", "category", "count", "target"])
    behind = behind.assign(gap=behind["target"] - behind["count"]).rename(
        columns={"name": STATUS_COLUMNS["name_key"], **{key: STATUS_COLUMNS[key] for key in (
            "group", "category", "count", "target", "gap")}})
    note = "要求见 data/task_rules.toml；按月的要求 = 每月篇数 × 本学期计入的月数。"
    return [Section(TEXT["heading"], summary_text(figures), category_table(figures), note),
            Section(words.BEHIND_HEADING, "", behind, "")] if len(behind) else [
        Section(TEXT["heading"], summary_text(figures), category_table(figures), note)]


def profile_hook(ds: Dataset, teacher_key: str) -> list[Section]:
    """Each term's counts per category for one teacher (all records naming them)."""
    frame = ds.frame("tasks")
    keys = {teacher_key} | {alias for alias, key in ds.aliases.items() if key == teacher_key}
    mine = frame[frame["name_key"].isin(keys)]
    if mine.empty:
        return [Section(TEXT["heading"], "没有个人任务记录。")]
    mine = mine.assign(count=pd.to_numeric(mine["count"]).fillna(0).astype(int))
    table = mine.pivot_table(index="term", columns="category", values="count", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[c for c in CATEGORIES if c in table.columns])
    table.index = [term_label(term) for term in table.index]
    table = table.reset_index().rename(columns={"index": RECORD_COLUMNS["term"]})
    return [Section(TEXT["heading"], f"共 {int(mine['count'].sum())} 篇（各学期、各类别）。", table)]


def reminder_hook(ds: Dataset, term: str, group: str, day=None) -> pd.DataFrame:
    """What members of ``group`` still owe this term, one row per teacher × category."""
    behind = behind_tasks(group_status(ds, term, group).teachers)
    return pd.DataFrame({OWED_NAME: behind["name_key"].tolist(),
                         OWED_ITEM: [f"{TEXT['item']}·{category}" for category in behind["category"]],
                         OWED_REQUIRED: behind["target"].astype(int).tolist(),
                         OWED_DONE: behind["count"].astype(int).tolist(),
                         OWED_LEFT: behind["gap"].astype(int).tolist()}, columns=REMINDER_COLUMNS)
