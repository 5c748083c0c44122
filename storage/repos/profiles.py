"""Profile versions: every change inserts a row; the highest version is current."""
from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, select

from storage.models import ProfileVersion

# Built once: on SQLite, building a select costs about as much as running it.
_CURRENT_PROFILE = (select(ProfileVersion).where(ProfileVersion.user_id == bindparam("user_id"))
                    .order_by(ProfileVersion.version.desc()).limit(1))  # type: ignore[attr-defined]


def current_profile(s: Session, user_id: int) -> ProfileVersion | None:
    """The user's latest profile version, or None before any was stored."""
    return s.exec(_CURRENT_PROFILE, params={"user_id": user_id}).first()


def save_profile(s: Session, user_id: int, data: dict, reason: str) -> ProfileVersion:
    """Insert the next version; older versions stay as history."""
    latest = current_profile(s, user_id)
    row = ProfileVersion(user_id=user_id, version=(latest.version + 1) if latest else 1, data=data,
                         reason=reason[:200])
    s.add(row)
    s.flush()
    return row


def profile_history(s: Session, user_id: int) -> list[ProfileVersion]:
    """Every profile version of the user, oldest first."""
    return list(s.exec(select(ProfileVersion).where(ProfileVersion.user_id == user_id)
                       .order_by(ProfileVersion.version)))
