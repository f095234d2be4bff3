"""Backup and restore of a whole store: every batch with its raw file, corrections, accounts, audit.

A backup is one SQLite file.  From a SQLite store it is written with
SQLite's online backup (a consistent snapshot while the dashboard keeps
serving and importing); from any other database (PostgreSQL) every table
is copied inside one REPEATABLE READ transaction, which is a snapshot too.
``restore`` copies a backup into an empty store of any kind, so a
PostgreSQL store can also be moved to SQLite and back; for PostgreSQL the
README also shows ``pg_dump``/``pg_restore``.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

from sqlalchemy import MetaData, create_engine, func, select, text

from .store import Store, audit

if TYPE_CHECKING:
    import pandas as pd

#: Tables never copied: the schema revision belongs to the target, which is migrated by its own code.
_SKIP = {"alembic_version"}
#: Rows copied per insert.
_CHUNK = 2_000


class BackupError(Exception):
    """A backup or restore that cannot be done; ``str()`` is the Chinese message."""


@dataclass
class Summary:
    """What a backup or restore holds: batches, rows per table, bytes of the backup file."""

    batches: int
    rows: dict[str, int]
    size: int


def backup(store: Store, path: str | Path, who: str | None = None) -> Summary:
    """Write a consistent snapshot of ``store`` to the SQLite file ``path`` (replaced if it exists)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    store.record(who, "backup", f"备份到「{path.name}」")
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        source = sqlite3.connect(url.database, timeout=30)
        target = sqlite3.connect(partial)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        copy = Store(f"sqlite:///{partial}")
        try:
            with store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as source, \
                    copy.engine.begin() as target:
                _copy_tables(source, target, replace_meta=True)
        finally:
            copy.engine.dispose()
    partial.replace(path)
    return summary(path)


def summary(path: str | Path) -> Summary:
    """Batches and rows per table of a backup file."""
    connection = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for name in names if name not in _SKIP and not name.startswith("sqlite_")}
        live = connection.execute("SELECT COUNT(*) FROM batches WHERE replaced_by IS NULL").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"「{Path(path).name}」不是本看板的备份文件（{error}）。") from None
    finally:
        connection.close()
    return Summary(live, rows, Path(path).stat().st_size)


def restore(store: Store, path: str | Path, who: str | None = None) -> Summary:
    """Copy the backup ``path`` into ``store``, which must be empty (no batches, no accounts).

    The backup is first upgraded (on a temporary copy) to this program's schema, so a backup
    written by an older version restores too.  Ids, times, raw files and the audit are kept.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件「{path}」。")
    found = summary(path)
    with store.engine.connect() as conn:
        used = {name: conn.execute(select(func.count()).select_from(table)).scalar()
                for name, table in _tables(conn).items() if name in ("batches", "users")}
    if any(used.values()):
        raise BackupError(f"目标数据库不是空的（已有 {used.get('batches', 0)} 个批次、{used.get('users', 0)} 个账号），"
                          "未恢复。请恢复到一个新的空数据库。")
    with tempfile.TemporaryDirectory(prefix="dashboard-restore-") as folder:
        upgraded = Path(folder) / "backup.db"
        shutil.copyfile(path, upgraded)
        source_store = Store(f"sqlite:///{upgraded}")  # migrates the copy to this program's schema
        try:
            with source_store.engine.connect() as source, store.engine.begin() as target:
                _copy_tables(source, target, replace_meta=False)
                audit(target, who, "restore", f"从备份「{path.name}」恢复：{found.batches} 个批次")
        finally:
            source_store.engine.dispose()
    return found


def _tables(conn) -> dict:
    meta = MetaData()
    meta.reflect(bind=conn)
    return {name: table for name, table in meta.tables.items() if name not in _SKIP}


def _copy_tables(source, target, replace_meta: bool) -> None:
    """Every row of every table the two databases share, ids included; then the id sequences."""
    theirs = _tables(source)
    ours = _tables(target)
    for name, table in theirs.items():
        if name not in ours:
            continue
        into = ours[name]
        columns = [column.name for column in table.columns if column.name in into.c]
        if name == "meta":
            own_id = target.execute(select(into.c.value).where(into.c.key == "store_id")).scalar()
            target.execute(into.delete())
            rows = [dict(row._mapping) for row in source.execute(select(table))]
            for row in rows:
                if row["key"] == "store_id" and not replace_meta and own_id is not None:
                    row["value"] = own_id  # a restored store is a new database: its copy of the frames is its own
            if rows:
                target.execute(into.insert(), rows)
            if replace_meta:
                continue
            target.execute(into.update().where(into.c.key == "version").values(value=into.c.value + 1))
            continue
        result = source.execution_options(stream_results=True).execute(
            select(*(table.c[column] for column in columns)))
        while chunk := result.fetchmany(_CHUNK):
            target.execute(into.insert(), [dict(zip(columns, row)) for row in chunk])
    if target.dialect.name == "postgresql":
        for name, table in ours.items():
            if "id" in table.c:
                target.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                    f"COALESCE((SELECT MAX(id) FROM \"{name}\"), 0) + 1, false) "
                                    f"WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL"))


def backup_bytes(store: Store, who: str | None = None) -> bytes:
    """A backup as bytes (for the download on 账号管理), written through a temporary file."""
    with tempfile.TemporaryDirectory(prefix="dashboard-backup-") as folder:
        path = Path(folder) / "backup.db"
        backup(store, path, who)
        return path.read_bytes()


AUDIT_HEADERS = {"at": "时间", "who": "账号", "action": "操作", "detail": "内容"}


def audit_view(log) -> "pd.DataFrame":
    """The audit as 管理员 reads it: 时间, 账号, 操作 (in Chinese), 内容; newest first as given."""
    from .store import AUDIT_ACTIONS

    frame = log[[*AUDIT_HEADERS]].copy()
    frame["action"] = frame["action"].map(lambda action: AUDIT_ACTIONS.get(action, action))
    return frame.rename(columns=AUDIT_HEADERS).reset_index(drop=True)
