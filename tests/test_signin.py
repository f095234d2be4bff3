"""The sign-in gate as a user meets it (AppTest on app.py): sessions ending, throttling, the first
administrator, demo stores, errors with an id, file values shown as text."""

from __future__ import annotations

import io
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import accounts
from dashboard.cli import demo_files, import_files, main
from dashboard.login import TOKEN_KEY, USER_KEY
from dashboard.store import Store

from .conftest import ROOT, sign_in, xlsx_bytes

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def school_data(tmp_path_factory):
    """The demo school's files imported the way a school imports its own: no demo mark."""
    path = tmp_path_factory.mktemp("signin") / "school.db"
    store = Store(f"sqlite:///{path}")
    import_files(store, demo_files(), out=io.StringIO())
    store.engine.dispose()
    return path


@pytest.fixture
def school(school_data, tmp_path, monkeypatch):
    """A copy of the school's store with a 管理员 and a 教研组长 account, served by app.py."""
    shutil.copy(school_data, tmp_path / "school.db")
    url = f"sqlite:///{tmp_path / 'school.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    store = Store(url)
    accounts.add_user(store, "boss", "boss-pass-2025", "管理员")
    accounts.add_user(store, "zhang", "right-pass-1", "教研组长", group="语文组")
    return store


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def _fill_sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def _sign_in_form(at: AppTest) -> bool:
    return any(box.key == "login_username" for box in at.text_input)


def _texts(at: AppTest) -> str:
    return "\n".join(str(element.value) for kind in ("markdown", "caption", "title", "header", "subheader", "info",
                                                       "warning", "success", "error", "text") for element in getattr(at, kind))


def test_sign_in_form_refuses_wrong_password_disabled_user_and_demo_accounts(school, monkeypatch):
    at = _fill_sign_in(_app().run(), "zhang", "wrong-pass")
    assert any("用户名或密码不正确" in e.value for e in at.error) and USER_KEY not in at.session_state
    at = _fill_sign_in(at, "zhang", "right-pass-1")
    assert at.session_state[USER_KEY].group == "语文组" and at.session_state[TOKEN_KEY]
    accounts.set_disabled(school, "zhang", True)
    at = _fill_sign_in(_app().run(), "zhang", "right-pass-1")
    assert any("已停用" in e.value for e in at.error)
    monkeypatch.setenv("DASHBOARD_DEMO", "1")  # the environment says demo, the store is a school's
    at = _app().run()
    assert "demo" not in _texts(at)  # the sign-in page names no demo password
    at = _fill_sign_in(at, "校长", "demo")
    assert any("演示模式" in e.value for e in at.error) and USER_KEY not in at.session_state


@pytest.mark.parametrize("change", ["disable", "remove", "passwd"])
def test_an_open_session_ends_at_the_next_click(school, change):
    at = _fill_sign_in(_app().run(), "zhang", "right-pass-1")
    assert at.session_state[USER_KEY].username == "zhang"
    at.run()  # a click while the account is fine: still signed in
    assert at.session_state[USER_KEY].username == "zhang" and not _sign_in_form(at)
    {"disable": lambda: accounts.set_disabled(school, "zhang", True),
     "remove": lambda: accounts.remove_user(school, "zhang"),
     "passwd": lambda: accounts.set_password(school, "zhang", "other-pass-2")}[change]()
    at.run()  # the next click
    assert USER_KEY not in at.session_state
    assert any("登录已结束" in e.value for e in at.error)
    assert _sign_in_form(at)


def test_sign_out_revokes_the_session(school):
    at = _fill_sign_in(_app().run(), "zhang", "right-pass-1")
    token = at.session_state[TOKEN_KEY]
    assert accounts.resume(school, token).username == "zhang"
    at.sidebar.button(key="sign_out").click().run()
    assert USER_KEY not in at.session_state and accounts.resume(school, token) is None


def test_five_wrong_passwords_make_the_form_wait_and_say_how_long(school):
    at = _app().run()
    for _ in range(5):
        at = _fill_sign_in(at, "zhang", "wrong-pass")
        assert any("用户名或密码不正确" in e.value for e in at.error)
    at = _fill_sign_in(at, "zhang", "right-pass-1")
    assert any("登录失败次数过多，请 15 分钟后再试" in e.value for e in at.error), [e.value for e in at.error]
    assert USER_KEY not in at.session_state


def test_a_password_over_72_bytes_gets_a_message_not_a_traceback(school):
    at = _fill_sign_in(_app().run(), "zhang", "密" * 40)
    assert not at.exception and any("用户名或密码不正确" in e.value for e in at.error)


