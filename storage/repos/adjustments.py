"""Plan adjustments: which rule changed what, why, citing which passages, from which plan version to which."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from storage.models import Adjustment


def add_adjustment(s: Session, user_id: int, *, rule: str, change: Any, reason: Any, citations: list[str],
                   from_plan_id: int | None, to_plan_id: int | None) -> Adjustment:
    """Store one adjustment with its reason and citations."""
    row = Adjustment(user_id=user_id, rule=rule, change=change, reason=reason, citations=list(citations),
                     from_plan_id=from_plan_id, to_plan_id=to_plan_id)
    s.add(row)
    s.flush()
    return row


def adjustments(s: Session, user_id: int, last: int | None = None) -> list[Adjustment]:
    """The user's adjustments (or the `last` most recent), oldest first."""
    if last is None:
        return list(s.exec(select(Adjustment).where(Adjustment.user_id == user_id).order_by(Adjustment.id)))
    recent = s.exec(select(Adjustment).where(Adjustment.user_id == user_id)
                    .order_by(Adjustment.id.desc()).limit(last))  # type: ignore[union-attr]
    return list(recent)[::-1]
