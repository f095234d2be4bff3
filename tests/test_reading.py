"""Reading bytes into sheets: the two-thread path for one huge worksheet gives the same sheets as one parse."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import reading

from .conftest import xlsx_bytes


def _big_workbook() -> bytes:
    log = [["2024学年听课记录"], [], ["日期", "听课人", "授课教师", "班级", "节次", "节数", "备注"]]
    for i in range(3000):
        log.append([dt.date(2024, 9, 1) + dt.timedelta(days=i % 150), f"教师{i % 97}", f"教师{(i * 7) % 97}",
                    f"高一({i % 12 + 1})班", f"第{i % 8 + 1}节", (i % 3) or None, "补录" if i % 500 == 0 else ""])
    log.append(["合计", "", "", "", "", 3000, ""])
    other = [["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]
    return xlsx_bytes({"听课": log, "名册": other}, merged={"听课": ["A1:G1"], "名册": ["A1:A1"]})


def test_split_read_equals_plain_read(monkeypatch):
    data = _big_workbook()
    plain = reading.read_workbook(data, "log.xlsx")
    monkeypatch.setattr(reading, "SPLIT_BYTES", 20_000)  # this sheet's XML is far larger: it is split
    results = []
    original = reading._read_split
    monkeypatch.setattr(reading, "_read_split", lambda *args: results.append(original(*args)) or results[-1])
    split = reading.read_workbook(data, "log.xlsx")
    assert results and results[0] is not None, "the split path was not taken"
    assert [s.name for s in split.sheets] == [s.name for s in plain.sheets]
    for a, b in zip(split.sheets, plain.sheets):
        assert a.rows == b.rows
        assert sorted(a.merged) == sorted(b.merged)


def test_split_path_falls_back_on_formulas(monkeypatch):
    rows = [["姓名", "节数"]] + [[f"教师{i}", i] for i in range(2000)] + [["合计", "=SUM(B2:B2001)"]]
    monkeypatch.setattr(reading, "SPLIT_BYTES", 20_000)
    with pytest.raises(reading.UnsavedFormulas):
        reading.read_workbook(xlsx_bytes(rows), "formulas.xlsx")


def _sheet_xml(data: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def _fed(xml: bytes, piece: int) -> reading.Extent:
    extent = reading.Extent()
    for start in range(0, len(xml), piece):
        extent.feed(xml[start:start + piece])
    return extent


@pytest.mark.parametrize("piece", [700, 4096, 1 << 22])
def test_extent_finds_a_far_right_cell_deep_in_the_sheet_whatever_the_pieces(piece):
    rows = [["姓名", "节数"]] + [[f"教师{i}", i] for i in range(1500)]
    rows[1200] = rows[1200] + [None] * 25 + ["远处"]  # column AB, far below the first piece
    xml = _sheet_xml(xlsx_bytes(rows))
    assert b"<dimension" in xml
    extent = _fed(xml, piece)
    assert (extent.rows, extent.columns, extent.declared) == (1501, 28, "A1:AB1501")


@pytest.mark.parametrize("piece", [700, 1 << 22])
def test_extent_of_a_sheet_without_a_dimension_element(piece):
    import re

    rows = [["姓名", "节数"]] + [[f"教师{i}", i] for i in range(900)]
    xml = re.sub(rb"<dimension[^>]*/>", b"", _sheet_xml(xlsx_bytes(rows)))  # as some exporters write it
    extent = _fed(xml, piece)
    assert (extent.rows, extent.columns, extent.declared) == (901, 2, None)


@pytest.mark.parametrize("share", [0.3, 0.55, 0.8])
def test_split_read_equals_plain_read_wherever_the_cut_falls(monkeypatch, share):
    data = _big_workbook()
    plain = reading.read_workbook(data, "log.xlsx")
    monkeypatch.setattr(reading, "SPLIT_BYTES", 20_000)
    monkeypatch.setattr(reading, "FIRST_SHARE", share)
    split = reading._read_split(data, "log.xlsx", ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    assert split is not None, "the split path was not taken"
    assert [sheet.rows for sheet in split] == [sheet.rows for sheet in plain.sheets]
