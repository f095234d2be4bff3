"""The store's engine and migrations: the database URL, the engine (SQLite: WAL, busy timeout), and
bringing the schema to the newest Alembic revision (without loading Alembic when it is already there).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine

from .store_schema import create_kind_tables

DEFAULT_URL = "sqlite:///data/dashboard.db"


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
