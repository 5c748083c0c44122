"""Coach groups, the use cases: who coaches a group (the chat's admins, or an operator), joining with a consent
level and a display name, leaving, removal, and which groups a coach may look into right now."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from typing import Any

from sqlmodel import Session

from coach.services.clock import utcnow
from storage import repos
from storage.models import Group, Membership, User

LEVELS = repos.groups.LEVELS  # none | adherence | full
RECHECK_AFTER = timedelta(minutes=10)  # a coach's admin status is asked again after this long
AdminCheck = Callable[[int, str], "bool | None"]  # (group chat id, user key) -> admin?, None when unknown


def is_operator(settings: Any, user: User) -> bool:
    """An operator (COACH_ADMIN_IDS, or a coach/admin role) may coach any group."""
    admin_ids = {f"tg:{i}" for i in getattr(settings, "coach_admin_ids", [])}
    return user.role in ("coach", "admin") or user.external_id in admin_ids


def may_coach(s: Session, settings: Any, user: User, group: Group | None, *, is_admin: bool | None,
              name: str = "") -> bool:
    """Whether the user may use coach commands for the group; records or drops them as its coach.

    `is_admin` is the chat's own answer (Bot API getChatMember): True adds the user as a coach, False removes
    them; None (no live answer, e.g. the terminal) falls back to the stored coach list.
    """
    if group is None:
        return is_admin is True or is_operator(settings, user)
    if is_admin is True or (is_admin is None and is_operator(settings, user)):
        repos.groups.add_coach(s, group.id, user.id, name or None)
        return True
    if is_admin is False:
        repos.groups.remove_coach(s, group.id, user.id)
        if is_operator(settings, user):
            repos.groups.add_coach(s, group.id, user.id, name or None)
            return True
        return False
    return repos.groups.coach_row(s, group.id, user.id) is not None


def coached_groups(s: Session, user: User, check: AdminCheck | None = None) -> list[Group]:
    """The groups the user coaches now: a stored coach whose admin status is old is asked again when possible."""
    out = []
    now = utcnow()
    for group in repos.groups.groups_coached_by(s, user.id):
        row = repos.groups.coach_row(s, group.id, user.id)
        stale = row is not None and _aware(row.verified_at) < now - RECHECK_AFTER
        if stale and check is not None and group.chat_id is not None:
            verdict = check(group.chat_id, user.external_id)
            if verdict is False and not is_operator(None, user):
                repos.groups.remove_coach(s, group.id, user.id)
                continue
            if verdict is True:
                repos.groups.add_coach(s, group.id, user.id)
        out.append(group)
    return out


def _aware(dt: Any) -> Any:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC back


def setup_group(s: Session, user: User, *, chat_id: int, title: str, name: str = "") -> Group:
    """Create the group for this chat (or return it) with the user as a coach."""
    group = repos.groups.find_group(s, chat_id=chat_id)
    if group is None:
        group = repos.groups.create_group(s, user.id, title=title[:128], chat_id=chat_id, timezone=user.timezone)
    repos.groups.add_coach(s, group.id, user.id, name or None)
    return group


def group_name(group: Group) -> str:
    return group.title or group.join_code


def coach_names(s: Session, group: Group) -> str:
    """The coaches' names as members see them ("Coach" when a coach has no name on record)."""
    names = [row.name or "" for row, _u in repos.groups.coaches_of(s, group.id)]
    return ", ".join(n for n in names if n) or "—"


@dataclass(frozen=True)
class Joined:
    group: Group
    membership: Membership
    new: bool


def join(s: Session, user: User, code: str, name: str | None = None) -> Joined | None:
    """Join the group with this code (None when no group has it); the level stays as it was (none when new)."""
    group = repos.groups.find_group(s, join_code=code.strip().lower()[:32])
    if group is None:
        return None
    existing = repos.groups.membership(s, group.id, user.id)
    clean = clean_name(name) if name else None
    row = repos.groups.join_group(s, group.id, user.id, display_name=clean)
    if row.display_name is None:
        row = repos.groups.join_group(s, group.id, user.id, display_name=default_name(s, group))
    return Joined(group, row, existing is None)


def clean_name(text: str) -> str | None:
    """A display name: printable, at most 32 characters, no markup-looking characters; None when empty."""
    name = "".join(ch for ch in text if ch.isprintable() and ch not in "<>@/\\`*_[]").strip()[:32].strip()
    return name or None


def default_name(s: Session, group: Group) -> str:
    """"#N" for the group's Nth member (called once the member's own row exists, so it counts them)."""
    return f"#{repos.groups.member_count(s, group.id)}"


def set_level(s: Session, user: User, group_id: int, level: str) -> Membership | None:
    """Change what the coach sees; takes effect at once (the roster, digest and alerts read it each time)."""
    if level not in LEVELS or repos.groups.membership(s, group_id, user.id) is None:
        return None
    return repos.groups.join_group(s, group_id, user.id, level=level)


def rename(s: Session, user: User, name: str) -> list[Group]:
    """Set the display name in every group the user belongs to; returns those groups."""
    clean = clean_name(name)
    if clean is None:
        return []
    out = []
    for m, group in repos.groups.groups_of(s, user.id):
        repos.groups.join_group(s, group.id, user.id, display_name=clean)
        out.append(group)
    return out


def find_member(s: Session, groups: list[Group], query: str) -> list[tuple[Group, Membership, User]]:
    """Members of these groups whose display name matches (exact first, then prefix), case-insensitive."""
    q = query.strip().casefold()
    if not q:
        return []
    rows = [(g, m, u) for g in groups for m, u in repos.groups.members(s, g.id)]
    exact = [r for r in rows if (r[1].display_name or "").casefold() == q]
    return exact or [r for r in rows if (r[1].display_name or "").casefold().startswith(q)]


def remove_member(s: Session, coach: User, group_id: int, membership_id: int, settings: Any,
                  check: AdminCheck | None = None) -> tuple[Group, Membership] | None:
    """The coach removes a member of a group they coach; None when either is not so (a forged button)."""
    group = next((g for g in coached_groups(s, coach, check) if g.id == group_id), None)
    row = repos.groups.membership_by_id(s, membership_id)
    if group is None or row is None or row.group_id != group.id:
        return None
    repos.groups.leave_group(s, group.id, row.user_id)
    return group, row


def attend_sessions_sent_for(s: Session, user_id: int, day: date) -> list[Group]:
    """The member told the coach privately that they trained on `day` ("done"): count them at each group session
    sent to them for that day (the groups where it was newly counted)."""
    counted = []
    for _m, group in repos.groups.groups_of(s, user_id):
        row = repos.group_queue.last_session_message(s, user_id, group.id)
        payload = (row.payload or {}) if row is not None else {}
        if payload.get("session_id") and payload.get("on_date") == day.isoformat() \
                and repos.groups.mark_attendance(s, payload["session_id"], day, user_id, source="private"):
            counted.append(group)
    return counted
