"""The term report as .xlsx: the paragraphs on one sheet, then one sheet per table.

Every sheet states its title and filters on top (one ``label：value`` row
each), then a styled header row.  Cells are written by
:mod:`dashboard.excel`'s formula-safe writer: text starting with =, +, -, @,
tab or CR stays text, never a live formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment

from .excel import write_table
from .labels.report import REPORT_XLSX
from .report_text import Report, ReportTable

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

Filters = Sequence[tuple[str, str]]


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤31 characters, no []:*?/\\).

    >>> taken = set(); sheet_title("论文/课题", taken), sheet_title("论文/课题", taken)
    ('论文_课题', '论文_课题(2)')
    """
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "表"
    title, number = base[:31], 2
    while title in taken:
        suffix = f"({number})"
        title, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(title)
    return title


def build_book(tables: Sequence[ReportTable], filters: Filters, title: str = "",
               exported_at: dt.datetime | None = None) -> openpyxl.Workbook:
    """A workbook with one sheet per table, each stating ``filters`` on top."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.name, taken))
        write_table(sheet, table.frame, filters, title=f"{title} {table.name}".strip(), exported_at=exported_at,
                    note=table.note, borders=True)
    return book


def book_bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def tables_xlsx(tables: Sequence[ReportTable], filters: Filters, title: str = "") -> bytes:
    """:func:`build_book` as .xlsx bytes."""
    return book_bytes(build_book(tables, filters, title))


def paragraphs_table(report: Report, texts: Sequence[str] | None = None) -> ReportTable:
    """The paragraphs (as edited, when ``texts`` is given) as a two-column table."""
    texts = list(texts) if texts is not None else [p.text for p in report.paragraphs]
    frame = pd.DataFrame({REPORT_XLSX["part"]: [p.heading or REPORT_XLSX["intro"] for p in report.paragraphs],
                          REPORT_XLSX["text"]: texts})
    return ReportTable(REPORT_XLSX["sheet"], frame)


def report_xlsx(report: Report, texts: Sequence[str] | None = None) -> bytes:
    """The report as .xlsx: the 工作总结 text first, then each table."""
    book = build_book([paragraphs_table(report, texts), *report.tables], report.filters, report.title)
    sheet = book.worksheets[0]
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_col=2, max_col=2):
        if row[0].value is not None:
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    return book_bytes(book)
