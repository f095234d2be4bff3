"""Batch ids are never reused: a sequence row in meta, started after the highest id so far."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("INSERT INTO meta (key, value) SELECT 'batch_seq', COALESCE(MAX(id), 0) FROM batches")


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'batch_seq'")
