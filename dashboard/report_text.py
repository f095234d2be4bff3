"""The term report's content: 工作总结 paragraphs from the figures, and the report's tables.

:func:`paragraphs` is a pure function of two figures dicts (this term's and
the previous term's, as :func:`dashboard.metrics.figures` returns them): every
number it writes is in the figures or derived from them in :func:`derived`,
and each paragraph lists the numbers it states in ``numbers`` so a test can
trace them.  :func:`build_report` gathers figures and tables from a dataset.

结题率 = 本学期结题数 ÷ (本学期结题数 + 逾期未结题数); ``None`` when both are 0.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from . import metrics
from .contract import DISTRICT_AND_ABOVE, GRADES, LEVELS, term_label
from .normalize import previous_term
from .dataset import Dataset
from .declared import report_sections
from .kinds import Kind, Section
from .labels import OTHER_GRADE_LABEL, report_percent as percent  # noqa: F401 - the labels live in one module

DEFAULT_SCHOOL = "示例学校"


def school_name(value: str | None = None) -> str:
    """The school in the report title: ``value``, else env DASHBOARD_SCHOOL, else 示例学校."""
    return (value or os.environ.get("DASHBOARD_SCHOOL") or "").strip() or DEFAULT_SCHOOL


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report and the numbers it states, by name."""

    key: str  # intro | observations | papers | projects | <declared kind>_<n>
    heading: str
    text: str
    numbers: dict = field(default_factory=dict)


@dataclass
class ReportTable:
    """A table of the report: caption (also the .xlsx sheet name), rows, a note under it,
    and the paragraph (key) it belongs after in the .docx."""

    name: str
    frame: pd.DataFrame
    note: str = ""
    section: str = "intro"


@dataclass
class Report:
    """Everything the .docx and .xlsx are made of."""

    school: str
    term: str
    group: str | None
    figures: dict
    previous: dict | None
    paragraphs: list[Paragraph]
    tables: list[ReportTable]

    def table(self, name: str) -> ReportTable:
        return next(table for table in self.tables if table.name == name)

    @property
    def title(self) -> str:
        scope = f"{self.group}" if self.group else ""
        return f"{self.school}{term_label(self.term)}{scope}教科研工作总结"

    @property
    def filters(self) -> list[tuple[str, str]]:
        """(label, value) of the filters, as stated on top of each exported sheet."""
        return [("学校", self.school), ("学期", term_label(self.term)), ("教研组", self.group or "全部教研组")]


# ------------------------------------------------------------------ numbers

def rate(part: int, whole: int) -> float | None:
    """``part / whole`` or None when ``whole`` is 0."""
    return part / whole if whole else None


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


def change(now: int, before: int | None, unit: str) -> str:
    """'比上学期增加5篇' and the like; '' when there is nothing to compare with.

    >>> change(20, 15, "篇"), change(3, 5, "项"), change(4, 4, "节"), change(4, None, "节")
    ('比上学期增加5篇', '比上学期减少2项', '与上学期持平', '')
    """
    if before is None:
        return ""
    if now > before:
        return f"比上学期增加{now - before}{unit}"
    if now < before:
        return f"比上学期减少{before - now}{unit}"
    return "与上学期持平"


def rate_change(now: float | None, before: float | None) -> str:
    """'比上学期提高3.2个百分点' and the like.

    >>> rate_change(0.75, 0.7), rate_change(0.7, 0.75), rate_change(0.5, 0.5), rate_change(0.5, None)
    ('比上学期提高5个百分点', '比上学期下降5个百分点', '与上学期持平', '')
    """
    if now is None or before is None:
        return ""
    points = round((now - before) * 100, 1)
    text = f"{abs(points):.1f}".removesuffix(".0")
    if points > 0:
        return f"比上学期提高{text}个百分点"
    if points < 0:
        return f"比上学期下降{text}个百分点"
    return "与上学期持平"


