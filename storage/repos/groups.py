"""Coach groups: the groups, their coaches (the chat's admins), memberships with each member's consent level and
display name, group sessions and attendance. The delivery queue is in storage.repos.group_queue."""
from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Group, GroupAttendance, GroupCoach, GroupSession, Membership, User, utcnow

LEVELS = ("none", "adherence", "full")


def create_group(s: Session, coach_user_id: int, *, title: str = "", chat_id: int | None = None,
                 timezone: str = "UTC") -> Group:
    """A new group set up by the user, with a fresh join code; the user becomes its first coach."""
    row = Group(coach_user_id=coach_user_id, title=title[:128], chat_id=chat_id, join_code=secrets.token_hex(4),
                timezone=timezone)
    s.add(row)
    s.flush()
    add_coach(s, row.id, coach_user_id)
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


# ---------------------------------------------------------------------------------------------------- coaches

def add_coach(s: Session, group_id: int, user_id: int, name: str | None = None) -> GroupCoach:
    """Record (or refresh) a verified coach of the group; the name is kept when none is given."""
    row = coach_row(s, group_id, user_id)
    if row is None:
        row = GroupCoach(group_id=group_id, user_id=user_id)
    if name:
        row.name = name[:64]
    row.verified_at = utcnow()
    s.add(row)
    s.flush()
    return row


def coach_row(s: Session, group_id: int, user_id: int) -> GroupCoach | None:
    return s.exec(select(GroupCoach).where(GroupCoach.group_id == group_id, GroupCoach.user_id == user_id)).first()


def remove_coach(s: Session, group_id: int, user_id: int) -> None:
    """The user is no longer a coach of the group (no longer an admin of its chat)."""
    s.exec(delete(GroupCoach).where(GroupCoach.group_id == group_id, GroupCoach.user_id == user_id))
    s.flush()


def groups_coached_by(s: Session, user_id: int) -> list[Group]:
    """The groups the user coaches, oldest first."""
    q = (select(Group).join(GroupCoach, GroupCoach.group_id == Group.id).where(GroupCoach.user_id == user_id)
         .order_by(Group.id))
    return list(s.exec(q))


def coach_rows_of(s: Session, user_id: int) -> list[GroupCoach]:
    return list(s.exec(select(GroupCoach).where(GroupCoach.user_id == user_id).order_by(GroupCoach.id)))


def coaches_of(s: Session, group_id: int) -> list[tuple[GroupCoach, User]]:
    """Every (coach row, user) of the group."""
    q = (select(GroupCoach, User).join(User, User.id == GroupCoach.user_id).where(GroupCoach.group_id == group_id)
         .order_by(GroupCoach.id))
    return list(s.exec(q))


def all_coaches(s: Session) -> list[tuple[GroupCoach, User]]:
    """Every coach row with its user (the weekly digest looks for who is due)."""
    return list(s.exec(select(GroupCoach, User).join(User, User.id == GroupCoach.user_id).order_by(GroupCoach.id)))


def set_digest(s: Session, user_id: int, weekday: int, time: str) -> int:
    """Set the digest day and time on every group the user coaches; returns how many rows changed."""
    rows = coach_rows_of(s, user_id)
    for row in rows:
        row.digest_weekday, row.digest_time = weekday, time
        s.add(row)
    s.flush()
    return len(rows)


# ---------------------------------------------------------------------------------------------------- members

def join_group(s: Session, group_id: int, user_id: int, share_progress: bool | None = None, *,
               level: str | None = None, display_name: str | None = None) -> Membership:
    """Add the user to the group, or update their level / name when already a member."""
    row = membership(s, group_id, user_id)
    if row is None:
        row = Membership(group_id=group_id, user_id=user_id)
    if share_progress is not None and level is None:
        level = "full" if share_progress else "none"
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"level: {level!r} is not one of {LEVELS}")
        row.level, row.share_progress = level, level != "none"
    if display_name is not None:
        row.display_name = display_name[:64]
    s.add(row)
    s.flush()
    return row


