"""Years of imported readings: the chart draws the last year, its trend still carried over from all of it."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from coach.charts.data import rolling
from coach.domain import trends as tr
from coach.services import progress
from storage import repos
from tests.factories import make_user

TODAY = date(2026, 3, 13)


def test_the_panels_show_the_last_year_and_the_trend_keeps_what_came_before(container):
    uid = make_user(container, "tg:951", start=TODAY - timedelta(days=30))
    first_day = TODAY - timedelta(days=400)
    with container.session() as s:
        for i in range(401):
            at = datetime.combine(first_day + timedelta(days=i), time(7), timezone.utc)
            repos.readings.add_metric(s, uid, "weight", 90 - i * 0.02, "kg", measured_at=at)
            if i % 50 == 0 or i > 390:
                repos.readings.add_metric(s, uid, "resting_hr", 60 + i % 3, "bpm", measured_at=at)
    with container.session() as s:
        user = repos.users.get_user(s, uid)
        data = progress.chart_data(s, user, TODAY)
        everything = tr.ewma(tr.daily_points(repos.readings.metrics(s, uid, "weight"), "UTC"))
    start = TODAY - timedelta(days=progress.CHART_DAYS - 1)
    assert data.weight[0].day == start and data.weight[-1].day == TODAY and len(data.weight) == progress.CHART_DAYS
    assert data.trend[0] == next(p for p in everything if p[0] == start)  # not restarted at the window's edge
    assert start <= data.rhr[0][0] < start + timedelta(days=50)  # the reading a year ago is in, older ones not
    assert rolling(data.rhr)[-1][1] == sum(60 + i % 3 for i in range(394, 401)) / 7
    assert data.caption.startswith("−0.6 kg in 4 weeks, 0.14 kg/week")
