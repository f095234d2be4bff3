"""Twenty readers and one importer on one SQLite store at once: no errors, never a half-imported state.

The readers compute the figures again and again while a writer imports a
log and undoes it in a loop (WAL, busy timeout, one short transaction per
import or undo).  Every figure a reader sees is the figure before the
import or the figure after it.  The loops are bounded in count and time.
"""

from __future__ import annotations

import json
import threading
import time

from dashboard import metrics
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import xlsx_bytes

TERM = "2024-2025-1"
READERS = 20
TIME_LIMIT = 12.0  # seconds for the whole exercise
WRITER_CYCLES = 12
READS_PER_READER = 15
TEACHERS = [f"教师{chr(0x4e00 + i)}" for i in range(30)]
ROSTER = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组"], *([name, ("语文组", "数学组")[i % 2]]
                                                           for i, name in enumerate(TEACHERS))]


def _log(rows: int, offset: int) -> bytes:
    body = [[f"2024-{(9, 10, 11, 12)[i % 4]:02d}-{i % 28 + 1:02d}", TEACHERS[(i + offset) % 30],
             TEACHERS[(i * 7 + offset + 1) % 30], f"{i % 9 + 1}班", i % 8 + 1] for i in range(rows)]
    return xlsx_bytes([["日期", "听课人", "授课教师", "班级", "节次"], *body])


def _key(figures: dict) -> str:
    return json.dumps(figures, ensure_ascii=False, sort_keys=True)


def test_readers_see_whole_imports_only_while_one_writer_imports_and_undoes(tmp_path):
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    store = Store(url)
    store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx"))
    store.import_result(load_file(_log(300, 0), "听课一.xlsx", term=TERM))
    extra = load_file(_log(2000, 5), "听课二.xlsx", term=TERM)
    without = _key(metrics.figures(store.dataset(), TERM))
    batch = store.import_result(extra).batch_id
    with_extra = _key(metrics.figures(store.dataset(), TERM))
    assert store.undo(batch) and without != with_extra
    allowed = {without, with_extra}

    errors: list[BaseException] = []
    seen: set[str] = set()
    reads = [0]
    cycles = [0]
    lock = threading.Lock()
    stop = threading.Event()
    deadline = time.monotonic() + TIME_LIMIT
    start = threading.Barrier(READERS + 1)

    def reader() -> None:
        try:
            start.wait(timeout=30)
            for _ in range(READS_PER_READER):
                if stop.is_set() or time.monotonic() > deadline:
                    return
                figures = _key(metrics.figures(store.dataset(), TERM))
                with lock:
                    seen.add(figures)
                    reads[0] += 1
        except BaseException as error:  # noqa: BLE001 - any failure is the test's finding
            with lock:
                errors.append(error)

    def writer() -> None:
        try:
            start.wait(timeout=30)
            while cycles[0] < WRITER_CYCLES and time.monotonic() < deadline:
                outcome = store.import_result(extra)
                assert outcome.batch_id is not None, outcome
                assert store.undo(outcome.batch_id)
                cycles[0] += 1
        except BaseException as error:  # noqa: BLE001
            with lock:
                errors.append(error)
        finally:
            stop.set()

    threads = [threading.Thread(target=reader, name=f"reader-{i}") for i in range(READERS)]
    threads.append(threading.Thread(target=writer, name="writer"))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIME_LIMIT + 60)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    assert not errors, [repr(error) for error in errors]
    assert cycles[0] >= 1 and reads[0] >= READERS
    assert seen <= allowed, "a reader saw figures of a half-done import or undo"
    assert _key(metrics.figures(store.dataset(), TERM)) == without
    assert len(store.history()) == 2