def membership(s: Session, group_id: int, user_id: int) -> Membership | None:
    return s.exec(select(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id)).first()


def membership_by_id(s: Session, membership_id: int) -> Membership | None:
    return s.get(Membership, membership_id)


def leave_group(s: Session, group_id: int, user_id: int) -> bool:
    """Remove the user from the group; False when they were not a member."""
    res = s.exec(delete(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id))
    s.flush()
    return bool(res.rowcount)  # type: ignore[attr-defined]


def members(s: Session, group_id: int) -> list[tuple[Membership, User]]:
    """Every (membership, user) of the group, in joining order."""
    q = (select(Membership, User).join(User, User.id == Membership.user_id).where(Membership.group_id == group_id)
         .order_by(Membership.id))
    return list(s.exec(q))


def member_count(s: Session, group_id: int) -> int:
    return s.exec(select(func.count()).select_from(Membership).where(Membership.group_id == group_id)).one()


def groups_of(s: Session, user_id: int) -> list[tuple[Membership, Group]]:
    """Every (membership, group) the user belongs to."""
    q = (select(Membership, Group).join(Group, Group.id == Membership.group_id).where(Membership.user_id == user_id)
         .order_by(Membership.id))
    return list(s.exec(q))


# ---------------------------------------------------------------------------------------------------- sessions

def add_session(s: Session, group_id: int, user_id: int | None, *, title: str, kind: str, minutes: int,
                time: str, weekday: int | None = None, on_date: date | None = None) -> GroupSession:
    """A group session: weekly on `weekday` or once on `on_date`, at local `time`."""
    row = GroupSession(group_id=group_id, user_id=user_id, title=title[:200], kind=kind, minutes=minutes, time=time,
                       weekday=weekday, on_date=on_date)
    s.add(row)
    s.flush()
    return row


def get_session(s: Session, session_id: int) -> GroupSession | None:
    return s.get(GroupSession, session_id)


def sessions_of(s: Session, group_id: int) -> list[GroupSession]:
    """The group's active sessions, oldest first."""
    q = select(GroupSession).where(GroupSession.group_id == group_id, GroupSession.active == True)  # noqa: E712
    return list(s.exec(q.order_by(GroupSession.id)))


def active_sessions(s: Session) -> list[tuple[GroupSession, Group]]:
    """Every active session with its group (the queue looks for occurrences that are due)."""
    q = (select(GroupSession, Group).join(Group, Group.id == GroupSession.group_id)
         .where(GroupSession.active == True).order_by(GroupSession.id))  # noqa: E712
    return list(s.exec(q))


def end_session(s: Session, session: GroupSession) -> None:
    session.active = False
    s.add(session)
    s.flush()


# ---------------------------------------------------------------------------------------------------- attendance

def mark_attendance(s: Session, session_id: int, on_date: date, user_id: int, *, source: str) -> bool:
    """Count the member at one occurrence; False when already counted."""
    if s.exec(select(GroupAttendance.id).where(GroupAttendance.session_id == session_id,
                                               GroupAttendance.on_date == on_date,
                                               GroupAttendance.user_id == user_id)).first() is not None:
        return False
    try:
        with s.begin_nested():
            s.add(GroupAttendance(session_id=session_id, on_date=on_date, user_id=user_id, source=source))
    except IntegrityError:  # counted by a concurrent turn
        return False
    return True


def attendance(s: Session, user_id: int, group_id: int, *, since: date) -> list[GroupAttendance]:
    """The member's attendance at the group's sessions since `since`."""
    q = (select(GroupAttendance).join(GroupSession, GroupSession.id == GroupAttendance.session_id)
         .where(GroupAttendance.user_id == user_id, GroupSession.group_id == group_id,
                GroupAttendance.on_date >= since).order_by(GroupAttendance.id))
    return list(s.exec(q))
