"""Accounts: users with bcrypt-hashed passwords, roles, and what each may see.

Roles: 管理员, 校长, 教科室 see everything (of their school, when one is
set); 教研组长 sees their own 教研组; 教师 sees their own profile.  The
demo accounts sign in only on a store that ``python -m dashboard demo``
created and marked (``meta.demo_store``) and only when ``DASHBOARD_DEMO=1``
as well; on any other store they are refused whatever the environment says.

Sign-in (:func:`authenticate`) is throttled per user name and per client
(:mod:`dashboard.sessions`), costs one bcrypt check whether or not the
name exists, and never raises anything but :class:`AccountError`.  The
first 管理员 is created either on the command line or with the one-time
setup code (:func:`setup_code`) by :func:`create_first_admin`, whose
insert is conditional: two forms can never both succeed.

Every change to an account names who made it (``who``: the signed-in
account, or ``命令行（…）`` for the command line) and calls the functions in
:data:`LISTENERS` with an :class:`AccountChange` inside the change's own
transaction; the first listener writes the audit row, so no account change
is ever committed without one (and no password ever goes into it).
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import bcrypt
from sqlalchemy import Boolean, DateTime, String, Text, delete, exists, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from . import sessions
from .store import Store, audit, batches, meta, users

ROLES = ("管理员", "校长", "教科室", "教研组长", "教师")
ALL_DATA_ROLES = ("管理员", "校长", "教科室")
#: Roles that may import, undo, map names and see the data-quality page.
MANAGING_ROLES = ("管理员", "教科室")


class AccountError(ValueError):
    """A user-facing refusal (Chinese message)."""


@dataclass(frozen=True)
class Scope:
    """What one viewer may see: None means no restriction on that dimension."""

    school: str | None = None
    group: str | None = None
    teacher: str | None = None

    @property
    def everything(self) -> bool:
        return self.school is None and self.group is None and self.teacher is None


@dataclass(frozen=True)
class User:
    username: str
    role: str
    school: str | None = None
    group: str | None = None
    teacher_key: str | None = None

    @property
    def scope(self) -> Scope:
        if self.role == "教研组长":
            return Scope(self.school, self.group, None)
        if self.role == "教师":
            return Scope(self.school, None, self.teacher_key)
        return Scope(self.school, None, None)

    @property
    def may_manage(self) -> bool:
        return self.role in MANAGING_ROLES


#: Documented demo accounts (password "demo"), only on a demo store in demo mode.
DEMO_PASSWORD = "demo"
DEMO_USERS = {
    "admin": User("admin", "管理员"),
    "校长": User("校长", "校长"),
    "语文组长": User("语文组长", "教研组长", group="语文组"),
    "数学组长": User("数学组长", "教研组长", group="数学组"),
}

@dataclass(frozen=True)
class AccountChange:
    """One change to an account, as listeners receive it (never a password)."""

    #: add, first_admin, passwd (own password), reset (someone else's), disable, enable, remove, role
    action: str
    username: str
    #: the account that made the change, or 命令行（system user）; 建立码 for the first administrator
    who: str
    #: what changed, in Chinese, as the audit shows it
    detail: str


def audit_change(conn, change: AccountChange) -> None:
    """The listener that records an account change in the audit (action ``account``)."""
    audit(conn, change.who, "account", change.detail)


#: ``listener(conn, change)`` for every account change, called inside the change's transaction ``conn``.
LISTENERS: list[Callable[[object, AccountChange], None]] = [audit_change]

#: Passwords refused however long they are (compared in lower case): the most common ones in leaked lists.
COMMON_PASSWORDS = frozenset("""
12345678 123456789 1234567890 0123456789 87654321 11111111 00000000 88888888 66666666 99999999 12341234
11223344 12344321 123123123 147258369 123456abc 12345678a a12345678 a1234567 abc12345 abcd1234 aa123456
qq123456 password password1 password123 passw0rd p@ssw0rd qwertyui qwerty123 qwertyuiop 1qaz2wsx 1q2w3e4r
1q2w3e4r5t zxcvbnm1 asdfghjk iloveyou woaini1314 5201314520 admin123 admin888 administrator admin1234
letmein1 welcome1 changeme computer abcdefgh 123qweasd qweasdzxc
""".split())

DEMO_MARK = "demo_store"
SETUP_MARK = "setup_code"
FIRST_ADMIN_MARK = "first_admin"


def is_demo_store(store: Store) -> bool:
    """Whether ``python -m dashboard demo`` created this store and marked it."""
    with store.engine.connect() as conn:
        return conn.execute(select(meta.c.value).where(meta.c.key == DEMO_MARK)).scalar() == 1


def mark_demo_store(store: Store) -> bool:
    """Mark the store as a demo store when it is empty (no batches, no accounts) or marked already.

    A store with a school's data or accounts is never marked, so demo accounts never sign in to it.
    """
    with store.engine.begin() as conn:
        if conn.execute(select(meta.c.value).where(meta.c.key == DEMO_MARK)).scalar() == 1:
            return True
        if conn.execute(select(batches.c.id).limit(1)).first() or conn.execute(select(users.c.username).limit(1)).first():
            return False
        conn.execute(insert(meta).values(key=DEMO_MARK, value=1))
        return True


def demo_mode(store: Store) -> bool:
    """Demo accounts may sign in: a marked demo store and ``DASHBOARD_DEMO=1``."""
    return os.environ.get("DASHBOARD_DEMO") == "1" and is_demo_store(store)


def check_password(password: str) -> None:
    """Refuse a password a user may not choose (AccountError with the reason in Chinese).

    >>> check_password("teach-2025-spring")
    >>> check_password("short")
    Traceback (most recent call last):
    dashboard.accounts.AccountError: 密码至少 8 个字节（一个汉字算 3 个字节）。
    >>> check_password(" " * 8)
    Traceback (most recent call last):
    dashboard.accounts.AccountError: 密码不能全是空格。
    >>> check_password("12345678")
    Traceback (most recent call last):
    dashboard.accounts.AccountError: 这个密码太常见，很容易被猜到，请换一个。
    >>> check_password("好" * 25)
    Traceback (most recent call last):
    dashboard.accounts.AccountError: 密码最多 72 个字节（一个汉字算 3 个字节），现在是 75 个。
    """
    size = len(password.encode("utf-8", "surrogatepass"))
    if not password.strip():
        raise AccountError("密码不能为空。" if not password else "密码不能全是空格。")
    if size < 8:
        raise AccountError("密码至少 8 个字节（一个汉字算 3 个字节）。")
    if size > 72:
        raise AccountError(f"密码最多 72 个字节（一个汉字算 3 个字节），现在是 {size} 个。")
    if password.lower() in COMMON_PASSWORDS or len(set(password)) == 1:
        raise AccountError("这个密码太常见，很容易被猜到，请换一个。")


#: bcrypt's cost (log2 of its rounds) for every hash made: 11 checks a password in 0.20 s on the 2-core machine
#: the benchmarks run on, 12 (the library's default, used until 2026-12-01) in 0.35 s, most of the 1.5 s a
#: user may wait from 登录 to the first page.  OWASP's password storage guidance asks for 10 or more; wrong
#: passwords are throttled per name and address besides (:mod:`dashboard.sessions`).
PASSWORD_COST = 11


def _hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(PASSWORD_COST)).decode()


def hash_cost(hashed: str | bytes) -> int | None:
    """The cost a bcrypt hash was made with (None for anything that is no bcrypt hash).

    >>> hash_cost("$2b$12$" + "a" * 53), hash_cost("not a hash")
    (12, None)
    """
    text = hashed.decode(errors="replace") if isinstance(hashed, bytes) else str(hashed)
    parts = text.split("$")
    return int(parts[2]) if len(parts) == 4 and parts[1] in ("2a", "2b", "2y") and parts[2].isdigit() else None


@functools.cache
def _dummy_hash() -> bytes:
    """A hash to check against when the name is unknown, so that costs the same bcrypt time."""
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(PASSWORD_COST))


def _verify(password: str, hashed: bytes) -> bool:
    """One bcrypt check, whatever the input (over 72 bytes, odd characters, a damaged hash): never raises."""
    data = password.encode("utf-8", "surrogatepass")
    try:
        matched = bcrypt.checkpw(data[:72], hashed)
    except ValueError:
        matched = False
    return matched and len(data) <= 72


#: What each change is called in the audit's 内容.
CHANGE_TEXT = {"add": "新建账号", "first_admin": "用建立码建立第一个管理员账号", "passwd": "修改自己的密码",
               "reset": "重置密码", "disable": "停用账号", "enable": "启用账号", "remove": "删除账号",
               "role": "修改角色或范围"}


def describe(role: str, school: str | None = None, group: str | None = None, teacher_key: str | None = None) -> str:
    """An account's role and scope in words, for the audit.

    >>> describe("教研组长", group="语文组"), describe("校长", school="一中"), describe("管理员")
    ('教研组长，语文组', '校长，学校 一中', '管理员')
    """
    return "，".join([role] + ([f"学校 {school}"] if school else []) + ([group] if group else [])
                     + ([f"教师 {teacher_key}"] if teacher_key else []))


def _changed(conn, action: str, username: str, who: str | None, extra: str = "") -> None:
    """Tell every listener, inside the transaction ``conn``, that ``who`` changed ``username``."""
    detail = f"{CHANGE_TEXT[action]}“{username}”" + (f"（{extra}）" if extra else "")
    change = AccountChange(action, username, who or "（未知）", detail)
    for listener in LISTENERS:
        listener(conn, change)


def _check(role: str, group: str | None, teacher_key: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"角色“{role}”不存在，可选：{'、'.join(ROLES)}。")
    if role == "教研组长" and not group:
        raise AccountError("教研组长账号必须指定教研组。")
    if role == "教师" and not teacher_key:
        raise AccountError("教师账号必须指定对应的教师姓名。")


def _check_name(username: str) -> None:
    if not username or not username.strip():
        raise AccountError("用户名不能为空。")
    if len(username) > 100:
        raise AccountError("用户名最多 100 个字。")


def add_user(store: Store, username: str, password: str, role: str, *, school: str | None = None,
             group: str | None = None, teacher_key: str | None = None, who: str | None = None) -> User:
    """Create a user; refuses an existing name or a password :func:`check_password` refuses.
    ``who`` (the acting account, or 命令行) goes into the audit."""
    _check(role, group, teacher_key)
    _check_name(username)
    check_password(password)
    with store.engine.begin() as conn:
        if conn.execute(select(users.c.username).where(users.c.username == username)).first():
            raise AccountError(f"用户“{username}”已存在。")
        conn.execute(insert(users).values(
            username=username, password_hash=_hash(password), role=role, school=school, group_name=group,
            teacher_key=teacher_key, disabled=False, created_at=sessions.now()))
        _changed(conn, "add", username, who, describe(role, school, group, teacher_key))
    return User(username, role, school, group, teacher_key)


def setup_code(store: Store) -> str | None:
    """The one-time code that lets the first 管理员 be created in the browser; None once any account exists.

    Kept in the store (so every server on one database shows the same code) and dropped when used.
    """
    if has_users(store):
        return None
    for _ in range(2):
        with store.engine.connect() as conn:
            code = conn.execute(select(meta.c.value).where(meta.c.key == SETUP_MARK)).scalar()
        if code is not None:
            return f"{code:08d}"
        try:
            with store.engine.begin() as conn:
                conn.execute(insert(meta).values(key=SETUP_MARK, value=10_000_000 + secrets.randbelow(90_000_000)))
        except IntegrityError:  # another server made it at the same moment: read theirs
            pass
    raise AccountError("无法生成管理员建立码，请用命令行建立管理员账号。")


def create_first_admin(store: Store, code: str, username: str, password: str, client: str = "") -> User:
    """The first 管理员, with the setup code; refused once any account exists.

    The insert is conditional (no account yet) and also claims the ``first_admin`` mark, whose
    primary key lets only one of two simultaneous forms commit.  Wrong codes are throttled like passwords.
    """
    _check_name(username)
    check_password(password)
    taken = AccountError("管理员账号已经建立，请用它登录（或请管理员为您开账号）。")
    with store.engine.begin() as conn:
        if wait := sessions.wait_seconds(conn, "（管理员建立码）", client):
            raise AccountError(f"建立码输错次数过多，请 {sessions.wait_text(wait)}后再试。")
        expected = conn.execute(select(meta.c.value).where(meta.c.key == SETUP_MARK)).scalar()
        if expected is None and conn.execute(select(users.c.username).limit(1)).first():
            raise taken
    given = "".join(ch for ch in str(code) if ch.isdigit())
    if expected is None or not hmac.compare_digest(given, f"{expected:08d}"):
        with store.engine.begin() as conn:
            sessions.record_failure(conn, "（管理员建立码）", client)
        raise AccountError("建立码不正确。建立码在启动看板的控制台（终端或日志）里。")
    hashed = _hash(password)
    values = select(literal(username, String), literal(hashed, String), literal("管理员", String),
                    literal(False, Boolean), literal(sessions.now(), DateTime), literal(None, Text))
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(users).from_select(
                ["username", "password_hash", "role", "disabled", "created_at", "school"],
                values.where(~exists(select(users.c.username)))))
            # (rowcount is not reported for INSERT … SELECT by every driver: look for the row instead)
            if not conn.execute(select(users.c.username).where((users.c.username == username)
                                                                & (users.c.password_hash == hashed))).first():
                raise taken
            conn.execute(insert(meta).values(key=FIRST_ADMIN_MARK, value=1))
            conn.execute(delete(meta).where(meta.c.key == SETUP_MARK))
            _changed(conn, "first_admin", username, f"{username}（管理员建立码）", f"来自 {client}" if client else "")
    except IntegrityError:
        raise taken from None
    return User(username, "管理员")


def set_password(store: Store, username: str, password: str, who: str | None = None) -> None:
    """A new password; every open session of the user ends.  ``who`` is recorded: the user
    themself (修改自己的密码) or another account / the command line (重置密码)."""
    check_password(password)
    hashed = _hash(password)
    with store.engine.begin() as conn:
        if not conn.execute(update(users).where(users.c.username == username).values(password_hash=hashed)).rowcount:
            raise AccountError(f"没有用户“{username}”。")
        sessions.revoke_user(conn, username)
        _changed(conn, "passwd" if who == username else "reset", username, who)


def set_disabled(store: Store, username: str, disabled: bool, who: str | None = None) -> None:
    """Disable (its open sessions end) or enable an account."""
    with store.engine.begin() as conn:
        if not conn.execute(update(users).where(users.c.username == username).values(disabled=disabled)).rowcount:
            raise AccountError(f"没有用户“{username}”。")
        if disabled:
            sessions.revoke_user(conn, username)
        _changed(conn, "disable" if disabled else "enable", username, who)


def remove_user(store: Store, username: str, who: str | None = None) -> None:
    """Delete an account; its open sessions end."""
    with store.engine.begin() as conn:
        if not conn.execute(delete(users).where(users.c.username == username)).rowcount:
            raise AccountError(f"没有用户“{username}”。")
        sessions.revoke_user(conn, username)
        _changed(conn, "remove", username, who)


def set_role(store: Store, username: str, role: str, *, school: str | None = None, group: str | None = None,
             teacher_key: str | None = None, who: str | None = None) -> None:
    """Change an account's role and scope (school, 教研组, teacher); its open sessions see the new
    scope at their next click (every click reads the account again)."""
    _check(role, group, teacher_key)
    with store.engine.begin() as conn:
        before = conn.execute(select(users).where(users.c.username == username)).first()
        if before is None:
            raise AccountError(f"没有用户“{username}”。")
        conn.execute(update(users).where(users.c.username == username).values(
            role=role, school=school, group_name=group, teacher_key=teacher_key))
        was = describe(before.role, before.school, before.group_name, before.teacher_key)
        _changed(conn, "role", username, who, f"{was} → {describe(role, school, group, teacher_key)}")


def list_users(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(users.c.username, users.c.role, users.c.school, users.c.group_name,
                                   users.c.teacher_key, users.c.disabled).order_by(users.c.username)).all()
    return [dict(row._mapping) for row in rows]


def has_users(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(users.c.username).limit(1)).first() is not None


def _user(row) -> User:
    return User(row.username, row.role, row.school, row.group_name, row.teacher_key)


def authenticate(store: Store, username: str, password: str, client: str = "") -> User:
    """The user for a correct name and password; AccountError (Chinese) otherwise, never anything else.

    Waits are enforced first (see :mod:`dashboard.sessions`); then exactly one bcrypt check runs, against
    the account's hash or, for an unknown or demo name, a dummy one, so every name costs the same time.
    A real account wins over a demo account of the same name.  A right password whose hash was made at
    another cost than :data:`PASSWORD_COST` is hashed again at that cost.
    """
    username = (username or "")[:200]
    password = password or ""
    with store.engine.begin() as conn:
        if wait := sessions.wait_seconds(conn, username, client):
            raise AccountError(f"登录失败次数过多，请 {sessions.wait_text(wait)}后再试。")
        row = conn.execute(select(users).where(users.c.username == username)).first()
    matched = _verify(password, row.password_hash.encode() if row is not None else _dummy_hash())
    demo = row is None and username in DEMO_USERS
    if demo and demo_mode(store) and hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode()):
        with store.engine.begin() as conn:
            sessions.clear_failures(conn, username)
        return DEMO_USERS[username]
    if not matched or row is None:
        with store.engine.begin() as conn:
            sessions.record_failure(conn, username, client)
        if demo and not demo_mode(store):
            raise AccountError("演示账号只能在演示模式下使用（由 python -m dashboard demo 建立的演示库）。")
        raise AccountError("用户名或密码不正确。")
    if row.disabled:
        raise AccountError("该账号已停用，请联系管理员。")
    # A hash made at another cost (12 before 2026-12-01) is made again at today's, so this account's next
    # sign-in takes today's time.  Not an account change (the password is the same, its sessions stay open,
    # nothing to audit); skipped if the password was changed meanwhile.  Hashed outside the transaction.
    rehashed = _hash(password) if hash_cost(row.password_hash) != PASSWORD_COST else None
    with store.engine.begin() as conn:
        sessions.clear_failures(conn, username)
        if rehashed is not None:
            conn.execute(update(users).where((users.c.username == username) & (users.c.password_hash == row.password_hash))
                         .values(password_hash=rehashed))
    return _user(row)


def start_session(store: Store, user: User) -> str:
    """A session for a signed-in user: the token for the browser's cookie."""
    with store.engine.begin() as conn:
        return sessions.start(conn, user.username)


def end_session(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        sessions.revoke(conn, token)


def resume(store: Store, token: str) -> User | None:
    """The user of a live session whose account may still sign in; None otherwise (the session is over)."""
    with store.engine.connect() as conn:
        row = sessions.live_session(conn, token)
    if row is None:
        return None
    if row.account is not None:
        return None if row.disabled else User(row.account, row.role, row.school, row.group_name, row.teacher_key)
    if row.username in DEMO_USERS and demo_mode(store):
        return DEMO_USERS[row.username]
    return None
