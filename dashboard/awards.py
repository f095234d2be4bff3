"""获奖与发表 by category: the figures, tables, 总览 card, 工作总结 section and 教师档案 section of the
papers kind, whose 论文 are one category among 教学设计, 优质课, 课件 … (pure: no Streamlit, no store).

Counting (the contract's rule, :mod:`dashboard.contract`): a record is one award (or publication) of
one work; it counts for the school when one of its authors is a roster teacher.  项 = records;
人次 (award-times) = one per matched roster author of a record, so a work by three of our teachers is
1 项 and 3 人次.  For a 教研组, a record counts when one of its authors is in the group, and its
人次 are the group's authors only.  A record of unknown category (类别不明) counts in ``awards.total``
and in no category; one of unknown level counts in its category's total and in no level.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from . import metrics
from .contract import AWARD_CATEGORIES, CATEGORY_UNKNOWN, GRADES, LEVEL_UNKNOWN, LEVELS, term_label
from .kinds import Card, Section
from .labels import papers as words
from .labels.papers import ALL, HEADING, ITEMS, LABELS, LEVEL_SHORT, RECORD_COLUMNS, TIMES, TOTAL
from .memo import per_dataset
from .quota import load_rules as quota_rules


def _with_category(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows stored before categories existed (a frames copy of an older store) are 论文."""
    return frame if "category" in frame else frame.assign(category="论文")


@dataclass(frozen=True)
class AwardView:
    """The counted records of one term, every category: with ``matched_authors`` (roster keys, 、-joined),
    ``author_groups`` (each matched author's 教研组, same order), ``groups`` (distinct) and ``times``."""

    term: str
    records: pd.DataFrame
    other_school: pd.DataFrame


def award_view(ds, term: str, roster: pd.DataFrame | None = None) -> AwardView:
    """Every category's records of ``term`` that count for the school (≥1 roster author).
    With the term's own roster, built once per dataset, term and rules (shared, read-only)."""
    standard = metrics.roster_for(ds, term)
    if roster is None or roster is standard:
        return per_dataset(ds, ("awards.award_view", term, quota_rules()), lambda: _award_view(ds, term, standard))
    return _award_view(ds, term, roster)


def _award_view(ds, term: str, roster: pd.DataFrame) -> AwardView:
    found = metrics.paper_records(ds, term, roster, category=None)
    groups = dict(zip(roster["name_key"], roster["group"]))
    records = _with_category(found.records)
    authors = records["matched_authors"].fillna("")
    records = records.assign(
        author_groups=[("、".join(groups[key] for key in keys.split("、")) if keys else "") for keys in authors],
        times=[len(keys.split("、")) if keys else 0 for keys in authors])
    return AwardView(term, records, _with_category(found.other_school))


def scoped(records: pd.DataFrame, group: str | None = None, teacher: str | None = None,
           category: str | None = None) -> pd.DataFrame:
    """Records crediting the group / the teacher, of one category (None or 全部: every one); ``times``
    becomes the 人次 of the group's (the teacher's) authors."""
    rows = records
    if category not in (None, ALL):
        rows = rows[rows["category"].fillna(CATEGORY_UNKNOWN) == category]
    if group is not None:
        times = [sum(g == group for g in groups.split("、")) if groups else 0 for groups in rows["author_groups"]]
        rows = rows.assign(times=times)
        rows = rows[rows["times"] > 0]
    if teacher is not None:
        rows = rows[metrics.in_group(rows, "matched_authors", teacher)] if len(rows) else rows
        rows = rows.assign(times=1)
    return rows


def categories_present(records: pd.DataFrame) -> list[str]:
    """The categories with records, in the contract's order (类别不明 last), for the page's filter."""
    present = set(records["category"].fillna(CATEGORY_UNKNOWN))
    return [c for c in AWARD_CATEGORIES if c in present] + ([CATEGORY_UNKNOWN] if CATEGORY_UNKNOWN in present else [])


