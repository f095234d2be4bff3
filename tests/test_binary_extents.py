"""Hostile extents in legacy .xls and binary .xlsb workbooks: refused from their records before
python-calamine (which builds every .xls grid as soon as it opens the file) ever sees the bytes;
ordinary files of both formats still read."""

from __future__ import annotations

import io
import struct
import zipfile

import olefile
import pytest

from dashboard import reading
from dashboard.binary_extents import xls_extents, xlsb_extents
from dashboard.loaders import load_file
from dashboard.problems import TooLarge

from .conftest import xls_bytes

ROSTER = [["姓名", "教研组", "职务"], ["王月", "语文组", "教师"], ["李明", "数学组", "教研组长"], ["张华", "英语组", "教师"]]

def _varint(value, most):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)

def record(kind, body=b""):
    return _varint(kind, 2) + _varint(len(body), 4) + body

def wide(text):
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")

def xlsb_bytes(cells):
    """cells: {(row, col): value} (str or number), rows and columns 0-based."""
    rows = sorted({r for r, _ in cells})
    last_row = max(rows); last_col = max(c for _, c in cells)
    sheet = record(0x0081) + record(0x0094, struct.pack("<IIII", 0, last_row, 0, last_col)) + record(0x0091)
    for r in rows:
        sheet += record(0x0000, struct.pack("<IIH", r, 0, 300) + b"\x00\x00\x00" + struct.pack("<I", 0))
        for (rr, c), v in sorted(cells.items()):
            if rr != r: continue
            if isinstance(v, str):
                sheet += record(0x0006, struct.pack("<II", c, 0) + wide(v))
            else:
                sheet += record(0x0005, struct.pack("<IId", c, 0, float(v)))
    sheet += record(0x0092) + record(0x0082)
    book = (record(0x0083) + record(0x008F) + record(0x009C, struct.pack("<II", 0, 1) + wide("rId1") + wide("名册"))
            + record(0x0090) + record(0x0084))
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
             '<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
             '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>')
    book_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/_rels/workbook.bin.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
    return buffer.getvalue()


