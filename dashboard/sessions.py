"""Sign-in sessions and the throttle on wrong passwords, kept in the store.

A session is a random token (``secrets.token_urlsafe``, 256 bits) that the
browser keeps in a cookie; the store keeps only its SHA-256, the user name,
when it began and when it was last used.  A token is valid while it is not
revoked, was used within the idle limit (``DASHBOARD_SESSION_HOURS``,
default 8) and its account still exists and is not disabled.  Sign-out, a
password change, disabling or deleting the account revoke it: the open tab
finds out at its next click, because every run checks the token again.

Because every check goes to the store, two servers on one database share
the sessions, the revocations and the throttle.

Throttle: after ``MAX_FAILURES`` wrong passwords in ``WINDOW`` for one user
name, or from one client address, sign-in waits until the oldest of them
is older than the window.  Attempts during the wait are refused (even with
the right password) and are not counted, so the wait does not grow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import os
import secrets

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from .store import metadata, users

log = logging.getLogger("dashboard.signin")

sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(100), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

signin_failures = Table(
    "signin_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),
    Column("client", String(100), nullable=False, default=""),
    Column("at", DateTime, nullable=False, index=True),
)

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
#: how often a session's last_seen is written (a click within this time after the last write writes nothing)
TOUCH_EVERY = dt.timedelta(minutes=1)
COOKIE = "dashboard_session"


def idle_limit() -> dt.timedelta:
    """How long a session lives without a click: ``DASHBOARD_SESSION_HOURS`` (default 8; not a number: 8)."""
    try:
        hours = float(os.environ.get("DASHBOARD_SESSION_HOURS", "8"))
    except ValueError:
        hours = 8.0
    return dt.timedelta(hours=hours if hours > 0 else 8.0)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256 (a stolen copy of the store signs no one in).

    >>> len(token_hash("abc")), token_hash("abc") == token_hash("abc"), token_hash("abc") == token_hash("abd")
    (64, True, False)
    """
    return hashlib.sha256(token.encode()).hexdigest()


def start(conn: Connection, username: str) -> str:
    """A new session for ``username``; returns the token for the browser's cookie."""
    token = secrets.token_urlsafe(32)
    moment = now()
    conn.execute(insert(sessions).values(token_hash=token_hash(token), username=username, created_at=moment,
                                         last_seen=moment, revoked=False))
    return token


def live_session(conn: Connection, token: str):
    """The live session's row joined with its account (``account`` is None when the account is gone),
    marking it used; None when revoked, idle too long or unknown.  One query; a write at most once a minute.

    Whether the account itself still may sign in is the caller's check (:func:`dashboard.accounts.resume`).
    """
    if not token or len(token) > 200:
        return None
    key = token_hash(token)
    row = conn.execute(
        select(sessions.c.username, sessions.c.last_seen, sessions.c.revoked, users.c.username.label("account"),
               users.c.role, users.c.school, users.c.group_name, users.c.teacher_key, users.c.disabled)
        .select_from(sessions.outerjoin(users, users.c.username == sessions.c.username))
        .where(sessions.c.token_hash == key)).first()
    moment = now()
    if row is None or row.revoked or moment - row.last_seen > idle_limit():
        return None
    if moment - row.last_seen >= TOUCH_EVERY:
        conn.execute(update(sessions).where(sessions.c.token_hash == key).values(last_seen=moment))
        conn.commit()
    return row


def revoke(conn: Connection, token: str) -> None:
    """End one session (sign-out)."""
    conn.execute(update(sessions).where(sessions.c.token_hash == token_hash(token)).values(revoked=True))


def revoke_user(conn: Connection, username: str) -> int:
    """End every session of a user (password change, disabled, deleted); how many were live."""
    return conn.execute(update(sessions).where((sessions.c.username == username) & ~sessions.c.revoked)
                        .values(revoked=True)).rowcount


def wait_seconds(conn: Connection, username: str, client: str) -> int:
    """How long sign-in must wait for this user name or client (0: it may try now)."""
    moment = now()
    since = moment - WINDOW
    waits = [0]
    for column, value in ((signin_failures.c.username, username), (signin_failures.c.client, client)):
        if not value:
            continue
        times = conn.execute(select(signin_failures.c.at).where((column == value) & (signin_failures.c.at > since))
                             .order_by(signin_failures.c.at.desc()).limit(MAX_FAILURES)).scalars().all()
        if len(times) >= MAX_FAILURES:
            waits.append(max(1, math.ceil((times[-1] + WINDOW - moment).total_seconds())))
    return max(waits)


def record_failure(conn: Connection, username: str, client: str) -> None:
    """Remember (and log) one wrong password; failures older than a day are dropped."""
    moment = now()
    conn.execute(insert(signin_failures).values(username=username[:100], client=(client or "")[:100], at=moment))
    conn.execute(delete(signin_failures).where(signin_failures.c.at < moment - dt.timedelta(days=1)))
    log.warning("登录失败：用户名 %r，客户端 %s", username[:100], client or "未知")


def clear_failures(conn: Connection, username: str) -> None:
    """A correct sign-in forgets that user name's earlier failures."""
    conn.execute(delete(signin_failures).where(signin_failures.c.username == username))


def wait_text(seconds: int) -> str:
    """The wait in words.

    >>> wait_text(40), wait_text(61), wait_text(900)
    ('40 秒', '2 分钟', '15 分钟')
    """
    if seconds < 60:
        return f"{seconds} 秒"
    return f"{-(-seconds // 60)} 分钟"
