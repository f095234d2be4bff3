"""Accounts: users with bcrypt-hashed passwords, roles, and what each may see.

Roles: 管理员, 校长, 教科室 see everything (of their school, when one is
set); 教研组长 sees their own 教研组; 教师 sees their own profile.  The
demo accounts exist only in demo mode (``DASHBOARD_DEMO=1``) and are
refused everywhere else.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import bcrypt
from sqlalchemy import delete, insert, select, update

from .store import Store, users

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


#: Documented demo accounts (password "demo"), only in demo mode.
DEMO_PASSWORD = "demo"
DEMO_USERS = {
    "admin": User("admin", "管理员"),
    "校长": User("校长", "校长"),
    "语文组长": User("语文组长", "教研组长", group="语文组"),
    "数学组长": User("数学组长", "教研组长", group="数学组"),
}


def demo_mode() -> bool:
    return os.environ.get("DASHBOARD_DEMO") == "1"


def _check(role: str, group: str | None, teacher_key: str | None) -> None:
    if role not in ROLES:
        raise AccountError(f"角色“{role}”不存在，可选：{'、'.join(ROLES)}。")
    if role == "教研组长" and not group:
        raise AccountError("教研组长账号必须指定教研组。")
    if role == "教师" and not teacher_key:
        raise AccountError("教师账号必须指定对应的教师姓名。")


def add_user(store: Store, username: str, password: str, role: str, *, school: str | None = None,
             group: str | None = None, teacher_key: str | None = None) -> User:
    """Create a user; refuses an existing name, a demo name, or a short password."""
    _check(role, group, teacher_key)
    if not username:
        raise AccountError("用户名不能为空。")
    if len(password) < 8:
        raise AccountError("密码至少 8 位。")
    with store.engine.begin() as conn:
        if conn.execute(select(users.c.username).where(users.c.username == username)).first():
            raise AccountError(f"用户“{username}”已存在。")
        conn.execute(insert(users).values(
            username=username, password_hash=bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(),
            role=role, school=school, group_name=group, teacher_key=teacher_key, disabled=False,
            created_at=dt.datetime.now().replace(microsecond=0)))
    return User(username, role, school, group, teacher_key)


def set_password(store: Store, username: str, password: str) -> None:
    if len(password) < 8:
        raise AccountError("密码至少 8 位。")
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()
    with store.engine.begin() as conn:
        if not conn.execute(update(users).where(users.c.username == username).values(password_hash=hashed)).rowcount:
            raise AccountError(f"没有用户“{username}”。")


def set_disabled(store: Store, username: str, disabled: bool) -> None:
    with store.engine.begin() as conn:
        if not conn.execute(update(users).where(users.c.username == username).values(disabled=disabled)).rowcount:
            raise AccountError(f"没有用户“{username}”。")


def remove_user(store: Store, username: str) -> None:
    with store.engine.begin() as conn:
        if not conn.execute(delete(users).where(users.c.username == username)).rowcount:
            raise AccountError(f"没有用户“{username}”。")


def list_users(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(users.c.username, users.c.role, users.c.school, users.c.group_name,
                                   users.c.teacher_key, users.c.disabled).order_by(users.c.username)).all()
    return [dict(row._mapping) for row in rows]


def has_users(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(users.c.username).limit(1)).first() is not None


def authenticate(store: Store, username: str, password: str) -> User:
    """The user for a correct name and password; AccountError otherwise.

    A real account wins over a demo account of the same name; demo accounts
    sign in only in demo mode.
    """
    with store.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == username)).first()
    if row is None and username in DEMO_USERS:
        if demo_mode() and password == DEMO_PASSWORD:
            return DEMO_USERS[username]
        raise AccountError("演示账号只能在演示模式下使用。" if not demo_mode() else "用户名或密码不正确。")
    if row is None or not bcrypt.checkpw(password.encode(), row.password_hash.encode()):
        raise AccountError("用户名或密码不正确。")
    if row.disabled:
        raise AccountError("该账号已停用，请联系管理员。")
    return User(row.username, row.role, row.school, row.group_name, row.teacher_key)
