"""听课 log rows carry their 课型 (``observations.lesson_type``): a row whose 课型 names an open type
(公开课, 示范课 …, :mod:`dashboard.lesson_types`) is also an open lesson.  NULL: not stated, or an
ordinary lesson.  (The 公开课 kind's own table is created from its declaration when a store opens.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("lesson_type", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("lesson_type")
