"""encrypt where a conversation stands (dialogue_states.flow and .step)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

"log" / "pain_area" or "clearance" / "limits" said in plaintext what the encrypted partial answers beside them
hold: that the person reported pain, or is waiting for a doctor's clearance. Both become Fernet tokens of their JSON
value, like every EncryptedJSON column; downgrade decrypts them back.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import crypto

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# column, old length
COLUMNS = (("flow", 24), ("step", 40))


def _rewrite(column: str, convert) -> None:  # noqa: ANN001
    conn = op.get_bind()
    t = sa.table("dialogue_states", sa.column("user_id", sa.Integer), sa.column(column, sa.Text))
    for user_id, value in conn.execute(sa.select(t.c.user_id, t.c[column])).all():
        new = convert(value)
        if new != value:
            conn.execute(t.update().where(t.c.user_id == user_id).values({column: new}))


def _encrypt(value: str | None) -> str | None:
    return value if value is None or crypto.is_token(value) else crypto.encrypt_value(value)


def _decrypt(value: str | None) -> str | None:
    return value if value is None or not crypto.is_token(value) else str(crypto.decrypt_value(value))


def upgrade() -> None:
    for column, _length in COLUMNS:
        with op.batch_alter_table("dialogue_states", schema=None) as batch_op:  # a token is longer than VARCHAR(n)
            batch_op.alter_column(column, existing_type=sa.String(), type_=sa.Text(), existing_nullable=False)
        _rewrite(column, _encrypt)


def downgrade() -> None:
    for column, length in COLUMNS:
        _rewrite(column, _decrypt)
        with op.batch_alter_table("dialogue_states", schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=length),
                                  existing_nullable=False)
