"""Bytes in, grids of cells out: the first step of every import.

Reads .xlsx/.xlsm/.xls with python-calamine and CSV in UTF-8, UTF-8 with
BOM and GBK/GB18030.  Refuses, with a typed error, what must not be parsed:
password-protected workbooks, zip bombs, files that are not spreadsheets,
formula cells without a saved value, and files with no data.

Before any grid is built, each worksheet's reach (rows × columns to its
last cell) is checked against the caps: from the XML of .xlsx, from the
records of .xls and .xlsb (:mod:`dashboard.binary_extents`), row by row
for CSV.  The zip checks read only the archive's directory; the scan for formulas
without a saved value streams each worksheet in 1 MiB pieces on a second
thread while python-calamine (which releases the GIL) parses the file, so
a big workbook is decompressed twice in parallel rather than in a row, and
memory stays flat.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import msoffcrypto
from python_calamine import CalamineWorkbook

from .binary_extents import SheetExtent, xls_extents, xlsb_extents
from .problems import CorruptFile, EmptyFile, EncryptedFile, ImportRejected, TooLarge, UnsavedFormulas

#: Largest file accepted, as uploaded.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Largest total a workbook may unpack to.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
#: Largest unpacked/packed ratio of one zip member bigger than 1 MiB.
MAX_RATIO = 200
#: Most columns a sheet (or CSV) may span, counted to its rightmost cell.
MAX_COLUMNS = 1_000
#: Most cells a sheet's grid may hold: rows × columns to its last cell (a reader builds the whole grid).
MAX_CELLS = 10_000_000
#: Longest CSV field, in characters.
MAX_FIELD_CHARS = 32_768

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_WITHOUT_VALUE = re.compile(rb"<f[^>]*(?:/>|>[^<]*</f>)(?:<v\s*/>|<v></v>)?</c>")


@dataclass
class Sheet:
    """One worksheet as a rectangular list of rows of Python cell values."""

    name: str
    rows: list[list[object]]
    #: ((first_row, first_col), (last_row, last_col)), 0-based.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Workbook:
    """What a file holds: its name, its raw bytes and its sheets."""

    filename: str
    data: bytes
    sheets: list[Sheet]
    empty: list[str] = field(default_factory=list)  # names of the sheets with no value, left out of ``sheets``


def as_bytes(source: bytes | bytearray | BinaryIO) -> bytes:
    """Bytes from bytes or a binary file object (as st.file_uploader gives)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "getvalue"):
        return source.getvalue()
    return source.read()


def read_workbook(source: bytes | BinaryIO, filename: str) -> Workbook:
    """Read every sheet of a spreadsheet file, or raise an ImportRejected."""
    data = as_bytes(source)
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(filename, f"超过 {MAX_FILE_BYTES // 1024 // 1024} MB，请拆分后再导入。")
    if not data.strip():
        raise EmptyFile(filename, "是空文件，没有任何数据。")
    if data.startswith(_ZIP_MAGIC):
        worksheets = _check_zip(data, filename)
        sheets = _read_split(data, filename, worksheets)
        if sheets is None:
            _check_extents(data, filename, worksheets)
            _check_binary_extents(xlsb_extents(data), filename)  # .xlsb: its worksheets are .bin parts
        if sheets is None:
            sheets = _read_zip(data, filename, worksheets)
    elif data.startswith(_OLE_MAGIC):
        _check_ole(data, filename)
        _check_binary_extents(xls_extents(data), filename)  # calamine builds every .xls grid on opening
        sheets = _read_with_calamine(data, filename)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise CorruptFile(filename, "不是有效的 Excel 文件（文件内容与扩展名不符，或文件已损坏）。请用 Excel/WPS 打开后另存为 .xlsx 再导入。")
    else:
        sheets = [_read_csv(data, filename)]
    filled = [sheet for sheet in sheets if any(_has_value(cell) for row in sheet.rows for cell in row)]
    if not filled:
        raise EmptyFile(filename, "没有任何数据（所有工作表都是空的）。")
    kept = {id(sheet) for sheet in filled}
    return Workbook(filename, data, filled, [sheet.name for sheet in sheets if id(sheet) not in kept])


