"""Fixtures that build real workbooks in tmp_path, and a fresh store per test."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import uuid
from pathlib import Path

import openpyxl
import pytest

from bench.serving import free_port, served, wait_healthy  # noqa: F401 - the tests' server helpers
from dashboard.store import Store

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"
REALDATA2 = ROOT.parent / "shared" / "realdata2"
DEMO = ROOT / "data" / "demo"


def xlsx_bytes(sheets: dict[str, list[list]] | list[list], merged: dict[str, list[str]] | None = None) -> bytes:
    """An .xlsx file's bytes: {sheet name: rows}, or one sheet's rows."""
    if isinstance(sheets, list):
        sheets = {"Sheet1": sheets}
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merged or {}).get(name, []):
            sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(rows: list[list]) -> bytes:
    """A legacy .xls file's bytes (BIFF8, as old school systems export)."""
    import datetime as dt

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (dt.date, dt.datetime)):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode(encoding)


#: The three layouts every reader is tested against: a title row above the table, a legacy .xls
#: (no title), a GBK CSV (no title).
LAYOUTS = ("xlsx with a title", "xls", "gbk csv")


def layout_file(layout: str, rows: list[list], stem: str = "表", title: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of a table written in one layout: ``xlsx with a title`` / ``csv with a title``
    (the title row is ``title``, else "<stem>一览"), ``xlsx``, ``xls``, ``gbk csv``."""
    title = f"{stem}一览" if title is None else title
    if layout == "xlsx with a title":
        return f"{stem}.xlsx", xlsx_bytes([[title], *rows])
    if layout == "csv with a title":
        return f"{stem}.csv", csv_bytes([[title], *rows])
    if layout == "xlsx":
        return f"{stem}.xlsx", xlsx_bytes(rows)
    if layout == "xls":
        return f"{stem}.xls", xls_bytes(rows)
    if layout == "gbk csv":
        return f"{stem}.csv", csv_bytes(rows, encoding="gbk")
    raise ValueError(layout)


PG_URL = os.environ.get("DASHBOARD_TEST_PG_URL")


def fresh_database_url(backend: str, tmp_path: Path) -> str:
    """A new empty store URL: a SQLite file, or a new database on the test PostgreSQL server."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    if not PG_URL:
        pytest.skip("PostgreSQL 测试服务器未启动：scripts/test.sh 会启动它并设置 DASHBOARD_TEST_PG_URL")
    import sqlalchemy

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return PG_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    """A fresh store on SQLite and on PostgreSQL: store tests run on both."""
    store = Store(fresh_database_url(request.param, tmp_path))
    yield store
    store.engine.dispose()


@pytest.fixture
def write(tmp_path):
    """write(name, bytes) -> path of a file in tmp_path."""

    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write


def needs_realdata():
    return pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata 不在本机（只在项目旁有 shared/ 时才能测真实表格）")


def needs_realdata2():
    return pytest.mark.skipif(not REALDATA2.is_dir(), reason="../shared/realdata2 不在本机（只在项目旁有 shared/ 时才能测这些真实表格）")


@contextlib.contextmanager
def streamlit_server(folder: Path, env: dict[str, str]):
    """`streamlit run app.py` on 127.0.0.1 with ``env`` (the whole environment); yields its base URL, always
    terminated.  Its output goes to ``folder``/streamlit.log."""
    with served(ROOT / "app.py", env, folder / "streamlit.log", inherit=False) as base:
        yield base


def sign_in(at, role: str = "管理员", **fields):
    """An AppTest session signed in as a user of ``role`` (as the login form would leave it)."""
    from dashboard.accounts import User

    at.session_state["user"] = User(f"测试{role}", role, **fields)
    return at
