"""A widget callback that fails (it runs before the page, outside app.py's wrapper) shows the viewer a
Chinese message with an error id, logged on the server under that id, and never a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import account_admin, accounts
from dashboard.loaders import load_file
from dashboard.login import USER_KEY
from dashboard.store import Store

from .conftest import ROOT, sign_in, xlsx_bytes

SECRET = "postgresql+psycopg://school:s3cret-pw@db/dashboard at /srv/dashboard/dashboard/accounts.py"


def _broken(*args, **kwargs):
    raise RuntimeError(SECRET)


def _texts(at: AppTest) -> str:
    return "\n".join(str(element.value) for kind in ("markdown", "caption", "title", "subheader", "info", "warning",
                                                      "error", "success", "exception")
                     for element in at.get(kind))


def _shown_id(at: AppTest, caplog) -> str:
    """The error id the page shows; checks it was logged with the traceback and nothing leaked."""
    assert not at.exception, [e.value for e in at.exception]
    shown = _texts(at)
    assert "s3cret-pw" not in shown and "/srv" not in shown and "Traceback" not in shown and "RuntimeError" not in shown
    [message] = [e.value for e in at.error if "错误编号" in e.value]
    error_id = message.split("错误编号：")[1][:8]
    assert any(error_id in record.getMessage() and record.exc_info for record in caplog.records)
    return error_id


@pytest.fixture
def school(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'school.db'}"
    monkeypatch.setenv("DASHBOARD_DB", url)
    monkeypatch.delenv("DASHBOARD_DEMO", raising=False)
    store = Store(url)
    accounts.add_user(store, "boss", "boss-pass-2025", "管理员", who="命令行（root）")
    accounts.add_user(store, "zhang", "right-pass-1", "教研组长", group="语文组", who="命令行（root）")
    return store


def test_a_failing_sign_in_callback_shows_an_id(school, monkeypatch, caplog):
    monkeypatch.setattr(accounts, "authenticate", _broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.text_input(key="login_username").input("zhang")
    at.text_input(key="login_password").input("right-pass-1")
    at = at.button[0].click().run()
    _shown_id(at, caplog)
    assert USER_KEY not in at.session_state or at.session_state[USER_KEY] is None  # not signed in
    monkeypatch.undo()  # the next click works again, and the message is gone
    monkeypatch.setenv("DASHBOARD_DB", str(school.engine.url))
    at.text_input(key="login_username").input("zhang")
    at.text_input(key="login_password").input("right-pass-1")
    at = at.button[0].click().run()
    assert at.session_state[USER_KEY].username == "zhang" and not [e for e in at.error if "错误编号" in e.value]


def test_a_failing_button_callback_on_the_accounts_page_shows_an_id(school, monkeypatch, caplog):
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "管理员")
    at.run()
    at.switch_page("pages/accounts.py").run()
    monkeypatch.setattr(account_admin, "toggle", _broken)
    at.run()
    at.selectbox(key="accounts_name").select("zhang")
    at = at.button(key="accounts_toggle").click().run()
    _shown_id(at, caplog)
    assert [row["disabled"] for row in accounts.list_users(school)] == [False, False]
    at.run()  # shown once: the next click does not repeat it
    assert not [e for e in at.error if "错误编号" in e.value]


def test_a_failing_filter_callback_shows_an_id(school, monkeypatch, caplog):
    from dashboard import ui

    school.import_result(load_file(xlsx_bytes([["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]), "名册.xlsx",
                                   term="2024-2025-1"))
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "管理员")
    at.run()
    monkeypatch.setattr(ui, "STATE", _Exploding(ui.STATE))
    [box] = [box for box in at.selectbox if box.key and box.key in ui.WIDGETS.values()][:1]
    at = box.select(box.options[-1]).run()
    _shown_id(at, caplog)


class _Exploding(dict):
    """A mapping whose every read fails, as a bug in the filter callback would."""

    def __getitem__(self, key):
        raise RuntimeError(SECRET)
