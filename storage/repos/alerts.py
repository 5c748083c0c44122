"""Safety alerts raised for a user (and whether their coach was told)."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from storage.models import Alert


def add_alert(s: Session, user_id: int, kind: str, detail: Any, coach_notified: bool = False) -> Alert:
    """Store one alert."""
    row = Alert(user_id=user_id, kind=kind, detail=detail, coach_notified=coach_notified)
    s.add(row)
    s.flush()
    return row


def alerts(s: Session, user_id: int) -> list[Alert]:
    """The user's alerts, oldest first."""
    return list(s.exec(select(Alert).where(Alert.user_id == user_id).order_by(Alert.id)))
