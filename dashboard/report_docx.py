"""The term report as .docx (python-docx): title, paragraphs, tables and charts as PNG.

Each table and chart follows the paragraph it belongs to.  The charts are
built with :mod:`dashboard.charts` and drawn to PNG by :mod:`dashboard.png`
in one browser for the whole report.  Chinese text uses 宋体/黑体 (East
Asian font set on every run) so Word shows it as a school document.
"""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import charts
from .contract import LEVELS, term_label
from .labels.report import (REPORT_AXES, REPORT_CHARTS, REPORT_DOCX, REPORT_GROUP_COLUMNS, REPORT_LEVEL, REPORT_TABLES,
                            REPORT_TEACHER_COLUMNS, REPORT_TOTAL, REPORT_WHOLE_SCHOOL)
from .png import to_png
from .report_text import Report

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
IMAGE_WIDTH = Cm(15)


@dataclass
class ReportChart:
    """A chart of the report and the paragraph (key) it follows."""

    section: str
    title: str
    fig: go.Figure


@dataclass
class DocxBuild:
    """The .docx bytes and how long its parts took (seconds)."""

    data: bytes
    images: list[bytes]
    timings: dict[str, float] = field(default_factory=dict)


# ------------------------------------------------------------------ charts

def report_charts(report: Report) -> list[ReportChart]:
    """The report's charts, from its figures and tables."""
    fig = report.figures
    found: list[ReportChart] = []
    first = report.tables[0].frame
    teacher, groups_label = REPORT_TEACHER_COLUMNS, REPORT_GROUP_COLUMNS
    if report.group:
        title = REPORT_CHARTS["teachers"].format(group=report.group)
        found.append(ReportChart("observations", title, charts.count_vs_quota(
            first[teacher["name"]].tolist(), first[teacher["count"]].tolist(), first[teacher["quota"]].tolist(),
            title=title, x_title=REPORT_AXES["teacher"])))
    else:
        group = groups_label["group"]
        groups = first[first[group] != REPORT_WHOLE_SCHOOL]
        title = REPORT_CHARTS["group_counts"]
        found.append(ReportChart("observations", title, charts.bar(
            groups[group].tolist(), [fig["observations"]["by_group"][g] for g in groups[group]],
            title=title, x_title=REPORT_AXES["group"], y_title=REPORT_AXES["count"])))
        title = REPORT_CHARTS["group_rates"]
        rates = [met / count if count else None
                 for met, count in zip(groups[groups_label["quota_met"]], groups[groups_label["teachers"]])]
        found.append(ReportChart("observations", title, charts.bar(
            groups[group].tolist(), rates, title=title, x_title=REPORT_AXES["group"], y_title=REPORT_AXES["rate"],
            percent=True)))
    matrix = (report.table(REPORT_TABLES["level_grade"]).frame.set_index(REPORT_LEVEL)
              .drop(index=REPORT_TOTAL, columns=REPORT_TOTAL))
    title = REPORT_CHARTS["level_grade"]
    found.append(ReportChart("papers", title, charts.stacked(
        matrix, title=title, category_title=REPORT_AXES["level"], series_title=REPORT_AXES["grade"],
        value_title=REPORT_AXES["papers"], colors=charts.GRADE_COLORS)))
    title = REPORT_CHARTS["project_levels"]
    by_level = fig["projects"]["by_level"]
    found.append(ReportChart("projects", title, charts.bar(
        list(LEVELS), [by_level[level] for level in LEVELS], title=title, x_title=REPORT_AXES["level"],
        y_title=REPORT_AXES["projects"], colors=charts.LEVEL_COLORS)))
    return found


# -------------------------------------------------------------------- docx

def _font(run, east_asia: str = BODY_FONT, size: float | None = None, bold: bool | None = None,
          color: RGBColor | None = None) -> None:
    run.font.name = LATIN_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _paragraph(doc, text: str, *, east_asia: str = BODY_FONT, size: float = 12, bold: bool = False,
               align=None, indent: bool = False, color: RGBColor | None = None):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing = 1.5
    fmt.space_after = Pt(4)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), east_asia, size, bold, color)
    return paragraph


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc, frame: pd.DataFrame) -> None:
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, frame.columns):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(str(name)), HEADING_FONT, 10.5, True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(cell, "DDEBF7")
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 10.5)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(report: Report, texts: Sequence[str] | None = None, images: Sequence[bytes] = (),
               chart_list: Sequence[ReportChart] = ()) -> bytes:
    """The .docx: title, each paragraph (as edited, when ``texts`` is given) followed by its
    tables and charts (``images[i]`` is the PNG of ``chart_list[i]``)."""
    texts = list(texts) if texts is not None else [p.text for p in report.paragraphs]
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    _paragraph(doc, report.title, east_asia=HEADING_FONT, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"（{term_label(report.term)}{'，' + report.group if report.group else ''}）", size=12,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    table_number = chart_number = 0
    for paragraph, text in zip(report.paragraphs, texts):
        if paragraph.heading:
            _paragraph(doc, paragraph.heading, east_asia=HEADING_FONT, size=14, bold=True)
        for line in (line.strip() for line in text.splitlines()):
            if line:
                _paragraph(doc, line, indent=True)
        for table in (t for t in report.tables if t.section == paragraph.key):
            table_number += 1
            _paragraph(doc, REPORT_DOCX["table"].format(number=table_number, name=table.name), east_asia=HEADING_FONT, size=11, bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
            if table.frame.empty:
                _paragraph(doc, REPORT_DOCX["empty"], size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
            else:
                _table(doc, table.frame)
            if table.note:
                _paragraph(doc, REPORT_DOCX["note"].format(note=table.note), size=9, color=RGBColor(0x59, 0x59, 0x59))
        for chart, image in zip(chart_list, images):
            if chart.section != paragraph.key:
                continue
            chart_number += 1
            doc.add_picture(io.BytesIO(image), width=IMAGE_WIDTH)
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _paragraph(doc, REPORT_DOCX["chart"].format(number=chart_number, title=chart.title), east_asia=HEADING_FONT, size=11, bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def build_docx(report: Report, texts: Sequence[str] | None = None) -> DocxBuild:
    """Charts drawn to PNG (one browser), then the .docx; with the time each part took."""
    started = time.perf_counter()
    chart_list = report_charts(report)
    built = time.perf_counter()
    images = to_png([chart.fig for chart in chart_list])
    drawn = time.perf_counter()
    data = write_docx(report, texts, images, chart_list)
    done = time.perf_counter()
    return DocxBuild(data, images, {"chart_figures": built - started, "png": drawn - built, "docx": done - drawn})
