"""课题 keeps the role written beside a 负责人 or 成员 (``王五（执笔）``, ``赵六（排名2）``).

- ``projects.member_roles``: "name:role" pairs joined by 、 (NULL: no role was written).  Rows imported
  before this revision have NULL: their roles were dropped when they were read.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("member_roles", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("member_roles")
