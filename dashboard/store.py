"""The store: import batches, their canonical rows and original bytes (SQLAlchemy).

Each import is one transaction that writes a batch row (file name, sha256,
kind, term, row count, time, the original bytes), its canonical rows and
its problems, and bumps the store version.  Identical bytes are never
stored twice; a batch can be removed (undo) or replaced by a newer file
in one transaction.  SQLite (WAL) by default, any SQLAlchemy URL works.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import itertools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, MetaData, String, Table, Text,
                        create_engine, delete, event, false, func, insert, inspect, select, text, update)
from sqlalchemy.engine import Engine

from .contract import FIELD_TYPES, KINDS, SCHEMAS
from .kinds import Kind, live
from .dataset import Dataset  # noqa: F401 - re-exported: Store.dataset() returns it

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .loaders import LoadResult


class _ImportedOnFirstUse:
    """Stands for a module until one of its names is first used, then puts
    the module itself in its place: ``history`` and ``undo`` from the command
    line need no pandas, and importing it (with numpy and pyarrow) takes
    longer than the whole command."""

    def __init__(self, module: str, alias: str):
        self._module, self._alias = module, alias

    def __getattr__(self, attribute: str):
        module = importlib.import_module(self._module)
        globals()[self._alias] = module
        return getattr(module, attribute)


if not TYPE_CHECKING:
    np = _ImportedOnFirstUse("numpy", "np")
    pd = _ImportedOnFirstUse("pandas", "pd")

DEFAULT_URL = "sqlite:///data/dashboard.db"

metadata = MetaData()

batches = Table(
    "batches", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False),
    Column("filename", String(500), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("term", String(20)),
    Column("rows", Integer, nullable=False),
    Column("problems", Integer, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    Column("school", Text),
    #: The newer batch that replaced this one (kept, so undoing that batch brings it back); NULL: in use.
    Column("replaced_by", Integer, index=True),
)

#: Who imported, undid, replaced, corrected a name or changed an account, and when.
audit_table = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("who", Text, nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
)

#: The actions the audit records, as a user reads them.
AUDIT_ACTIONS = {"import": "导入", "replace": "替换导入", "undo": "撤销", "restore_replaced": "恢复被替换的批次",
                 "alias": "纠正姓名", "alias_delete": "删除姓名对应", "account": "账号变更", "backup": "备份",
                 "restore": "恢复备份"}

_SQL_TYPES = {"text": Text, "date": Date, "int": Integer, "float": Float}


def _kind_table(kind: Kind) -> Table:
    """The store table of a declared kind: its fields, then the batch and source columns."""
    columns = [Column("id", Integer, primary_key=True, autoincrement=True),
               Column("batch_id", Integer, nullable=False, index=True)]
    for declared in kind.fields:
        columns.append(Column(declared.name, _SQL_TYPES[declared.type]))
    columns += [Column("source_sheet", Text), Column("source_row", Integer), Column("school", Text)]
    return Table(kind.key, metadata, *columns, extend_existing=True)


#: kind -> its table, following the declarations (:mod:`dashboard.kinds`).  The tables of the first
#: four kinds come from the Alembic revisions; a kind declared later gets its table when a store
#: opens (:func:`create_kind_tables`); changing an existing kind's columns needs a revision.
kind_tables = live(_kind_table)


def _is_date(kind: str, column: str) -> bool:
    return FIELD_TYPES[kind].get(column) == "date"


def create_kind_tables(engine: Engine) -> None:
    """Create the table of every declared kind the store does not have yet."""
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
    missing = [kind_tables[key] for key in KINDS if key not in present]
    if missing:
        metadata.create_all(engine, tables=missing)


problems_table = Table(
    "problems", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", Integer, nullable=False, index=True),
    Column("file", Text), Column("sheet", Text), Column("row", Integer), Column("column", Text),
    Column("message", Text), Column("severity", String(10)),
)

#: Name corrections.  ``school`` '' applies to every school; in district mode each school saves its own.
aliases = Table(
    "aliases", metadata,
    Column("school", String(100), primary_key=True, server_default=""),
    Column("alias_key", String(100), primary_key=True),
    Column("teacher_key", String(100)),  # NULL: "不是本校教师"
    Column("created_at", DateTime),
)

#: Column corrections: header key -> field ('' = ignore).  ``school`` '' applies to every school.
column_mappings = Table(
    "column_mappings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("header", String(200), nullable=False),
    Column("field", String(40)),
    Column("school", String(100), nullable=False, server_default=""),
)

users = Table(
    "users", metadata,
    Column("username", String(100), primary_key=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("school", Text),
    Column("group_name", Text),
    Column("teacher_key", Text),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime),
)

meta = Table(
    "meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)


def resolve_url(url: str | None = None) -> str:
    """``--db``, else ``DASHBOARD_DB``, else the SQLite file under data/."""
    return url or os.environ.get("DASHBOARD_DB") or DEFAULT_URL


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL; SQLite gets WAL, a busy timeout and its folder."""
    url = resolve_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # noqa: ANN001 - DBAPI hook
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    migrate(engine)
    create_kind_tables(engine)
    return engine


