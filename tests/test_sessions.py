"""Sessions, the sign-in throttle, password rules and the first administrator, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from sqlalchemy import select, update

from dashboard import accounts, sessions
from dashboard.accounts import AccountError
from dashboard.store import users


@pytest.mark.parametrize("password, reason", [
    ("12345678", "太常见"), ("PassWord", "太常见"), (" " * 8, "全是空格"), ("", "不能为空"), ("1234567", "至少 8 个字节"),
    ("x" * 73, "最多 72 个字节"), ("语" * 24 + "!", "最多 72 个字节"), ("aaaaaaaaaa", "太常见"),
])
def test_password_rules(store, password, reason):
    with pytest.raises(AccountError, match=reason):
        accounts.add_user(store, "zhang", password, "校长")
    accounts.add_user(store, "li", "teach-2025-spring", "校长")
    with pytest.raises(AccountError, match=reason):
        accounts.set_password(store, "li", password)
    assert accounts.authenticate(store, "li", "teach-2025-spring").role == "校长"  # unchanged
    assert not [row for row in accounts.list_users(store) if row["username"] == "zhang"]


def test_eight_chinese_characters_are_enough_and_a_long_password_never_raises_anything_else(store):
    accounts.add_user(store, "wang", "语文组长的密码", "校长")  # 7 characters, 21 bytes
    assert accounts.authenticate(store, "wang", "语文组长的密码").username == "wang"
    for attempt in ("x" * 73, "语" * 200, "\udcff" * 10):  # over 72 bytes; a lone surrogate from a browser
        with pytest.raises(AccountError, match="用户名或密码不正确"):
            accounts.authenticate(store, "wang", attempt)


def test_five_failures_make_sign_in_wait_and_the_right_password_is_refused_meanwhile(store, caplog):
    accounts.add_user(store, "zhang", "right-pass-1", "校长")
    caplog.set_level(logging.WARNING, logger="dashboard.signin")
    for _ in range(5):
        with pytest.raises(AccountError, match="用户名或密码不正确"):
            accounts.authenticate(store, "zhang", "wrong-pass", "10.0.0.7")
    with pytest.raises(AccountError, match=r"登录失败次数过多，请 1[45] 分钟后再试"):
        accounts.authenticate(store, "zhang", "right-pass-1", "10.0.0.8")  # another computer: the name waits
    assert sum("登录失败" in record.getMessage() and "zhang" in record.getMessage() for record in caplog.records) == 5
    with store.engine.begin() as conn:  # 15 minutes later
        conn.execute(update(sessions.signin_failures).values(at=sessions.now() - dt.timedelta(minutes=15, seconds=1)))
    assert accounts.authenticate(store, "zhang", "right-pass-1", "10.0.0.8").username == "zhang"


def test_five_failures_from_one_client_make_that_client_wait_for_every_name(store):
    accounts.add_user(store, "zhang", "right-pass-1", "校长")
    for name in ("a1", "a2", "a3", "a4", "a5"):
        with pytest.raises(AccountError, match="用户名或密码不正确"):
            accounts.authenticate(store, name, "guess-pass", "10.0.0.9")
    with pytest.raises(AccountError, match="分钟后再试"):
        accounts.authenticate(store, "zhang", "right-pass-1", "10.0.0.9")
    assert accounts.authenticate(store, "zhang", "right-pass-1", "10.0.0.10").username == "zhang"


def test_the_wait_left_is_what_the_message_says(store):
    with store.engine.begin() as conn:
        for minutes in (14, 13, 12, 11, 10):  # five failures, the oldest 14 minutes ago: one minute left
            conn.execute(sessions.signin_failures.insert().values(username="zhang", client="",
                                                                  at=sessions.now() - dt.timedelta(minutes=minutes)))
    with pytest.raises(AccountError, match=r"请 (60 秒|1 分钟)后再试"):
        accounts.authenticate(store, "zhang", "whatever-pass")


def test_unknown_and_known_names_run_the_same_bcrypt_check(store, monkeypatch):
    accounts.add_user(store, "zhang", "right-pass-1", "校长")
    accounts._dummy_hash()
    calls = []
    real = accounts.bcrypt.checkpw
    monkeypatch.setattr(accounts.bcrypt, "checkpw", lambda password, hashed: calls.append(hashed[:7]) or real(password, hashed))
    for name in ("zhang", "nobody", "校长"):  # known, unknown, a demo name on a store that is no demo store
        with pytest.raises(AccountError):
            accounts.authenticate(store, name, "wrong-pass-1")
    assert len(calls) == 3 and len(set(calls)) == 1  # one check each, at the same bcrypt cost ($2b$11)


def _stored_hash(store, username: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(select(users.c.password_hash).where(users.c.username == username)).scalar_one()


def test_a_hash_of_another_cost_is_made_again_at_todays_on_the_next_right_sign_in(store):
    """Accounts made before the cost went from 12 to 11 sign in at 11 after their next sign-in; a wrong
    password changes nothing, the old sessions stay open, and nothing is audited (nobody changed anything)."""
    accounts.add_user(store, "zhang", "right-pass-1", "校长")
    assert accounts.hash_cost(_stored_hash(store, "zhang")) == accounts.PASSWORD_COST == 11
    old = accounts.bcrypt.hashpw(b"right-pass-1", accounts.bcrypt.gensalt(12)).decode()
    with store.engine.begin() as conn:
        conn.execute(update(users).where(users.c.username == "zhang").values(password_hash=old))
    audited = len(store.audit_log())
    token = accounts.start_session(store, accounts.authenticate(store, "zhang", "right-pass-1"))
    with pytest.raises(AccountError):
        accounts.authenticate(store, "zhang", "wrong-pass-1")
    assert _stored_hash(store, "zhang") != old  # the right one (before the wrong one) made it again
    assert accounts.hash_cost(_stored_hash(store, "zhang")) == 11
    assert accounts.authenticate(store, "zhang", "right-pass-1").username == "zhang"
    assert not accounts.bcrypt.checkpw(b"wrong-pass-1", _stored_hash(store, "zhang").encode())
    assert accounts.resume(store, token) is not None  # still signed in: the password did not change
    assert len(store.audit_log()) == audited


def test_sessions_end_on_sign_out_password_change_disable_delete_and_idle(store, monkeypatch):
    accounts.add_user(store, "zhang", "right-pass-1", "教研组长", group="语文组")
    user = accounts.authenticate(store, "zhang", "right-pass-1")
    tokens = [accounts.start_session(store, user) for _ in range(3)]
    assert all(accounts.resume(store, token) == user for token in tokens)
    with store.engine.connect() as conn:  # the store keeps a hash, never the token
        kept = conn.execute(select(sessions.sessions.c.token_hash)).scalars().all()
    assert not set(tokens) & set(kept) and len(kept) == 3
    accounts.end_session(store, tokens[0])
    assert accounts.resume(store, tokens[0]) is None and accounts.resume(store, tokens[1]) == user
    accounts.set_password(store, "zhang", "new-pass-2025")
    assert accounts.resume(store, tokens[1]) is None and accounts.resume(store, tokens[2]) is None

    fresh = accounts.start_session(store, accounts.authenticate(store, "zhang", "new-pass-2025"))
    accounts.set_disabled(store, "zhang", True)
    assert accounts.resume(store, fresh) is None
    accounts.set_disabled(store, "zhang", False)
    assert accounts.resume(store, fresh) is None  # enabling again does not bring the old session back

    fresh = accounts.start_session(store, user)
    accounts.remove_user(store, "zhang")
    assert accounts.resume(store, fresh) is None

    accounts.add_user(store, "li", "right-pass-1", "校长")
    idle = accounts.start_session(store, accounts.authenticate(store, "li", "right-pass-1"))
    with store.engine.begin() as conn:
        conn.execute(update(sessions.sessions).values(last_seen=sessions.now() - dt.timedelta(hours=8, minutes=1)))
    assert accounts.resume(store, idle) is None  # 8 hours without a click
    monkeypatch.setenv("DASHBOARD_SESSION_HOURS", "24")
    assert accounts.resume(store, idle).username == "li"
    assert accounts.resume(store, "not-a-token") is None and accounts.resume(store, "") is None


def test_a_used_session_stays_alive(store):
    accounts.add_user(store, "li", "right-pass-1", "校长")
    token = accounts.start_session(store, accounts.authenticate(store, "li", "right-pass-1"))
    with store.engine.begin() as conn:
        conn.execute(update(sessions.sessions).values(last_seen=sessions.now() - dt.timedelta(hours=7)))
    assert accounts.resume(store, token).username == "li"  # a click 7 hours on renews it
    with store.engine.connect() as conn:
        seen = conn.execute(select(sessions.sessions.c.last_seen)).scalar()
    assert sessions.now() - seen < dt.timedelta(minutes=1)


def test_account_changes_reach_the_listeners_with_who_made_them(store, monkeypatch):
    heard = []
    monkeypatch.setattr(accounts, "LISTENERS", [lambda conn, change: heard.append(
        (change.action, change.username, change.who))])
    accounts.add_user(store, "zhang", "right-pass-1", "校长", who="boss")
    accounts.set_password(store, "zhang", "right-pass-2", who="zhang")
    accounts.set_password(store, "zhang", "right-pass-3", who="boss")
    accounts.set_role(store, "zhang", "教研组长", group="语文组", who="boss")
    accounts.set_disabled(store, "zhang", True, who="boss")
    accounts.remove_user(store, "zhang", who="boss")
    assert heard == [("add", "zhang", "boss"), ("passwd", "zhang", "zhang"), ("reset", "zhang", "boss"),
                     ("role", "zhang", "boss"), ("disable", "zhang", "boss"), ("remove", "zhang", "boss")]


def test_a_failing_listener_undoes_the_account_change(store, monkeypatch):
    def broken(conn, change):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(accounts, "LISTENERS", [accounts.audit_change, broken])
    with pytest.raises(RuntimeError):
        accounts.add_user(store, "zhang", "right-pass-1", "校长", who="boss")
    assert accounts.list_users(store) == [] and store.audit_log().empty  # never a change without its record


def test_first_administrator_needs_the_setup_code(store):
    code = accounts.setup_code(store)
    assert code is not None and len(code) == 8 and code == accounts.setup_code(store)
    with pytest.raises(AccountError, match="建立码不正确"):
        accounts.create_first_admin(store, "00000000" if code != "00000000" else "11111111", "boss", "boss-pass-2025")
    assert not accounts.has_users(store)
    admin = accounts.create_first_admin(store, code, "boss", "boss-pass-2025")
    assert admin.role == "管理员" and accounts.authenticate(store, "boss", "boss-pass-2025").role == "管理员"
    assert accounts.setup_code(store) is None  # used up
    with pytest.raises(AccountError, match="已经建立"):
        accounts.create_first_admin(store, code, "second", "boss-pass-2025")
    assert [row["username"] for row in accounts.list_users(store)] == ["boss"]


def test_two_simultaneous_first_administrator_forms_create_one(store):
    code = accounts.setup_code(store)
    barrier = threading.Barrier(4)
    outcomes: dict[str, object] = {}

    def submit(name: str) -> None:
        barrier.wait()
        try:
            outcomes[name] = accounts.create_first_admin(store, code, name, "boss-pass-2025")
        except AccountError as error:
            outcomes[name] = error

    threads = [threading.Thread(target=submit, args=(f"admin{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    created = [name for name, outcome in outcomes.items() if isinstance(outcome, accounts.User)]
    assert len(created) == 1, outcomes
    assert all("已经建立" in str(outcome) for name, outcome in outcomes.items() if name not in created)
    with store.engine.connect() as conn:
        assert conn.execute(select(users.c.username)).scalars().all() == created


def test_wrong_setup_codes_are_throttled(store):
    code = accounts.setup_code(store)
    wrong = f"{(int(code) + 1) % 100_000_000:08d}"
    for _ in range(5):
        with pytest.raises(AccountError, match="建立码不正确"):
            accounts.create_first_admin(store, wrong, "boss", "boss-pass-2025", "10.0.0.5")
    with pytest.raises(AccountError, match="分钟后再试"):
        accounts.create_first_admin(store, code, "boss", "boss-pass-2025", "10.0.0.5")
    assert not accounts.has_users(store)
