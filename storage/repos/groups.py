"""Coach groups and their memberships (each member's consent to share progress with the coach)."""
from __future__ import annotations

import secrets

from sqlmodel import Session, select

from storage.models import Group, Membership, User


def create_group(s: Session, coach_user_id: int, *, title: str = "", chat_id: int | None = None) -> Group:
    """A new group coached by the user, with a fresh join code."""
    row = Group(coach_user_id=coach_user_id, title=title[:128], chat_id=chat_id, join_code=secrets.token_hex(4))
    s.add(row)
    s.flush()
    return row


def find_group(s: Session, *, join_code: str | None = None, chat_id: int | None = None,
               group_id: int | None = None) -> Group | None:
    """The group matching every criterion given, or None."""
    q = select(Group)
    if join_code is not None:
        q = q.where(Group.join_code == join_code)
    if chat_id is not None:
        q = q.where(Group.chat_id == chat_id)
    if group_id is not None:
        q = q.where(Group.id == group_id)
    return s.exec(q).first()


def groups_coached_by(s: Session, coach_user_id: int) -> list[Group]:
    """The groups whose coach is the user."""
    return list(s.exec(select(Group).where(Group.coach_user_id == coach_user_id)))


def join_group(s: Session, group_id: int, user_id: int, share_progress: bool) -> Membership:
    """Add the user to the group (or update their sharing choice when already a member)."""
    row = s.exec(select(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id)).first()
    if row is None:
        row = Membership(group_id=group_id, user_id=user_id)
    row.share_progress = share_progress
    s.add(row)
    s.flush()
    return row


def members(s: Session, group_id: int) -> list[tuple[Membership, User]]:
    """Every (membership, user) of the group."""
    q = select(Membership, User).join(User, User.id == Membership.user_id).where(Membership.group_id == group_id)
    return list(s.exec(q))


def groups_of(s: Session, user_id: int) -> list[tuple[Membership, Group]]:
    """Every (membership, group) the user belongs to."""
    q = select(Membership, Group).join(Group, Group.id == Membership.group_id).where(Membership.user_id == user_id)
    return list(s.exec(q))