MIGRATIONS = Path(__file__).resolve().parent / "migrations"


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.M)


def head_revisions(folder: Path = MIGRATIONS / "versions") -> set[str]:
    """The newest revision(s) among the migration files, read as text: opening
    an up-to-date store then needs no Alembic (it takes longer to import than
    a command like ``history`` takes to run)."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for path in folder.glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            ids = set(re.findall(r"""["']([^"']+)["']""", value))
            (revisions if name == "revision" else replaced).update(ids)
    return revisions - replaced


def _up_to_date(engine: Engine) -> bool:
    """Whether the store already carries the newest revision."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        stamped = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    return bool(stamped) and stamped == head_revisions()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version (Alembic), keeping all data.

    A store written before migrations existed (tables, no alembic_version)
    is stamped as the first revision, then upgraded.  A store that already
    carries the newest revision is left alone without loading Alembic.
    """
    if _up_to_date(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "batches" in tables and "alembic_version" not in tables:
            command.stamp(config, "0001")
        command.upgrade(config, "head")


@dataclass
class ImportOutcome:
    """What an import did: the new batch id, or the batch that already held these bytes."""

    batch_id: int | None
    duplicate_of: int | None
    rows: int
    replaced: int | None = None


def _active():
    """The batches in use: not replaced by a newer file."""
    return batches.c.replaced_by.is_(None)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def audit(conn, who: str | None, action: str, detail: str = "") -> None:
    """Record one action in the audit, inside the caller's transaction ``conn``.

    ``who`` is the account name (None: 命令行 or unknown, recorded as “（未知）”); ``action`` one
    of :data:`AUDIT_ACTIONS`' keys or any short English word; ``detail`` the Chinese text shown.
    """
    conn.execute(insert(audit_table).values(at=_now(), who=who or "（未知）", action=action, detail=detail))


class Store:
    """Import batches and read them back."""

    def __init__(self, url: str | Engine | None = None):
        self.engine = url if isinstance(url, Engine) else make_engine(url)

    # ------------------------------------------------------------ writing
    @staticmethod
    def _sha_query(sha256: str, school: str | None):
        query = select(batches.c.id).where((batches.c.sha256 == sha256) & _active())
        return query.where(batches.c.school.is_(None) if school is None else batches.c.school == school).limit(1)

    def find_sha(self, sha256: str, school: str | None = None) -> int | None:
        """The batch that already holds these bytes (for this school, in district mode)."""
        with self.engine.connect() as conn:
            return conn.execute(self._sha_query(sha256, school)).scalar()

    @staticmethod
    def _next_batch_id(conn) -> int:
        """The next batch id from the sequence row: ids are never reused after an undo, and the
        row's update holds the write lock, so the duplicate check and the insert are one step."""
        conn.execute(update(meta).where(meta.c.key == "batch_seq").values(value=meta.c.value + 1))
        return conn.execute(select(meta.c.value).where(meta.c.key == "batch_seq")).scalar_one()

    def import_result(self, result: LoadResult, replace: int | None = None, school: str | None = None,
                      who: str | None = None) -> ImportOutcome:
        """Store one loaded file as one batch, atomically.

        Identical bytes already stored change nothing (``duplicate_of`` says
        which batch has them).  ``replace`` sets that batch aside in the same
        transaction: its rows and raw bytes are kept, out of every figure,
        until the new batch is undone.  ``school`` (district mode) is the
        school of every row, over any 学校 column the file has.  ``who`` is
        recorded in the audit.
        """
        rows = result.rows
        with self.engine.begin() as conn:
            batch_id = self._next_batch_id(conn)  # also makes this the only writer until commit
            existing = conn.execute(self._sha_query(result.sha256, school)).scalar()
            if existing is not None:
                conn.rollback()
                return ImportOutcome(None, existing, 0)
            if replace is not None:
                replaced = conn.execute(update(batches).where((batches.c.id == replace) & _active())
                                        .values(replaced_by=batch_id)).rowcount
                replace = replace if replaced else None
            conn.execute(insert(batches).values(
                id=batch_id, created_at=_now(), filename=result.filename,
                sha256=result.sha256, kind=result.kind, term=result.term, rows=rows,
                problems=len(result.problems), raw=result.data, school=school,
            ))
            if rows:
                _insert_rows(conn, result, batch_id, school)
            if result.problems:
                conn.execute(insert(problems_table), [
                    {"batch_id": batch_id, "file": p.file, "sheet": p.sheet, "row": p.row, "column": p.column,
                     "message": p.message, "severity": p.severity} for p in result.problems])
            where = f"（学校 {school}）" if school else ""
            if replace is None:
                audit(conn, who, "import", f"导入「{result.filename}」为批次 {batch_id}{where}，{rows} 行")
            else:
                audit(conn, who, "replace", f"导入「{result.filename}」为批次 {batch_id}{where}，{rows} 行，"
                                            f"替换批次 {replace}（旧批次保留，撤销批次 {batch_id} 即恢复）")
            self._bump(conn)
        return ImportOutcome(batch_id, None, rows, replace)

    def undo(self, batch_id: int, who: str | None = None) -> bool:
        """Remove a batch in use and all its rows; the batch it replaced, if any, is in use again,
        exactly as before.  False when there is no such batch."""
        with self.engine.begin() as conn:
            row = conn.execute(select(batches.c.filename).where((batches.c.id == batch_id) & _active())).first()
            found = row is not None and self._delete_batch(conn, batch_id)
            if found:
                restored = [int(i) for i in conn.execute(select(batches.c.id).where(batches.c.replaced_by == batch_id))
                            .scalars()]
                conn.execute(update(batches).where(batches.c.replaced_by == batch_id).values(replaced_by=None))
                back = f"；恢复被它替换的批次 {'、'.join(map(str, restored))}" if restored else ""
                audit(conn, who, "undo", f"撤销批次 {batch_id}（「{row.filename}」）{back}")
                self._bump(conn)
        return found

    def _delete_batch(self, conn, batch_id: int) -> bool:
        kind = conn.execute(select(batches.c.kind).where(batches.c.id == batch_id)).scalar()
        if kind is None:
            return False
        conn.execute(delete(kind_tables[kind]).where(kind_tables[kind].c.batch_id == batch_id))
        conn.execute(delete(problems_table).where(problems_table.c.batch_id == batch_id))
        conn.execute(delete(batches).where(batches.c.id == batch_id))
        return True

    def replaced(self, batch_id: int) -> list[int]:
        """The batches ``batch_id`` replaced (set aside, back in use when it is undone)."""
        with self.engine.connect() as conn:
            return [int(i) for i in conn.execute(select(batches.c.id).where(batches.c.replaced_by == batch_id)
                                                 .order_by(batches.c.id)).scalars()]

    def record(self, who: str | None, action: str, detail: str = "") -> None:
        """Record an action in the audit in its own transaction (account changes, backups)."""
        with self.engine.begin() as conn:
            audit(conn, who, action, detail)

    def audit_log(self, limit: int | None = None) -> pd.DataFrame:
        """The audit, newest first: id, at, who, action, detail."""
        query = select(audit_table).order_by(audit_table.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def _bump(self, conn) -> None:
        updated = conn.execute(update(meta).where(meta.c.key == "version").values(value=meta.c.value + 1)).rowcount
        if not updated:
            conn.execute(insert(meta).values(key="version", value=1))

    def set_alias(self, alias: str, teacher_key: str | None, school: str | None = None,
                  who: str | None = None) -> None:
        """Map a name that is not in the roster to a roster teacher (None: not ours); with ``school``
        (district mode) for that school only."""
        with self.engine.begin() as conn:
            conn.execute(delete(aliases).where((aliases.c.alias_key == alias) & (aliases.c.school == (school or ""))))
            conn.execute(insert(aliases).values(school=school or "", alias_key=alias, teacher_key=teacher_key,
                                                created_at=_now()))
            where = f"（学校 {school}）" if school else ""
            audit(conn, who, "alias", f"“{alias}”是{'“' + teacher_key + '”' if teacher_key else '不是本校教师'}{where}")
            self._bump(conn)

    def delete_alias(self, alias: str, school: str | None = None, who: str | None = None) -> bool:
        """Forget a saved name mapping (of ``school``, or for every school); False when there was none."""
        with self.engine.begin() as conn:
            removed = conn.execute(delete(aliases).where(
                (aliases.c.alias_key == alias) & (aliases.c.school == (school or "")))).rowcount
            if removed:
                audit(conn, who, "alias_delete", f"删除“{alias}”的姓名对应" + (f"（学校 {school}）" if school else ""))
                self._bump(conn)
        return bool(removed)

    def save_mapping(self, kind: str, header: str, field: str | None, school: str | None = None) -> None:
        """Remember a user's meaning for a header (None: ignore the column); with ``school``
        (district mode) for that school's files only."""
        mine = (column_mappings.c.kind == kind) & (column_mappings.c.header == header) & (
            column_mappings.c.school == (school or ""))
        with self.engine.begin() as conn:
            conn.execute(delete(column_mappings).where(mine))
            conn.execute(insert(column_mappings).values(kind=kind, header=header, field=field or "", school=school or ""))

    # ------------------------------------------------------------ reading
    def version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == "version")).scalar() or 0

    _HISTORY = select(batches.c.id, batches.c.created_at, batches.c.filename, batches.c.sha256, batches.c.kind,
                      batches.c.term, batches.c.rows, batches.c.problems, batches.c.school
                      ).where(_active()).order_by(batches.c.id)

    def history(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(self._HISTORY, conn)

    def history_rows(self) -> list:
        """The batches as :meth:`history` lists them, as plain rows (``row.id``, ``row.filename`` …)
        for the command line, which then needs no pandas."""
        with self.engine.connect() as conn:
            return conn.execute(self._HISTORY).all()

    def raw_file(self, batch_id: int) -> tuple[str, bytes] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(batches.c.filename, batches.c.raw).where(batches.c.id == batch_id)).first()
        return (row.filename, bytes(row.raw)) if row else None

    def problems(self, batch_id: int | None = None) -> pd.DataFrame:
        query = select(problems_table).where(problems_table.c.batch_id.in_(select(batches.c.id).where(_active())))
        if batch_id is not None:
            query = query.where(problems_table.c.batch_id == batch_id)
        with self.engine.connect() as conn:
            return pd.read_sql(query.order_by(problems_table.c.id), conn)

    def alias_list(self, school: str | None = None) -> pd.DataFrame:
        """Saved name mappings of ``school`` (None: those for every school): alias_key, teacher_key
        (None: not ours), created_at."""
        query = (select(aliases.c.alias_key, aliases.c.teacher_key, aliases.c.created_at)
                 .where(aliases.c.school == (school or "")).order_by(aliases.c.alias_key))
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def mappings(self, school: str | None = None) -> dict[str, dict[str, str]]:
        """Saved column meanings (kind -> header key -> field, '' = ignore): those for every school,
        and with ``school`` that school's own on top."""
        wanted = [""] if not school else ["", school]
        with self.engine.connect() as conn:
            rows = conn.execute(select(column_mappings).where(column_mappings.c.school.in_(wanted))
                                .order_by(column_mappings.c.school != "", column_mappings.c.id)).all()
        found: dict[str, dict[str, str]] = {}
        for row in rows:
            found.setdefault(row.kind, {})[row.header] = row.field
        return found

    def dataset(self) -> Dataset:
        """All canonical rows, with each row's batch id and file name.

        For a SQLite file the four frames are also kept on disk beside it
        (``<db>.dataset-cache/``, Arrow/Feather), keyed by the set of batches
        they hold: a new process reads 600 000 rows from there in a fraction
        of the time the SQL read takes.  An import or undo changes the set, so
        a stale copy is never used; a name correction keeps it.
        """
        cache = self._cache_dir()
        with self.engine.connect() as conn:
            key, ids = _cache_state(conn) if cache else (None, [])
            history = pd.read_sql(select(batches.c.id, batches.c.filename, batches.c.kind, batches.c.term,
                                         batches.c.created_at).where(_active()), conn)
            names = dict(zip(history["id"], history["filename"]))
            frames = _read_cache(cache, key) if cache else None
            fresh = frames is None
            if fresh and cache:
                frames = _grow_older_copy(conn, cache, key, ids, names)
            if frames is None:
                set_aside = conn.execute(select(func.count()).select_from(batches).where(~_active())).scalar()
                wanted = [int(i) for i in history["id"]] if set_aside else None  # None: every row, no index
                frames = _finish({kind: _read_table(conn, table, wanted) for kind, table in kind_tables.items()},
                                 names)
            alias_rows = conn.execute(select(aliases.c.school, aliases.c.alias_key, aliases.c.teacher_key)
                                      .order_by(aliases.c.school, aliases.c.alias_key)).all()
            unchanged = cache is not None and fresh and _cache_state(conn)[0] == key
        if unchanged:
            _write_cache(cache, key, frames, ids)
        roster_terms = history.loc[history["kind"] == "roster", ["id", "term"]]
        everywhere = {row.alias_key: row.teacher_key for row in alias_rows if not row.school}
        by_school: dict[str, dict[str, str | None]] = {}
        for row in alias_rows:
            if row.school:
                by_school.setdefault(row.school, {})[row.alias_key] = row.teacher_key
        ds = Dataset(frames["roster"], frames["observations"], frames["papers"], frames["projects"], everywhere,
                     roster_terms, by_school,
                     extra={kind: frame for kind, frame in frames.items() if kind not in Dataset.CORE})
        if by_school and len(ds.schools) < 2:  # one school: its corrections are the store's
            ds.aliases = {**everywhere, **{k: v for own in by_school.values() for k, v in own.items()}}
        return ds

    def _cache_dir(self) -> Path | None:
        """Where dataset() keeps its frames: beside a SQLite file; None for other databases."""
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return Path(f"{url.database}.dataset-cache")


