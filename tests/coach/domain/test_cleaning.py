"""Cleaning rules, one test each, on plain series (no database)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from coach.domain import cleaning
from coach.domain.cleaning import DUPLICATE, OUTLIER, UNIT_FIXED, Point, clean
from coach.domain.metrics import by_kind

T0 = datetime(2026, 1, 5, 7, 0, tzinfo=timezone.utc)


def series(values, *, every=timedelta(days=1), source="apple_health", start=T0) -> list[Point]:
    return [Point(start + i * every, v, source) for i, v in enumerate(values)]


def flags(points: list[Point]) -> list:
    return [p.flag for p in points]


def test_a_weight_exactly_2_2046_times_its_neighbours_is_converted_and_flagged():
    pts = series([75.0, 75.2, 165.6, 75.1, 74.9])
    assert clean("weight", pts) == []
    assert flags(pts) == [None, None, UNIT_FIXED, None, None]
    assert abs(pts[2].value - 75.12) < 0.02
    kg_in_lb_series = series([165.3, 165.8, 75.2, 165.5])  # the other way round: kg among pounds...
    clean("weight", kg_in_lb_series)
    assert kg_in_lb_series[2].flag == UNIT_FIXED and abs(kg_in_lb_series[2].value - 165.79) < 0.01


def test_a_weight_merely_far_off_is_not_a_unit_slip():
    pts = series([75.0, 75.2, 150.0, 75.1, 74.9])  # x2, not x2.2046
    clean("weight", pts)
    assert pts[2].flag == OUTLIER and pts[2].value == 150.0


def test_the_same_weigh_in_from_two_sources_is_kept_once():
    manual = Point(T0 + timedelta(minutes=20), 75.1, "manual", stored=True)
    apple = Point(T0, 75.0, "apple_health")
    fitbit = Point(T0 + timedelta(minutes=5), 75.0, "fitbit")
    later = Point(T0 + timedelta(hours=3), 75.0, "fitbit")  # outside the window: a second weigh-in
    other = Point(T0 + timedelta(minutes=10), 76.0, "garmin")  # a different value: not the same measurement
    pts = [apple, fitbit, later, other, manual]
    clean("weight", pts)
    assert (apple.flag, fitbit.flag, later.flag, other.flag, manual.flag) == (DUPLICATE, DUPLICATE, None, None, None)


def test_two_new_sources_keep_the_earlier():
    a, b = Point(T0, 121.0, "apple_health"), Point(T0 + timedelta(minutes=2), 121.0, "garmin")
    pts = [b, a]
    clean("resting_hr", [Point(T0, 60, "apple_health"), Point(T0 + timedelta(minutes=30), 60.5, "fitbit")])
    clean("weight", pts)
    assert (a.flag, b.flag) == (None, DUPLICATE)


def test_an_outlier_in_a_noisy_series_is_flagged_by_rolling_median_and_mad():
    rng = random.Random(3)
    values = [80 + rng.uniform(-0.4, 0.4) for _ in range(30)]
    values[17] = 85.0  # +5 kg in a week: within 2 %/day x 7 days, far outside the series' noise
    pts = series(values, every=timedelta(days=7))
    clean("weight", pts)
    assert [i for i, p in enumerate(pts) if p.flag] == [17]
    assert by_kind("weight").is_plausible(values[16], values[17], 7)  # the plausible-change rule alone lets it pass


def test_noise_alone_flags_nothing():
    rng = random.Random(5)
    for kind, base, spread in (("weight", 70, 0.5), ("resting_hr", 60, 4), ("bp", None, 6), ("body_fat", 22, 0.6)):
        values = [[round(120 + rng.uniform(-spread, spread)), round(78 + rng.uniform(-spread, spread))]
                  if base is None else round(base + rng.uniform(-spread, spread), 1) for _ in range(60)]
        pts = series(values)
        assert clean(kind, pts) == [] and not any(flags(pts)), kind


def test_values_outside_the_accepted_range_are_rejected():
    pts = series([75.0, 750.0, 75.2, 12.0])
    rejected = clean("weight", pts)
    assert [p.value for p in rejected] == [750.0, 12.0] and [p.value for p in pts] == [75.0, 75.2]
    assert [p.value for p in clean("bp", series([[120, 80], [300, 80], [120, 20]]))] == [[300, 80], [120, 20]]
    assert cleaning.in_range("steps", 12000) and not cleaning.in_range("steps", 250_000)


def test_a_typo_beyond_the_plausible_daily_change_is_an_outlier_but_a_real_change_is_not():
    typo = series([62.8, 52.8, 62.8, 62.6])  # the 52.8 the morning after 62.8
    clean("weight", typo)
    assert flags(typo) == [None, OUTLIER, None, None]
    before, after = [80.0, 80.2, 79.9, 80.1, 80.0, 79.8], [72.1, 72.0, 72.3, 71.9, 72.2, 72.0]
    gap = series(before) + series(after, start=T0 + timedelta(days=90))  # 8 kg lost while not weighing
    clean("weight", gap)
    assert not any(flags(gap))


def test_the_typed_confirmation_and_the_import_share_one_rule():
    kind = by_kind("weight")
    assert not kind.is_plausible(62.8, 52.8, 1)  # coach.services.readings.doubts asks to confirm this
    pts = series([62.8, 52.8, 62.8])
    clean("weight", pts)
    assert pts[1].flag == OUTLIER


def test_stored_readings_are_context_only():
    stored = [Point(T0 + timedelta(days=i), 52.8 if i == 1 else 62.8, "manual", stored=True) for i in range(3)]
    clean("weight", stored)
    assert not any(flags(stored))
