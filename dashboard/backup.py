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
            with source_store.engine.connect() as source, store.engine.connect() as target:
                attached = _attach(target, upgraded)  # a SQLite file store copies table to table inside SQLite
                try:
                    with target.begin():
                        _copy_tables(source, target, replace_meta=False, attached=attached)
                        audit(target, who, "restore", f"从备份「{path.name}」恢复：{found.batches} 个批次")
                finally:
                    if attached:
                        target.exec_driver_sql(f"DETACH DATABASE {attached}")
        finally:
            source_store.engine.dispose()
    return found


def _attach(target, backup_file: Path) -> str | None:
    """Attach the backup file to a SQLite target connection (before its transaction begins); the schema
    name, or None when the target is not a SQLite file."""
    if target.dialect.name != "sqlite" or target.engine.url.database in (None, "", ":memory:"):
        return None
    target.exec_driver_sql("ATTACH DATABASE ? AS restored_backup", (str(backup_file),))
    if target.in_transaction():
        target.commit()  # (SQLAlchemy's autobegin: the copy starts a transaction of its own)
    return "restored_backup"


def _tables(conn) -> dict:
    meta = MetaData()
    meta.reflect(bind=conn)
    return {name: table for name, table in meta.tables.items() if name not in _SKIP}


def _copy_tables(source, target, replace_meta: bool, attached: str | None = None) -> None:
    """Every row of every table the two databases share, ids included; then the id sequences.
    ``attached``: the schema name under which the source file is attached to a SQLite target."""
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
        _copy_rows(source, target, name, columns, table, into, attached)
    if target.dialect.name == "postgresql":
        for name, table in ours.items():
            if "id" in table.c:
                target.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                    f"COALESCE((SELECT MAX(id) FROM \"{name}\"), 0) + 1, false) "
                                    f"WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL"))


def _copy_rows(source, target, name: str, columns: list[str], table, into, attached: str | None) -> None:
    """One table's rows, by the fastest way the two databases allow.

    SQLite file into SQLite: one ``INSERT … SELECT`` from the attached backup, inside SQLite.  SQLite
    into PostgreSQL: the stored values as they are (no conversion to Python dates and back) through
    PostgreSQL's ``COPY``.  Otherwise: SQLAlchemy inserts of 2 000 rows each.
    """
    quoted = ", ".join(f'"{column}"' for column in columns)
    if attached:
        target.exec_driver_sql(f'INSERT INTO main."{name}" ({quoted}) SELECT {quoted} FROM {attached}."{name}"')
        return
    if source.dialect.name == "sqlite" and target.dialect.name == "postgresql":
        rows = source.exec_driver_sql(f'SELECT {quoted} FROM "{name}"')
        with target.connection.dbapi_connection.cursor() as cursor, \
                cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
            while chunk := rows.fetchmany(_CHUNK):
                for row in chunk:
                    copy.write_row(row)
        return
    result = source.execution_options(stream_results=True).execute(select(*(table.c[column] for column in columns)))
    while chunk := result.fetchmany(_CHUNK):
        target.execute(into.insert(), [dict(zip(columns, row)) for row in chunk])


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