def _cache_state(conn) -> tuple[str, list[int]]:
    """Which frames a copy holds (its folder name), and the batch ids behind it.

    A batch's rows never change after its import and batch ids are never
    reused, so the set of batch ids in use (with the schema revision and the
    random ``store_id`` of this database, so that a database recreated at
    the same path never meets the copy of the one before) names the frames
    exactly.  Name corrections are read apart from the frames, so
    saving one keeps the copy.
    """
    ids = [int(batch) for batch in conn.execute(select(batches.c.id).where(_active()).order_by(batches.c.id)).scalars()]
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store_id = conn.execute(select(meta.c.value).where(meta.c.key == "store_id")).scalar()
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    return f"r{revision}s{store_id}-n{len(ids)}-{digest}", ids


def _finish(frames: dict[str, pd.DataFrame], names: dict[int, str]) -> dict[str, pd.DataFrame]:
    """Rows as read from the database made ready: dates as datetime.date, each row's file name."""
    for kind, frame in frames.items():
        for column in SCHEMAS[kind]:
            if _is_date(kind, column):
                frame[column] = pd.Series(_as_dates(frame[column].tolist()), index=frame.index, dtype=object)
        frame["source_file"] = frame["batch_id"].map(names)
    return frames


def _grow_older_copy(conn, cache: Path, key: str, ids: list[int],
                     names: dict[int, str]) -> dict[str, pd.DataFrame] | None:
    """The frames for ``ids`` from the copy written last: its rows of batches still there, plus the
    rows of batches imported since, read from the database.  None when there is no usable copy.

    After an undo or a name correction nothing is read from the database;
    after an import only the new batches are.  New batch ids are higher than
    every id the copy knew, so the rows stay in import order.
    """
    try:
        older = max((folder for folder in cache.iterdir()
                     if not folder.name.startswith(".writing-") and (folder / "ids.json").is_file()),
                    key=lambda folder: folder.stat().st_mtime_ns, default=None)
        if older is None or older.name.partition("-n")[0] != key.partition("-n")[0]:
            return None  # no copy, or one from another schema revision
        known = set(json.loads((older / "ids.json").read_text()))
    except (OSError, ValueError):
        return None
    wanted = set(ids)
    added = sorted(wanted - known)
    if added and known and added[0] < max(known):
        return None  # not the order this relies on: read everything instead
    frames = _read_cache(cache, older.name, None if known <= wanted else wanted)
    if frames is None:
        return None
    grown = {}
    for kind, table in kind_tables.items():
        kept = frames[kind]
        new = _finish({kind: _read_table(conn, table, added)}, names)[kind] if added else kept.iloc[:0]
        grown[kind] = _append(kept.reset_index(drop=True), new) if len(kept) else new
    return grown


