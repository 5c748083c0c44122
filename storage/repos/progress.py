"""Questions the progress features ask that no other aggregate answers (the weekly summary's recipients)."""
from __future__ import annotations

from sqlmodel import Session, select

from storage.models import User


def with_checkin_weekday_first(s: Session, user_ids: list[int], weekday: int) -> list[int]:
    """Of `user_ids`, those whose first check-in day of the week (Mon=0) is `weekday` (none without check-in days)."""
    if not user_ids:
        return []
    rows = s.exec(select(User.id, User.checkin_days).where(User.id.in_(user_ids)))  # type: ignore[union-attr]
    return sorted(uid for uid, days in rows if days and min(days) == weekday)
