"""Sign-in sessions that survive a reload, and the record of failed sign-ins that throttles guessing.

``sessions``: one row per signed-in browser, keyed by the SHA-256 of its random token (the token itself
is only in the browser's cookie); ``revoked`` ends it at the viewer's next click.
``signin_failures``: one row per wrong password (user name, client address, time), for throttling and the log.
The demo-store marker and the one-time setup code live in the existing ``meta`` table (no schema change).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("sessions_username", "sessions", ["username"])
    op.create_table(
        "signin_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("client", sa.String(100), nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("signin_failures_at", "signin_failures", ["at"])


def downgrade() -> None:
    op.drop_index("signin_failures_at", "signin_failures")
    op.drop_table("signin_failures")
    op.drop_index("sessions_username", "sessions")
    op.drop_table("sessions")