def records_table(records: pd.DataFrame) -> pd.DataFrame:
    """Records as shown: Chinese column titles, 类别不明/级别不明 written out."""
    present = [column for column in RECORD_COLUMNS if column in records.columns]
    shown = records[present].assign(category=records["category"].fillna(CATEGORY_UNKNOWN))
    if "level" in shown:
        shown = shown.assign(level=shown["level"].fillna(LEVEL_UNKNOWN))
    return shown.rename(columns=RECORD_COLUMNS).reset_index(drop=True)


def cell_records(records: pd.DataFrame, level: str | None = None, grade: str | None = None) -> pd.DataFrame:
    """The records behind one cell of :func:`level_grade_table` (None, 合计, 项 or 人次 = any)."""
    rows = records
    if level not in (None, TOTAL):
        rows = rows[rows["level"].fillna(LEVEL_UNKNOWN) == level]
    if grade not in (None, TOTAL, ITEMS, TIMES, LABELS["level"]):
        rows = rows[rows["grade"] == grade]
    return rows


# ------------------------------------------------------------------ figures

#: what :func:`award_figures` reads of counted records, in the order of :func:`figures_of_rows`' tuples
FIGURE_COLUMNS = ["category", "times", "level", "grade"]


def award_figures(records: pd.DataFrame) -> dict:
    """The ``awards`` figures of counted records (already narrowed to a group, with its 人次)."""
    return figures_of_rows(list(zip(*(records[column].tolist() for column in FIGURE_COLUMNS))))


def figures_of_rows(records: list[tuple]) -> dict:
    """:func:`award_figures` on plain rows (category, 人次, level, grade): a term's few hundred records are
    counted in Python, not in pandas calls that each copy columns."""
    totals = {category: [0, 0] for category in AWARD_CATEGORIES}
    levels: Counter = Counter()
    grades: Counter = Counter()
    for category, times, level, grade in records:
        if category in totals:
            totals[category][0] += 1
            totals[category][1] += int(times)
            levels[category, level] += 1
            grades[category, grade] += 1
    by_category = {category: {"total": total, "person_times": times,
                              "by_level": {level: levels.get((category, level), 0) for level in LEVELS},
                              "by_grade": {grade: grades.get((category, grade), 0) for grade in GRADES}}
                   for category, (total, times) in totals.items()}
    return {"total": len(records), "person_times": sum(int(row[1]) for row in records), "by_category": by_category}


def figures_hook(ds, term: str, group: str | None = None) -> dict:
    """``awards`` of the figures JSON: total 项 and 人次, and per category (every one, zeros included)
    total, 人次, by level (every level) and by grade (every grade).  The term's records are kept as plain
    rows once per dataset, term and rules; a 教研组's are those with an author in it, their 人次 the
    group's authors (as :func:`scoped` counts them)."""
    records = per_dataset(ds, ("awards.figure_rows", term, quota_rules()),
                          lambda: list(zip(*(award_view(ds, term).records[column].tolist()
                                             for column in (*FIGURE_COLUMNS, "author_groups")))))
    if group is None:
        return {"awards": figures_of_rows([row[:4] for row in records])}
    scoped_rows = []
    for category, _, level, grade, groups in records:
        times = sum(name == group for name in groups.split("、")) if groups else 0
        if times > 0:
            scoped_rows.append((category, times, level, grade))
    return {"awards": figures_of_rows(scoped_rows)}


# ------------------------------------------------------------------ tables

def level_grade_table(records: pd.DataFrame) -> pd.DataFrame:
    """项 per level (rows, 级别不明 when some) × grade (columns, those present), then 项 and 人次
    per level, and a 合计 row."""
    levels = [level for level in LEVELS if (records["level"] == level).any()]
    if records["level"].isna().any():
        levels.append(LEVEL_UNKNOWN)
    grades = [grade for grade in GRADES if (records["grade"] == grade).any()]
    level = records["level"].fillna(LEVEL_UNKNOWN)
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([level, records["grade"]])).groupby(level=[0, 1]).sum()
    table = counts.unstack(fill_value=0).reindex(index=levels, columns=grades, fill_value=0).astype(int)
    table[ITEMS] = level.value_counts().reindex(levels, fill_value=0).astype(int)
    table[TIMES] = records["times"].groupby(level).sum().reindex(levels, fill_value=0).astype(int)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name, table.columns.name = LABELS["level"], None
    return table