def _joined(counts: dict[str, int], keys, unit: str, labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    return "、".join(f"{labels.get(key, key)}{counts[key]}{unit}" for key in keys if counts.get(key))


def _clause(text: str) -> str:
    return f"，{text}" if text else ""


# --------------------------------------------------------------- paragraphs

def paragraphs(current: dict, previous: dict | None = None, *, school: str = DEFAULT_SCHOOL,
               group: str | None = None) -> list[Paragraph]:
    """The report's paragraphs from this term's and the previous term's figures.

    ``previous`` may be None (no data for the previous term), or have None
    for a kind the previous term has no data of; then no change is stated.
    """
    previous = previous or {}
    now = derived(current)
    we = "本组" if group else "我校"
    everyone = "全组" if group else "全校"
    term = term_label(current["term"])
    result = [_intro(current, previous, school, group, term)]
    result.append(_observations(current, previous.get("observations"), now, we, everyone, group,
                                previous_derived(previous, "observations")))
    result.append(_papers(current["papers"], previous.get("papers"), now, we, previous_derived(previous, "papers")))
    result.append(_projects(current["projects"], previous.get("projects"), now, we,
                            previous_derived(previous, "projects")))
    return result


def previous_derived(previous: dict, kind: str) -> dict:
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


def _intro(current: dict, previous: dict, school: str, group: str | None, term: str) -> Paragraph:
    who = f"{school}{group}" if group else school
    text = (f"{term}，{who}共有教师{current['teachers']}人。现将本学期听课、论文、课题三方面的工作情况"
            f"总结如下。")
    missing = [label for kind, label in (("observations", "听课"), ("papers", "论文"), ("projects", "课题"))
               if not previous or previous.get(kind) is None]
    if missing:
        text += f"（上学期没有{'、'.join(missing)}数据，相关数字未与上学期比较。）"
    return Paragraph("intro", "", text, {"teachers": current["teachers"]})


def _observations(current: dict, prev: dict | None, now: dict, we: str, everyone: str, group: str | None,
                  before: dict) -> Paragraph:
    obs = current["observations"]
    total_change = change(obs["total"], prev["total"] if prev else None, "节")
    rate_text = rate_change(now["quota_rate"], before.get("quota_rate"))
    text = f"一学期来，{everyone}{current['teachers']}位教师共听课{obs['total']}节{_clause(total_change)}"
    if now["average"] is not None:
        text += f"，人均{now['average']:g}节"
    text += (f"。按学校听课任务要求，{obs['quota_teachers']}位教师中{obs['quota_met']}人达标，"
             f"达标率为{percent(now['quota_rate'])}{_clause(rate_text)}。")
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
    return Paragraph("observations", "一、听课情况", text, numbers)


def _papers(papers: dict, prev: dict | None, now: dict, we: str, before: dict) -> Paragraph:
    district = now["district_above"]
    school_level = papers["by_level"]["校级"]
    if district:
        text = (f"一学期来，{we}共有{district}篇论文在区级及以上获奖或发表"
                f"{_clause(change(district, before.get('district_above'), '篇'))}，"
                f"其中{_joined(papers['by_level'], DISTRICT_AND_ABOVE, '篇')}")
    else:
        text = f"一学期来，{we}暂无论文在区级及以上获奖或发表"
    if school_level:
        text += f"；另有校级{school_level}篇"
    text += f"。全学期获奖或发表的论文共计{papers['total']}篇"
    text += _clause(change(papers["total"], prev["total"] if prev else None, "篇")) + "。"
    awards = _joined(papers["by_grade"], [g for g in GRADES if g != "发表"], "篇", {"其他": OTHER_GRADE_LABEL})
    if awards:
        text += f"从等次看，{awards}。"
    if now["publications"]:
        text += (f"在刊物上公开发表论文{now['publications']}篇"
                 f"{_clause(change(now['publications'], before.get('publications'), '篇'))}。")
    else:
        text += "本学期暂无论文在刊物上公开发表。"
    numbers = {"total": papers["total"], "district_above": district, "school_level": school_level,
               "by_level": dict(papers["by_level"]), "by_grade": dict(papers["by_grade"]),
               "publications": now["publications"]}
    if prev:
        numbers["total_change"] = papers["total"] - prev["total"]
        numbers["district_above_change"] = district - before["district_above"]
    return Paragraph("papers", "二、论文获奖与发表", text, numbers)


def _projects(projects: dict, prev: dict | None, now: dict, we: str, before: dict) -> Paragraph:
    ongoing = projects["in_progress"]
    if ongoing:
        text = (f"本学期{we}在研课题{ongoing}项{_clause(change(ongoing, prev['in_progress'] if prev else None, '项'))}，"
                f"其中{_joined(projects['by_level'], LEVELS, '项')}。")
    else:
        text = f"本学期{we}没有在研课题。"
    text += (f"本学期新立项课题{projects['new']}项"
             f"{_clause(change(projects['new'], prev['new'] if prev else None, '项'))}，"
             f"结题{projects['concluded']}项"
             f"{_clause(change(projects['concluded'], prev['concluded'] if prev else None, '项'))}。")
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
    return Paragraph("projects", "三、课题研究", text, numbers)


# ------------------------------------------------------------------ dataset

def previous_figures(ds: Dataset, term: str, group: str | None = None) -> dict | None:
    """The previous term's figures, with None for each kind it has no rows of (None: no data at all)."""
    before = previous_term(term)
    has = {"observations": (ds.observations["term"] == before).any(),
           "papers": (ds.papers["term"] == before).any(),
           "projects": not ds.projects.empty and before in metrics.data_terms(ds)}
    if not any(has.values()):
        return None
    fig = metrics.figures(ds, before, group)
    for kind, present in has.items():
        if not present:
            fig[kind] = None
    return fig


def group_names(ds: Dataset, term: str, fig: dict) -> list[str]:
    """The term's 教研组 in the order the roster lists them."""
    listed = metrics.roster_for(ds, term)["group"]
    return [name for name in dict.fromkeys(listed) if name in fig["observations"]["by_group"]]


def group_table(ds: Dataset, term: str, whole: dict) -> ReportTable:
    """One row per 教研组 and a 全校 row: 听课, 论文, 课题 of the term."""
    rows = []
    for name in group_names(ds, term, whole):
        rows.append(_group_row(name, metrics.core_figures(ds, term, name)))  # the row reads no declared kind
    rows.append(_group_row("全校", whole))
    note = "一篇论文的作者分属几个教研组时，在每个组各计一次，因此各组论文数之和可能大于全校数。"
    return ReportTable("各教研组情况", pd.DataFrame(rows), note, "intro")


def _group_row(name: str, fig: dict) -> dict:
    now = derived(fig)
    obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
    return {"教研组": name, "教师数": fig["teachers"], "听课节数": obs["total"], "达标人数": obs["quota_met"],
            "达标率": percent(now["quota_rate"]), "论文数": papers["total"], "区级及以上论文": now["district_above"],
            "在研课题": projects["in_progress"], "新立项": projects["new"], "结题": projects["concluded"],
            "逾期未结题": projects["overdue"]}


def teacher_table(ds: Dataset, term: str, group: str) -> ReportTable:
    """One row per teacher of ``group``: 听课 count against quota."""
    teachers = metrics.observation_counts(ds, term).teachers
    teachers = teachers[teachers["group"] == group]  # roster order
    frame = pd.DataFrame({"姓名": teachers["name_key"], "职务": teachers["role"].fillna(""),
                          "听课节数": teachers["count"].astype(int), "任务节数": teachers["quota"].astype(int),
                          "是否达标": teachers["met"].map({True: "是", False: "否"})})
    return ReportTable(f"{group}教师听课情况", frame.reset_index(drop=True), section="observations")


def level_grade_table(ds: Dataset, term: str, group: str | None = None) -> ReportTable:
    """论文 records of the term counted by level (rows) and grade (columns), with totals."""
    records = metrics.paper_records(ds, term, metrics.roster_for(ds, term)).records
    if group is not None:
        records = records[metrics.in_group(records, "groups", group)]
    levels = list(LEVELS) + (["级别不明"] if records["level"].isna().any() else [])
    table = pd.crosstab(records["level"].fillna("级别不明"), records["grade"].fillna("其他"))
    table = table.reindex(index=levels, columns=list(GRADES), fill_value=0).astype(int)
    table["合计"] = table.sum(axis=1)
    table.loc["合计"] = table.sum(axis=0)
    frame = table.rename_axis(index="级别", columns=None).reset_index()
    return ReportTable("论文级别与等次", frame, f"区级及以上指{'、'.join(DISTRICT_AND_ABOVE)}。", "papers")


def behind_table(fig: dict) -> ReportTable:
    """Teachers below their 听课 quota, most owed first."""
    rows = [{"姓名": row["name"], "教研组": row["group"], "已听节数": row["count"], "任务节数": row["quota"],
             "还差节数": row["quota"] - row["count"]} for row in fig["observations"]["behind"]]
    frame = pd.DataFrame(rows, columns=["姓名", "教研组", "已听节数", "任务节数", "还差节数"])
    return ReportTable("听课未达标教师", frame, section="observations")


def build_report(ds: Dataset, term: str, group: str | None = None, school: str | None = None) -> Report:
    """Figures, paragraphs and tables of the term (and 教研组) report."""
    school = school_name(school)
    fig = metrics.figures(ds, term, group)
    by_group = fig["observations"]["by_group"]
    fig["observations"]["by_group"] = {name: by_group[name] for name in group_names(ds, term, fig)} | by_group
    previous = previous_figures(ds, term, group)
    texts = paragraphs(fig, previous, school=school, group=group)
    first = teacher_table(ds, term, group) if group else group_table(ds, term, fig)
    tables = [first, behind_table(fig), level_grade_table(ds, term, group)]  # in the order of the paragraphs
    more_texts, more_tables = declared_parts(report_sections(ds, term, group, fig, previous), len(texts))
    return Report(school, term, group, fig, previous, texts + more_texts, tables + more_tables)


#: 一、二、三 … for the headings of the report's parts.
NUMERALS = "一二三四五六七八九十"


def numbered(number: int, heading: str) -> str:
    """A part's heading with its number, as the report writes it.

    >>> numbered(4, "公开课"), numbered(12, "带教")
    ('四、公开课', '十二、带教')
    """
    if number <= 10:
        mark = NUMERALS[number - 1]
    elif number < 20:
        mark = "十" + NUMERALS[number - 11]
    else:
        mark = str(number)
    return f"{mark}、{heading}"


def declared_parts(found: list[tuple[Kind, list[Section]]], numbered_so_far: int) -> tuple[list[Paragraph],
                                                                                              list[ReportTable]]:
    """The declared kinds' sections as the report's paragraphs (numbered after the first parts) and
    tables (each after its section's paragraph); a section without a heading takes its kind's label."""
    texts: list[Paragraph] = []
    tables: list[ReportTable] = []
    number = numbered_so_far - 1  # the first paragraph (the intro) has no number
    for kind, sections in found:
        for index, section in enumerate(sections):
            number += 1
            key = f"{kind.key}_{index}"
            heading = section.heading or kind.label
            texts.append(Paragraph(key, numbered(number, heading), section.text, {"kind": kind.key}))
            if section.table is not None:
                tables.append(ReportTable(heading, section.table, section.note, key))
    return texts, tables
