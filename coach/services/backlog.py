"""The backlog of scheduled messages, for the dispatcher's metrics: how many are due and unsent, and how late the
oldest one is (a dispatcher that falls behind shows here before anyone complains)."""
from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from coach.services import delivery
from coach.services.clock import utcnow
from storage.repos import deliveries


def backlog(coach: Any, now: datetime | None = None) -> tuple[int, float]:
    """(messages due and unsent now, seconds the oldest of them is past its reminder time)."""
    now = now or utcnow()
    with coach.c.session(read_only=True) as s:
        items = delivery.due(s, now) + [delivery.Due(*row) for row in deliveries.queued(s)]  # due + not yet sent
        times = deliveries.reminder_times(s, sorted({d.user_id for d in items}))
    lag = 0.0
    for d in items:
        tz, hhmm = times.get(d.user_id, ("UTC", "00:00"))
        at = datetime.combine(d.local_date, time.fromisoformat(hhmm), tzinfo=ZoneInfo(tz))
        lag = max(lag, (now - at).total_seconds())
    return len(items), lag
