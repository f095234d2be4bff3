"""Accounts, passwords and scope: a 教研组长 sees their group and nothing else."""

from __future__ import annotations

import json

import pytest

from dashboard import accounts
from dashboard.accounts import AccountError, Scope
from dashboard.cli import main
from dashboard.metrics import figures
from dashboard.scope import scope_dataset
from dashboard.store import Store

from .conftest import DEMO

EXPECTED = json.loads((DEMO / "expected_figures.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('acct') / 'demo.db'}"
    main(["demo", "--db", url])
    return Store(url)


def test_passwords_are_bcrypt_and_checked(store):
    accounts.add_user(store, "jky", "s3cret-pass", "教科室")
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert stored.startswith("$2") and "s3cret-pass" not in stored
    assert accounts.authenticate(store, "jky", "s3cret-pass").role == "教科室"
    with pytest.raises(AccountError, match="用户名或密码不正确"):
        accounts.authenticate(store, "jky", "wrong-pass")
    accounts.set_disabled(store, "jky", True)
    with pytest.raises(AccountError, match="已停用"):
        accounts.authenticate(store, "jky", "s3cret-pass")


def test_account_rules(store):
    with pytest.raises(AccountError, match="至少 8 个字节"):
        accounts.add_user(store, "a", "short", "校长")
    with pytest.raises(AccountError, match="必须指定教研组"):
        accounts.add_user(store, "a", "long-enough", "教研组长")
    with pytest.raises(AccountError, match="角色"):
        accounts.add_user(store, "a", "long-enough", "访客")
    accounts.add_user(store, "a", "long-enough", "校长")
    with pytest.raises(AccountError, match="已存在"):
        accounts.add_user(store, "a", "long-enough", "校长")


def test_demo_accounts_only_in_demo_mode_on_a_demo_store(store, monkeypatch):
    assert accounts.mark_demo_store(store)  # an empty store: `dashboard demo` may mark it
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    with pytest.raises(AccountError, match="演示模式"):
        accounts.authenticate(store, "admin", "demo")
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    assert accounts.authenticate(store, "语文组长", "demo").scope == Scope(None, "语文组", None)


def test_demo_accounts_never_sign_in_to_a_school_store(store, tmp_path, monkeypatch, capsys):
    """DASHBOARD_DEMO=1 on a store with a school's data: 校长/demo is refused, and `demo` will not mark it."""
    from .conftest import xlsx_bytes

    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(xlsx_bytes({"名册": [["姓名", "教研组"], ["王莉", "语文组"], ["张强", "数学组"]]}))
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["import", str(roster), "--term", "2024-2025-1", "--db", url]) == 0
    for name in ("校长", "数学组长", "admin"):
        with pytest.raises(AccountError, match="演示模式"):
            accounts.authenticate(store, name, "demo")
    assert main(["demo", "--db", url]) == 1  # refuses to turn a school's store into a demo store
    assert "不能作为演示库" in capsys.readouterr().err
    assert not accounts.is_demo_store(store) and not accounts.demo_mode(store)
    with pytest.raises(AccountError, match="演示模式"):
        accounts.authenticate(store, "校长", "demo")


@pytest.mark.parametrize("term", list(EXPECTED))
def test_group_leader_scope_gives_the_group_figures(demo, term):
    scoped = scope_dataset(demo.dataset(), Scope(group="语文组"))
    assert figures(scoped, term) == EXPECTED[term]["语文组"]


def test_group_leader_never_sees_another_groups_names(demo):
    ds = demo.dataset()
    scoped = scope_dataset(ds, Scope(group="语文组"))
    ours = set(ds.roster.loc[ds.roster["group"] == "语文组", "name_key"])
    others = set(ds.roster["name_key"]) - ours
    for frame in (scoped.roster, scoped.observations, scoped.papers, scoped.projects):
        text = frame.astype(str).to_string()
        assert not [name for name in others if name in text]


def test_teacher_scope_is_their_own_profile(demo):
    ds = demo.dataset()
    teacher = ds.roster["name_key"].iloc[5]
    scoped = scope_dataset(ds, Scope(teacher=teacher))
    assert set(scoped.roster["name_key"]) == {teacher}
    assert set(scoped.observations["observer_key"]) <= {teacher}


def test_user_cli(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert main(["user", "add", "zhang", "--role", "教研组长", "--group", "语文组", "--password", "pass-1234", "--db", db]) == 0
    assert main(["user", "passwd", "zhang", "--password", "pass-5678", "--db", db]) == 0
    assert accounts.authenticate(Store(db), "zhang", "pass-5678").group == "语文组"
    assert main(["user", "list", "--db", db]) == 0 and "zhang" in capsys.readouterr().out
    assert main(["user", "remove", "zhang", "--db", db]) == 0
    assert main(["user", "remove", "zhang", "--db", db]) == 1
    assert "没有用户" in capsys.readouterr().err


def test_two_schools_in_one_store_compare_on_the_district_table(tmp_path, capsys):
    from dashboard.district import district_table

    db = f"sqlite:///{tmp_path / 'district.db'}"
    assert main(["demo", "--school", "第一中学", "--db", db]) == 0
    assert main(["demo", "--school", "第二中学", "--db", db]) == 0  # same bytes, another school: imported again
    capsys.readouterr()
    store = Store(db)
    ds = store.dataset()
    assert ds.schools == ["第一中学", "第二中学"]
    for school in ds.schools:
        assert figures(ds.for_school(school), "2024-2025-1") == EXPECTED["2024-2025-1"]["all"]
    table = district_table(ds, "2024-2025-1").set_index("学校")
    expected = EXPECTED["2024-2025-1"]["all"]
    assert table.loc["第二中学", "教师数"] == expected["teachers"]
    assert table.loc["第一中学", "论文·区县级"] == expected["papers"]["by_level"]["区县级"]
    assert main(["figures", "--term", "2024-2025-1", "--school", "第一中学", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["teachers"] == expected["teachers"]
    scoped = scope_dataset(ds, Scope(school="第二中学"))
    assert set(scoped.roster["school"]) == {"第二中学"}


def test_cli_setup_code_and_password_rules(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'new.db'}"
    assert main(["user", "setup-code", "--db", db]) == 0
    printed = capsys.readouterr().out
    code = accounts.setup_code(Store(db))
    assert code and code in printed  # what run.sh school prints at start while there is no account
    assert main(["user", "add", "boss", "--role", "管理员", "--password", "12345678", "--db", db]) == 1
    assert "太常见" in capsys.readouterr().err
    assert main(["user", "add", "boss", "--role", "管理员", "--password", "x" * 73, "--db", db]) == 1
    assert "最多 72 个字节" in capsys.readouterr().err
    assert main(["user", "add", "boss", "--role", "管理员", "--password", "boss-pass-2025", "--db", db]) == 0
    assert main(["user", "setup-code", "--db", db]) == 0
    assert code not in capsys.readouterr().out and accounts.setup_code(Store(db)) is None
