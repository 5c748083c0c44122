"""Metric readings (weight, resting heart rate, blood pressure, sleep...), each with when it was measured."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

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


def metric_rows(s: Session, user_id: int, kind: str | None = None, *, since: datetime | None = None) -> list[Any]:
    """metrics(), as read-only rows of the columns charts and reports read (id, kind, value, unit, measured_at,
    flag, original_unit), not ORM objects: a chart reads thousands of readings, and building an object for each cost
    more than decrypting it."""
    M = MetricReading
    q = select(M.id, M.kind, M.value, M.unit, M.measured_at, M.flag, M.original_unit).where(M.user_id == user_id)
    if kind:
        q = q.where(M.kind == kind)
    if since:
        q = q.where(M.measured_at >= since)
    return list(s.exec(q.order_by(M.measured_at, M.id)))  # type: ignore[arg-type]


# flags that take a reading out of use (coach.domain.cleaning): an outlier or a second copy is kept for the record,
# but it is never "the latest weight" a typed value is compared with or a check-in reads
SET_ASIDE = ("outlier", "duplicate")


def latest_metric(s: Session, user_id: int, kind: str) -> MetricReading | None:
    """The user's most recent reading of one kind that is not set aside by cleaning, or None."""
    q = select(MetricReading).where(MetricReading.user_id == user_id, MetricReading.kind == kind,
                                    or_(col(MetricReading.flag).is_(None), col(MetricReading.flag).not_in(SET_ASIDE)))
    return s.exec(q.order_by(MetricReading.measured_at.desc(), MetricReading.id.desc())).first()  # type: ignore[attr-defined]


def replace_metric(s: Session, row: MetricReading, value: Any, *, source: str | None = None) -> MetricReading:
    """Overwrite a reading's value (a typo corrected): the old value is gone, not kept beside the new one."""
    row.value = value
    if source:
        row.source = source
    s.add(row)
    s.flush()
    return row


IMPORT_BATCH = 2000  # rows per executemany: big enough to amortise round trips, small enough to bound memory


def import_keys(s: Session, user_id: int) -> set[str]:
    """The import keys of the user's imported readings (a re-import skips these)."""
    q = select(MetricReading.import_key).where(MetricReading.user_id == user_id, col(MetricReading.import_key).is_not(None))
    return set(s.exec(q))


def readings_between(s: Session, user_id: int, kinds: Sequence[str], start: datetime,
                     end: datetime) -> list[MetricReading]:
    """The user's readings of some kinds measured in [start, end], oldest first (what new imports are checked
    against)."""
    q = select(MetricReading).where(MetricReading.user_id == user_id, col(MetricReading.kind).in_(list(kinds)),
                                    MetricReading.measured_at >= start, MetricReading.measured_at <= end)
    return list(s.exec(q.order_by(MetricReading.measured_at, MetricReading.id)))


def add_imported(s: Session, user_id: int, rows: Iterable[dict[str, Any]]) -> int:
    """Insert imported readings in batches, skipping any whose (user, import key) is already stored; how many
    were added.

    Each row holds kind, value, unit, measured_at, source, original_value, original_unit, import_key and flag.
    Counted from RETURNING, as a multi-row insert's rowcount is -1 on PostgreSQL.
    """
    table = MetricReading.__table__  # type: ignore[attr-defined]
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).on_conflict_do_nothing(index_elements=["user_id", "import_key"])
    stmt = stmt.returning(table.c.id)
    added, batch = 0, []
    for row in rows:
        batch.append({**row, "user_id": user_id})
        if len(batch) >= IMPORT_BATCH:
            added += len(s.execute(stmt, batch).all())
            batch = []
    if batch:
        added += len(s.execute(stmt, batch).all())
    return added
