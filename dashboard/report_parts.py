"""The standing parts of 工作总结: 听课, 论文 and 课题, written every term (``暂无…`` when a kind has
no rows), as the ``summary_hook`` of their kinds' declarations.

Each hook is ``(ds, term, group, figures, previous) -> list[Section]``: the paragraph (its text a
function of this term's and the previous term's figures alone, the numbers it states in
``Section.numbers``) and, when ``ds`` is given, its tables.  ``ds=None`` gives the paragraphs only
(:func:`dashboard.report_text.paragraphs`).  Pure: no Streamlit, no store.
"""

from __future__ import annotations

import pandas as pd

from . import metrics
from .contract import DISTRICT_AND_ABOVE, GRADES, LEVELS
from .dataset import Dataset
from .kinds import Section
from .labels import OTHER_GRADE_LABEL
from .labels import report_percent as percent
from .labels.report import (REPORT_BEHIND_COLUMNS, REPORT_HEADINGS, REPORT_LEVEL, REPORT_LEVEL_UNKNOWN, REPORT_NOTES,
                            REPORT_TABLES, REPORT_TEACHER_COLUMNS, REPORT_TOTAL, REPORT_UNITS, REPORT_YES_NO)
from .report_words import change, clause, joined, rate, rate_change


def derived(fig: dict) -> dict:
    """The numbers the text states that are not literally in the figures."""
    obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
    behind_groups = {row["group"] for row in obs["behind"]}
    due = projects["concluded"] + projects["overdue"]
    return {
        "quota_rate": rate(obs["quota_met"], obs["quota_teachers"]),
        "behind": len(obs["behind"]),
        "owed": sum(row["quota"] - row["count"] for row in obs["behind"]),
        "average": round(obs["total"] / fig["teachers"], 1) if fig["teachers"] else None,
        "full_groups": [name for name in obs["by_group"] if name not in behind_groups],
        "district_above": sum(papers["by_level"][level] for level in DISTRICT_AND_ABOVE),
        "publications": papers["by_grade"]["发表"],
        "due": due,
        "conclusion_rate": rate(projects["concluded"], due),
    }


def previous_derived(previous: dict | None, kind: str) -> dict:
    """:func:`derived` numbers of the previous term for one kind, {} when it has none."""
    if not previous or previous.get(kind) is None:
        return {}
    empty = {"total": 0, "by_group": {}, "quota_met": 0, "quota_teachers": 0, "behind": [],
             "by_level": dict.fromkeys(LEVELS, 0), "by_grade": dict.fromkeys(GRADES, 0),
             "in_progress": 0, "new": 0, "concluded": 0, "overdue": 0}
    filled = {"teachers": previous.get("teachers", 0)}
    for name in ("observations", "papers", "projects"):
        filled[name] = previous.get(name) or empty
    return derived(filled)


def _words(group: str | None) -> tuple[str, str]:
    """(we, everyone) as the paragraphs say them of the school or of one 教研组."""
    return ("本组", "全组") if group else ("我校", "全校")


# ------------------------------------------------------------------ 听课

