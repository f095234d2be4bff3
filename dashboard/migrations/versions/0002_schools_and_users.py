"""District mode and accounts: a 学校 on every batch and row; the users table."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("batches", "roster", "observations", "papers", "projects")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("school", sa.Text))
    op.create_table(
        "users",
        sa.Column("username", sa.String(100), primary_key=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("school", sa.Text),
        sa.Column("group_name", sa.Text),
        sa.Column("teacher_key", sa.Text),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("users")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("school")
