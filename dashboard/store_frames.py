"""The frames of a store as pandas reads them: the fast read of a SQLite table (column by column, one
object per distinct text), and the copy of the frames kept beside a SQLite store (Feather files keyed
on its batches), grown or shrunk by the batches an import or undo changed instead of read again.

pandas and numpy are imported on first use: ``history`` and ``undo`` from the command line need
neither.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Integer, Table, select, text

from .contract import KINDS, SCHEMAS
from .store_schema import _active, _is_date, batches, kind_tables, meta

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


class _ImportedOnFirstUse:
    """Stands for a module until one of its names is first used, then puts
    the module itself in its place: ``history`` and ``undo`` from the command
    line need no pandas, and importing it (with numpy and pyarrow) takes
    longer than the whole command."""

    def __init__(self, module: str, alias: str, namespace: dict):
        self._module, self._alias, self._namespace = module, alias, namespace

    def __getattr__(self, attribute: str):
        module = importlib.import_module(self._module)
        self._namespace[self._alias] = module
        return getattr(module, attribute)


if not TYPE_CHECKING:
    np = _ImportedOnFirstUse("numpy", "np", globals())
    pd = _ImportedOnFirstUse("pandas", "pd", globals())


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
            # one chunk per column: every later selection of rows (a school, a term) takes from one
            # array instead of one per record batch of the file (about 3× faster at district scale)
            frames[kind] = table.combine_chunks().to_pandas()
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


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
