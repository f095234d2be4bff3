"""The store as first released: batches, the four kinds, problems, aliases, mappings."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

KIND_COLUMNS = {
    "roster": [("term", sa.Text), ("name", sa.Text), ("name_key", sa.Text), ("group", sa.Text), ("role", sa.Text),
               ("birth_date", sa.Date), ("work_start", sa.Date), ("title", sa.Text)],
    "observations": [("shape", sa.Text), ("term", sa.Text), ("date", sa.Date), ("observer", sa.Text),
                     ("observer_key", sa.Text), ("teacher", sa.Text), ("subject", sa.Text), ("class_name", sa.Text),
                     ("period", sa.Text), ("lessons", sa.Integer), ("group", sa.Text)],
    "papers": [("record", sa.Integer), ("term", sa.Text), ("title", sa.Text), ("authors", sa.Text), ("level", sa.Text),
               ("grade", sa.Text), ("date", sa.Date), ("journal", sa.Text), ("unit", sa.Text), ("kind", sa.Text)],
    "projects": [("code", sa.Text), ("title", sa.Text), ("leader", sa.Text), ("leader_key", sa.Text),
                 ("members", sa.Text), ("level", sa.Text), ("stage", sa.Text), ("approved_date", sa.Date),
                 ("planned_end_date", sa.Date), ("concluded_date", sa.Date), ("unit", sa.Text)],
}


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("term", sa.String(20)),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("problems", sa.Integer, nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
    )
    for kind, columns in KIND_COLUMNS.items():
        op.create_table(
            kind,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("batch_id", sa.Integer, nullable=False, index=True),
            *[sa.Column(name, type_) for name, type_ in columns],
            sa.Column("source_sheet", sa.Text),
            sa.Column("source_row", sa.Integer),
        )
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer, nullable=False, index=True),
        sa.Column("file", sa.Text), sa.Column("sheet", sa.Text), sa.Column("row", sa.Integer),
        sa.Column("column", sa.Text), sa.Column("message", sa.Text), sa.Column("severity", sa.String(10)),
    )
    op.create_table(
        "aliases",
        sa.Column("alias_key", sa.String(100), primary_key=True),
        sa.Column("teacher_key", sa.String(100)),
        sa.Column("created_at", sa.DateTime),
    )
    op.create_table(
        "column_mappings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("header", sa.String(200), nullable=False),
        sa.Column("field", sa.String(40)),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("meta", "column_mappings", "aliases", "problems", *KIND_COLUMNS, "batches"):
        op.drop_table(table)
