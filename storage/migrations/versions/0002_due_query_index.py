"""index for the dispatcher's due-user query (timezone, reminder time)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_users_tz_time", "users", ["timezone", "reminder_time"])


def downgrade() -> None:
    op.drop_index("ix_users_tz_time", table_name="users")
