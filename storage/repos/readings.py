"""Metric readings (weight, resting heart rate, blood pressure, sleep...), each with when it was measured."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from storage.models import MetricReading, utcnow


def add_metric(s: Session, user_id: int, kind: str, value: Any, unit: str = "", *, source: str = "manual",
               measured_at: datetime | None = None) -> MetricReading:
    """Store one reading (measured now unless told when)."""
    row = MetricReading(user_id=user_id, kind=kind, value=value, unit=unit, source=source,
                        measured_at=measured_at or utcnow())
    s.add(row)
    s.flush()
    return row


def metrics(s: Session, user_id: int, kind: str | None = None, *, since: datetime | None = None) -> list[MetricReading]:
    """The user's readings (of one kind, since a time, when given), oldest first."""
    q = select(MetricReading).where(MetricReading.user_id == user_id)
    if kind:
        q = q.where(MetricReading.kind == kind)
    if since:
        q = q.where(MetricReading.measured_at >= since)
    return list(s.exec(q.order_by(MetricReading.measured_at, MetricReading.id)))


def latest_metric(s: Session, user_id: int, kind: str) -> MetricReading | None:
    """The user's most recent reading of one kind, or None."""
    q = select(MetricReading).where(MetricReading.user_id == user_id, MetricReading.kind == kind)
    return s.exec(q.order_by(MetricReading.measured_at.desc(), MetricReading.id.desc())).first()  # type: ignore[attr-defined]


def replace_metric(s: Session, row: MetricReading, value: Any, *, source: str | None = None) -> MetricReading:
    """Overwrite a reading's value (a typo corrected): the old value is gone, not kept beside the new one."""
    row.value = value
    if source:
        row.source = source
    s.add(row)
    s.flush()
    return row
