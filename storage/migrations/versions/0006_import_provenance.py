"""readings imported from devices and apps: source, original value and unit, an idempotence key, a cleaning flag (filled by the #18 import work)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a column's type or add a unique constraint in place (the table is copied);
    # on PostgreSQL the same calls become plain ALTER TABLE statements
    with op.batch_alter_table("metric_readings", schema=None) as b:
        b.alter_column("source", existing_type=sa.String(length=16), type_=sa.String(length=24),
                       existing_nullable=False)
        b.add_column(sa.Column("original_value", sa.Text(), nullable=True))  # EncryptedJSON: a Fernet token
        b.add_column(sa.Column("original_unit", sa.String(length=16), nullable=True))
        b.add_column(sa.Column("import_key", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("flag", sa.String(length=12), nullable=True))
        b.create_unique_constraint("uq_metric_import_key", ["user_id", "import_key"])


def downgrade() -> None:
    # imported rows go with their provenance: the old schema cannot tell them from typed ones
    op.execute("DELETE FROM metric_readings WHERE import_key IS NOT NULL")
    with op.batch_alter_table("metric_readings", schema=None) as b:
        b.drop_constraint("uq_metric_import_key", type_="unique")
        b.drop_column("flag")
        b.drop_column("import_key")
        b.drop_column("original_unit")
        b.drop_column("original_value")
        b.alter_column("source", existing_type=sa.String(length=24), type_=sa.String(length=16),
                       existing_nullable=False)