_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_ROW_TAG = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_WIDE_REF = re.compile(rb' r="[A-Z]{2}')  # a cell past column Z (a literal start: fast to search)
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')


def column_number(letters: str) -> int:
    """1-based column number of column letters.

    >>> column_number("A"), column_number("Z"), column_number("AA"), column_number("XFD")
    (1, 26, 27, 16384)
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


@dataclass
class Extent:
    """How far a worksheet's cells reach (1-based last row and column), fed its XML piece by piece.

    The cell references are read in full in the first piece and in every piece that
    holds a column past Z (ordinary school tables have none, so a big sheet costs one
    fast search per piece); otherwise each piece gives its last ``<row r=…>``.  So a
    cell far right is always seen; a cell far down is seen when it is past column Z,
    in the first piece, or last in a piece.  What this misses (a cell up to column Z,
    out of order, far down) makes a grid of at most 1 048 576 × 26 cells, which the
    child process's memory limit covers.
    """

    rows: int = 0
    columns: int = 0
    declared: str | None = None
    _tail: bytes = b""
    _first: bool = True
    _head: bool = True

    def feed(self, chunk: bytes) -> None:
        piece = self._tail + chunk
        if self._head:  # <dimension> comes before <sheetData>: not looked for in the rows
            if found := _DIMENSION.search(piece):
                self.declared = found[0].decode("ascii", "replace").split('"')[1]
            self._head = self.declared is None and b"<sheetData" not in piece
        last = piece.rfind(b"<row ")
        if last >= 0 and (found := _ROW_TAG.match(piece, last)):
            self.rows = max(self.rows, int(found[1]))
        if self._first or _WIDE_REF.search(piece):
            if self._first:
                self.rows = max([self.rows, *map(int, _ROW_TAG.findall(piece))])
            self._first = False
            references = _CELL_REF.findall(piece)
            if references:
                self.columns = max(self.columns, *map(column_number, {letters.decode("ascii") for letters, _ in references}))
                self.rows = max(self.rows, *(int(row) for _, row in references))
        self._tail = chunk[-40:]


def extent_refusal(filename: str, sheet: str, rows: int, columns: int, declared: str | None = None) -> TooLarge | None:
    """The refusal for a sheet reaching past the caps, or None.

    >>> extent_refusal("a.xlsx", "Sheet1", 10, 5) is None
    True
    >>> print(extent_refusal("a.xlsx", "Sheet1", 1048576, 16384, "A1:B3"))
    文件「a.xlsx」工作表「Sheet1」的单元格一直延伸到第 1048576 行、第 16384 列（文件声明的范围是 A1:B3），超过上限（最多 1000 列、1000 万个单元格），已拒绝。请删除表格外多余的内容，或拆分后再导入。
    """
    if columns <= MAX_COLUMNS and rows * max(columns, 1) <= MAX_CELLS:
        return None
    said = f"（文件声明的范围是 {declared}）" if declared else ""
    return TooLarge(filename, f"工作表「{sheet}」的单元格一直延伸到第 {rows} 行、第 {columns} 列{said}，超过上限"
                              f"（最多 {MAX_COLUMNS} 列、{MAX_CELLS // 10_000} 万个单元格），已拒绝。"
                              "请删除表格外多余的内容，或拆分后再导入。")


def _check_extents(data: bytes, filename: str, worksheets: list[str]) -> None:
    """Refuse a workbook one of whose worksheets reaches past the caps, before any grid is built."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        titles = {target: name for name, target in _sheet_paths(archive).items()}
    except Exception:  # noqa: BLE001 - damaged: calamine's read reports it
        return
    for path in worksheets:
        extent = Extent()
        try:
            with archive.open(path) as stream:
                while chunk := stream.read(_CHUNK):
                    extent.feed(chunk)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
            return  # damaged: the read reports it
        if refusal := extent_refusal(filename, titles.get(path, path.rsplit("/", 1)[-1]), extent.rows,
                                     extent.columns, extent.declared):
            raise refusal


