"""The term report's content: 工作总结 paragraphs from the figures, and the report's tables.

:func:`paragraphs` is a pure function of two figures dicts (this term's and
the previous term's, as :func:`dashboard.metrics.figures` returns them): every
number it writes is in the figures or derived from them (:func:`dashboard.report_parts.derived`),
and each paragraph lists the numbers it states in ``numbers`` so a test can
trace them.  :func:`build_report` gathers figures and tables from a dataset.
The paragraphs and tables of each kind come from its declaration's hooks
(``summary_hook``: 听课, 论文, 课题 in :mod:`dashboard.report_parts`;
``report_hook``: the kinds with data), in the declarations' order.

结题率 = 本学期结题数 ÷ (本学期结题数 + 逾期未结题数); ``None`` when both are 0.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from . import metrics
from .contract import term_label
from .normalize import previous_term
from .dataset import Dataset
from .declared import report_sections, summary_sections
from .kinds import Kind, Section
from .labels.report import REPORT_GROUP_COLUMNS, REPORT_NOTES, REPORT_TABLES, REPORT_WHOLE_SCHOOL
from .labels import report_percent as percent  # noqa: F401 - the labels live in one module
from .report_parts import derived, previous_derived  # noqa: F401 - 听课/论文/课题's numbers, also for the intro's table
from .report_words import change, rate, rate_change  # noqa: F401 - re-exported

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

# --------------------------------------------------------------- paragraphs

def paragraphs(current: dict, previous: dict | None = None, *, school: str = DEFAULT_SCHOOL,
               group: str | None = None) -> list[Paragraph]:
    """The report's paragraphs from this term's and the previous term's figures alone: the intro,
    then the standing part of every kind declaring a ``summary_hook`` (听课, 论文, 课题), in order.

    ``previous`` may be None (no data for the previous term), or have None
    for a kind the previous term has no data of; then no change is stated.
    """
    term = term_label(current["term"])
    texts, _ = declared_parts(summary_sections(None, current["term"], group, current, previous), 1)
    return [_intro(current, previous or {}, school, group, term), *texts]


def _intro(current: dict, previous: dict, school: str, group: str | None, term: str) -> Paragraph:
    who = f"{school}{group}" if group else school
    text = (f"{term}，{who}共有教师{current['teachers']}人。现将本学期听课、论文、课题三方面的工作情况"
            f"总结如下。")
    missing = [label for kind, label in (("observations", "听课"), ("papers", "论文"), ("projects", "课题"))
               if not previous or previous.get(kind) is None]
    if missing:
        text += f"（上学期没有{'、'.join(missing)}数据，相关数字未与上学期比较。）"
    return Paragraph("intro", "", text, {"teachers": current["teachers"]})


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
    rows.append(_group_row(REPORT_WHOLE_SCHOOL, whole))
    return ReportTable(REPORT_TABLES["groups"], pd.DataFrame(rows), REPORT_NOTES["groups"], "intro")


def _group_row(name: str, fig: dict) -> dict:
    now = derived(fig)
    obs, papers, projects = fig["observations"], fig["papers"], fig["projects"]
    values = {"group": name, "teachers": fig["teachers"], "observations": obs["total"], "quota_met": obs["quota_met"],
              "quota_rate": percent(now["quota_rate"]), "papers": papers["total"],
              "district_above": now["district_above"], "in_progress": projects["in_progress"], "new": projects["new"],
              "concluded": projects["concluded"], "overdue": projects["overdue"]}
    return {label: values[key] for key, label in REPORT_GROUP_COLUMNS.items()}


def build_report(ds: Dataset, term: str, group: str | None = None, school: str | None = None) -> Report:
    """Figures, paragraphs and tables of the term (and 教研组) report: the intro (and, for the whole
    school, its table of the 教研组), then one loop over the declarations in order: every kind's
    standing part (``summary_hook``), then the sections of every kind with data (``report_hook``)."""
    school = school_name(school)
    fig = metrics.figures(ds, term, group)
    by_group = fig["observations"]["by_group"]
    fig["observations"]["by_group"] = {name: by_group[name] for name in group_names(ds, term, fig)} | by_group
    previous = previous_figures(ds, term, group)
    intro = _intro(fig, previous or {}, school, group, term_label(term))
    found = summary_sections(ds, term, group, fig, previous) + report_sections(ds, term, group, fig, previous)
    texts, tables = declared_parts(found, 1)
    first = [] if group else [group_table(ds, term, fig)]
    return Report(school, term, group, fig, previous, [intro, *texts], first + tables)


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
    """The kinds' sections as the report's paragraphs (numbered after the first ``numbered_so_far``
    paragraphs, the intro having no number) and tables (each after its section's paragraph); a
    section without a heading takes its kind's label, without a key ``<kind>_<n>``."""
    texts: list[Paragraph] = []
    tables: list[ReportTable] = []
    number = numbered_so_far - 1  # the first paragraph (the intro) has no number
    for kind, sections in found:
        for index, section in enumerate(sections):
            number += 1
            key = section.key or f"{kind.key}_{index}"
            heading = section.heading or kind.label
            numbers = section.numbers if section.numbers is not None else {"kind": kind.key}
            texts.append(Paragraph(key, numbered(number, heading), section.text, numbers))
            if section.table is not None:
                tables.append(ReportTable(heading, section.table, section.note, key))
            tables.extend(ReportTable(name, frame, note, key) for name, frame, note in section.tables)
    return texts, tables
