"""Check-ins: the answers of one check-in conversation, kept under the user's local date."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from storage.models import CheckIn


def add_checkin(s: Session, user_id: int, local_date: date, data: dict) -> CheckIn:
    """Store one check-in's answers."""
    row = CheckIn(user_id=user_id, local_date=local_date, data=data)
    s.add(row)
    s.flush()
    return row


def checkins(s: Session, user_id: int, *, since: date | None = None) -> list[CheckIn]:
    """The user's check-ins (since a local date, when given), oldest first."""
    q = select(CheckIn).where(CheckIn.user_id == user_id)
    if since:
        q = q.where(CheckIn.local_date >= since)
    return list(s.exec(q.order_by(CheckIn.local_date, CheckIn.id)))
