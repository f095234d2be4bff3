"""Nothing lost, and a record of who did what.

- ``batches.replaced_by``: a batch replaced by a newer file is kept (rows and raw bytes), marked with the
  batch that replaced it, so undoing that newer batch brings it back exactly.  NULL: the batch is in use.
- ``audit``: who imported, undid, replaced, corrected a name or changed an account, and when.
- ``meta`` row ``store_id``: a random number naming this database, so the frames' copy beside a SQLite
  file (``*.dataset-cache/``) never serves the rows of an earlier database recreated at the same path.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("batches") as batch:
        batch.add_column(sa.Column("replaced_by", sa.Integer, nullable=True))
    op.create_index("ix_batches_replaced_by", "batches", ["replaced_by"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
    )
    op.execute(f"INSERT INTO meta (key, value) VALUES ('store_id', {secrets.randbits(31)})")


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'store_id'")
    op.drop_table("audit")
    op.drop_index("ix_batches_replaced_by", "batches")
    with op.batch_alter_table("batches") as batch:
        batch.drop_column("replaced_by")