def test_two_first_administrator_forms_create_one_administrator(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    first, second = _app().run(), _app().run()  # two browsers on a new server
    code = accounts.setup_code(Store(url))
    assert code in capsys.readouterr().err  # printed on the server's console, not on the page
    assert code not in _texts(first)
    for at, name in ((first, "boss"), (second, "intruder")):
        at.text_input(key="setup_code").input(code)
        at.text_input(key="admin_username").input(name)
        at.text_input(key="admin_password").input("boss-pass-2025")
        at.text_input(key="admin_again").input("boss-pass-2025")
    first.button[0].click().run()
    second.button[0].click().run()
    assert first.session_state[USER_KEY].role == "管理员"
    assert USER_KEY not in second.session_state and any("已经建立" in e.value for e in second.error)
    assert [row["username"] for row in accounts.list_users(Store(url))] == ["boss"]


def test_the_first_administrator_form_refuses_a_wrong_code_and_weak_passwords(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    at = _app().run()
    code = accounts.setup_code(Store(url))
    for given, password, message in (("12345678" if code != "12345678" else "87654321", "boss-pass-2025", "建立码不正确"),
                                     (code, "12345678", "太常见"), (code, " " * 8, "全是空格")):
        at.text_input(key="setup_code").input(given)
        at.text_input(key="admin_password").input(password)
        at.text_input(key="admin_again").input(password)
        at.button[0].click().run()
        assert any(message in e.value for e in at.error), (message, [e.value for e in at.error])
    assert not accounts.has_users(Store(url))


def test_a_demo_store_shows_the_banner_and_lets_demo_accounts_in(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["demo", "--db", url]) == 0
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.setenv("DASHBOARD_DEMO", "1")
    at = _app().run()
    assert any("演示模式" in w.value for w in at.warning)
    at = _fill_sign_in(at, "数学组长", "demo")
    assert at.session_state[USER_KEY].group == "数学组"
    assert any("演示模式" in w.value for w in at.warning)  # signed in: the banner stays


def test_an_error_in_a_page_shows_an_id_and_no_traceback(school, monkeypatch, caplog):
    from dashboard import ui

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail in /srv/dashboard/pages/overview.py")

    monkeypatch.setattr(ui, "_adopt_query_params", broken)  # runs on every page once signed in
    at = _fill_sign_in(_app().run(), "zhang", "right-pass-1").run()
    shown = _texts(at)
    assert not at.exception
    messages = [e.value for e in at.error if "错误编号" in e.value]
    assert messages and "/srv" not in shown and "secret detail" not in shown and "Traceback" not in shown
    error_id = messages[0].split("错误编号：")[1][:8]
    assert any(error_id in record.getMessage() and record.exc_info for record in caplog.records)


def test_an_unreachable_database_shows_no_address_or_password(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", "postgresql+psycopg://school:s3cret-pw@127.0.0.1:1/dashboard")
    at = _app().run()
    shown = _texts(at)
    assert not at.exception and "错误编号" in shown
    assert "s3cret-pw" not in shown and "127.0.0.1" not in shown and "psycopg" not in shown


def test_a_markdown_name_from_a_file_is_shown_as_text(tmp_path, monkeypatch):
    """A teacher called ![t](http://…) in a roster: the page shows those characters, no image, no link."""
    url = f"sqlite:///{tmp_path / 'md.db'}"
    evil = "![t](http://127.0.0.1:9/x.png)"
    roster = tmp_path / "2024-2025学年第一学期教师名册.xlsx"
    roster.write_bytes(xlsx_bytes({"名册": [["姓名", "教研组"], [evil, "语文组"], ["张强", "语文组"]]}))
    assert main(["import", str(roster), "--db", url]) == 0
    monkeypatch.setenv("DASHBOARD_DB", url)
    key = Store(url).dataset().roster["name_key"].iloc[0]
    assert "](" in key  # the name reached the store as written
    at = sign_in(_app(), "管理员")
    at.query_params["teacher"] = key
    at.query_params["term"] = "2024-2025-1"
    at.run().switch_page("pages/teacher.py").run()
    assert not at.exception
    markdown = [element.value for kind in ("markdown", "caption", "subheader") for element in getattr(at, kind)]
    with_name = [text for text in markdown if "127" in text]
    assert with_name and all("![" not in text and "](" not in text.replace("\\](", "") for text in with_name), with_name
    assert any("\\!\\[t\\](http\\:" in text for text in with_name)  # escaped: shown as the characters themselves


def test_streamlit_never_shows_error_details():
    """Tracebacks of anything app.py cannot catch (a widget callback) still never reach the browser."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"

