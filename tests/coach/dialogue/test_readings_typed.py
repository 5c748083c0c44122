"""Readings with hygiene, through the dialogue: implausible changes wait for Yes, typos are replaced, check-ins."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach, readings
from storage import repos
from tests.coach.dialogue.support import START, Clock, buttons_of, call, replies, say, text_of
from tests.factories import make_user


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def coach(container, clock):
    return Coach(container, clock=clock)


def values(container, uid, kind="weight"):
    with container.session() as s:
        return [r.value for r in repos.readings.metrics(s, uid, kind)]


def profile(container, uid):
    with container.session() as s:
        return repos.profiles.current_profile(s, uid).data["profile"]


def test_52_8_the_morning_after_62_8_asks_and_stores_only_on_yes(container, coach, clock):
    uid = make_user(container, "tg:401", start=START, chat_id=401, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    call(coach, "tg:401", readings.typed_reading, {"weight_kg": 62.8})
    clock.day(2, hour=7)
    out = call(coach, "tg:401", readings.typed_reading, {"weight_kg": 52.8})
    assert "52.8 kg is a big change" in text_of(out) and "62.8 kg" in text_of(out)
    assert buttons_of(out) == ["rdg:yes", "rdg:no"]
    assert values(container, uid) == [62.8] and profile(container, uid)["weight_kg"] == 62.8
    say(coach, "tg:401", callback="rdg:yes")
    assert values(container, uid) == [62.8, 52.8] and profile(container, uid)["weight_kg"] == 52.8


def test_no_keeps_nothing_and_a_plausible_change_needs_no_question(container, coach, clock):
    uid = make_user(container, "tg:402", start=START, chat_id=402, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    say(coach, "tg:402", "/weight 62.8")
    clock.day(2, hour=7)
    assert "big change" in say(coach, "tg:402", "/weight 52.8")
    assert "Not saved" in say(coach, "tg:402", "no")
    assert "big change" not in say(coach, "tg:402", "/weight 62.1")
    assert values(container, uid) == [62.8, 62.1]


def test_a_week_allows_more_change_than_a_night(container, coach, clock):
    uid = make_user(container, "tg:403", start=START, chat_id=403, profile={"weight_kg": 80})
    clock.day(1, hour=7)
    say(coach, "tg:403", "/weight 80")
    clock.day(2, hour=7)
    assert "big change" in say(coach, "tg:403", "/weight 77")  # 3 kg overnight
    say(coach, "tg:403", "no")
    clock.day(8, hour=7)
    assert "big change" not in say(coach, "tg:403", "/weight 77")  # 3 kg in a week
    assert values(container, uid) == [80, 77]


def test_the_old_ten_kg_rule_is_gone_and_confirm_still_works(container, coach, clock):
    uid = make_user(container, "tg:404", start=START, chat_id=404, profile={"weight_kg": 70})
    say(coach, "tg:404", "/weight 70")
    clock.day(2)
    assert "big change" in say(coach, "tg:404", "/weight 66")  # 4 kg in a day: under 10 kg, still asked
    say(coach, "tg:404", "/weight 66 confirm")
    assert values(container, uid) == [70, 66]


def test_typo_then_correction_keeps_one_reading(container, coach, clock):
    uid = make_user(container, "tg:405", start=START, chat_id=405, profile={"weight_kg": 70})
    clock.day(1, hour=7)
    say(coach, "tg:405", "/weight 72.8")  # no earlier reading: plausible beside the sign-up value, stored
    out = call(coach, "tg:405", readings.correct_last, {"weight_kg": 62.8})
    assert "72.8 kg → 62.8 kg" in text_of(out)
    assert values(container, uid) == [62.8]
    assert profile(container, uid)["weight_kg"] == 62.8


def test_a_correction_of_a_value_never_stored_stores_the_right_one(container, coach, clock):
    uid = make_user(container, "tg:406", start=START, chat_id=406, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    say(coach, "tg:406", "/weight 62.8")
    clock.day(2, hour=7)
    say(coach, "tg:406", "/weight 52.8")
    call(coach, "tg:406", readings.correct_last, {"weight_kg": 62.6})
    assert values(container, uid) == [62.8, 62.6]


def test_typing_the_right_value_under_the_question_replaces_it(container, coach, clock):
    uid = make_user(container, "tg:407", start=START, chat_id=407, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    say(coach, "tg:407", "/weight 62.8")
    clock.day(2, hour=7)
    say(coach, "tg:407", "/weight 52.8")
    say(coach, "tg:407", "no, 62.5")
    assert values(container, uid) == [62.8, 62.5]


def test_an_older_reading_is_replaced_only_after_asking(container, coach, clock):
    uid = make_user(container, "tg:408", start=START, chat_id=408, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    say(coach, "tg:408", "/weight 68.2")
    clock.day(3, hour=7)
    out = call(coach, "tg:408", readings.correct_last, {"weight_kg": 62.8})
    assert "Replace it with 62.8 kg" in text_of(out) and values(container, uid) == [68.2]
    say(coach, "tg:408", callback="rdg:yes")
    assert values(container, uid) == [62.8] and profile(container, uid)["weight_kg"] == 62.8


def test_blood_pressure_and_resting_hr_hygiene(container, coach, clock):
    uid = make_user(container, "tg:409", start=START, chat_id=409)
    clock.day(1, hour=7)
    call(coach, "tg:409", readings.typed_reading, {"bp_systolic": 120, "bp_diastolic": 80})
    clock.day(2, hour=7)
    out = call(coach, "tg:409", readings.typed_reading, {"bp_systolic": 170, "bp_diastolic": 80})
    assert "170/80 mmHg is a big change" in text_of(out)
    say(coach, "tg:409", callback="rdg:no")
    call(coach, "tg:409", readings.typed_reading, {"bp_systolic": 125, "bp_diastolic": 78})
    assert values(container, uid, "bp") == [[120, 80], [125, 78]]
    say(coach, "tg:409", "/metrics rhr 60")
    assert "big change" in say(coach, "tg:409", "/metrics rhr 90")
    say(coach, "tg:409", "yes")
    assert values(container, uid, "resting_hr") == [60, 90]


def test_an_unrelated_message_drops_the_question_and_is_answered(container, coach, clock):
    uid = make_user(container, "tg:410", start=START, chat_id=410, profile={"weight_kg": 63})
    clock.day(1, hour=7)
    say(coach, "tg:410", "/weight 62.8")
    clock.day(2, hour=7)
    say(coach, "tg:410", "/weight 52.8")
    say(coach, "tg:410", "hello")
    with container.session() as s:
        assert repos.users.get_dialogue(s, uid).flow == "idle"
    assert values(container, uid) == [62.8]


def test_checkin_skips_what_was_logged_today(container, coach, clock):
    uid = make_user(container, "tg:411", start=START, chat_id=411)
    clock.day(1, hour=7)
    say(coach, "tg:411", "/weight 75")
    out = say(coach, "tg:411", "/checkin")
    assert "weigh" not in out and "sleep" in out
    for answer in ("7", "2", "4", "skip", "skip"):
        out = say(coach, "tg:411", answer)
    assert "check-in saved" in out
    assert values(container, uid) == [75]


def test_a_reading_sent_during_a_checkin_is_stored_as_a_reading(container, coach, clock):
    uid = make_user(container, "tg:412", start=START, chat_id=412)
    clock.day(1, hour=7)
    say(coach, "tg:412", "/checkin")
    say(coach, "tg:412", "skip")  # weight
    out = replies(coach, "tg:412", "resting heart rate 58")  # asked about sleep
    assert values(container, uid, "resting_hr") == [58]
    assert "sleep" in out[-1].text
    asked = [say(coach, "tg:412", a) for a in ("7", "2", "4")]
    assert "Resting heart rate" not in "\n".join(asked)  # already logged today
    assert "Blood pressure" in asked[-1]
    say(coach, "tg:412", "skip")
    with container.session() as s:
        assert repos.checkins.checkins(s, uid)[-1].data["sleep"] == 7


def test_a_first_reading_no_body_could_reach_from_the_sign_up_value_is_asked_about(container, coach, clock):
    uid = make_user(container, "tg:409", start=START, chat_id=409, profile={"weight_kg": 80})
    clock.day(1, hour=7)
    out = say(coach, "tg:409", "weight 176")  # pounds typed as kilograms: 80 -> 176 kg in a day
    assert "Is it right?" in out and values(container, uid) == []
    say(coach, "tg:409", "no")
    assert values(container, uid) == [] and profile(container, uid)["weight_kg"] == 80