def _check_binary_extents(extents: list[SheetExtent] | None, filename: str) -> None:
    """Refuse a .xls/.xlsb one of whose worksheets reaches past the caps (read from its records)."""
    for extent in extents or ():
        if refusal := extent_refusal(filename, extent.name, extent.rows, extent.columns, extent.declared):
            raise refusal


def _read_zip(data: bytes, filename: str, worksheets: list[str]) -> list[Sheet]:
    """Parse with calamine while a second thread scans for formulas without a saved value."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="formula-scan") as pool:
        scan = pool.submit(_unsaved_formulas, data, worksheets)
        try:
            sheets = _read_with_calamine(data, filename)
        except ImportRejected:
            _raise_if_unsaved(scan.result(), filename)
            raise
        _raise_if_unsaved(scan.result(), filename)
    return sheets


#: A worksheet whose XML unpacks to more than this is parsed as two halves on two threads.
SPLIT_BYTES = 48 * 1024 * 1024
_CHUNK = 1 << 22
#: Share of the big worksheet's XML that goes to the first half (0.56 measured no faster here: 3.37 vs 3.27 s).
FIRST_SHARE = 0.5
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')


def _read_split(data: bytes, filename: str, worksheets: list[str]) -> list[Sheet] | None:
    """Read a workbook with one very big worksheet as two halves at once; None when that does not apply.

    The worksheet's XML is streamed out of the archive into two small
    workbooks (stored, not compressed): the rows up to a ``<row>`` near the
    middle, and the sheet head plus the remaining rows.  calamine (which
    releases the GIL) parses the first while the second is still being
    unpacked, then the second; the halves are joined by row number, giving
    the same sheets as one parse.  Any surprise (a formula, no row numbers,
    an error) returns None and the plain path reads the file and reports.
    """
    if (os.cpu_count() or 1) < 2:
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        big = [name for name in worksheets if archive.getinfo(name).file_size > SPLIT_BYTES]
        if len(big) != 1:
            return None
        path = big[0]
        names = {target: name for name, target in _sheet_paths(archive).items()}
        others = [name for name in worksheets if name != path]
        if path not in names or _unsaved_formulas(data, others) is not False:
            return None
        _check_extents(data, filename, others)  # a refusal here: the plain path checks again and says why
        with tempfile.TemporaryDirectory(prefix="dashboard-split-") as folder, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="first-half") as pool:
            halves = _stream_halves(archive, path, pool, Path(folder))
            if halves is None:
                return None
            first, book_b, cut = halves
            second_book = CalamineWorkbook.from_path(str(book_b))
            del halves
            second = second_book.get_sheet_by_name(names[path])
            tail = second.to_python(skip_empty_area=False)
            merged = list(second.merged_cell_ranges or [])  # the merges follow the rows: in the second half
            sheets = first.result()
    except Exception:  # noqa: BLE001 - not splittable here: the plain path decides
        return None
    del second, second_book
    for sheet in sheets:
        if sheet.name == names[path]:
            sheet.rows = _join(sheet.rows, tail, cut)
            sheet.merged = merged
    return sheets


def _stream_halves(archive: zipfile.ZipFile, path: str, pool: ThreadPoolExecutor, folder: Path):
    """Unpack the worksheet into two workbook files in ``folder`` (files, so that calamine reads
    them without a copy in memory); the first is being parsed (a future) while the second is
    written.  Returns (future sheets of the first, path of the second, 0-based first row of the second)."""
    size = archive.getinfo(path).file_size
    half = int(size * FIRST_SHARE)
    extent = Extent()  # checked before each half is parsed: no grid past the caps is built

    def too_far() -> bool:
        return extent_refusal("", "", extent.rows, extent.columns) is not None

    with archive.open(path) as stream:
        pending = b""
        while b"<sheetData>" not in pending:
            chunk = stream.read(_CHUNK)
            extent.feed(chunk)
            if not chunk or b"<f" in pending[-1:] + chunk:
                return None
            pending += chunk
        previous = pending
        body = pending.index(b"<sheetData>") + len(b"<sheetData>")
        head = pending[:body]
        first_book = folder / "first.xlsx"
        first = zipfile.ZipFile(first_book, "w", zipfile.ZIP_STORED)
        _copy_others(archive, first, path)
        written = 0
        with first.open(path, "w", force_zip64=True) as out:
            while True:
                cut = pending.find(b"<row ", max(0, half - written)) if written + len(pending) > half else -1
                if cut >= 0 and written + cut >= body:
                    out.write(pending[:cut])
                    out.write(b"</sheetData></worksheet>")
                    pending = pending[cut:]
                    break
                out.write(pending[:-8] if len(pending) > 8 else b"")
                written += max(len(pending) - 8, 0)
                pending = pending[-8:] if len(pending) > 8 else pending
                chunk = stream.read(_CHUNK)
                extent.feed(chunk)
                if not chunk or b"<f" in previous[-1:] + chunk:
                    return None
                previous = chunk
                pending += chunk
        first.close()
        if len(pending) < 4096:  # the row's opening tag may go on in the next piece
            chunk = stream.read(_CHUNK)
            extent.feed(chunk)
            if b"<f" in previous[-1:] + chunk:
                return None
            previous = chunk or previous
            pending += chunk
        number = _ROW_NUMBER.match(pending)
        if number is None or too_far():
            return None
        future = pool.submit(_parse_first_half, first_book)
        second_book = folder / "second.xlsx"
        with zipfile.ZipFile(second_book, "w", zipfile.ZIP_STORED) as second:
            _copy_others(archive, second, path)
            with second.open(path, "w", force_zip64=True) as out:
                out.write(head)
                out.write(pending)
                while chunk := stream.read(_CHUNK):
                    extent.feed(chunk)
                    if b"<f" in previous[-1:] + chunk:
                        future.cancel()
                        return None
                    previous = chunk
                    out.write(chunk)
    if too_far():  # the plain path reads no grid either: it checks first and says why
        future.cancel()
        return None
    return future, second_book, int(number[1]) - 1


def _parse_first_half(path: Path) -> list[Sheet]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        sheets.append(Sheet(name, sheet.to_python(skip_empty_area=False), list(sheet.merged_cell_ranges or [])))
    return sheets


def _copy_others(source: zipfile.ZipFile, target: zipfile.ZipFile, skip: str) -> None:
    for info in source.infolist():
        if info.filename != skip:
            target.writestr(info.filename, source.read(info))


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet member path, from the workbook and its relationships."""
    import xml.etree.ElementTree as ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    targets = {}
    for item in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")):
        target = item.get("Target", "")
        targets[item.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return {sheet.get("name"): targets.get(sheet.get(f"{rel}id"), "")
            for sheet in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{main}sheet")}


def _join(head: list[list[object]], tail: list[list[object]], cut: int) -> list[list[object]]:
    """Rows before ``cut`` from the first half, the rest from the second; all as wide as the widest."""
    width = max(len(head[0]) if head else 0, len(tail[0]) if tail else 0)
    rows = head[:cut] + [[""] * width for _ in range(cut - len(head))] + tail[cut:]
    if (head and len(head[0]) != width) or (tail and len(tail[0]) != width):
        rows = [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]
    return rows


def _has_value(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _check_zip(data: bytes, filename: str) -> list[str]:
    """Refuse a damaged archive, a zip bomb or a zip that is no workbook; the worksheets' names."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFile(filename, f"已损坏或不完整，无法打开（{type(error).__name__}）。请重新导出后再导入。") from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED_BYTES:
        raise TooLarge(filename, f"解压后达 {total / 1024 ** 3:.1f} GB，超过 {MAX_UNPACKED_BYTES // 1024 ** 3} GB 的上限，已拒绝（可能是恶意压缩文件）。")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise TooLarge(filename, f"压缩比异常（{member.filename} 解压后是压缩前的 {member.file_size // max(member.compress_size, 1)} 倍），已拒绝（可能是恶意压缩文件）。")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise CorruptFile(filename, "不是 Excel 工作簿（压缩包里没有工作簿内容）。")
    return sorted(name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _unsaved_formulas(data: bytes, worksheets: list[str]) -> bool | Exception:
    """True when a worksheet has a formula cell without a saved value.

    Streams each worksheet; only one that holds ``<f`` at all is read whole
    for the exact pattern.  A damaged member gives the error (not raised:
    the caller decides which message wins).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in worksheets:
            with archive.open(name) as stream:
                tail = b""
                while chunk := stream.read(1 << 20):
                    if b"<f" in tail + chunk[:1] or b"<f" in chunk:
                        break
                    tail = chunk[-1:]
                else:
                    continue
            if _FORMULA_WITHOUT_VALUE.search(archive.read(name)):
                return True
        return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as error:
        return error


def _raise_if_unsaved(found: bool | Exception, filename: str) -> None:
    if isinstance(found, Exception):
        raise CorruptFile(filename, f"已损坏或不完整，无法读取（{type(found).__name__}）。请重新导出后再导入。")
    if found:
        raise UnsavedFormulas(
            filename,
            "含有没有保存计算结果的公式（文件由程序生成、从未在 Excel/WPS 中打开保存）。"
            "请用 Excel 或 WPS 打开该文件，保存后再导入。",
        )


def _check_ole(data: bytes, filename: str) -> None:
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # noqa: BLE001 - msoffcrypto raises many kinds; any means "not encrypted OLE we know"
        encrypted = False
    if encrypted:
        raise EncryptedFile(filename, "设置了打开密码，无法读取。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后再导入。")


def _read_with_calamine(data: bytes, filename: str) -> list[Sheet]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            try:
                merged = list(sheet.merged_cell_ranges or [])
            except Exception:  # noqa: BLE001 - .xls has no merge info in some calamine versions
                merged = []
            sheets.append(Sheet(name, rows, merged))
        return sheets
    except Exception as error:  # noqa: BLE001 - calamine's errors carry no user meaning
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise EncryptedFile(filename, "设置了打开密码，无法读取。请取消密码后再导入。") from None
        raise CorruptFile(filename, f"已损坏或格式无法识别，无法读取（{type(error).__name__}）。请用 Excel/WPS 打开后另存为 .xlsx 再导入。") from None


def decode_text(data: bytes, filename: str) -> str:
    """Text of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorruptFile(filename, "不是可识别的表格文件（既不是 Excel，也不是 UTF-8/GBK 编码的 CSV）。")


def _read_csv(data: bytes, filename: str) -> Sheet:
    """One sheet from a CSV, refused before the grid is padded when it is wider or bigger than the caps."""
    if b"\x00" in data[:4096]:
        raise CorruptFile(filename, "不是表格文件（含有二进制内容）。请上传 .xlsx、.xls 或 .csv 文件。")
    text = decode_text(data, filename)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_FIELD_CHARS)  # the reader stops at the first longer field
    rows: list[list[str]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            width = max(width, len(row))
            if refusal := extent_refusal(filename, "CSV", len(rows) + 1, width):
                raise refusal
            rows.append(row)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise TooLarge(filename, f"第 {len(rows) + 1} 行有一个单元格超过 {MAX_FIELD_CHARS} 个字符，"
                                     "不像是表格数据，已拒绝。请检查文件（引号是否配对）后再导入。") from None
        raise CorruptFile(filename, f"第 {len(rows) + 1} 行无法按 CSV 读取（{error}）。请用 Excel/WPS 打开后另存为 .xlsx 再导入。") from None
    if not rows or width < 2:
        raise CorruptFile(filename, "不是表格文件（读不出多列数据）。请上传 .xlsx、.xls 或 .csv 文件。")
    return Sheet("CSV", [row + [""] * (width - len(row)) for row in rows])
