"""Chest pain reported mid-conversation gets the same same-day advice as the plan's hard stop when the person has
diabetes, heart disease, AF, a pacemaker, a stroke or is 45 or older (kb-cvd-001); others the general stop."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.domain.profile import validate_profile
from coach.events import Incoming
from coach.planning import make_plan
from coach.safety.alerts import stop_and_seek_care
from coach.services.checkins import finish_checkin
from storage import repos
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
SAME_DAY = "Get a medical assessment today"
GENERAL = "Please see a doctor before you train again"


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


def typed(coach, key: str, text: str) -> str:
    return "\n".join(r.text for r in coach.handle(Incoming(user_key=key, chat_id=int(key[3:]), text=text)))


@pytest.mark.parametrize("who", [{"age": 52}, {"age": 35, "conditions": ["type2_diabetes"]},
                                 {"age": 30, "conditions": ["heart_disease"]}, {"age": 40, "conditions": ["stroke"]}])
def test_chest_pain_typed_mid_chat_asks_for_a_same_day_assessment(coach, container, who):
    make_user(container, "tg:71", start=date(2026, 3, 2), chat_id=71, profile=who)
    out = typed(coach, "tg:71", "I have chest pain right now")
    assert SAME_DAY in out and "emergency services" in out and "arm, jaw or back" in out
    assert GENERAL not in out


def test_chest_pain_in_a_young_person_without_those_conditions_gets_the_general_stop(coach, container):
    make_user(container, "tg:72", start=date(2026, 3, 2), chat_id=72, profile={"age": 30})
    out = typed(coach, "tg:72", "I have chest pain right now")
    assert GENERAL in out and SAME_DAY not in out


def test_fainting_alone_keeps_the_general_stop_even_at_60(coach, container):
    make_user(container, "tg:73", start=date(2026, 3, 2), chat_id=73, profile={"age": 60})
    out = typed(coach, "tg:73", "I fainted during my walk today")
    assert "⚠️" in out and SAME_DAY not in out


def test_a_checkin_note_about_chest_pain_gets_the_same_day_advice(coach, container):
    make_user(container, "tg:74", start=date(2026, 3, 2), chat_id=74, profile={"age": 58})
    with container.session() as s:
        user = repos.users.find_user(s, "tg:74")
        out = "\n".join(r.text for r in finish_checkin(coach.turn(s, user), {}, text="chest pain on my walk"))
    assert SAME_DAY in out


def test_the_chat_and_the_plan_use_the_same_words():
    prof = validate_profile({"age": 50, "height_cm": 175, "weight_kg": 80, "goal": "general_health",
                             "days_per_week": 3, "minutes_per_session": 30, "symptoms": ["chest_pain"]})
    stop = make_plan(prof, 4)["safety"]["hard_stop"]
    chat = stop_and_seek_care("en", profile=prof)
    assert stop["what_now"] in chat and stop["emergency_if"] in chat
    zh = stop_and_seek_care("zh", profile=prof)
    assert make_plan(prof, 4, lang="zh")["safety"]["hard_stop"]["what_now"] in zh


def test_chest_pain_given_as_an_onboarding_answer_uses_the_answers_so_far(coach, container):
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, "tg:75", channel="telegram", chat_id=75, language="en")
        repos.users.update_user(s, user, consent_version="test", consent_at=NOW)
        repos.users.set_dialogue(s, user.id, flow="onboarding", step="symptoms",
                                 data={"profile": {"age": 61, "height_cm": 170, "weight_kg": 70}})
    out = typed(coach, "tg:75", "chest pain when I climb stairs")
    assert SAME_DAY in out
