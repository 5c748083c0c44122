"""Tests for coach.intake.scalars: body measurements read from messages."""

from __future__ import annotations

from coach.domain.profile import INT_FIELDS, RANGES
from coach.intake.extract import extract
from coach.intake.scalars import NUMERIC_FIELDS


def test_numeric_fields_follow_the_profile() -> None:
    assert set(NUMERIC_FIELDS) == set(RANGES) | {"target_delta_kg"}
    assert {f for f, kind in NUMERIC_FIELDS.items() if kind is int} == INT_FIELDS


def test_measurements() -> None:
    assert extract("BP 135/85, resting HR 58, 22% body fat") == {
        "bp_systolic": 135, "bp_diastolic": 85, "resting_hr": 58, "body_fat_pct": 22.0}
    assert extract("高压135低压85") == {"bp_systolic": 135, "bp_diastolic": 85}
    assert extract("I bench 100 kg") == {}  # a lifted load is not body weight
    assert extract("12/25") == {}  # a date, not a blood pressure
