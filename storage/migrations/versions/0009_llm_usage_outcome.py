"""llm_usage: the outcome of each model call in columns of its own (outcome, estimated, seconds)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Until now the outcome rode in `purpose` ("answer:timeout~", `~` = token counts estimated). Existing rows are split
into purpose "answer", outcome "timeout", estimated true; downgrade folds them back.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_T = sa.table("llm_usage", sa.column("id", sa.Integer), sa.column("purpose", sa.String),
              sa.column("outcome", sa.String), sa.column("estimated", sa.Boolean))


def upgrade() -> None:
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=24), nullable=False, server_default="ok"))
        batch_op.add_column(sa.Column("estimated", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("seconds", sa.Float(), nullable=True))
    conn = op.get_bind()
    for row_id, purpose in conn.execute(sa.select(_T.c.id, _T.c.purpose).where(_T.c.purpose.like("%:%"))).all():
        kind, _, outcome = purpose.partition(":")
        conn.execute(_T.update().where(_T.c.id == row_id).values(
            purpose=kind, outcome=outcome.rstrip("~") or "ok", estimated=outcome.endswith("~")))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(_T.c.id, _T.c.purpose, _T.c.outcome, _T.c.estimated)
                        .where(sa.or_(_T.c.outcome != "ok", _T.c.estimated))).all()
    for row_id, purpose, outcome, estimated in rows:
        conn.execute(_T.update().where(_T.c.id == row_id).values(
            purpose=f"{purpose}:{outcome}{'~' if estimated else ''}"[:24]))
    with op.batch_alter_table("llm_usage", schema=None) as batch_op:
        batch_op.drop_column("seconds")
        batch_op.drop_column("estimated")
        batch_op.drop_column("outcome")
