"""Misreads an outside tester found by typing at the bot (en + zh), each checked through the real Dialogue or the
reader it goes through: a question about today logged as a skipped session, a 176 typed as kg beside a sign-up
weight of 80 stored without a question, "back from holiday" pausing the reminders, last month's weight offered as
today's, a glucose reading taken as the age, a 12 kg kettlebell read as a body weight, and answers that looped."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake.answers import parse_answer, yes_no
from coach.intake.extract import extract
from coach.intake.intent_answers import in_context, skips
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, stored_profile, typed  # noqa: F401
from tests.factories import make_user


def _user(container, key: str) -> None:
    make_user(container, key, start=date(2026, 3, 2), chat_id=int(key[3:]), profile={"weight_kg": 80})


def _logs(container, key: str) -> int:
    with container.session() as s:
        return len(repos.workouts.workout_logs(s, repos.users.find_user(s, key).id, since=date(2026, 1, 1)))


def _paused(container, key: str) -> bool:
    with container.session() as s:
        return repos.users.find_user(s, key).reminders_paused


@pytest.mark.parametrize("text", ["今天练什么", "今天练啥", "what's on today", "wat do i do today"])
def test_a_question_about_today_shows_the_session_and_logs_nothing(coach, container, text):  # noqa: F811
    _user(container, "tg:601")
    out = typed(coach, "tg:601", text)
    assert "log:done" in buttons_of(out) and _logs(container, "tg:601") == 0


def test_an_implausible_weight_is_asked_about_against_the_sign_up_value(coach, container):  # noqa: F811
    _user(container, "tg:602")
    out = typed(coach, "tg:602", "weight 176")
    assert "rdg:yes" in buttons_of(out) and stored_profile(container, "tg:602")["weight_kg"] == 80


def test_back_from_holiday_does_not_pause_and_a_hypothetical_holiday_offers_nothing(coach, container):  # noqa: F811
    _user(container, "tg:603")
    typed(coach, "tg:603", "back from holiday, ready to go again")
    assert not _paused(container, "tg:603")
    assert not buttons_of(typed(coach, "tg:603", "what if I get injured on holiday"))


def test_last_months_weight_in_chinese_is_not_todays(coach, container):  # noqa: F811
    _user(container, "tg:604")
    out = text_of(typed(coach, "tg:604", "上个月我是83公斤"))
    assert "保存" not in out and "Save" not in out and stored_profile(container, "tg:604")["weight_kg"] == 80


def test_delete_in_words_points_to_the_command_and_deletes_nothing(coach, container):  # noqa: F811
    _user(container, "tg:605")
    assert "/delete" in text_of(typed(coach, "tg:605", "删除我的数据"))
    assert stored_profile(container, "tg:605")["weight_kg"] == 80


def test_a_kettlebells_load_is_no_body_weight(coach, container):  # noqa: F811
    _user(container, "tg:606")
    out = text_of(typed(coach, "tg:606", "I just bought a pair of kettlebells, 12kg"))
    assert "doesn't look right" not in out and "kettlebell" in out


@pytest.mark.parametrize("text", ["血糖测了15.6", "15.6", "my BMI is 31"])
def test_a_measurement_is_no_age(text):
    assert parse_answer("age", text) is None


@pytest.mark.parametrize("text", ["I'm 52", "52岁", "我今年60"])
def test_ages_still_read(text):
    assert parse_answer("age", text) in (52, 60)


@pytest.mark.parametrize("text", ["k", "ye", "yep go for it", "行吧", "好吧"])
def test_short_yes_words(text):
    assert yes_no(text) is True


def test_loose_answers_to_optional_questions():
    assert skips("bp", "no clue") and skips("target", "no target, I'm pregnant lol")
    for text in ("prenatal vitamins only", "just my blue inhaler"):
        assert in_context("medications", text, extract(text), {}) == {"medications": []}


@pytest.mark.parametrize("text, days", [("I can only do 20 minutes on weekdays now", None),
                                        ("like 6 on school nights 10 on weekends", None),
                                        ("I train on weekends", 2), ("weekdays only", 5)])
def test_weekdays_qualifying_another_number_are_no_day_count(text, days):
    assert extract(text).get("days_per_week") == days


@pytest.mark.parametrize("text, status", [("went for a 5k run this morning instead of the plan", "done"),
                                          ("did the workout today, legs were burning but felt good", "done"),
                                          ("没按计划，去游泳了", "done"), ("skipped the plan today", "skipped")])
def test_another_activity_instead_of_the_session_is_a_session_done(text, status):
    from coach.intake.intent_values import feedback_values
    assert feedback_values(text)["status"] == status