def _append(kept: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``kept`` then ``new``, each column typed as one read of both would type it (a column of
    texts and NULLs is text with missing values, not a mix of objects)."""
    if not len(new):
        return kept
    both = pd.concat([kept, new], ignore_index=True)
    from pandas.core.internals.construction import convert_object_array

    for column in both.columns:
        if kept[column].dtype != new[column].dtype and both[column].dtype == object:
            values = both[column].to_numpy(dtype=object, copy=True)
            values[pd.isna(values)] = None  # as the database gives a NULL
            both[column] = convert_object_array([values], dtype=None, coerce_float=True, dtype_backend="numpy")[0]
    return both




def _read_cache(cache: Path, key: str, batches_kept: set[int] | None = None) -> dict[str, pd.DataFrame] | None:
    """The frames of copy ``key`` (only the rows of ``batches_kept``, when given), as pd.read_feather
    gives them; rows left out are dropped before they become pandas objects."""
    import pyarrow as pa
    import pyarrow.compute as pc

    folder = cache / key
    frames = {}
    try:
        for kind in KINDS:
            table = pa.ipc.open_file(str(folder / f"{kind}.feather")).read_all()
            if batches_kept is not None:
                wanted = pa.array(sorted(batches_kept), type=table.schema.field("batch_id").type)
                table = table.filter(pc.is_in(table["batch_id"], value_set=wanted))
            frames[kind] = table.to_pandas()
            del table
    except Exception:  # noqa: BLE001 - missing, half-written or unreadable: read the database instead
        return None
    return frames


def _write_cache(cache: Path, key: str, frames: dict[str, pd.DataFrame], ids: list[int]) -> None:
    """Write the frames for ``key`` and the batch ids they hold (atomically, by renaming a finished
    folder) and drop older keys."""
    import shutil
    import tempfile

    try:
        cache.mkdir(parents=True, exist_ok=True)
        if (cache / key).exists():
            return
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=cache))
        for kind in KINDS:
            frames[kind].to_feather(staging / f"{kind}.feather")
        (staging / "ids.json").write_text(json.dumps(ids))
        try:
            staging.rename(cache / key)
        except OSError:  # another process wrote it first
            shutil.rmtree(staging, ignore_errors=True)
        for old in cache.iterdir():
            if old.name != key and not old.name.startswith(".writing-"):
                shutil.rmtree(old, ignore_errors=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
        pass


def _read_table(conn, table: Table, batch_ids: list[int] | None = None) -> pd.DataFrame:
    """Every row of a kind's table (or of these batches), in import order.

    On SQLite the dates arrive as their stored text (turned into dates by
    the caller, once per distinct day) instead of through SQLAlchemy's
    per-row Date processing.
    """
    if conn.dialect.name == "sqlite":
        return _read_sqlite(conn, table, batch_ids)
    query = select(table).order_by(table.c.batch_id, table.c.id)
    if batch_ids is not None:
        query = query.where(table.c.batch_id.in_(batch_ids))
    return pd.read_sql(query, conn)


def _read_sqlite(conn, table: Table, batch_ids: list[int] | None = None, chunk: int = 16_384) -> pd.DataFrame:
    """What ``pd.read_sql`` gives for the table, read in chunks with repeated texts shared.

    pd.read_sql holds every row as a tuple of fresh objects at once (about a
    gigabyte for 600 000 听课 rows); here each chunk's texts are replaced by
    one shared object per distinct text before the next chunk is fetched.
    The columns then go through the same conversion pandas.io.sql uses.
    """
    from pandas.core.internals.construction import convert_object_array

    names = [column.name for column in table.columns]
    texts = [not isinstance(column.type, Integer) for column in table.columns]
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        where = "" if batch_ids is None else f" WHERE batch_id IN ({', '.join(str(int(b)) for b in batch_ids)})"
        cursor.execute(f"SELECT {', '.join(_quote(name) for name in names)} FROM {table.name}{where} "
                       "ORDER BY batch_id, id")
        values: list[list] = [[] for _ in names]
        shared: list[dict] = [{} for _ in names]
        whole: list[list[np.ndarray] | None] = [None if text else [] for text in texts]  # int64 pieces
        count = 0
        while rows := cursor.fetchmany(chunk):
            count += len(rows)
            for index, column in enumerate(zip(*rows)):
                if texts[index]:
                    values[index].extend(map(shared[index].setdefault, column, column))
                    continue
                if whole[index] is not None:  # only ints so far: kept as int64, not as Python ints
                    try:
                        if set(map(type, column)) != {int}:
                            raise TypeError("not only ints")
                        whole[index].append(np.fromiter(column, dtype=np.int64, count=len(column)))
                        continue
                    except (TypeError, OverflowError):  # a NULL, a REAL, a text or a huge number: as pandas reads it
                        values[index] = [value for piece in whole[index] for value in piece.tolist()]
                        whole[index] = None
                values[index].extend(column)
            del rows
    finally:
        cursor.close()
    if not count:
        return pd.DataFrame(columns=names)
    converted = []
    for index, column in enumerate(values):  # one column at a time, each freed once converted
        if whole[index] is not None:
            converted.append(np.concatenate(whole[index]))  # what pandas makes of a column of ints
            whole[index] = None
            continue
        array = np.empty(count, dtype=object)
        array[:] = column
        values[index] = column = None
        # the same conversion as pandas.io.sql._convert_arrays_to_dataframe
        converted.extend(convert_object_array([array], dtype=None, coerce_float=True, dtype_backend="numpy"))
        del array
    return pd.DataFrame._from_arrays(converted, columns=names, index=range(count), verify_integrity=False)


def _as_dates(values: list) -> list[dt.date | None]:
    """_as_date of every value, computed once per distinct value (the same day is one object)."""
    memo: dict = {}
    out = []
    for value in values:
        try:
            found = memo[value]
        except (KeyError, TypeError):
            found = _as_date(value)
            try:
                memo[value] = found
            except TypeError:
                pass
        out.append(found)
    return out


def _as_date(value) -> dt.date | None:
    """A stored date as datetime.date; NULL (None, NaN, NaT) as None."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _insert_rows(conn, result: LoadResult, batch_id: int, school: str | None) -> None:
    """Write a result's rows into its kind's table.

    On SQLite the rows go to the driver as tuples in one executemany (dates
    as the ISO text SQLAlchemy's Date writes there); the SQLAlchemy insert
    per record costs several times more for a 200 000-row log.
    """
    table = kind_tables[result.kind]
    if conn.dialect.name != "sqlite":
        frame = result.frame
        conn.execute(insert(table), _records(frame if school is None else frame.assign(school=school), batch_id))
        return
    columns = result.stored_columns()
    if columns is not None:
        values = dict(columns)
    else:
        frame = result.frame
        values = {name: _python_values(frame[name]) for name in frame.columns}
    if school is not None:
        values["school"] = [school] * result.rows
    names = [name for name in values if name in table.c]
    for name in names:
        if _is_date(result.kind, name):
            values[name] = _iso_dates(values[name])
    rows = zip(itertools.repeat(batch_id), *(values[name] for name in names))
    statement = (f"INSERT INTO {table.name} (batch_id, {', '.join(_quote(name) for name in names)}) "
                 f"VALUES ({', '.join('?' * (len(names) + 1))})")
    conn.exec_driver_sql(statement, list(rows))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _python_values(series: pd.Series) -> list:
    """A column as plain Python values, None for missing (as _records gives them)."""
    return series.astype(object).where(series.notna(), None).tolist()


def _iso_dates(values: list) -> list:
    """Dates as SQLAlchemy's SQLite Date stores them ('YYYY-MM-DD'); each distinct value converted once."""
    def iso(value):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}" if isinstance(day, dt.date) else value

    memo = {value: None if value is None else iso(value) for value in set(values)}
    return list(map(memo.__getitem__, values))


def _records(frame: pd.DataFrame, batch_id: int) -> list[dict]:
    clean = frame.astype(object).where(frame.notna(), None)
    records = clean.to_dict("records")
    for record in records:
        record["batch_id"] = batch_id
    return records


def count_rows(engine: Engine, kind: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(kind_tables[kind])).scalar()
