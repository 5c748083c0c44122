"""the update inbox: every Telegram update stored by update_id before it is acknowledged, then processed once

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

A redelivered update hits the primary key and is ignored; a worker takes a pending row, runs the turn and marks it
done. `payload` is the raw update (it quotes what the person typed): an encrypted column like every health value.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("person", sa.String(length=40), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id"))
    op.create_index("ix_inbox_pending", "inbox", ["status", "person", "update_id"])
    op.create_index("ix_inbox_done_at", "inbox", ["done_at"])


def downgrade() -> None:
    op.drop_index("ix_inbox_done_at", table_name="inbox")
    op.drop_index("ix_inbox_pending", table_name="inbox")
    op.drop_table("inbox")
