"""Tests for coach.domain.metrics: every metric kind declared once, ranges from the profile's RANGES."""

from __future__ import annotations

import pytest

from coach.domain import metrics
from coach.domain.profile import RANGES, Profile
from coach.domain.metrics import METRICS, MetricKind, by_field, by_kind, unit_of

PROFILE_KINDS = [m for m in METRICS if m.fields]


@pytest.mark.parametrize("metric", PROFILE_KINDS, ids=[m.kind for m in PROFILE_KINDS])
def test_range_is_the_profile_range(metric: MetricKind) -> None:
    assert metric.ranges == tuple((RANGES[f][0], RANGES[f][1]) for f in metric.fields)
    assert all(f in Profile.model_fields for f in metric.fields)


def test_every_kind_the_coach_records() -> None:
    assert metrics.KINDS == ("weight", "resting_hr", "bp", "sleep", "body_fat", "soreness", "energy", "steps")
    assert len(set(metrics.KINDS)) == len(metrics.KINDS)


@pytest.mark.parametrize("kind, unit", [
    ("weight", "kg"), ("resting_hr", "bpm"), ("bp", "mmHg"), ("sleep", "h"), ("body_fat", "%"),
    ("soreness", "1-5"), ("energy", "1-5"),
])
def test_units_as_stored(kind: str, unit: str) -> None:
    assert by_kind(kind).unit == unit_of(kind) == unit


@pytest.mark.parametrize("field, kind", [
    ("weight_kg", "weight"), ("resting_hr", "resting_hr"), ("bp_systolic", "bp"), ("bp_diastolic", "bp"),
    ("sleep_hours", "sleep"), ("body_fat_pct", "body_fat"),
])
def test_lookup_by_field(field: str, kind: str) -> None:
    found = by_field(field)
    assert found is not None and found.kind == kind and field in found.fields


def test_lookups_of_unknown_names() -> None:
    assert by_field("age") is None and by_field("nope") is None
    with pytest.raises(KeyError):
        by_kind("mood")


def test_single_and_multi_value_ranges() -> None:
    assert by_kind("weight").range == (25, 350)
    assert by_kind("soreness").range == metrics.SCALE_1_TO_5
    assert by_kind("bp").ranges == ((70, 260), (40, 160))
    with pytest.raises(ValueError):
        _ = by_kind("bp").range


def test_profile_readings_are_the_single_field_kinds() -> None:
    assert [(m.kind, m.fields[0], m.unit) for m in metrics.PROFILE_READINGS] == [
        ("weight", "weight_kg", "kg"), ("resting_hr", "resting_hr", "bpm"), ("sleep", "sleep_hours", "h"),
        ("body_fat", "body_fat_pct", "%")]


def test_plausible_change() -> None:
    weight = by_kind("weight")
    assert weight.plausible_change(80, 1) == pytest.approx(1.6)  # 2 % of body weight a day
    assert weight.plausible_change(80, 0) == pytest.approx(1.6)  # the same day counts as one day
    assert weight.plausible_change(80, 7) == pytest.approx(11.2)
    assert by_kind("resting_hr").plausible_change(60, 2) == 30
    for m in METRICS:
        assert m.change_per_day > 0, m.kind
