"""The limits: BP bands and rules, resting-HR alert, safe weight-change rate, weekly ramp."""
from __future__ import annotations

import pytest

from coach.domain.limits import (BP_CLEARANCE, BP_RED_FLAG, RHR_ALERT, bp_band, bp_reaches, max_weekly_change_kg,
                                 ramp_ceiling, rhr_alarming, safe_rate_kg_week)


@pytest.mark.parametrize("sys_, dia, band", [
    (None, 80, None), (120, None, None), (119, 79, "normal"), (120, 79, "elevated"), (129, 79, "elevated"),
    (130, 70, "stage1"), (118, 80, "stage1"), (140, 70, "stage2"), (120, 90, "stage2"), (180, 120, "stage2"),
    (181, 90, "crisis"), (150, 121, "crisis"),
])
def test_bp_band_follows_acc_aha_2017(sys_, dia, band):
    assert bp_band(sys_, dia) == band


@pytest.mark.parametrize("sys_, dia, clearance, red_flag", [
    (159, 99, False, False), (160, 80, True, False), (120, 100, True, False),
    (179, 109, True, False), (180, 90, True, True), (150, 110, True, True), (None, 115, False, False),
])
def test_the_engines_bp_rules_are_at_or_above_either_number(sys_, dia, clearance, red_flag):
    assert BP_CLEARANCE == (160, 100) and BP_RED_FLAG == (180, 110)
    assert bp_reaches(sys_, dia, BP_CLEARANCE) is clearance
    assert bp_reaches(sys_, dia, BP_RED_FLAG) is red_flag


def test_resting_heart_rate_alert_is_strictly_above_100():
    assert RHR_ALERT == 100
    assert not rhr_alarming(None) and not rhr_alarming(100) and rhr_alarming(101)


@pytest.mark.parametrize("weight, safe", [(80, 0.8), (75, 0.7), (69.9, 0.6), (120, 1.2), (45, 0.4)])
def test_safe_rate_is_one_percent_rounded_down_to_a_tenth(weight, safe):
    assert safe_rate_kg_week(weight) == safe
    assert safe <= max_weekly_change_kg(weight) == pytest.approx(weight / 100)


def test_ramp_allows_a_quarter_more_plus_ten_minutes():
    assert ramp_ceiling(100) == 135
    assert ramp_ceiling(0) == 10
