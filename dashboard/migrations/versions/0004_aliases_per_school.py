"""Name corrections per school: in district mode one school's “王莉 is 王莉(大)” or “not ours”
must not change another school's figures.  ``school`` '' is a correction for every school (single-school
stores, and every correction saved before this revision, so upgraded figures stay the same)."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "aliases_by_school",
        sa.Column("school", sa.String(100), nullable=False, server_default=""),
        sa.Column("alias_key", sa.String(100), nullable=False),
        sa.Column("teacher_key", sa.String(100)),
        sa.Column("created_at", sa.DateTime),
        sa.PrimaryKeyConstraint("school", "alias_key", name="aliases_by_school_pkey"),
    )
    op.execute("INSERT INTO aliases_by_school (school, alias_key, teacher_key, created_at) "
               "SELECT '', alias_key, teacher_key, created_at FROM aliases")
    op.drop_table("aliases")
    op.rename_table("aliases_by_school", "aliases")


def downgrade() -> None:
    op.create_table(
        "aliases_global",
        sa.Column("alias_key", sa.String(100), primary_key=True),
        sa.Column("teacher_key", sa.String(100)),
        sa.Column("created_at", sa.DateTime),
    )
    op.execute("INSERT INTO aliases_global (alias_key, teacher_key, created_at) "
               "SELECT alias_key, teacher_key, created_at FROM aliases WHERE school = ''")
    op.drop_table("aliases")
    op.rename_table("aliases_global", "aliases")
