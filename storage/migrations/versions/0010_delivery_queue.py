"""deliveries: a partial index over the open rows (queued, claimed, retry), the queue the senders take from

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

The elected scheduler inserts due deliveries as `queued` rows; every dispatcher takes the oldest open row with
`FOR UPDATE SKIP LOCKED`. Finished rows (sent, skipped, failed, maybe) pile up by the day, so the take query reads a
partial index that holds only the open ones.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_OPEN = sa.text("status IN ('queued', 'claimed', 'retry')")


def upgrade() -> None:
    op.create_index("ix_delivery_open", "deliveries", ["id"], postgresql_where=_OPEN, sqlite_where=_OPEN)


def downgrade() -> None:
    op.drop_index("ix_delivery_open", table_name="deliveries")
