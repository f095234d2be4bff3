"""What 账号管理 shows and does: the account list, the changes an administrator makes, the audit.

The page (``pages/accounts.py``) only draws: every store read and write,
and every decision about who may do or read what, is here.  Each change
names the signed-in administrator (``viewer``) so the audit records who
made it (see :mod:`dashboard.accounts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import accounts, backup
from .accounts import AccountError, User
from .labels import accounts as words
from .store import Store

if TYPE_CHECKING:
    import pandas as pd

#: Most audit rows the page shows.
AUDIT_SHOWN = 500
#: The account list's headers, as the page shows them.
USER_HEADERS = words.USER_HEADERS


def _blank(value: str | None) -> str | None:
    """A form's text, stripped; None when nothing was typed.

    >>> _blank("  语文组 "), _blank("   "), _blank(None)
    ('语文组', None, None)
    """
    return (value or "").strip() or None


def _visible(store: Store, viewer: User | None) -> list[dict]:
    """The accounts ``viewer`` manages: every one, or for a 管理员 bound to a school that school's only."""
    rows = accounts.list_users(store)
    if viewer is None or not viewer.school:
        return rows
    return [row for row in rows if row["school"] == viewer.school]


def _own_school(store: Store, viewer: User, username: str) -> None:
    """Refuse a change to another school's account by a 管理员 bound to one school."""
    if viewer.school and username not in {row["username"] for row in _visible(store, viewer)}:
        raise AccountError(f"只能管理本校（{viewer.school}）的账号。")


def _school_of_new(viewer: User, school: str | None) -> str | None:
    """The school of an account a 管理员 creates or changes: a school-bound one only gives their own."""
    school = _blank(school)
    if viewer.school:
        if school not in (None, viewer.school):
            raise AccountError(f"只能为本校（{viewer.school}）建立或修改账号。")
        return viewer.school
    return school


def users_table(store: Store, viewer: User | None = None) -> "pd.DataFrame":
    """The accounts ``viewer`` manages (all, or their own school's), with role and scope (no password
    hash), in Chinese headers; empty when none."""
    import pandas as pd

    return pd.DataFrame(_visible(store, viewer), columns=[*USER_HEADERS]).rename(columns=USER_HEADERS)


def is_disabled(store: Store, username: str) -> bool:
    return any(row["disabled"] for row in accounts.list_users(store) if row["username"] == username)


def no_accounts_text(store: Store) -> str:
    return "还没有账号。" + ("（演示模式下可用演示账号登录。）" if accounts.demo_mode(store) else "")


def add(store: Store, viewer: User, username: str, password: str, role: str, group: str | None = None,
        teacher: str | None = None, school: str | None = None) -> str:
    """Create an account as the form gives it; the Chinese message to show.  AccountError when refused."""
    name = _blank(username) or ""
    school = _school_of_new(viewer, school)
    accounts.add_user(store, name, password or "", role, school=school, group=_blank(group),
                      teacher_key=_blank(teacher), who=viewer.username)
    return f"已新建账号“{name}”。"


def change_role(store: Store, viewer: User, username: str, role: str, group: str | None = None,
                teacher: str | None = None, school: str | None = None) -> str:
    """Give an account another role or scope; an administrator does not demote themself (they would
    lose this page mid-change)."""
    if username == viewer.username and role != "管理员":
        raise AccountError("不能修改正在使用的管理员账号的角色。请用另一个管理员账号修改。")
    _own_school(store, viewer, username)
    school = _school_of_new(viewer, school)
    accounts.set_role(store, username, role, school=_blank(school), group=_blank(group),
                      teacher_key=_blank(teacher), who=viewer.username)
    return f"已把“{username}”改为{accounts.describe(role, _blank(school), _blank(group), _blank(teacher))}。"


def change_password(store: Store, viewer: User, username: str, password: str) -> str:
    _own_school(store, viewer, username)
    accounts.set_password(store, username, password or "", who=viewer.username)
    return "密码已修改。" + ("请重新登录。" if username == viewer.username else "该账号已登录的地方需要用新密码重新登录。")


def toggle(store: Store, viewer: User, username: str) -> str:
    """Disable an enabled account (its sessions end) or enable a disabled one."""
    _own_school(store, viewer, username)
    disable = not is_disabled(store, username)
    if disable and username == viewer.username:
        raise AccountError("不能停用正在使用的账号。")
    accounts.set_disabled(store, username, disable, who=viewer.username)
    return f"已{'停用' if disable else '启用'}账号“{username}”。"


def remove(store: Store, viewer: User, username: str) -> str:
    if username == viewer.username:
        raise AccountError("不能删除正在使用的账号。")
    _own_school(store, viewer, username)
    accounts.remove_user(store, username, who=viewer.username)
    return f"已删除账号“{username}”。"


def may_back_up(viewer: User) -> bool:
    """A backup holds every school's rows and accounts: only a 管理员 bound to no school downloads it."""
    return viewer.role == "管理员" and not viewer.school


def backup_bytes(store: Store, viewer: User) -> bytes:
    """A backup of the whole store for the download button (recorded in the audit)."""
    if not may_back_up(viewer):
        raise AccountError("整库备份包含所有学校的数据和账号，只有不属于某一所学校的管理员可以下载。")
    return backup.backup_bytes(store, viewer.username)


def may_read_audit(viewer: User) -> bool:
    """The audit names every school's files: only a 管理员 bound to no school reads it."""
    return viewer.role == "管理员" and not viewer.school


def audit_table(store: Store, viewer: User, limit: int = AUDIT_SHOWN) -> "pd.DataFrame | None":
    """The newest ``limit`` audit rows as 管理员 reads them (时间, 账号, 操作, 内容); None when
    ``viewer`` may not read the audit."""
    if not may_read_audit(viewer):
        return None
    return backup.audit_view(store.audit_log(limit=limit))
