"""Excel export of one table: the first rows state the filters used, then the table.

Every text cell is written as text, never as a formula: a value starting
with ``= + - @``, tab or CR (formula injection) is stored as a string cell
with Excel's quote prefix, so opening the file never evaluates it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def cell_value(value):
    """A cell value openpyxl can write: NA → empty, numpy → Python, bool → 是/否."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    if not isinstance(value, str) and pd.isna(value):
        return None
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "是" if value else "否"
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, dt.date)):
        return value.item()
    return value


def put(sheet, row: int, column: int, value) -> None:
    """Write one cell; text is always text."""
    value = cell_value(value)
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"


def text_width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_table(sheet, frame: pd.DataFrame, filters: Sequence[tuple[str, str]], *, title: str = "",
                exported_at: dt.datetime | None = None, note: str = "", borders: bool = False) -> int:
    """``title``, one ``label：value`` row per filter and the export time, a blank row, then ``frame``
    under a styled header (and ``note`` below it).  Returns the header's row number."""
    row = 0
    if title:
        row += 1
        put(sheet, row, 1, title)
        sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
    exported_at = exported_at or dt.datetime.now().replace(microsecond=0)
    for label, value in [*filters, ("导出时间", exported_at.strftime("%Y-%m-%d %H:%M:%S"))]:
        row += 1
        put(sheet, row, 1, f"{label}：{value}")
        sheet.cell(row=row, column=1).font = Font(color="595959")
    header_row = row + 2
    frame = frame.reset_index(drop=True)
    widths = [text_width(column) for column in frame.columns]
    for column, name in enumerate(frame.columns, start=1):
        put(sheet, header_row, column, str(name))
        cell = sheet.cell(row=header_row, column=column)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if borders:
            cell.border = BORDER
    for row, record in enumerate(frame.itertuples(index=False, name=None), start=header_row + 1):
        for column, value in enumerate(record, start=1):
            put(sheet, row, column, value)
            if borders:
                sheet.cell(row=row, column=column).border = BORDER
            widths[column - 1] = max(widths[column - 1], text_width(cell_value(value)))
    if note:
        put(sheet, header_row + len(frame) + 2, 1, f"注：{note}")
        sheet.cell(row=header_row + len(frame) + 2, column=1).font = Font(italic=True, color="595959")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return header_row


def excel_bytes(frame: pd.DataFrame, filters: Sequence[tuple[str, str]], *, title: str = "",
                exported_at: dt.datetime | None = None, sheet_name: str = "数据") -> bytes:
    """An .xlsx with ``title``, one row per (label, value) filter, the export time, a blank row, then ``frame``."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    write_table(sheet, frame, filters, title=title, exported_at=exported_at)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
