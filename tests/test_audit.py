"""The audit: who imported, replaced, undid, corrected a name, backed up or changed an account, and when."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from dashboard import importing, quality
from dashboard.backup import audit_view
from dashboard.cli import main
from dashboard.loaders import load_file
from dashboard.store import Store

from .conftest import ROOT, sign_in, xlsx_bytes

ROSTER = [["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]
LOG = [["日期", "听课人", "授课教师"], ["2024.10.01", "甲", "乙"], ["2024.10.02", "甲老师", "乙"]]


def test_every_change_is_recorded_with_who_and_when(store):
    started = dt.datetime.now().replace(microsecond=0)
    first = store.import_result(load_file(xlsx_bytes(ROSTER), "名册.xlsx", term="2024-2025-1"), who="教科室甲")
    preview = importing.prepare(xlsx_bytes(ROSTER[:2] + [["丙", "英语组"]]), "名册.xlsx",
                                importing.Options(term="2024-2025-1"))
    [report] = importing.commit(store, [(preview, first.batch_id)], who="教科室乙")
    quality.save_aliases(store, {"甲老师": "甲"}, who="教科室乙")
    store.delete_alias("甲老师", who="管理员")
    importing.undo(store, report.batch_id, who="管理员")
    store.record("管理员", "account", "新建账号“语文组长”（教研组长）")
    log = store.audit_log()
    assert list(log["who"]) == ["管理员", "管理员", "管理员", "教科室乙", "教科室乙", "教科室甲"]
    assert list(log["action"]) == ["account", "undo", "alias_delete", "alias", "replace", "import"]
    assert f"替换批次 {first.batch_id}" in log["detail"][4]
    assert f"恢复被它替换的批次 {first.batch_id}" in log["detail"][1]
    assert (log["at"] >= started).all()
    shown = audit_view(log)
    assert list(shown.columns) == ["时间", "账号", "操作", "内容"]
    assert list(shown["操作"]) == ["账号变更", "撤销", "删除姓名对应", "纠正姓名", "替换导入", "导入"]


def test_the_command_line_is_recorded_as_such(tmp_path, write, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["import", str(write("名册.xlsx", xlsx_bytes(ROSTER))), "--term", "2024-2025-1", "--db", db]) == 0
    assert main(["undo", "1", "--db", db]) == 0
    log = Store(db).audit_log()
    assert list(log["action"]) == ["undo", "import"] and log["who"].str.startswith("命令行（").all()


def test_administrator_reads_the_audit_on_the_accounts_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'page.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "管理员")
    at.run()
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value([("名册.xlsx", xlsx_bytes(ROSTER), "application/octet-stream")]).run()
    at.text_input(key=next(w.key for w in at.text_input if w.key.endswith("_term"))).input("2024-2025-1").run()
    at.button(key="import_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/accounts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    [table] = [frame.value for frame in at.dataframe if "内容" in frame.value.columns]
    assert table["账号"][0] == "测试管理员" and table["操作"][0] == "导入" and "名册.xlsx" in table["内容"][0]
