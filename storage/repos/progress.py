"""Questions the progress features ask that no other aggregate answers (the weekly summary's recipients)."""
from __future__ import annotations

from sqlmodel import Session, select

from storage.models import User


def with_checkin_weekday_first(s: Session, user_ids: list[int], weekday: int) -> list[int]:
    """Of `user_ids`, those whose first check-in day of the week (Mon=0) is `weekday` (none without check-in days)."""
    return sorted(uid for uid, days in _checkin_days(s, user_ids) if days and min(days) == weekday)


def with_checkin_on(s: Session, user_ids: list[int], weekday: int) -> list[int]:
    """Of `user_ids`, those who have a check-in on `weekday` (Mon=0)."""
    return sorted(uid for uid, days in _checkin_days(s, user_ids) if days and weekday in days)


def _checkin_days(s: Session, user_ids: list[int]) -> list[tuple[int, list[int] | None]]:
    if not user_ids:
        return []
    out: list[tuple[int, list[int] | None]] = []
    for start in range(0, len(user_ids), 5000):  # a bounded IN list per query
        part = user_ids[start:start + 5000]
        out.extend(s.exec(select(User.id, User.checkin_days).where(User.id.in_(part))))  # type: ignore[union-attr]
    return out
