"""Tests for coach.intake.targets: durations to reach a target."""

from __future__ import annotations

import pytest

from coach.intake.extract import extract
from tests.coach.intake.support import TODAY


@pytest.mark.parametrize("text, expected", [
    ("I want to lose 5 kg in 3 months", 13),
    ("in 10 weeks", 10),
    ("in half a year", 26),
    ("within a year", 52),
    ("我想在三个月内减重5公斤", 13),
    ("半年内减掉15斤", 26),
    ("我想一个月瘦5斤", 4),
])
def test_target_weeks_from_durations(text: str, expected: int) -> None:
    assert extract(text, today=TODAY)["target_weeks"] == expected
