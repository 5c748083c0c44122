"""Time as each user lives it: UTC now, and the user's wall-clock time and date in their own timezone."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from storage.models import User


def utcnow() -> datetime:
    """Aware UTC now."""
    return datetime.now(timezone.utc)


def local_now(user: User, now: datetime | None = None) -> datetime:
    """The user's wall-clock time."""
    return (now or utcnow()).astimezone(ZoneInfo(user.timezone or "UTC"))


def local_today(user: User, now: datetime | None = None) -> date:
    """The user's local date."""
    return local_now(user, now).date()
