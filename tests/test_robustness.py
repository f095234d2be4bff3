"""Broken, hostile and oddly encoded files: refused with a Chinese message naming the file, figures unchanged.

Every input is made here (nothing binary is committed).  Each bad file is
refused by ``load_file`` with its typed :class:`ImportRejected`, and by
``python -m dashboard import`` with exit code 1 — and the figures of a
store that already holds a school's data are the same before and after.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
import zipfile

import openpyxl
import psutil
import pytest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.problems import (CorruptFile, EmptyFile, EncryptedFile, ImportRejected, NoHeader, TooLarge,
                                UnsavedFormulas, WrongKind)
from dashboard.store import Store

from .conftest import ROOT, csv_bytes, xls_bytes, xlsx_bytes

TERM = "2024-2025-1"
ROSTER = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组", "职务", "出生年月"],
          ["王月", "语文组", "", "1990.01"], ["李明", "数学组", "", "1985.06"], ["张伟", "英语组", "主任", "1978.03"]]
LOG = [["日期", "听课人", "授课教师", "班级", "节数"],
       ["2024.10.01", "王月", "李明", "1班", 1], ["2024.10.02", "李明", "王月", "2班", 2],
       ["2024.11.05", "张伟", "王月", "3班", ""]]


# ----------------------------------------------------------------- inputs

def truncated() -> bytes:
    data = xlsx_bytes(LOG)
    return data[: len(data) // 2]


def corrupt_member() -> bytes:
    """A complete archive whose worksheet data is damaged (bad CRC / deflate stream)."""
    data = bytearray(xlsx_bytes([[f"第{i}行", i, "文字" * 5] for i in range(400)]))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 7):
        data[offset] ^= 0x5A
    return bytes(data)


def text_renamed() -> bytes:
    return "这只是一段文字，不是表格。\n第二行。\n".encode("utf-8")


def encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = OOXMLFile(io.BytesIO(xlsx_bytes(ROSTER)))
    out = io.BytesIO()
    plain.encrypt("密码123", out)
    return out.getvalue()


def empty_workbook() -> bytes:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def no_header() -> bytes:
    return xlsx_bytes([["甲", 12, "乙"], ["丙", 3.5, "丁"], ["戊", 7, "己"]])


def unsaved_formulas() -> bytes:
    return xlsx_bytes([["姓名", "教研组", "节数"], ["王月", "语文组", "=1+1"], ["李明", "数学组", "=SUM(C2:C2)"]])


def zip_bomb() -> bytes:
    """A real workbook plus one member of 1.1 GB of zeros: about 5 MB on disk."""
    buffer = io.BytesIO(xlsx_bytes(ROSTER))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("xl/media/image1.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 24)
            for _ in range(66):
                member.write(chunk)
    return buffer.getvalue()


#: case -> (file name, maker, kind option, expected error, words the message must contain)
CASES = {
    "truncated": ("截断的名册.xlsx", truncated, None, CorruptFile, "损坏"),
    "corrupt": ("损坏的听课.xlsx", corrupt_member, None, CorruptFile, "损坏"),
    "text_renamed": ("其实是文本.xlsx", text_renamed, None, CorruptFile, "不是有效的 Excel"),
    "encrypted": ("加密名册.xlsx", encrypted, None, EncryptedFile, "密码"),
    "empty_workbook": ("空工作簿.xlsx", empty_workbook, None, EmptyFile, "没有任何数据"),
    "no_header": ("数据.xlsx", no_header, None, NoHeader, "表头"),
    "roster_as_papers": ("教师名册.xlsx", lambda: xlsx_bytes([*ROSTER, ["赵六", "科学组", "", "1992.09"]]), "papers",
                         WrongKind, "论文"),
    "unsaved_formulas": ("公式.xlsx", unsaved_formulas, None, UnsavedFormulas, "公式"),
}


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


@pytest.fixture
def school(tmp_path):
    """A SQLite store with a roster and a log, and its figures."""
    url = f"sqlite:///{tmp_path / 'school.db'}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    store.import_result(load_file(xlsx_bytes(LOG), "听课.xlsx", term=TERM))
    figures = metrics.figures(store.dataset(), TERM)
    assert figures["teachers"] == 3 and figures["observations"]["total"] == 4
    return url, store, figures


def _cli_import(url: str, path, kind: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "dashboard", "import", str(path), "--db", url]
    if kind:
        command += ["--kind", kind]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ------------------------------------------------------------------ tests

@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_refused_by_name_and_changes_nothing(case, school, tmp_path):
    name, make, kind, error, words = CASES[case]
    url, store, before = school
    data = make()
    version = store.version()
    with pytest.raises(error) as caught:
        load_file(data, name, kind=kind)
    message = str(caught.value)
    assert f"「{name}」" in message and words in message and _has_chinese(caught.value.reason)
    path = tmp_path / name
    path.write_bytes(data)
    done = _cli_import(url, path, kind)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"「{name}」" in done.stdout and words in done.stdout and "Traceback" not in done.stderr
    assert store.version() == version and len(store.history()) == 2
    assert metrics.figures(Store(url).dataset(), TERM) == before


def test_zip_bomb_is_refused_before_parsing_with_flat_memory(bomb, school, tmp_path):
    url, store, before = school
    assert len(bomb) < 8 * 1024 ** 2
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(member.file_size for member in archive.infolist()) > 1024 ** 3
    process = psutil.Process()
    peak = [process.memory_info().rss]
    baseline = peak[0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TooLarge) as caught:
            load_file(bomb, "炸弹.xlsx")
    finally:
        done.set()
        sampler.join()
    assert "「炸弹.xlsx」" in str(caught.value) and "解压后" in str(caught.value)
    assert time.perf_counter() - started < 5  # refused from the archive's directory, not by unpacking
    assert peak[0] - baseline < 64 * 1024 ** 2, f"RSS grew by {(peak[0] - baseline) / 1024 ** 2:.0f} MB"
    path = tmp_path / "炸弹.xlsx"
    path.write_bytes(bomb)
    result = _cli_import(url, path)
    assert result.returncode == 1 and "「炸弹.xlsx」" in result.stdout
    assert metrics.figures(Store(url).dataset(), TERM) == before


def test_every_refusal_is_an_import_rejected_with_a_chinese_reason():
    for name, make, kind, error, _ in CASES.values():
        assert issubclass(error, ImportRejected)
        with pytest.raises(ImportRejected) as caught:
            load_file(make(), name, kind=kind)
        assert caught.value.filename == name and _has_chinese(caught.value.reason)


def test_zero_byte_and_blank_files_are_empty(tmp_path):
    for name, data in (("空.csv", b""), ("空白.csv", b" \r\n \r\n"), ("空.xlsx", b"")):
        with pytest.raises(EmptyFile) as caught:
            load_file(data, name)
        assert f"「{name}」" in str(caught.value)


# ---------------------------------------------------------------- encodings

NAMES = ["王月", "李明", "欧阳㐀"]  # 㐀 (U+3400) is in GB18030 but not in GBK
CSV_ROWS = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组", "出生年月"],
            [NAMES[0], "语文组", "1990.01"], [NAMES[1], "数学组", "1985.06"], [NAMES[2], "英语组", "1978.03"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_schools_use(encoding):
    rows = CSV_ROWS if encoding != "gbk" else [row if row[0] != NAMES[2] else ["欧阳华", *row[1:]] for row in CSV_ROWS]
    result = load_file(csv_bytes(rows, encoding), f"名册_{encoding}.csv")
    expected = [row[0] for row in rows[2:]]
    assert result.kind == "roster" and result.term == TERM
    assert list(result.frame["name_key"]) == expected
    assert list(result.frame["group"]) == ["语文组", "数学组", "英语组"]


def test_legacy_xls_reads_like_xlsx():
    import datetime as dt

    rows = [["日期", "听课人", "授课教师", "班级", "节数"],
            [dt.date(2024, 10, 1), "王月", "李明", "1班", 1], [dt.date(2024, 10, 2), "李明", "王月", "2班", 2]]
    old = load_file(xls_bytes(rows), "听课.xls", term=TERM)
    new = load_file(xlsx_bytes(rows), "听课.xlsx", term=TERM)
    assert old.kind == new.kind == "observations"
    assert list(old.frame["date"]) == [dt.date(2024, 10, 1), dt.date(2024, 10, 2)]
    columns = ["term", "date", "observer_key", "teacher", "class_name", "lessons"]
    assert old.frame[columns].equals(new.frame[columns])


# ------------------------------------------------------------------ hostile extents, child process

def far_cell() -> bytes:
    """5 KB: one header and one value in cell XFD1048576 (a reader building the grid would need 512 GiB)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "姓名"
    book.active["XFD1048576"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lying_dimension() -> bytes:
    """A roster whose <dimension ref> says A1:D6 while a cell sits at ZZZ900000 (and a small second sheet)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"名册": ROSTER, "说明": [["备注", "无"]]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="900000"><c r="ZZZ900000" t="n"><v>1</v></c></row></sheetData>')
                assert b'<dimension ref="A1:D5"/>' in data
                data = data.replace(b'<dimension ref="A1:D5"/>', b'<dimension ref="A1:D6"/>')
            target.writestr(info, data)
    return out.getvalue()


def wide_sheet() -> bytes:
    """An ordinary-looking workbook whose header row runs to 1 500 columns."""
    return xlsx_bytes([["姓名", "教研组", *(f"第{i}周" for i in range(1500))], ["王月", "语文组", *([1] * 1500)]])


def wide_csv() -> bytes:
    """About 95 KB: a 10 000-column header and one row."""
    return csv_bytes([[f"列{i}" for i in range(10_000)], [1] * 10_000])


def long_field_csv() -> bytes:
    """A quote never closed: the rest of the file would be one field."""
    return ("姓名,教研组\n王月,语文组\n\"李明," + "数学组\n" * 20_000).encode("utf-8")


EXTENT_CASES = {
    "far_cell": ("远处单元格.xlsx", far_cell, "第 16384 列"),
    "lying_dimension": ("范围不实的名册.xlsx", lying_dimension, "文件声明的范围是 A1:D6"),
    "wide_sheet": ("很宽的表.xlsx", wide_sheet, "第 1502 列"),
    "wide_csv": ("一万列.csv", wide_csv, "第 10000 列"),
    "long_field_csv": ("引号未闭合.csv", long_field_csv, "超过 32768 个字符"),
}


@pytest.mark.parametrize("case", sorted(EXTENT_CASES))
def test_sheet_reaching_past_the_caps_is_refused_before_any_grid(case, school, tmp_path):
    name, make, words = EXTENT_CASES[case]
    url, store, before = school
    data = make()
    process = psutil.Process()
    started = time.perf_counter()
    with pytest.raises(TooLarge) as caught:
        load_file(data, name)
    assert time.perf_counter() - started < 5 and process.memory_info().rss < 2 * 1024 ** 3
    assert f"「{name}」" in str(caught.value) and words in str(caught.value)
    path = tmp_path / name
    path.write_bytes(data)
    done = _cli_import(url, path)
    assert done.returncode == 1 and f"「{name}」" in done.stdout and "Traceback" not in done.stderr
    assert metrics.figures(Store(url).dataset(), TERM) == before


def test_far_cell_workbook_is_5_kb():
    assert len(far_cell()) < 6 * 1024 and 90 * 1024 < len(wide_csv()) < 100 * 1024


def test_child_out_of_memory_or_time_gives_a_message_and_the_server_lives(school):
    from dashboard import isolation

    data = csv_bytes([["日期", "听课人", "授课教师", "班级"]] + [["2024.10.01", "王月", "李明", f"{i}班"]
                                                              for i in range(30_000)])
    big = csv_bytes([["日期", "听课人", "授课教师", "班级"]] + [["2024.10.01", "王月", "李明", f"{i}班"]
                                                             for i in range(200_000)])
    starved = isolation.prepare(big, "大文件.csv", memory=8 * 1024 ** 2)
    assert starved.result is None and "「大文件.csv」" in starved.rejected and "内存" in starved.rejected
    slow = isolation.prepare(data, "大文件.csv", seconds=0.001)
    assert slow.result is None and "超过 0.001 秒" in slow.rejected
    with pytest.raises(isolation.ChildFailed, match="内存超过上限"):
        isolation.run("allocate", (2 * 1024 ** 3,), "x.xlsx", memory=256 * 1024 ** 2)
    with pytest.raises(isolation.ChildFailed, match="超过 1 秒"):
        isolation.run("sleep", (60,), "y.xlsx", seconds=1)
    fine = isolation.prepare(data, "大文件.csv")  # the same file with the real limits
    assert fine.rejected is None and fine.rows == 30_000


def _page(url: str):
    from streamlit.testing.v1 import AppTest

    from .conftest import sign_in

    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "教科室")
    at.run()
    at.switch_page("pages/import_data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("limit", ["caps", "memory", "time"])
def test_hostile_uploads_on_the_import_page_while_another_session_works(limit, school, monkeypatch):
    """The 5 KB XFD1048576 workbook and the 10 000-column CSV on 数据导入: a message naming each file,
    the store unchanged, and a second session goes on importing and drawing figures."""
    from dashboard import isolation

    import streamlit as st

    st.cache_data.clear()  # an earlier case's results for the same bytes are kept by sha256: parse afresh
    url, store, before = school
    monkeypatch.setenv("DASHBOARD_DB", url)
    if limit == "memory":
        monkeypatch.setattr(isolation, "MEMORY_LIMIT", 8 * 1024 ** 2)
    elif limit == "time":
        monkeypatch.setattr(isolation, "TIME_LIMIT", 0.001)
    first, second = _page(url), _page(url)
    files = [("远处单元格.xlsx", far_cell()), ("一万列.csv", wide_csv())]
    first.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in files]).run()
    assert not first.exception, [e.value for e in first.exception]
    errors = [element.value for element in first.error]
    words = {"caps": "超过上限", "memory": "上限", "time": "仍未完成"}[limit]  # memory: whichever limit is met first
    for name, _ in files:
        assert any(f"「{name}」" in text and words in text for text in errors), errors
    assert not any(button.key == "import_commit" for button in first.button)
    assert store.version() == 2 and metrics.figures(Store(url).dataset(), TERM) == before
    # the other session still works: it imports a file and sees the new figures
    monkeypatch.undo()
    monkeypatch.setenv("DASHBOARD_DB", url)
    more = xlsx_bytes([LOG[0], ["2024.12.01", "李明", "张伟", "5班", 1]])
    second.file_uploader[0].set_value([("听课补充.xlsx", more, "application/octet-stream")]).run()
    second.text_input(key=next(w.key for w in second.text_input if w.key.endswith("_term"))).input(TERM).run()
    second.button(key="import_commit").click().run()
    assert not second.exception, [e.value for e in second.exception]
    assert metrics.figures(Store(url).dataset(), TERM)["observations"]["total"] == 5


def test_one_upload_is_capped_in_total(school, monkeypatch):
    from dashboard import isolation

    url, store, _ = school
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.setattr(isolation, "MAX_UPLOAD_BYTES", 10 * 1024)
    at = _page(url)
    at.file_uploader[0].set_value([("一万列.csv", wide_csv(), "text/csv"),
                                   ("名册.xlsx", xlsx_bytes(ROSTER), "application/octet-stream")]).run()
    assert not at.exception
    assert [element.value for element in at.error if "未读取任何文件" in element.value and "一万列.csv、名册.xlsx" in element.value]
    assert store.version() == 2