def category_table(records: pd.DataFrame) -> pd.DataFrame:
    """项 and 人次 per category (rows, 类别不明 when some) × level, with a 合计 row: the 工作总结 table."""
    filled = records.assign(category=records["category"].fillna(CATEGORY_UNKNOWN),
                            level=records["level"].fillna(LEVEL_UNKNOWN))
    rows = categories_present(records)
    levels = [level for level in (*LEVELS, LEVEL_UNKNOWN) if (filled["level"] == level).any()]
    table = pd.DataFrame(index=pd.Index(rows, name=LABELS["category"]))
    for level in levels:
        at = filled[filled["level"] == level]
        table[f"{level}{ITEMS}"] = at.groupby("category").size().reindex(rows, fill_value=0).astype(int)
        table[f"{level}{TIMES}"] = at.groupby("category")["times"].sum().reindex(rows, fill_value=0).astype(int)
    table[f"{TOTAL}{ITEMS}"] = filled.groupby("category").size().reindex(rows, fill_value=0).astype(int)
    table[f"{TOTAL}{TIMES}"] = filled.groupby("category")["times"].sum().reindex(rows, fill_value=0).astype(int)
    if len(table):
        table.loc[TOTAL] = table.sum(axis=0)
    return table


def by_people_table(records: pd.DataFrame, column: str, order: list[str] | None = None,
                    times_of: str | None = None) -> pd.DataFrame:
    """项 per value of a 、-joined column (教研组 ``groups`` or teacher ``matched_authors``) × level, then
    项 and 人次.  A record counts 1 项 for each value it names; its 人次 there are the entries of
    ``times_of`` (``author_groups``: the authors in the group) equal to the value (a teacher: 1).
    Rows in ``order`` (then pinyin), else most 项 first, then pinyin."""
    from .breakdowns import pinyin_key

    names = records[column].fillna("").str.split("、")
    level = records["level"].fillna(LEVEL_UNKNOWN)
    pairs = pd.DataFrame({"name": names, "level": level}).explode("name")
    pairs = pairs[pairs["name"] != ""]
    levels = [lv for lv in (*LEVELS, LEVEL_UNKNOWN) if (level == lv).any()]
    if pairs.empty:
        return pd.DataFrame(columns=[*levels, ITEMS, TIMES], dtype=int)
    counts = pairs.groupby(["name", "level"]).size()
    table = counts.unstack(fill_value=0).reindex(columns=levels, fill_value=0).astype(int)
    table[ITEMS] = table.sum(axis=1)
    if order is not None:
        rows = [name for name in order if name in table.index] + sorted(set(table.index) - set(order), key=pinyin_key)
    else:
        rows = sorted(table.index, key=lambda name: (-int(table.at[name, ITEMS]), pinyin_key(name)))
    table = table.reindex(rows)
    if times_of is None:
        table[TIMES] = table[ITEMS]
    else:
        exploded = records[times_of].fillna("").str.split("、").explode()
        times = exploded[exploded != ""].value_counts()
        table[TIMES] = [int(times.get(name, 0)) for name in table.index]
    table.index.name, table.columns.name = None, None
    return table


# ------------------------------------------------------------ 总览, 工作总结, 教师档案

def overview_hook(figures: dict) -> list[Card]:
    """总览's card: 获奖与发表 项 and 人次 of the term (none when there are none)."""
    awards = figures.get("awards") or {}
    if not awards.get("total"):
        return []
    named = [f"{category} {data['total']}" for category, data in awards["by_category"].items() if data["total"]]
    return [Card(HEADING, words.CARD_VALUE.format(awards["total"], awards["person_times"]),
                 help="项 = 记录数（一件作品的一次获奖或发表）；人次 = 每条记录的本校作者各计一次。"
                      + ("按类别：" + "、".join(named) + "。" if named else ""))]


def _award_words(level: str | None, grade: str, times: int) -> str:
    """"市一等奖8人次", "省奖项2人次" (等次 not stated), "一等奖（级别不明）1人次"."""
    what = "奖项" if grade == "其他" else grade
    where = LEVEL_SHORT.get(level, "") if level else ""
    return f"{where}{what}{times}人次" if level else f"{what}（{LEVEL_UNKNOWN}）{times}人次"


