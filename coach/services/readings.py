"""Metric readings as the coach uses them: record one, read the latest of a kind."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage.models import User
from storage.repos import readings


def record_reading(s: Session, user: User, kind: str, value: Any, unit: str, source: str = "manual",
                   at: datetime | None = None) -> None:
    """Store one reading (measured now unless told when)."""
    readings.add_metric(s, user.id, kind, value, unit, source=source, measured_at=at)


def latest_reading(s: Session, user: User, kind: str) -> Any:
    """The value of the user's latest reading of a kind, or None."""
    rows = readings.metrics(s, user.id, kind)
    return rows[-1].value if rows else None