def xls_sheets(sheets: dict[str, dict[tuple[int, int], object]]) -> bytes:
    """A .xls (BIFF8) with the given cells on each sheet (0-based row, column)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, cells in sheets.items():
        sheet = book.add_sheet(name)
        for (row, column), value in cells.items():
            sheet.write(row, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roster_cells(rows=ROSTER) -> dict[tuple[int, int], object]:
    return {(r, c): value for r, row in enumerate(rows) for c, value in enumerate(row)}


def far_xls() -> bytes:
    """6 KB: a roster sheet, and a sheet with one value in A1 and one in IV65536 (a 16.7-million-cell grid)."""
    return xls_sheets({"名册": roster_cells(), "附表": {(0, 0): "说明", (65535, 255): 1}})


def tall_xls() -> bytes:
    """One column of values down to row 65 536 and one value in column 200: 13 million cells."""
    return xls_sheets({"Sheet1": {**roster_cells(), (65535, 0): "末行", (3, 199): "远"}})


def lying_xls() -> bytes:
    """A roster whose DIMENSIONS record claims A1:IV65536: only real cells count (calamine ignores it)."""
    data = bytearray(xls_bytes(ROSTER))
    with olefile.OleFileIO(io.BytesIO(bytes(data))) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
    position = 0
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        if kind == 0x0200:
            struct.pack_into("<IIHH", stream, position + 4, 0, 65536, 0, 256)
        position += 4 + size
    buffer = io.BytesIO(bytes(data))
    with olefile.OleFileIO(buffer, write_mode=True) as ole:
        ole.write_stream("Workbook", bytes(stream))
    return buffer.getvalue()


def far_xlsb() -> bytes:
    """1 KB: one value in A1 and one in XFD1048576."""
    return xlsb_bytes({(0, 0): "姓名", (1048575, 16383): 1})


def wide_xlsb() -> bytes:
    """A roster whose header row runs to 1 500 columns."""
    return xlsb_bytes({**roster_cells(), **{(0, 3 + i): f"第{i}周" for i in range(1500)}})


HOSTILE = {
    "far_xls": ("远处单元格.xls", far_xls, "工作表「附表」的单元格一直延伸到第 65536 行、第 256 列"),
    "tall_xls": ("很长的表.xls", tall_xls, "第 65536 行、第 200 列"),
    "far_xlsb": ("远处单元格.xlsb", far_xlsb, "工作表「名册」的单元格一直延伸到第 1048576 行、第 16384 列"),
    "wide_xlsb": ("很宽的表.xlsb", wide_xlsb, "第 1503 列"),
}


@pytest.fixture
def no_grid(monkeypatch):
    """python-calamine made unusable: a refusal must come before any grid is built."""
    class Forbidden:
        @staticmethod
        def from_filelike(*args, **kwargs):
            raise AssertionError("calamine was asked to build the grids")

        from_path = from_filelike

    monkeypatch.setattr(reading, "CalamineWorkbook", Forbidden)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_extent_is_refused_before_calamine_opens_the_file(case, no_grid):
    name, make, words = HOSTILE[case]
    data = make()
    assert len(data) < 64 * 1024 or case == "wide_xlsb"
    with pytest.raises(TooLarge) as caught:
        load_file(data, name)
    assert f"「{name}」" in str(caught.value) and words in str(caught.value)
    assert "超过上限（最多 1000 列、1000 万个单元格）" in str(caught.value)


def test_the_far_xls_is_6_kb_and_its_grid_would_be_16_million_cells():
    data = far_xls()
    assert len(data) < 7 * 1024
    [roster, extra] = xls_extents(data)
    assert (roster.name, roster.rows, roster.columns) == ("名册", 4, 3)
    assert (extra.name, extra.rows, extra.columns, extra.declared) == ("附表", 65536, 256, "A1:IV65536")


def test_ordinary_xls_and_xlsb_rosters_still_read():
    for data, name in ((xls_bytes(ROSTER), "名册.xls"), (xlsb_bytes(roster_cells()), "名册.xlsb"),
                       (lying_xls(), "范围不实的名册.xls")):
        result = load_file(data, name, term="2024-2025-1")
        assert result.kind == "roster" and result.rows == 3, name
        assert list(result.frame["name"]) == ["王月", "李明", "张华"], name


def test_a_declared_extent_alone_is_not_refused():
    [extent] = xls_extents(lying_xls())
    assert extent.declared == "A1:IV65536" and (extent.rows, extent.columns) == (4, 3)


def test_damaged_binary_workbooks_are_left_to_the_reader_to_report():
    assert xls_extents(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600) is None
    assert xlsb_extents(b"PK\x03\x04 not a zip") is None
    damaged = xlsb_bytes(roster_cells())[:-200]
    with pytest.raises(Exception) as caught:
        load_file(damaged, "坏的.xlsb")
    assert "「坏的.xlsb」" in str(caught.value)


def test_hostile_xls_upload_on_the_import_page_and_xlsb_import_are_refused_by_name(tmp_path, monkeypatch, capsys):
    """The .xls through 数据导入 (parsed in the child process; the page accepts .xlsx, .xls and .csv), the
    .xlsb through ``python -m dashboard import``: a message naming each file, nothing stored."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard.cli import main
    from dashboard.store import Store

    from .conftest import ROOT, sign_in, xlsx_bytes

    st.cache_data.clear()
    url = f"sqlite:///{tmp_path / 'school.db'}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx", term="2024-2025-1"))
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "教科室")
    at.run()
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value([("远处单元格.xls", far_xls(), "application/vnd.ms-excel")]).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [element.value for element in at.error]
    assert any("「远处单元格.xls」" in text and "超过上限" in text for text in errors), errors
    assert not any(button.key == "import_commit" for button in at.button)
    (tmp_path / "远处单元格.xlsb").write_bytes(far_xlsb())
    assert main(["import", str(tmp_path / "远处单元格.xlsb"), "--db", url]) == 1
    said = capsys.readouterr()
    assert "「远处单元格.xlsb」" in said.out + said.err and "超过上限" in said.out + said.err
    assert len(Store(url).history()) == 1
