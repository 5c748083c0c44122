"""The load-suggestion rule (pure): double progression from the last logged sets, rounded to plates."""
from __future__ import annotations

import pytest

from coach.progression.rules import plate_step, round_to_plates, suggest_load


def sets(n, reps, load):
    return [(reps, load)] * n


def test_all_sets_at_the_top_add_two_and_a_half_kg_lower_body():
    s = suggest_load(sets(3, 8, 60.0), (6, 8), lower_body=True)
    assert (s.action, s.load, s.unit, s.previous) == ("up", 62.5, "kg", 60.0)


@pytest.mark.parametrize("load, new", [(10.0, 11.0), (16.0, 17.0), (30.0, 32.5), (60.0, 62.5)])
def test_upper_body_adds_one_to_two_kg_rounded_to_plates(load, new):
    assert suggest_load(sets(3, 12, load), (10, 12), lower_body=False).load == new


def test_heavy_loads_go_up_about_five_percent():
    assert suggest_load(sets(3, 5, 140.0), (3, 5), lower_body=True).load == 147.5


def test_missed_reps_keep_the_load():
    s = suggest_load([(8, 60.0), (8, 60.0), (7, 60.0)], (6, 8), lower_body=False)
    assert (s.action, s.load) == ("same", 60.0)
    assert suggest_load(sets(3, 10, 60.0), (8, 12), lower_body=True).action == "same"


def test_too_hard_takes_about_ten_percent_off():
    s = suggest_load(sets(3, 8, 60.0), (6, 8), lower_body=True, too_hard=True)
    assert (s.action, s.load) == ("down", 52.5)
    assert suggest_load(sets(3, 12, 16.0), (10, 12), lower_body=False, too_hard=True).load == 14.0


def test_pounds_for_people_who_log_in_pounds():
    s = suggest_load(sets(3, 5, 135 * 0.45359237), (3, 5), lower_body=False, unit="lb")
    assert (s.unit, s.previous, s.load) == ("lb", 135.0, 140.0)
    assert suggest_load(sets(3, 5, 225 * 0.45359237), (3, 5), lower_body=True, unit="lb").load == 235.0


def test_without_a_plan_range_the_logged_reps_are_the_target():
    assert suggest_load(sets(5, 5, 100.0), None, lower_body=True).action == "up"
    assert suggest_load([(5, 100.0), (5, 100.0), (4, 100.0)], None, lower_body=True).action == "same"


def test_bodyweight_progresses_with_reps():
    assert suggest_load(sets(3, 15, None), (10, 15), lower_body=False).action == "more_reps"
    assert suggest_load(sets(3, 11, None), (10, 15), lower_body=False).action == "same"
    assert suggest_load(sets(3, 15, None), (10, 15), lower_body=False, too_hard=True).action == "fewer_reps"


def test_nothing_to_say_without_reps():
    assert suggest_load([(None, 40.0)] * 3, (8, 12), lower_body=True) is None


def test_plates():
    assert plate_step(16, "kg") == 1.0 and plate_step(60, "kg") == 2.5
    assert plate_step(30, "lb") == 2.5 and plate_step(135, "lb") == 5.0
    assert round_to_plates(61.0, "kg") == 60.0 and round_to_plates(61.0, "kg", direction=1) == 62.5
    assert round_to_plates(54.0, "kg", direction=-1) == 52.5
