"""The store's schema: the tables (SQLAlchemy Core) of batches, audit, problems, aliases, column
corrections, users, meta, and one table per declared kind (created when a store opens).

Alembic's revisions (:mod:`dashboard.migrations`) build the tables of the first four kinds and the
others; :func:`create_kind_tables` adds the table of a kind declared later.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, MetaData, String, Table, Text,
                        false, inspect)
from sqlalchemy.engine import Engine

from .contract import FIELD_TYPES, KINDS
from .kinds import Kind, live

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


def _active():
    """The batches in use: not replaced by a newer file."""
    return batches.c.replaced_by.is_(None)
