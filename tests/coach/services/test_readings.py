"""Reading hygiene per metric kind: the plausible change per elapsed day declared in coach.domain.metrics."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from coach.domain.metrics import by_kind
from coach.services import readings as svc
from storage import repos
from tests.factories import make_user

T0 = datetime(2026, 3, 2, 7, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind, before, ok, bad", [
    ("weight", 62.8, 63.9, 52.8),  # 2 % a day
    ("resting_hr", 60, 74, 80),  # 15 bpm a day
    ("bp", [120, 80], [145, 95], [170, 80]),  # 30 mmHg a number
    ("body_fat", 22, 24.5, 27),  # 3 points
    ("sleep", 7, 3, None),  # nights differ freely: only the range bounds sleep
    ("soreness", 1, 5, None),  # the whole scale
])
def test_plausible_change_over_one_day_per_kind(kind, before, ok, bad):
    m = by_kind(kind)
    assert m.is_plausible(before, ok, 1)
    if bad is not None:
        assert not m.is_plausible(before, bad, 1)


def test_elapsed_days_widen_the_plausible_change():
    weight = by_kind("weight")
    assert not weight.is_plausible(80, 77, 1) and weight.is_plausible(80, 77, 7)
    assert not weight.is_plausible(80, 77, 0.1)  # the same day counts as a whole day, never less


def test_doubts_compare_with_the_last_reading_of_the_kind(container):
    uid = make_user(container, "tg:501", start=T0.date())
    with container.session() as s:
        user = repos.users.find_user(s, "tg:501")
        repos.readings.add_metric(s, uid, "weight", 62.8, "kg", measured_at=T0)
        repos.readings.add_metric(s, uid, "resting_hr", 60, "bpm", measured_at=T0)
        next_day = T0 + timedelta(days=1)
        found = svc.doubts(s, user, {"weight": 52.8, "resting_hr": 62, "sleep": 8}, next_day)
        assert [(d.kind, d.previous, round(d.days, 2)) for d in found] == [("weight", 62.8, 1.0)]
        assert svc.doubts(s, user, {"weight": 58.0}, T0 + timedelta(days=5)) == []
        assert svc.kinds_logged_today(s, user, T0 + timedelta(hours=3)) == {"weight", "resting_hr"}
        assert svc.kinds_logged_today(s, user, next_day) == set()


def test_by_kinds_and_back():
    kinds = svc.by_kinds({"weight_kg": 62.8, "bp_systolic": 125, "bp_diastolic": 78, "energy": 4, "age": 40})
    assert kinds == {"weight": 62.8, "bp": [125, 78], "energy": 4}
    assert svc.as_fields(kinds) == {"weight_kg": 62.8, "bp_systolic": 125, "bp_diastolic": 78}
