"""获奖与发表: 论文 becomes one category of the papers kind.

- ``papers.category``: the record's category (论文, 教学设计, 教学案例, 课件, 微课, 优质课, 基本功, 说课, 其他;
  NULL = 类别不明).  Every row stored before this revision was imported as a 论文 list (the reader
  refused, as 不是论文, every row that did not speak of a 论文), so existing rows are set to 论文 and
  every figure of an upgraded store stays as it was.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("papers") as batch:
        batch.add_column(sa.Column("category", sa.Text, nullable=True))
    op.execute("UPDATE papers SET category = '论文'")


def downgrade() -> None:
    # a store going back to 0007 only knows 论文: the other categories' rows would count as papers there
    op.execute("DELETE FROM papers WHERE category IS NULL OR category <> '论文'")
    with op.batch_alter_table("papers") as batch:
        batch.drop_column("category")
