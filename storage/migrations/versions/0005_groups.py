"""coach groups: coaches from the chat's admins, per-member consent levels and names, group sessions,
attendance, and the group delivery queue (one row per message and recipient, unique key)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Existing memberships keep their choice: share_progress=true becomes level "full" (what the old yes meant:
sessions, weight trend and safety alerts), false becomes "none". Each group's creator becomes its first coach.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk_user(nullable: bool = False, ondelete: str = "CASCADE") -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return (sa.Column("user_id", sa.Integer(), nullable=nullable),
            sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete=ondelete))


def _groups_and_memberships() -> None:
    with op.batch_alter_table("groups", schema=None) as b:
        b.add_column(sa.Column("timezone", sa.String(length=64), nullable=False, server_default="UTC"))
    with op.batch_alter_table("memberships", schema=None) as b:
        b.add_column(sa.Column("level", sa.String(length=12), nullable=False, server_default="none"))
        b.add_column(sa.Column("display_name", sa.Text(), nullable=True))
    op.execute("UPDATE memberships SET level = 'full' WHERE share_progress = true")


def _coaches_and_sessions() -> None:
    col, fk = _fk_user()
    op.create_table(
        "group_coaches", _id(),
        sa.Column("group_id", sa.Integer(), nullable=False), col,
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("digest_weekday", sa.Integer(), nullable=False),
        sa.Column("digest_time", sa.String(length=5), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"), fk,
        sa.PrimaryKeyConstraint("id"), sa.UniqueConstraint("group_id", "user_id", name="uq_group_coach"))
    op.create_index("ix_group_coaches_user_id", "group_coaches", ["user_id"])
    op.execute("INSERT INTO group_coaches (group_id, user_id, name, digest_weekday, digest_time, verified_at) "
               "SELECT id, coach_user_id, NULL, 0, '08:00', created_at FROM groups")
    col, fk = _fk_user(nullable=True, ondelete="SET NULL")
    op.create_table(
        "group_sessions", _id(),
        sa.Column("group_id", sa.Integer(), nullable=False), col,
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("time", sa.String(length=5), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"), fk,
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_group_sessions_group_id", "group_sessions", ["group_id"])
    col, fk = _fk_user()
    op.create_table(
        "group_attendance", _id(),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False), col,
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["group_sessions.id"], ondelete="CASCADE"), fk,
        sa.PrimaryKeyConstraint("id"), sa.UniqueConstraint("session_id", "on_date", "user_id", name="uq_attendance"))
    op.create_index("ix_group_attendance_user_id", "group_attendance", ["user_id"])


def _queue() -> None:
    col, fk = _fk_user(nullable=True, ondelete="SET NULL")
    op.create_table(
        "group_batches", _id(),
        sa.Column("group_id", sa.Integer(), nullable=False), col,
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"), fk,
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_group_batches_group_id", "group_batches", ["group_id"])
    col, fk = _fk_user(nullable=True)
    op.create_table(
        "group_messages", _id(),
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True), col,
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["batch_id"], ["group_batches.id"], ondelete="CASCADE"), fk,
        sa.PrimaryKeyConstraint("id"), sa.UniqueConstraint("key"))
    op.create_index("ix_group_message_status", "group_messages", ["status", "claimed_at"])
    op.create_index("ix_group_messages_batch_id", "group_messages", ["batch_id"])
    op.create_index("ix_group_messages_user_id", "group_messages", ["user_id"])


def upgrade() -> None:
    _groups_and_memberships()
    _coaches_and_sessions()
    _queue()


def downgrade() -> None:
    for index, table in (("ix_group_messages_user_id", "group_messages"), ("ix_group_messages_batch_id", "group_messages"),
                         ("ix_group_message_status", "group_messages"), ("ix_group_batches_group_id", "group_batches"),
                         ("ix_group_attendance_user_id", "group_attendance"),
                         ("ix_group_sessions_group_id", "group_sessions"), ("ix_group_coaches_user_id", "group_coaches")):
        op.drop_index(index, table_name=table)
    for table in ("group_messages", "group_batches", "group_attendance", "group_sessions", "group_coaches"):
        op.drop_table(table)
    with op.batch_alter_table("memberships", schema=None) as b:
        b.drop_column("display_name")
        b.drop_column("level")
    with op.batch_alter_table("groups", schema=None) as b:
        b.drop_column("timezone")
