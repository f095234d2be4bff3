"""The store: import batches, their canonical rows and original bytes (SQLAlchemy).

Each import is one transaction that writes a batch row (file name, sha256,
kind, term, row count, time, the original bytes), its canonical rows and
its problems, and bumps the store version.  Identical bytes are never
stored twice; a batch can be removed (undo) or replaced by a newer file
in one transaction.  SQLite (WAL) by default, any SQLAlchemy URL works.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Engine

# the schema and the engine live in modules of their own; their names stay importable from here
from .store_engine import (DEFAULT_URL, MIGRATIONS, _up_to_date, head_revisions, make_engine, migrate,  # noqa: F401
                           resolve_url)
from .store_schema import (AUDIT_ACTIONS, _active, _is_date, aliases, audit_table, batches, column_mappings,  # noqa: F401
                           create_kind_tables, kind_tables, meta, metadata, problems_table, users)
from .dataset import Dataset  # noqa: F401 - re-exported: Store.dataset() returns it
from .kinds import roster_kind
# the frames' copy beside a SQLite store and the fast SQLite read live in a module of their own
from .store_frames import (_ImportedOnFirstUse, _append, _as_date, _as_dates, _cache_state, _finish,  # noqa: F401
                           _grow_older_copy, _quote, _read_cache, _read_sqlite, _read_table, _write_cache)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .loaders import LoadResult


if not TYPE_CHECKING:
    np = _ImportedOnFirstUse("numpy", "np", globals())
    pd = _ImportedOnFirstUse("pandas", "pd", globals())


@dataclass
class ImportOutcome:
    """What an import did: the new batch id, or the batch that already held these bytes."""

    batch_id: int | None
    duplicate_of: int | None
    rows: int
    replaced: int | None = None


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
        roster_terms = history.loc[history["kind"] == roster_kind().key, ["id", "term"]]
        everywhere = {row.alias_key: row.teacher_key for row in alias_rows if not row.school}
        by_school: dict[str, dict[str, str | None]] = {}
        for row in alias_rows:
            if row.school:
                by_school.setdefault(row.school, {})[row.alias_key] = row.teacher_key
        ds = Dataset(*(frames[kind] for kind in Dataset.CORE), everywhere, roster_terms, by_school,
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


#: Most values bound in one SQLite statement (the limit of SQLite before 3.32; later ones allow 32 766).
SQLITE_MAX_VALUES = 999


def _insert_rows(conn, result: LoadResult, batch_id: int, school: str | None) -> None:
    """Write a result's rows into its kind's table.

    On SQLite the rows go to the driver as tuples in one executemany (dates
    as the ISO text SQLAlchemy's Date writes there); the SQLAlchemy insert
    per record costs several times more for a 200 000-row log.  Each
    statement inserts as many rows as fit in :data:`SQLITE_MAX_VALUES`
    values: the same values bound, a quarter less time than a row per
    statement (1.67 → 1.28 s for the 200 000-row log's 16 columns).
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
    per = max(1, SQLITE_MAX_VALUES // (len(names) + 1))
    groups, rest = [], []
    while chunk := list(itertools.islice(rows, per)):
        if len(chunk) == per:
            groups.append(tuple(itertools.chain.from_iterable(chunk)))
        else:
            rest = chunk
    head = f"INSERT INTO {table.name} (batch_id, {', '.join(_quote(name) for name in names)}) VALUES "
    one = f"({', '.join('?' * (len(names) + 1))})"
    if groups:
        conn.exec_driver_sql(head + ", ".join([one] * per), groups)
    if rest:
        conn.exec_driver_sql(head + one, rest)


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
