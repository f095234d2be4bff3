"""How far the cells of a legacy .xls or a binary .xlsb worksheet reach, read from the records alone.

python-calamine builds each worksheet as a dense grid from its first to
its last cell, and for .xls it does so for every sheet as soon as the
file is opened: a 6 KB .xls with one cell in A1 and one in IV65536 makes
a 16.7-million-cell grid (about 1 GB) before anything can look at it.
So, before calamine sees the bytes, these functions walk the records
(BIFF5/8 in the OLE ``Workbook`` stream; BIFF12 in each ``.bin``
worksheet) and note the last row and column of every cell that holds a
value, which is what calamine's grid spans.  Nothing is decoded but the
record headers and the cell positions.  The declared extent
(DIMENSIONS / BrtWsDim) is reported but not trusted: calamine does not
use it either.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

#: BIFF cell records that calamine turns into a cell (blanks are skipped, as calamine skips them):
#: FORMULA, LABELSST, NUMBER, RK, LABEL, BOOLERR, RSTRING.
_BIFF_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x00D6})
_BIFF_MULRK = 0x00BD
_BIFF_BOF, _BIFF_EOF, _BIFF_DIMENSIONS, _BIFF_BOUNDSHEET = 0x0809, 0x000A, 0x0200, 0x0085
#: BIFF12: BrtRowHdr, the cell records (BrtCellBlank … BrtFmlaError; blank left out), BrtWsDim,
#: BrtBeginSheetData / BrtEndSheetData.
_XLSB_ROW = 0x0000
_XLSB_CELLS = frozenset(range(0x0002, 0x000C))
_XLSB_DIM, _XLSB_BEGIN_DATA, _XLSB_END_DATA = 0x0094, 0x0091, 0x0092


@dataclass
class SheetExtent:
    """One worksheet's reach: 1-based last row and column holding a value (0, 0 when none)."""

    name: str
    rows: int = 0
    columns: int = 0
    declared: str | None = None

    def see(self, row: int, column: int) -> None:
        """A cell at 0-based ``row``, ``column``."""
        self.rows = max(self.rows, row + 1)
        self.columns = max(self.columns, column + 1)


def _column_letters(number: int) -> str:
    """Column letters of a 1-based column number.

    >>> _column_letters(1), _column_letters(256), _column_letters(16384)
    ('A', 'IV', 'XFD')
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _declared(first_row: int, last_row: int, first_col: int, last_col: int) -> str | None:
    """A range as Excel writes it, from 0-based first and one-past-last row and column."""
    if last_row <= first_row or last_col <= first_col:
        return None
    return f"{_column_letters(first_col + 1)}{first_row + 1}:{_column_letters(last_col)}{last_row}"


def biff_records(stream: bytes) -> Iterator[tuple[int, int, int]]:
    """(record type, offset of its data, its length) for every record of a BIFF stream; stops at a
    record that runs past the end (a damaged file: calamine then reports it).

    >>> list(biff_records(bytes.fromhex("0908040000061000" "0a000000")))
    [(2057, 4, 4), (10, 12, 0)]
    """
    position, end = 0, len(stream)
    unpack = struct.Struct("<HH").unpack_from
    while position + 4 <= end:
        kind, size = unpack(stream, position)
        if position + 4 + size > end:
            return
        yield kind, position + 4, size
        position += 4 + size


def xls_extents(data: bytes) -> list[SheetExtent] | None:
    """Every worksheet's reach in a .xls file (BIFF5 or BIFF8); None when it cannot be read this way
    (not an OLE file, no workbook stream, damaged), in which case calamine's reading reports it."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return None
            stream = ole.openstream(name).read()
    except Exception:  # noqa: BLE001 - olefile raises many kinds for a damaged container
        return None
    biff8 = name == "Workbook"
    titles: dict[int, str] = {}
    sheets: list[SheetExtent] = []
    current: SheetExtent | None = None
    unpack_cell = struct.Struct("<HH").unpack_from
    for kind, at, size in biff_records(stream):
        if kind in _BIFF_CELLS and current is not None and size >= 4:
            row, column = unpack_cell(stream, at)
            current.see(row, column)
        elif kind == _BIFF_MULRK and current is not None and size >= 6:
            row, _ = unpack_cell(stream, at)
            current.see(row, struct.unpack_from("<H", stream, at + size - 2)[0])
        elif kind == _BIFF_BOUNDSHEET and size >= 8:
            titles[struct.unpack_from("<I", stream, at)[0]] = _boundsheet_name(stream[at:at + size], biff8)
        elif kind == _BIFF_BOF and size >= 4:
            sheet_type = struct.unpack_from("<H", stream, at + 2)[0]
            current = None
            if sheet_type == 0x0010:  # a worksheet (not the globals, a chart or a macro sheet)
                current = SheetExtent(titles.get(at - 4, f"第 {len(sheets) + 1} 个工作表"))
                sheets.append(current)
        elif kind == _BIFF_DIMENSIONS and current is not None:
            if biff8 and size >= 12:
                current.declared = _declared(*struct.unpack_from("<IIHH", stream, at))
            elif size >= 8:
                current.declared = _declared(*struct.unpack_from("<HHHH", stream, at))
        elif kind == _BIFF_EOF:
            current = None
    return sheets