def competitions_paragraph(records: pd.DataFrame, group: str | None = None) -> str:
    """"本学期我校教师在优质课评比中获市一等奖8人次、区二等奖3人次（共11项）……": every category but
    论文 with records (in the contract's order), levels highest first, then grades, in 人次.

    >>> rows = pd.DataFrame({"category": ["优质课", "优质课", "课件", "论文", None], "times": [5, 3, 1, 2, 1],
    ...                      "level": ["市级", "区县级", None, "省级", "市级"],
    ...                      "grade": ["一等奖", "二等奖", "其他", "一等奖", "一等奖"]})
    >>> competitions_paragraph(rows)
    '本学期我校教师在课件评比中获奖项（级别不明）1人次（共1项）；在优质课评比中获市一等奖5人次、区二等奖3人次（共2项）。另有1项获奖类别不明，计入总数。'
    """
    who = f"{group}教师" if group else "我校教师"
    rank = {level: i for i, level in enumerate(LEVELS)}
    parts = []
    for category in AWARD_CATEGORIES:
        rows = records[records["category"] == category]
        if category == "论文" or rows.empty:
            continue
        counted = rows.groupby([rows["level"].fillna(""), rows["grade"]], sort=False)["times"].sum()
        ordered = sorted(counted.items(), key=lambda item: (rank.get(item[0][0], len(LEVELS)),
                                                            GRADES.index(item[0][1]) if item[0][1] in GRADES else 99))
        awarded = [_award_words(level or None, grade, int(n)) for (level, grade), n in ordered if grade != "发表"]
        published = sum(int(n) for (_, grade), n in ordered if grade == "发表")
        said = ("获" + "、".join(awarded) if awarded else "") + (("，" if awarded else "") + f"发表{published}人次"
                                                                 if published else "")
        where = "其他评比" if category == "其他" else f"{category}评比"
        parts.append(f"在{where}中{said}（共{len(rows)}项）")
    if not parts:
        return ""
    text = f"本学期{who}" + "；".join(parts) + "。"
    unknown = int(records["category"].isna().sum())
    if unknown:
        text += f"另有{unknown}项获奖{CATEGORY_UNKNOWN}，计入总数。"
    return text


def report_hook(ds, term: str, group: str | None, figures: dict, previous: dict | None) -> list[Section]:
    """工作总结: the competitions paragraph (categories other than 论文) and the category × level table
    (项/人次); nothing when the term has no record of another category."""
    records = scoped(award_view(ds, term).records, group)
    if records.empty or records["category"].fillna("").eq("论文").all():
        return []
    awards = figures.get("awards") or award_figures(records)
    note = (f"项 = 记录数；人次 = 本校{'本组' if group else ''}作者各计一次。共 {awards['total']} 项、"
            f"{awards['person_times']} 人次；{CATEGORY_UNKNOWN}、{LEVEL_UNKNOWN}的记录计入合计，不计入任何类别或级别。")
    return [Section(words.REPORT_HEADING, competitions_paragraph(records, group),
                    category_table(records).reset_index(), note)]


def profile_hook(ds, teacher_key: str) -> list[Section]:
    """教师档案: the teacher's awards and publications of every term, by category."""
    rows = []
    for term in metrics.data_terms(ds):
        view = award_view(ds, term)
        mine = scoped(view.records, teacher=teacher_key)
        for record in mine.itertuples():
            rows.append({LABELS["term"]: term_label(term), LABELS["category"]: record.category or CATEGORY_UNKNOWN,
                         LABELS["title"]: record.title or "", LABELS["level"]: record.level or LEVEL_UNKNOWN,
                         LABELS["grade"]: record.grade or ""})
    if not rows:
        return []
    table = pd.DataFrame(rows)
    counts = table[LABELS["category"]].value_counts()
    order = [c for c in (*AWARD_CATEGORIES, CATEGORY_UNKNOWN) if c in counts]
    text = f"各学期共 {len(table)} 项：" + "、".join(f"{c} {int(counts[c])} 项" for c in order) + "。"
    return [Section(HEADING, text, table)]
