"""Backup and restore: a snapshot with every raw file, restored into an empty store, gives the same figures and history."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import accounts, metrics
from dashboard.backup import BackupError, backup, backup_bytes, restore, summary
from dashboard.cli import demo_files, import_files, main
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, fresh_database_url, sign_in, xlsx_bytes


def _state(store: Store) -> dict:
    """What a user can see of a store: figures of every term, history, raw files, name corrections."""
    ds = store.dataset()
    history = store.history()
    return {
        "figures": {term: metrics.figures(ds, term) for term in metrics.data_terms(ds)},
        "history": history.to_dict("records"),
        "raw": {int(batch): store.raw_file(int(batch)) for batch in history["id"]},
        "aliases": store.alias_list().drop(columns="created_at").to_dict("records"),
        "problems": len(store.problems()),
        "accounts": accounts.list_users(store),
        "audit": store.audit_log().query("action != 'restore' and action != 'backup'").to_dict("records"),
    }


@pytest.fixture
def demo_store(store):
    import io

    import_files(store, demo_files(), out=io.StringIO())
    store.set_alias("王莉", None, who="测试管理员")
    accounts.add_user(store, "语文组长", "yuwen-pass-2025", "教研组长", group="语文组", who="测试管理员")
    return store


def test_backup_then_restore_gives_identical_figures_and_history(demo_store, tmp_path):
    before = _state(demo_store)
    assert before["figures"] and len(before["history"]) >= 10
    done = backup(demo_store, tmp_path / "backup.db", who="测试管理员")
    assert done.batches == len(before["history"]) and done.rows["observations"] > 1000
    for backend in dict.fromkeys(("sqlite", demo_store.engine.dialect.name)):
        target = Store(fresh_database_url(backend, tmp_path / backend))
        restore(target, tmp_path / "backup.db", who="测试管理员")
        assert _state(target) == before
        assert accounts.authenticate(target, "语文组长", "yuwen-pass-2025").group == "语文组"
        # history goes on from there: the next batch id is new, and undo works on a restored batch
        last = max(row["id"] for row in before["history"])
        outcome = target.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["新人", "语文组"], ["又一人", "数学组"]]),
                                                 "新名册.xlsx", term="2024-2025-1"))
        assert outcome.batch_id == last + 1
        assert target.undo(last) and last not in set(target.history()["id"])
        target.engine.dispose()


def test_restore_refuses_a_store_that_is_not_empty(demo_store, tmp_path):
    backup(demo_store, tmp_path / "backup.db")
    with pytest.raises(BackupError, match="不是空的"):
        restore(demo_store, tmp_path / "backup.db")
    with pytest.raises(BackupError, match="找不到备份文件"):
        restore(Store(f"sqlite:///{tmp_path / 'empty.db'}"), tmp_path / "nothing.db")
    (tmp_path / "not-a-backup.db").write_bytes(b"just text, no database")
    with pytest.raises(BackupError, match="不是本看板的备份文件"):
        summary(tmp_path / "not-a-backup.db")


def test_backup_while_a_writer_imports_is_consistent(tmp_path):
    """The online backup sees either all of a batch or none of it, while another connection imports."""
    import threading

    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = Store(url)
    rows = [["日期", "听课人", "授课教师", "班级"]] + [[f"2024.10.{day:02d}", "甲", "乙", f"{n}班"]
                                                 for day in range(1, 29) for n in range(40)]
    files = [load_file(xlsx_bytes(rows + [["2024.10.29", "甲", "乙", f"附加{i}"]]), f"听课{i}.xlsx",
                       term="2024-2025-1") for i in range(6)]
    writer = threading.Thread(target=lambda: [Store(url).import_result(result) for result in files])
    writer.start()
    snapshots = []
    while writer.is_alive() or not snapshots:
        path = tmp_path / f"snap{len(snapshots)}.db"
        backup(store, path)
        snapshots.append(path)
    writer.join()
    for path in snapshots:
        found = summary(path)
        assert found.rows["observations"] == found.batches * len(files[0].frame)


def test_backup_and_restore_commands(tmp_path, capsys, write):
    db, copy = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["import", str(write("名册.xlsx", xlsx_bytes([["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]))),
                 "--term", "2024-2025-1", "--db", db]) == 0
    assert main(["backup", str(tmp_path / "备份.db"), "--db", db]) == 0
    assert main(["restore", str(tmp_path / "备份.db"), "--db", copy]) == 0
    out = capsys.readouterr().out
    assert "1 个批次" in out and "已从备份恢复" in out
    assert main(["restore", str(tmp_path / "备份.db"), "--db", copy]) == 1
    assert "不是空的" in capsys.readouterr().err
    assert Store(copy).raw_file(1) == Store(db).raw_file(1)


def _accounts_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    store = Store(url)
    store.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]), "名册.xlsx",
                                  term="2024-2025-1"), who="管理员甲")
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "管理员")
    at.run()
    at.switch_page("pages/accounts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return store, at


def test_administrator_downloads_a_backup_on_the_accounts_page(tmp_path, monkeypatch):
    store, at = _accounts_page(tmp_path, monkeypatch)
    assert not at.get("download_button"), "no download before the backup is built"
    at.button(key="accounts_backup_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [element.proto.label for element in at.get("download_button")]
    assert len(labels) == 1 and labels[0].startswith("下载备份（") and "MB" in labels[0], labels
    data, _ = at.session_state["accounts_backup_made"]  # what the button hands the browser
    (tmp_path / "downloaded.db").write_bytes(data)
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    restore(fresh, tmp_path / "downloaded.db")
    assert fresh.raw_file(1) == store.raw_file(1)
    assert "backup" in set(store.audit_log(limit=10)["action"]), "building the backup is in the audit"


def test_a_failing_backup_is_a_chinese_message_with_an_id(tmp_path, monkeypatch):
    from dashboard import account_admin

    _, at = _accounts_page(tmp_path, monkeypatch)

    def broken(store, viewer):
        raise OSError("磁盘已满 /srv/secret/path")

    monkeypatch.setattr(account_admin, "backup_bytes", broken)
    at.button(key="accounts_backup_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [element.value for element in at.error]
    assert any("出错了" in text and "错误编号" in text for text in errors), errors
    assert not any("/srv/secret" in text or "OSError" in text for text in errors), errors
    assert not at.get("download_button"), "a failed backup offers nothing to download"