def _boundsheet_name(record: bytes, biff8: bool) -> str:
    """The sheet name of a BOUNDSHEET record (BIFF8: ShortXLUnicodeString; BIFF5: 8-bit text)."""
    try:
        length = record[6]
        if not biff8:
            return record[7:7 + length].decode("gbk", "replace")
        wide = record[7] & 1
        body = record[8:8 + length * (2 if wide else 1)]
        return body.decode("utf-16-le" if wide else "latin-1", "replace")
    except IndexError:
        return "（无名工作表）"


def _varint(stream: bytes, position: int, most: int) -> tuple[int, int] | None:
    """A BIFF12 record type (``most`` 2 bytes) or size (4 bytes): 7 bits a byte, high bit = more."""
    value = shift = 0
    for index in range(most):
        if position + index >= len(stream):
            return None
        byte = stream[position + index]
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, position + index + 1
    return value, position + most


def xlsb_records(stream: bytes) -> Iterator[tuple[int, int, int]]:
    """(record type, offset of its data, its length) for every record of a BIFF12 part.

    >>> list(xlsb_records(bytes([0x91, 0x01, 0x00, 0x00, 0x04, 1, 0, 0, 0, 0x92, 0x01, 0x00])))
    [(145, 3, 0), (0, 5, 4), (146, 12, 0)]
    """
    position, end = 0, len(stream)
    while position < end:
        kind = _varint(stream, position, 2)
        size = kind and _varint(stream, kind[1], 4)
        if not size or size[1] + size[0] > end:
            return
        yield kind[0], size[1], size[0]
        position = size[1] + size[0]


def xlsb_extent(stream: bytes, name: str) -> SheetExtent:
    """The reach of one .xlsb worksheet part (``xl/worksheets/sheetN.bin``)."""
    extent = SheetExtent(name)
    row = 0
    inside = False
    for kind, at, size in xlsb_records(stream):
        if kind == _XLSB_BEGIN_DATA:
            inside = True
        elif kind == _XLSB_END_DATA:
            inside = False
        elif inside and kind == _XLSB_ROW and size >= 4:
            row = struct.unpack_from("<I", stream, at)[0]
        elif inside and kind in _XLSB_CELLS and size >= 4:
            extent.see(row, struct.unpack_from("<I", stream, at)[0])
        elif kind == _XLSB_DIM and size >= 16:
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIII", stream, at)
            extent.declared = _declared(first_row, last_row + 1, first_col, last_col + 1)
    return extent


def xlsb_extents(data: bytes) -> list[SheetExtent] | None:
    """Every worksheet's reach in a .xlsb file; None when it is not one (or is damaged)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = sorted(name for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".bin"))
        if "xl/workbook.bin" not in archive.namelist():
            return None
        names = _xlsb_sheet_names(archive)
        return [xlsb_extent(archive.read(part), names.get(part, part.rsplit("/", 1)[-1])) for part in parts]
    except Exception:  # noqa: BLE001 - damaged: calamine's reading reports it
        return None


def _xlsb_sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> sheet name, from workbook.bin's BrtBundleSh records and the relationships."""
    import re

    rels = archive.read("xl/_rels/workbook.bin.rels").decode("utf-8", "replace")
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        found_id, found_target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if found_id and found_target:
            target = found_target[1]
            targets[found_id[1]] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    book = archive.read("xl/workbook.bin")
    names = {}
    for kind, at, size in xlsb_records(book):
        if kind == 0x009C and size >= 12:  # BrtBundleSh: hsState, iTabID, strRelID, strName
            rel, after = _wide_string(book, at + 8)
            name, _ = _wide_string(book, after)
            names[targets.get(rel, "")] = name
    return names


def _wide_string(stream: bytes, position: int) -> tuple[str, int]:
    """An XLWideString (32-bit character count, UTF-16) and the position after it."""
    count = struct.unpack_from("<I", stream, position)[0]
    start = position + 4
    return stream[start:start + 2 * count].decode("utf-16-le", "replace"), start + 2 * count
