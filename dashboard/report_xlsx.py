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
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .excel import _HEADER_FILL, _put, _value, _width
from .report_text import Report, ReportTable

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
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


def write_table(sheet, table: ReportTable, title: str, filters: Filters, exported_at: dt.datetime) -> int:
    """Title, filter rows, styled header and rows of one table; returns the header's row number."""
    _put(sheet, 1, 1, title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    row = 1
    for label, value in [*filters, ("导出时间", exported_at.strftime("%Y-%m-%d %H:%M:%S"))]:
        row += 1
        _put(sheet, row, 1, f"{label}：{value}")
        sheet.cell(row=row, column=1).font = Font(color="595959")
    header_row = row + 2
    frame = table.frame.reset_index(drop=True)
    for column, name in enumerate(frame.columns, start=1):
        _put(sheet, header_row, column, str(name))
        cell = sheet.cell(row=header_row, column=column)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(frame.itertuples(index=False, name=None), start=header_row + 1):
        for column, value in enumerate(values, start=1):
            _put(sheet, r, column, value)
            sheet.cell(row=r, column=column).border = _BORDER
    if table.note:
        _put(sheet, header_row + len(frame) + 2, 1, f"注：{table.note}")
        sheet.cell(row=header_row + len(frame) + 2, column=1).font = Font(italic=True, color="595959")
    for column, name in enumerate(frame.columns, start=1):
        widest = max([_width(name)] + [_width(_value(v)) for v in frame.iloc[:, column - 1]])
        sheet.column_dimensions[get_column_letter(column)].width = min(max(widest + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return header_row


def build_book(tables: Sequence[ReportTable], filters: Filters, title: str = "",
               exported_at: dt.datetime | None = None) -> openpyxl.Workbook:
    """A workbook with one sheet per table, each stating ``filters`` on top."""
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.name, taken))
        write_table(sheet, table, f"{title} {table.name}".strip(), filters, exported_at)
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
    frame = pd.DataFrame({"部分": [p.heading or "总述" for p in report.paragraphs], "内容": texts})
    return ReportTable("工作总结", frame)


def report_xlsx(report: Report, texts: Sequence[str] | None = None) -> bytes:
    """The report as .xlsx: the 工作总结 text first, then each table."""
    book = build_book([paragraphs_table(report, texts), *report.tables], report.filters, report.title)
    sheet = book.worksheets[0]
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_col=2, max_col=2):
        if row[0].value is not None:
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    return book_bytes(book)
