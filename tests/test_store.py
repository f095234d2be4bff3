"""Import batches: atomic, idempotent on identical bytes, undoable, raw file kept."""

from __future__ import annotations

import pytest

from dashboard import metrics
from dashboard.contract import KINDS
from dashboard.loaders import load_file
from dashboard.store import Store, resolve_url

from .conftest import xlsx_bytes

ROSTER = [["姓名", "教研组", "出生年月"], ["甲", "语文组", "1990.01"], ["乙", "数学组", "1980.01"]]
LOG = [["日期", "听课人", "授课教师"], ["2024.10.01", "甲", "乙"], ["2024.10.02", "甲", "乙"]]


def _result(rows, name, **options):
    return load_file(xlsx_bytes(rows), name, **options)


def test_batch_records_file_and_keeps_original_bytes(store):
    data = xlsx_bytes(ROSTER)
    outcome = store.import_result(load_file(data, "名册.xlsx", term="2024-2025-1"))
    history = store.history()
    assert list(history.columns) == ["id", "created_at", "filename", "sha256", "kind", "term", "rows", "problems", "school"]
    row = history.iloc[0]
    assert (row.id, row.filename, row.kind, row.term, row.rows) == (outcome.batch_id, "名册.xlsx", "roster", "2024-2025-1", 2)
    assert store.raw_file(outcome.batch_id) == ("名册.xlsx", data)


def test_identical_bytes_change_nothing(store):
    data = xlsx_bytes(ROSTER)  # built once: openpyxl stamps the time, so two builds may differ by a second
    first = store.import_result(load_file(data, "名册.xlsx", term="2024-2025-1"))
    version = store.version()
    again = store.import_result(load_file(data, "名册-副本.xlsx", term="2024-2025-1"))
    assert again.batch_id is None and again.duplicate_of == first.batch_id
    assert store.version() == version and len(store.history()) == 1


def test_undo_restores_previous_figures_exactly(store):
    store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"))
    before = metrics.figures(store.dataset(), "2024-2025-1")
    outcome = store.import_result(_result(LOG, "听课.xlsx"))
    assert metrics.figures(store.dataset(), "2024-2025-1")["observations"]["total"] == 2
    assert store.undo(outcome.batch_id) is True
    assert metrics.figures(store.dataset(), "2024-2025-1") == before
    assert store.undo(outcome.batch_id) is False


def test_replace_swaps_a_batch_in_one_transaction(store):
    store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"))
    old = store.import_result(_result(LOG, "听课.xlsx"))
    newer = store.import_result(_result([*LOG, ["2024.10.03", "甲", "乙"]], "听课.xlsx"), replace=old.batch_id)
    assert newer.replaced == old.batch_id
    assert list(store.history()["id"]) == [1, newer.batch_id]
    assert metrics.figures(store.dataset(), "2024-2025-1")["observations"]["total"] == 3


def test_failed_import_leaves_store_unchanged(store, monkeypatch):
    store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"))
    before, version = metrics.figures(store.dataset(), "2024-2025-1"), store.version()
    def fail(_conn):  # the last statement of the transaction fails, after every row was written
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_bump", fail)
    with pytest.raises(RuntimeError):
        store.import_result(_result(LOG, "听课.xlsx"))
    monkeypatch.undo()
    assert store.version() == version and len(store.history()) == 1
    assert metrics.figures(store.dataset(), "2024-2025-1") == before


