"""The person's trends today (weight EWMA and weekly rate, 7-day resting HR and sleep against the 28-day baseline),
from their stored readings in their own local days; flagged readings are left out (coach.domain.trends)."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from coach.domain import trends as tr
from storage import repos
from storage.models import User

TREND_KINDS = ("weight", "resting_hr", "sleep", "bp")


def readings_by_kind(s: Session, user: User) -> dict[str, list[Any]]:
    """The person's weight, resting HR, sleep and BP readings, oldest first."""
    return {kind: repos.readings.metrics(s, user.id, kind) for kind in TREND_KINDS}


def current_trends(s: Session, user: User, today: date, rows: dict[str, list[Any]] | None = None) -> tr.Trends:
    """Today's weight trend (kg) and weekly rate, the 7-day resting-HR and sleep means and the resting-HR baseline."""
    rows = rows if rows is not None else readings_by_kind(s, user)
    tz = user.timezone or "UTC"
    return tr.trends(tr.daily_points(rows["weight"], tz), tr.daily_points(rows["resting_hr"], tz),
                     tr.daily_points(rows["sleep"], tz), today)