def observations_part(ds: Dataset | None, term: str, group: str | None, current: dict,
                      previous: dict | None) -> list[Section]:
    """听课情况: totals against the quota, per 教研组, who is behind; the tables of a 教研组's teachers
    (with ``group``) and of the teachers behind."""
    prev = (previous or {}).get("observations")
    now, before = derived(current), previous_derived(previous, "observations")
    we, everyone = _words(group)
    obs = current["observations"]
    unit = REPORT_UNITS["observations"]
    total_change = change(obs["total"], prev["total"] if prev else None, unit)
    rate_text = rate_change(now["quota_rate"], before.get("quota_rate"))
    text = f"一学期来，{everyone}{current['teachers']}位教师共听课{obs['total']}节{clause(total_change)}"
    if now["average"] is not None:
        text += f"，人均{now['average']:g}节"
    text += (f"。按学校听课任务要求，{obs['quota_teachers']}位教师中{obs['quota_met']}人达标，"
             f"达标率为{percent(now['quota_rate'])}{clause(rate_text)}。")
    if not group and obs["by_group"]:
        text += "各教研组听课节数分别为：" + "、".join(f"{name}{count}节" for name, count in obs["by_group"].items()) + "。"
        full = now["full_groups"]
        if full and len(full) == len(obs["by_group"]):
            text += "各教研组全员完成听课任务。"
        elif full:
            text += f"{'、'.join(full)}全员完成听课任务。"
        else:
            text += "目前尚无教研组全员完成听课任务。"
    if now["behind"]:
        text += (f"{we}尚有{now['behind']}位教师未完成听课任务，共差{now['owed']}节，"
                 f"请相关教师在学期结束前补齐。")
    elif obs["quota_teachers"]:
        text += f"{everyone}教师全部完成听课任务。"
    numbers = {"teachers": current["teachers"], "total": obs["total"], "quota_met": obs["quota_met"],
               "quota_teachers": obs["quota_teachers"], "quota_rate": percent(now["quota_rate"]),
               "behind": now["behind"], "owed": now["owed"], "full_groups": now["full_groups"],
               "by_group": dict(obs["by_group"])}
    if prev:
        numbers["total_change"] = obs["total"] - prev["total"]
    tables = ()
    if ds is not None:
        tables = ((teacher_table(ds, term, group),) if group else ()) + (behind_table(current),)
    return [Section(REPORT_HEADINGS["observations"], text, key="observations", numbers=numbers, tables=tables)]


def teacher_table(ds: Dataset, term: str, group: str) -> tuple[str, pd.DataFrame, str]:
    """One row per teacher of ``group``: 听课 count against quota."""
    teachers = metrics.observation_counts(ds, term).teachers
    teachers = teachers[teachers["group"] == group]  # roster order
    label = REPORT_TEACHER_COLUMNS
    frame = pd.DataFrame({label["name"]: teachers["name_key"], label["role"]: teachers["role"].fillna(""),
                          label["count"]: teachers["count"].astype(int), label["quota"]: teachers["quota"].astype(int),
                          label["met"]: teachers["met"].map(REPORT_YES_NO)})
    return REPORT_TABLES["teachers"].format(group=group), frame.reset_index(drop=True), ""


def behind_table(fig: dict) -> tuple[str, pd.DataFrame, str]:
    """Teachers below their 听课 quota, most owed first."""
    label = REPORT_BEHIND_COLUMNS
    rows = [{label["name"]: row["name"], label["group"]: row["group"], label["count"]: row["count"],
             label["quota"]: row["quota"], label["owed"]: row["quota"] - row["count"]}
            for row in fig["observations"]["behind"]]
    frame = pd.DataFrame(rows, columns=list(label.values()))
    return REPORT_TABLES["behind"], frame, ""


# ------------------------------------------------------------------ 论文

def papers_part(ds: Dataset | None, term: str, group: str | None, current: dict,
                previous: dict | None) -> list[Section]:
    """论文获奖与发表: 区级及以上, totals, grades, publications; the level × grade table."""
    papers = current["papers"]
    prev = (previous or {}).get("papers")
    now, before = derived(current), previous_derived(previous, "papers")
    we, _ = _words(group)
    unit = REPORT_UNITS["papers"]
    district = now["district_above"]
    school_level = papers["by_level"]["校级"]
    if district:
        text = (f"一学期来，{we}共有{district}篇论文在区级及以上获奖或发表"
                f"{clause(change(district, before.get('district_above'), unit))}，"
                f"其中{joined(papers['by_level'], DISTRICT_AND_ABOVE, unit)}")
    else:
        text = f"一学期来，{we}暂无论文在区级及以上获奖或发表"
    if school_level:
        text += f"；另有校级{school_level}篇"
    text += f"。全学期获奖或发表的论文共计{papers['total']}篇"
    text += clause(change(papers["total"], prev["total"] if prev else None, unit)) + "。"
    awards = joined(papers["by_grade"], [g for g in GRADES if g != "发表"], unit, {"其他": OTHER_GRADE_LABEL})
    if awards:
        text += f"从等次看，{awards}。"
    if now["publications"]:
        text += (f"在刊物上公开发表论文{now['publications']}篇"
                 f"{clause(change(now['publications'], before.get('publications'), unit))}。")
    else:
        text += "本学期暂无论文在刊物上公开发表。"
    numbers = {"total": papers["total"], "district_above": district, "school_level": school_level,
               "by_level": dict(papers["by_level"]), "by_grade": dict(papers["by_grade"]),
               "publications": now["publications"]}
    if prev:
        numbers["total_change"] = papers["total"] - prev["total"]
        numbers["district_above_change"] = district - before["district_above"]
    tables = (level_grade_table(ds, term, group),) if ds is not None else ()
    return [Section(REPORT_HEADINGS["papers"], text, key="papers", numbers=numbers, tables=tables)]


