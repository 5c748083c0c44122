"""Metric readings: filtered by kind and time, oldest first."""
from __future__ import annotations

from datetime import datetime, timezone

from storage.repos import readings


def test_readings_come_oldest_first_and_filter_by_kind_and_time(s, user):
    t1, t2 = datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 1, 5, tzinfo=timezone.utc)
    readings.add_metric(s, user.id, "weight", 71.0, "kg", measured_at=t2)
    readings.add_metric(s, user.id, "weight", 72.0, "kg", measured_at=t1)
    readings.add_metric(s, user.id, "bp", [120, 80], "mmHg", measured_at=t2)
    assert [r.value for r in readings.metrics(s, user.id, "weight")] == [72.0, 71.0]
    assert [r.value for r in readings.metrics(s, user.id, "weight", since=t2)] == [71.0]
    assert len(readings.metrics(s, user.id)) == 3


def test_metric_rows_are_the_readings_columns_charts_read(s, user):
    t1, t2 = datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 1, 5, tzinfo=timezone.utc)
    readings.add_metric(s, user.id, "weight", 71.0, "kg", measured_at=t2)
    readings.add_metric(s, user.id, "weight", 72.0, "kg", measured_at=t1)
    readings.add_metric(s, user.id, "bp", [120, 80], "mmHg", measured_at=t2)
    s.commit()
    fields = ("id", "kind", "value", "unit", "measured_at", "flag", "original_unit")
    for kind, since in ((None, None), ("weight", None), ("weight", t2), ("bp", t1)):
        rows = readings.metric_rows(s, user.id, kind, since=since)
        objects = readings.metrics(s, user.id, kind, since=since)
        assert [tuple(getattr(r, f) for f in fields) for r in rows] == [
            tuple(getattr(o, f) for f in fields) for o in objects] and rows
