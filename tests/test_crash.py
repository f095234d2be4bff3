"""An import killed (SIGKILL) inside its transaction leaves the previous figures and a usable store.

``python -m dashboard import`` runs in a subprocess on a log big enough
that its one transaction lasts a while; the test waits until the SQLite
``-wal`` file grows (the transaction is writing pages) and kills the
process.  Then the store opens, its figures and history are those from
before, and the same file imports cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, xlsx_bytes

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="需要 SIGKILL（POSIX）")

TERM = "2024-2025-1"
TEACHERS = [f"教师{chr(0x4e00 + i)}{chr(0x4e80 + i)}" for i in range(60)]
ROSTER = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组"], *([name, "语文组"] for name in TEACHERS)]
BIG_ROWS = 120_000


def big_log_csv(rows: int = BIG_ROWS) -> bytes:
    """A 听课 log as CSV (fast to write): dates across the first term, every teacher observing."""
    lines = ["日期,听课人,授课教师,班级,节次,节数"]
    for i in range(rows):
        month = (9, 10, 11, 12)[i % 4]
        lines.append(f"2024-{month:02d}-{i % 28 + 1:02d},{TEACHERS[i % 60]},{TEACHERS[(i * 7 + 1) % 60]},"
                     f"高一({i % 12 + 1})班,{i % 8 + 1},{1 + i % 2}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sizes(db: Path) -> int:
    wal = Path(f"{db}-wal")
    return wal.stat().st_size if wal.exists() else 0


def _truncate_wal(url: str) -> None:
    """Empty the -wal file, so that any growth is the next transaction writing."""
    store = Store(url)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.engine.dispose()


def test_import_killed_mid_commit_leaves_previous_figures_and_a_usable_store(tmp_path):
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    small = [["日期", "听课人", "授课教师", "班级"], ["2024-10-08", TEACHERS[0], TEACHERS[1], "1班"],
             ["2024-10-09", TEACHERS[1], TEACHERS[0], "2班"]]
    store.import_result(load_file(xlsx_bytes(small), "听课.xlsx", term=TERM))
    before = metrics.figures(store.dataset(), TERM)
    history = store.history()
    version = store.version()
    store.engine.dispose()
    big = tmp_path / "全区听课记录.csv"
    big.write_bytes(big_log_csv())

    killed_inside = False
    tries = []
    for attempt in range(3):  # the kill must land inside the transaction; a slow poll may miss it
        _truncate_wal(url)
        wal_before = _sizes(db)
        child = subprocess.Popen([sys.executable, "-m", "dashboard", "import", str(big), "--db", url],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None and _sizes(db) <= wal_before + 64 * 1024:
            time.sleep(0.001)
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
        after = Store(url)
        tries.append((child.returncode, _sizes(db), len(after.history())))
        if len(after.history()) == len(history):
            killed_inside = child.returncode == -signal.SIGKILL
        else:  # it committed before the kill: take the batch out and try again
            after.undo(int(after.history()["id"].iloc[-1]))
        after.engine.dispose()
        if killed_inside:
            break
    assert killed_inside, f"the import was never killed inside its transaction: {tries}"

    store = Store(url)
    assert metrics.figures(store.dataset(), TERM) == before
    assert store.history()[["id", "filename", "sha256", "rows"]].equals(history[["id", "filename", "sha256", "rows"]])
    assert store.version() >= version
    assert store.problems().empty or set(store.problems()["batch_id"]) <= set(history["id"])
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("SELECT count(*) FROM observations").scalar() == 2

    done = subprocess.run([sys.executable, "-m", "dashboard", "import", str(big), "--db", url], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "「全区听课记录.csv」" in done.stdout and f"{BIG_ROWS} 行" in done.stdout
    reference = Store(f"sqlite:///{tmp_path / 'reference.db'}")  # the same three files, never interrupted
    reference.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    reference.import_result(load_file(xlsx_bytes(small), "听课.xlsx", term=TERM))
    reference.import_result(load_file(big.read_bytes(), big.name))
    now = metrics.figures(Store(url).dataset(), TERM)
    assert now == metrics.figures(reference.dataset(), TERM)
    assert now["observations"]["total"] > before["observations"]["total"]