def test_store_url_from_option_env_or_default(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DB", raising=False)
    assert resolve_url() == "sqlite:///data/dashboard.db"
    monkeypatch.setenv("DASHBOARD_DB", "sqlite:///x.db")
    assert resolve_url() == "sqlite:///x.db" and resolve_url("sqlite:///y.db") == "sqlite:///y.db"


def test_sqlite_store_uses_wal(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_batch_ids_are_never_reused_after_undo(store):
    first = store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"))
    assert store.undo(first.batch_id)
    second = store.import_result(_result(LOG, "听课.xlsx"))
    assert second.batch_id == first.batch_id + 1


def test_the_same_bytes_imported_at_once_from_two_threads_store_one_batch(store):
    import threading

    result = _result(ROSTER, "名册.xlsx", term="2024-2025-1")
    outcomes, barrier = [], threading.Barrier(4)

    def go():
        barrier.wait()
        outcomes.append(store.import_result(result))

    threads = [threading.Thread(target=go) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcome.batch_id is not None for outcome in outcomes) == [False, False, False, True]
    assert len(store.history()) == 1


def test_frames_kept_beside_a_sqlite_file_equal_the_database_and_follow_every_change(tmp_path):
    import io

    import pandas as pd

    from dashboard.cli import demo_files, import_files

    store = Store(f"sqlite:///{tmp_path / 'cached.db'}")
    import_files(store, demo_files(), out=io.StringIO())
    from_database = store.dataset()
    assert (tmp_path / "cached.db.dataset-cache").is_dir()
    from_copy = Store(f"sqlite:///{tmp_path / 'cached.db'}").dataset()
    for kind in KINDS:
        pd.testing.assert_frame_equal(getattr(from_copy, kind), getattr(from_database, kind), check_dtype=False)
    assert metrics.figures(from_copy, "2024-2025-1") == metrics.figures(from_database, "2024-2025-1")
    cache = tmp_path / "cached.db.dataset-cache"
    history = store.history()
    last = int(history.loc[history["kind"] == "projects", "id"].iloc[-1])  # the last 课题 list
    store.undo(last)
    after = store.dataset()
    assert len(after.projects) < len(from_copy.projects)
    copies = sorted(path.name for path in cache.iterdir())
    store.set_alias("外校客人", None)  # a name correction: same rows, the copy is kept and read
    again = Store(f"sqlite:///{tmp_path / 'cached.db'}").dataset()
    assert again.aliases == {"外校客人": None} and sorted(path.name for path in cache.iterdir()) == copies
    pd.testing.assert_frame_equal(again.projects, after.projects)
    rows = [["课题名称", "负责人", "级别", "立项时间"], ["新课题", "王莉", "区级", "2024.09"]]
    store.import_result(load_file(xlsx_bytes(rows), "新课题.xlsx"))  # as many batches as before the undo
    newest = store.dataset()
    assert "新课题" in set(newest.projects["title"]) and "新课题" not in set(after.projects["title"])


def test_the_copy_follows_imports_and_undos_reading_only_new_batches(tmp_path, monkeypatch):
    """After an import only the new batch is read from the database, after an undo nothing; the
    frames equal a full read of the database, and so do the figures."""
    import io
    import shutil

    import pandas as pd

    from dashboard import store_frames
    from dashboard.cli import demo_files, import_files
    from dashboard.contract import KINDS

    url = f"sqlite:///{tmp_path / 'grow.db'}"
    store = Store(url)
    import_files(store, demo_files(), out=io.StringIO())
    store.dataset()  # leaves the copy
    reads = []
    real_read = store_frames._read_table
    monkeypatch.setattr(store_frames, "_read_table",
                        lambda conn, table, batch_ids=None: reads.append(batch_ids) or real_read(conn, table, batch_ids))

    def plain(frame):
        return frame.astype(object).where(frame.notna(), None)

    def full_read():
        shutil.rmtree(tmp_path / "grow.db.dataset-cache")
        return Store(url).dataset()

    log = [["日期", "听课人", "授课教师"], ["2025.03.03", "王莉", "张伟"], ["2025.03.04", "王莉", "张伟"]]
    added = store.import_result(load_file(xlsx_bytes(log), "补录.xlsx", term="2024-2025-2")).batch_id
    middle = int(store.history()["id"].iloc[3])
    for change in ("import", "undo"):
        if change == "undo":
            store.undo(middle)
        reads.clear()
        grown = store.dataset()
        assert reads == ([[added]] * len(KINDS) if change == "import" else []), change  # one read per kind's table
        whole = full_read()
        for kind in ("roster", "observations", "papers", "projects"):  # same values, same cells missing
            pd.testing.assert_frame_equal(plain(getattr(grown, kind)), plain(getattr(whole, kind)))
        for term in ("2024-2025-1", "2024-2025-2"):
            assert metrics.figures(grown, term) == metrics.figures(whole, term)
    assert added in set(grown.observations["batch_id"]) and middle not in set(grown.roster["batch_id"])


def test_a_schools_name_correction_changes_only_its_figures(store):
    """District mode: 一中 says the log's 小甲 is its 甲; 二中's identical files keep 小甲 unmatched."""
    log = [["日期", "听课人", "授课教师"], ["2024.10.01", "甲", "乙"], ["2024.10.02", "小甲", "乙"],
           ["2024.10.03", "小甲", "乙"]]
    for school in ("一中", "二中"):
        store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"), school=school)
        store.import_result(_result(log, "听课.xlsx", term="2024-2025-1"), school=school)
    store.set_alias("小甲", "甲", school="一中")
    ds = store.dataset()
    first, second = (metrics.figures(ds.for_school(school), "2024-2025-1")["observations"] for school in ("一中", "二中"))
    assert (first["total"], second["total"]) == (3, 1)
    assert list(store.alias_list("一中")["alias_key"]) == ["小甲"]
    assert store.alias_list("二中").empty and store.alias_list().empty
    assert not store.delete_alias("小甲", "二中") and store.delete_alias("小甲", "一中")
    assert metrics.figures(store.dataset().for_school("一中"), "2024-2025-1")["observations"]["total"] == 1


def test_one_schools_corrections_are_the_stores_when_it_is_the_only_school(store):
    store.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"), school="一中")
    store.set_alias("小甲", "甲", school="一中")
    store.set_alias("外人", None)
    assert store.dataset().aliases == {"外人": None, "小甲": "甲"}


def test_undoing_a_replacing_import_brings_back_the_earlier_version_exactly(store):
    old_data = xlsx_bytes(ROSTER)
    old = store.import_result(load_file(old_data, "名册.xlsx", term="2024-2025-1"))
    log = store.import_result(_result(LOG, "听课.xlsx", term="2024-2025-1"))
    before = store.dataset()
    old_rows = before.roster.drop(columns=["batch_id"]).reset_index(drop=True)
    figures = metrics.figures(before, "2024-2025-1")
    newer = [["姓名", "教研组", "出生年月"], ["甲", "英语组", "1990.01"], ["丙", "数学组", "1970.01"]]
    new = store.import_result(_result(newer, "名册.xlsx", term="2024-2025-1"), replace=old.batch_id)
    assert new.replaced == old.batch_id
    assert set(store.history()["id"]) == {log.batch_id, new.batch_id}
    assert set(store.dataset().roster["name"]) == {"甲", "丙"}
    assert store.replaced(new.batch_id) == [old.batch_id]
    assert store.undo(new.batch_id)
    after = store.dataset()
    assert set(store.history()["id"]) == {old.batch_id, log.batch_id}
    assert store.raw_file(old.batch_id) == ("名册.xlsx", old_data)
    assert after.roster.drop(columns=["batch_id"]).reset_index(drop=True).equals(old_rows)
    assert metrics.figures(after, "2024-2025-1") == figures
    # the old version is in use again: it can be replaced and undone once more
    again = store.import_result(_result(newer, "名册2.xlsx", term="2024-2025-1"), replace=old.batch_id)
    assert store.undo(again.batch_id) and set(store.dataset().roster["name"]) == {"甲", "乙"}


def test_a_database_recreated_at_the_same_path_never_shows_the_old_copy(tmp_path):
    """The frames' copy beside a SQLite file is named by a random id of the database, not only its batch ids."""
    path = tmp_path / "school.db"
    first = Store(f"sqlite:///{path}")
    first.import_result(_result(ROSTER, "名册.xlsx", term="2024-2025-1"))
    assert set(first.dataset().roster["name"]) == {"甲", "乙"}  # writes the copy for batch {1}
    first.engine.dispose()
    path.unlink()
    for leftover in tmp_path.glob("school.db-*"):
        leftover.unlink()
    assert (tmp_path / "school.db.dataset-cache").is_dir()  # the old copy is still beside the new file
    second = Store(f"sqlite:///{path}")
    other = [["姓名", "教研组", "出生年月"], ["丁", "物理组", "1988.01"], ["戊", "化学组", "1979.01"]]
    second.import_result(_result(other, "名册.xlsx", term="2024-2025-1"))  # batch 1 again
    assert set(second.dataset().roster["name"]) == {"丁", "戊"}
    assert set(Store(f"sqlite:///{path}").dataset().roster["name"]) == {"丁", "戊"}


def test_a_log_of_a_thousand_rows_is_stored_row_for_row_as_read(store):
    """SQLite stores many rows per statement: every row, the last partial group too, comes back
    with its own values in file order (and PostgreSQL, which stores them otherwise, agrees)."""
    names = ["张" + chr(0x4E00 + i) for i in range(37)]
    log = [["日期", "听课人", "授课教师", "节数"]] + [
        [f"2024.{9 + i % 4:02d}.{1 + i % 28:02d}", names[i % 37], names[(i * 7 + 3) % 37], 1 + i % 3]
        for i in range(1000)]
    result = _result(log, "听课.xlsx", term="2024-2025-1")
    store.import_result(result)
    stored = store.dataset().observations.sort_values("source_row")
    assert len(stored) == 1000
    columns = ["source_row", "date", "observer", "teacher", "lessons"]
    expected = result.frame[columns].reset_index(drop=True)
    got = stored[columns].reset_index(drop=True)
    assert list(got["source_row"]) == list(range(2, 1002))
    assert got.astype(str).equals(expected.astype(str))
    assert (got["lessons"].astype(int) == [1 + i % 3 for i in range(1000)]).all()
