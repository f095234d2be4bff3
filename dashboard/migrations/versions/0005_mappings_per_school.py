"""Column corrections per school: one school's “此列是听课人” must not change how another school's
files are read.  ``school`` '' is a correction for every school (single-school stores, and every
correction saved before this revision, so upgraded imports read as before)."""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("column_mappings") as batch:
        batch.add_column(sa.Column("school", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    op.execute("DELETE FROM column_mappings WHERE school <> ''")
    with op.batch_alter_table("column_mappings") as batch:
        batch.drop_column("school")
