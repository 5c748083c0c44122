"""inbox_attempts: how many times each update's turn was started, counted outside the transaction that holds the row

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

A worker holds an inbox row (FOR UPDATE) and its person's advisory lock in one transaction for the whole turn; a
turn that kills its process rolls back with it, so a count kept in that row would never grow. The count lives in a
table of its own, written in a short transaction of its own before the turn runs (no foreign key: a key check would
wait on the held row). An update started MAX_ATTEMPTS times without finishing is given up.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("inbox_attempts",
                    sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
                    sa.Column("attempts", sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint("update_id"))


def downgrade() -> None:
    op.drop_table("inbox_attempts")
