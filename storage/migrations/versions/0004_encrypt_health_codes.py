"""encrypt the codes that reveal health (profile reasons, adjustment rules, alert kinds, workout statuses); key check

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

"symptom reported: chest_pain", "pain_swap", "symptom" and "pain" said as much as the encrypted values beside
them. Each such cell becomes a Fernet token of its JSON value (the same encoding as every EncryptedJSON column),
under the key installed by storage.crypto.configure(); downgrade decrypts them back. The `meta` table holds the
key check value written at start (storage.db).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import crypto

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# table, column, old length, old nullability
COLUMNS = (("profiles", "reason", 200, False), ("adjustments", "rule", 40, False), ("alerts", "kind", 32, False),
           ("workout_logs", "status", 12, False))


def _rewrite(table: str, column: str, convert) -> None:  # noqa: ANN001
    conn = op.get_bind()
    t = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.Text))
    rows = conn.execute(sa.select(t.c.id, t.c[column])).all()
    for row_id, value in rows:
        new = convert(value)
        if new != value:
            conn.execute(t.update().where(t.c.id == row_id).values({column: new}))


def _encrypt(value: str | None) -> str | None:
    if value is None or crypto.is_token(value):
        return value
    return crypto.encrypt_value(value)


def _decrypt(value: str | None) -> str | None:
    if value is None or not crypto.is_token(value):
        return value
    return str(crypto.decrypt_value(value))


def upgrade() -> None:
    op.create_table("meta", sa.Column("name", sa.String(length=32), nullable=False),
                    sa.Column("value", sa.Text(), nullable=False), sa.PrimaryKeyConstraint("name"))
    for table, column, _length, _nullable in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:  # a token is longer than the old VARCHAR(n)
            batch_op.alter_column(column, existing_type=sa.String(), type_=sa.Text(),
                                  nullable=column != "reason")
        _rewrite(table, column, _encrypt)


def downgrade() -> None:
    for table, column, length, _nullable in COLUMNS:
        _rewrite(table, column, _decrypt)
        if column == "reason":
            op.execute(sa.text(f"UPDATE {table} SET {column} = '' WHERE {column} IS NULL"))
            op.execute(sa.text(f"UPDATE {table} SET {column} = substr({column}, 1, {length})"))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=length), nullable=False)
    op.drop_table("meta")