def level_grade_table(ds: Dataset, term: str, group: str | None = None) -> tuple[str, pd.DataFrame, str]:
    """论文 records of the term counted by level (rows) and grade (columns), with totals."""
    records = metrics.paper_records(ds, term, metrics.roster_for(ds, term)).records
    if group is not None:
        records = records[metrics.in_group(records, "groups", group)]
    levels = list(LEVELS) + ([REPORT_LEVEL_UNKNOWN] if records["level"].isna().any() else [])
    table = pd.crosstab(records["level"].fillna(REPORT_LEVEL_UNKNOWN), records["grade"].fillna("其他"))
    table = table.reindex(index=levels, columns=list(GRADES), fill_value=0).astype(int)
    table[REPORT_TOTAL] = table.sum(axis=1)
    table.loc[REPORT_TOTAL] = table.sum(axis=0)
    frame = table.rename_axis(index=REPORT_LEVEL, columns=None).reset_index()
    return REPORT_TABLES["level_grade"], frame, REPORT_NOTES["level_grade"].format(levels="、".join(DISTRICT_AND_ABOVE))


# ------------------------------------------------------------------ 课题

def projects_part(ds: Dataset | None, term: str, group: str | None, current: dict,
                  previous: dict | None) -> list[Section]:
    """课题研究: in progress, new, concluded, overdue and the conclusion rate."""
    projects = current["projects"]
    prev = (previous or {}).get("projects")
    now = derived(current)
    we, _ = _words(group)
    unit = REPORT_UNITS["projects"]
    ongoing = projects["in_progress"]
    if ongoing:
        text = (f"本学期{we}在研课题{ongoing}项{clause(change(ongoing, prev['in_progress'] if prev else None, unit))}，"
                f"其中{joined(projects['by_level'], LEVELS, unit)}。")
    else:
        text = f"本学期{we}没有在研课题。"
    text += (f"本学期新立项课题{projects['new']}项"
             f"{clause(change(projects['new'], prev['new'] if prev else None, unit))}，"
             f"结题{projects['concluded']}项"
             f"{clause(change(projects['concluded'], prev['concluded'] if prev else None, unit))}。")
    if not now["due"]:
        text += "本学期没有到期需要结题的课题。"
    elif not projects["overdue"]:
        text += f"到期课题全部按时结题，结题率{percent(now['conclusion_rate'])}。"
    else:
        text += (f"另有{projects['overdue']}项课题已过计划结题时间仍未结题，结题率为"
                 f"{percent(now['conclusion_rate'])}（已结题{projects['concluded']}项，应结题{now['due']}项），"
                 f"请课题负责人抓紧做好结题准备。")
    numbers = {"in_progress": ongoing, "by_level": dict(projects["by_level"]), "new": projects["new"],
               "concluded": projects["concluded"], "overdue": projects["overdue"], "due": now["due"],
               "conclusion_rate": percent(now["conclusion_rate"])}
    if prev:
        numbers["in_progress_change"] = ongoing - prev["in_progress"]
    return [Section(REPORT_HEADINGS["projects"], text, key="projects", numbers=numbers)]
