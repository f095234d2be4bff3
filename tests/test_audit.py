"""The audit: who imported, replaced, undid, corrected a name, backed up or changed an account, and when."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from dashboard import accounts, importing, quality
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


# ---------------------------------------------------------------- account changes, with who made them
def _accounts_page(url: str, monkeypatch, **fields) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "管理员", **fields)
    at.run()
    at.switch_page("pages/accounts.py").run()
    # (under AppTest the first run after switching pages reruns itself once, which would lose a click)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _audit_shown(at: AppTest):
    """The audit table 账号管理 shows (None when the page shows none)."""
    tables = [frame.value for frame in at.dataframe if "内容" in frame.value.columns]
    return tables[0] if tables else None


def _by_label(widgets, label: str):
    return next(widget for widget in widgets if widget.label.startswith(label))


def _click(at: AppTest, label: str) -> AppTest:
    at = _by_label(at.button, label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_every_account_change_on_the_page_names_the_administrator(tmp_path, monkeypatch):
    at = _accounts_page(f"sqlite:///{tmp_path / 'accounts.db'}", monkeypatch)
    _by_label(at.text_input, "用户名").input("zhang")
    _by_label(at.text_input, "初始密码").input("first-pass-2025")
    _by_label(at.selectbox, "角色").select("教研组长")
    _by_label(at.text_input, "教研组").input("语文组")
    at = _click(at, "新建")
    assert any("已新建账号“zhang”" in box.value for box in at.success)
    at.selectbox(key="accounts_name").select("zhang")
    at.text_input(key="new_password").input("second-pass-2025")
    at = _click(at, "修改密码")
    at = _click(at, "停用")
    at = _click(at, "启用")
    at.selectbox(key="accounts_role").select("教研组长")
    at.text_input(key="accounts_group").input("数学组")
    at = _click(at, "修改角色")
    at = _click(at, "删除账号")
    log = _audit_shown(at)
    assert list(log["内容"]) == ["删除账号“zhang”", "修改角色或范围“zhang”（教研组长，语文组 → 教研组长，数学组）",
                                "启用账号“zhang”", "停用账号“zhang”", "重置密码“zhang”", "新建账号“zhang”（教研组长，语文组）"]
    assert set(log["账号"]) == {"测试管理员"} and set(log["操作"]) == {"账号变更"}
    assert not log["内容"].str.contains("pass-2025").any()  # never a password


def test_the_page_refuses_to_disable_or_delete_the_account_in_use(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'accounts.db'}"
    accounts.add_user(Store(url), "测试管理员", "admin-pass-2025", "管理员", who="命令行（root）")
    at = _accounts_page(url, monkeypatch)
    at.selectbox(key="accounts_name").select("测试管理员")
    at = _click(at, "停用")
    assert any("不能停用正在使用的账号" in box.value for box in at.error)
    at = _click(at, "删除账号")
    assert any("不能删除正在使用的账号" in box.value for box in at.error)
    assert [row["disabled"] for row in accounts.list_users(Store(url))] == [False]
    assert list(_audit_shown(at)["账号"]) == ["命令行（root）"]  # only the creation


def test_command_line_account_changes_are_read_on_the_accounts_page(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    for argv in (["user", "add", "boss", "--role", "管理员", "--password", "boss-pass-2025"],
                 ["user", "add", "li", "--role", "教师", "--teacher", "李 四", "--password", "li-pass-2025"],
                 ["user", "passwd", "li", "--password", "li-pass-2026"],
                 ["user", "role", "li", "--role", "教研组长", "--group", "英语组"],
                 ["user", "disable", "li"], ["user", "enable", "li"], ["user", "remove", "li"]):
        assert main([*argv, "--db", db]) == 0, argv
    log = _audit_shown(_accounts_page(db, monkeypatch))
    assert log["账号"].str.startswith("命令行（").all() and len(log) == 7
    assert list(log["内容"]) == ["删除账号“li”", "启用账号“li”", "停用账号“li”",
                                "修改角色或范围“li”（教师，教师 李四 → 教研组长，英语组）", "重置密码“li”",
                                "新建账号“li”（教师，教师 李四）", "新建账号“boss”（管理员）"]
    assert not log["内容"].str.contains("pass-202").any()


def test_the_first_administrator_by_setup_code_is_in_the_audit(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'first.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.text_input(key="setup_code").input(accounts.setup_code(Store(url)))
    at.text_input(key="admin_username").input("校长室")
    at.text_input(key="admin_password").input("first-admin-2025")
    at.text_input(key="admin_again").input("first-admin-2025")
    at = at.button[0].click().run()
    at.switch_page("pages/accounts.py").run()
    assert not at.exception, [e.value for e in at.exception]
    log = _audit_shown(at)
    assert list(log["账号"]) == ["校长室（管理员建立码）"]
    assert log["内容"][0].startswith("用建立码建立第一个管理员账号“校长室”")


def test_a_school_bound_administrator_does_not_read_the_audit(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'bound.db'}"
    accounts.add_user(Store(url), "li", "li-pass-2025", "校长", school="一中", who="命令行（root）")
    at = _accounts_page(url, monkeypatch, school="一中")
    assert _audit_shown(at) is None
    assert any("只有不属于某一所学校的管理员可以查看" in box.value for box in at.info)


def test_an_administrator_keeps_their_own_account_usable(store):
    import pytest

    from dashboard import account_admin
    from dashboard.accounts import AccountError, User

    accounts.add_user(store, "boss", "boss-pass-2025", "管理员", who="命令行（root）")
    boss = User("boss", "管理员")
    for change in (lambda: account_admin.change_role(store, boss, "boss", "校长"),
                   lambda: account_admin.toggle(store, boss, "boss"),
                   lambda: account_admin.remove(store, boss, "boss")):
        with pytest.raises(AccountError):
            change()
    assert accounts.authenticate(store, "boss", "boss-pass-2025").role == "管理员"
    assert list(store.audit_log()["who"]) == ["命令行（root）"]  # refusals change nothing and record nothing


def test_a_school_bound_administrator_manages_only_their_schools_accounts(tmp_path, monkeypatch):
    """On 账号管理 a 管理员 bound to 一中 lists, creates and changes 一中's accounts only, and downloads
    no whole-store backup (it holds every school's rows and accounts)."""
    import pytest

    from dashboard import account_admin
    from dashboard.accounts import AccountError, User

    url = f"sqlite:///{tmp_path / 'schools.db'}"
    store = Store(url)
    accounts.add_user(store, "yi", "yi-pass-2025", "校长", school="一中", who="命令行（root）")
    accounts.add_user(store, "er", "er-pass-2025", "校长", school="二中", who="命令行（root）")
    at = _accounts_page(url, monkeypatch, school="一中")
    listed = [frame.value for frame in at.dataframe if "用户名" in frame.value.columns][0]
    assert list(listed["用户名"]) == ["yi"]
    assert not [button for button in at.get("download_button")]
    assert any("只有不属于某一所学校的管理员可以下载" in box.value for box in at.info)
    _by_label(at.text_input, "用户名").input("san")
    _by_label(at.text_input, "初始密码").input("san-pass-2025")
    _by_label(at.selectbox, "角色").select("校长")
    at = _click(at, "新建")
    assert any("已新建账号“san”" in box.value for box in at.success), [box.value for box in at.error]
    assert {row["username"]: row["school"] for row in accounts.list_users(store)}["san"] == "一中"

    bound = User("测试管理员", "管理员", school="一中")
    for change in (lambda: account_admin.toggle(store, bound, "er"),
                   lambda: account_admin.remove(store, bound, "er"),
                   lambda: account_admin.change_password(store, bound, "er", "new-pass-2025"),
                   lambda: account_admin.change_role(store, bound, "er", "教科室", school="二中"),
                   lambda: account_admin.add(store, bound, "si", "si-pass-2025", "校长", school="二中"),
                   lambda: account_admin.backup_bytes(store, bound)):
        with pytest.raises(AccountError):
            change()
    assert accounts.authenticate(store, "er", "er-pass-2025").school == "二中"  # untouched
    everyone = User("总管理员", "管理员")
    assert set(account_admin.users_table(store, everyone)["用户名"]) == {"yi", "er", "san"}
    assert account_admin.backup_bytes(store, everyone)[:16] == b"SQLite format 3\x00"
