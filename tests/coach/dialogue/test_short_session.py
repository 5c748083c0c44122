"""Short on time today ("what if I only have 20 minutes today?", "今天只有半小时"): today's session fitted into that time
from the plan, nothing stored; mid-onboarding, how to shorten a session (kb-short-session-001), the open question
again and nothing offered as the usual session length. Typed through the real Dialogue."""
from __future__ import annotations

import re
from datetime import date

import pytest

from coach.intake.short_time import short_on_time, short_today
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import (coach, hard_stop, onboarding, onboarding_at,  # noqa: F401
                                                                    stored_profile, typed)
from tests.factories import make_user

SHORT = [("what if I only have 20 minutes today?", 20), ("I've got half an hour", 30), ("only 25 min today", 25),
         ("I only have 20 minutes for my workout today", 20), ("I have 20 minutes, what should I do?", 20),
         ("can I do 15 min now?", 15), ("what about an hour and a half today", 90), ("Just 10 mins today", 10),
         ("I've got 45 minutes before work", 45), ("i only have like 40 mins tonight", 40),
         ("今天只有20分钟", 20), ("今天只有二十分钟怎么练", 20), ("只有半小时", 30), ("今天只能练15分钟", 15),
         ("20分钟怎么练", 20), ("short on time today", None), ("busy today, anything quick?", None),
         ("in a rush this morning", None), ("今天没时间", None), ("晚上时间不够", None)]
NOT_SHORT = ["I only have dumbbells", "I only had 20 minutes so I did half", "I can do 20 minutes a session",
             "I have 45 minutes per session", "i only have 3 days a week", "今天只练了20分钟",
             "is just 20 minutes of walking enough?", "is only 20 minutes enough today?", "I have 3 kids",
             "I only have 5kg dumbbells", "I have 2 min rest between sets", "I have a 10 min walk to work",
             "I have 30 min sessions", "30分钟够吗", "ran 20 minutes today", "I only have 30 minutes a day now"]


@pytest.mark.parametrize("text, minutes", SHORT)
def test_time_short_today_is_read_with_its_minutes(text, minutes):
    found = short_on_time(text)
    assert found is not None and found.minutes == minutes


@pytest.mark.parametrize("text", NOT_SHORT)
def test_what_was_done_the_usual_length_and_other_amounts_are_not_short_on_time(text):
    assert short_on_time(text) is None and not short_today(text)


def _plan_session(container, key: str) -> dict:
    with container.session() as s:
        plan = repos.plans.active_plan(s, repos.users.find_user(s, key).id)
        return plan.data["weeks"][0]["sessions"][0], plan.id


@pytest.mark.parametrize("text, lang", [("what if I only have 20 minutes today?", "en"), ("今天只有20分钟", "zh")])
def test_todays_session_is_fitted_into_the_time_and_nothing_is_stored(coach, container, text, lang):  # noqa: F811
    make_user(container, "tg:41", start=date(2026, 3, 2), chat_id=41, language=lang,
              profile={"minutes_per_session": 60, "days_per_week": 3, "goal": "muscle_gain", "equipment": ["gym"]})
    session, plan_id = _plan_session(container, "tg:41")
    before = stored_profile(container, "tg:41")
    out = typed(coach, "tg:41", text)
    body = text_of(out)
    if lang == "en":
        assert f"in 20 min instead of {session['minutes']}" in body and "Same effort as planned" in body and "How did it go?" in body
    else:
        assert "20" in body and str(session["minutes"]) in body and "来源" not in body
    assert any(b.startswith("log:") for b in buttons_of(out))  # the shortened session is logged like any other
    first = session["exercises"][0].get("name_zh" if lang == "zh" else "name")
    assert first in body  # the plan's first exercise is kept
    assert stored_profile(container, "tg:41") == before
    after, after_id = _plan_session(container, "tg:41")
    assert after == session and after_id == plan_id  # the plan is unchanged


def test_enough_time_says_it_fits_and_vague_asks_how_long(coach, container):  # noqa: F811
    make_user(container, "tg:42", start=date(2026, 3, 2), chat_id=42, profile={"minutes_per_session": 40})
    assert "so it fits: see /today" in text_of(typed(coach, "tg:42", "I have 2 hours today"))
    vague = text_of(typed(coach, "tg:42", "short on time today"))
    assert "How many minutes do you have?" in vague and "kb-short-session-001" in vague


def test_a_rest_day_and_a_hard_stop_are_said_not_shortened(coach, container):  # noqa: F811
    make_user(container, "tg:43", start=date(2026, 3, 3), chat_id=43)  # the plan starts tomorrow: today is no session
    assert "nothing to shorten" in text_of(typed(coach, "tg:43", "I only have 20 minutes today"))
    make_user(container, "tg:44", start=date(2026, 3, 2), chat_id=44)
    typed(coach, "tg:44", "my chest hurts when I exercise")
    assert hard_stop(container, "tg:44")
    out = text_of(typed(coach, "tg:44", "I only have 20 minutes today"))
    assert "No exercise plan yet" in out and "Effort:" not in out


@pytest.mark.parametrize("lang, text, again", [("en", "what if I only have 20 minutes today?", "days_per_week"),
                                               ("zh", "今天只有半小时怎么办", "medications")])
def test_mid_onboarding_it_is_advice_then_the_same_question_and_nothing_offered(coach, container, lang, text,  # noqa: F811
                                                                               again):
    onboarding_at(container, "tg:45", again, lang=lang)
    step, before = onboarding(container, "tg:45")
    out = text_of(typed(coach, "tg:45", text))
    assert "kb-short-session-001" in out
    assert not re.search(r"Keep minutes per session|每次训练时长", out)  # not offered as the usual session length
    assert onboarding(container, "tg:45") == (again, before)


def test_at_the_session_length_question_the_time_is_the_answer(coach, container):  # noqa: F811
    onboarding_at(container, "tg:46", "minutes_per_session")
    typed(coach, "tg:46", "I only have 20 minutes")
    assert onboarding(container, "tg:46")[1].get("minutes_per_session") == 20
