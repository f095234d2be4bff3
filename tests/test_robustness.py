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
