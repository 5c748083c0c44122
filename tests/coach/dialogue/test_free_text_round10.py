"""Round 10 of typing at the bot like a person: the chat never misreads a message and silently changes stored data.

A typed "yes" / "ok" / "好" / "可以" to the lighter-week offer acts like its button (anything else leaves it
unconfirmed and says how to confirm); a complaint about a session's length ("took too long", "太长了") logs no effort
rating and asks how long sessions should be; a weight typed outside a weight question is read by its words: today's
weight or a target for Yes, and a bare "75 kg" asks which before anything is stored."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from coach.intake.intent import classify
from coach.services.privacy import export_data
from coach.services.profiles import profile_dict
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.factories import make_user

NOW = datetime(2026, 3, 4, 18, 0, tzinfo=timezone.utc)
PROFILE = {"goal": "muscle_gain", "equipment": ["dumbbells", "bench"], "days_per_week": 3, "minutes_per_session": 45,
           "experience": "intermediate", "currently_active": True, "weight_kg": 80, "injuries": ["knee"]}


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def coach(container, clock):
    return Coach(container, clock=clock)


def typed(coach, key: str, text: str | None = None, callback: str | None = None) -> list:
    return coach.handle(Incoming(user_key=key, chat_id=int(key[3:]), text=text, callback=callback))


def user(container, key: str, lang: str = "en") -> None:
    make_user(container, key, start=date(2026, 3, 2), chat_id=int(key[3:]), language=lang, profile=PROFILE)


def stored(container, key: str) -> dict:
    """What /export holds, without the moment of the export and the dialogue's own state."""
    with container.session() as s:
        data = export_data(s, repos.users.find_user(s, key).id)
    return {k: v for k, v in data.items() if k not in ("exported_at", "dialogue_state")}


def rules(container, key: str) -> list[str]:
    with container.session() as s:
        return [a.rule for a in repos.adjustments.adjustments(s, repos.users.find_user(s, key).id)]


def profile(container, key: str) -> dict:
    with container.session() as s:
        return profile_dict(s, repos.users.find_user(s, key))


# 1. typed agreement to the lighter-week offer
@pytest.mark.parametrize("ask, yes, lang", [("make it easier", "yes", "en"), ("make it easier", "ok", "en"),
                                            ("can we tone it down", "sure", "en"), ("能不能轻松一点", "好", "zh"),
                                            ("降低强度", "可以", "zh")])
def test_typed_agreement_to_the_lighter_offer_acts_like_the_button(coach, container, ask, yes, lang):
    user(container, "tg:9101", lang)
    out = typed(coach, "tg:9101", ask)
    assert "easier:yes" in buttons_of(out) and "asked_lighter" not in rules(container, "tg:9101")
    typed(coach, "tg:9101", yes)
    assert "asked_lighter" in rules(container, "tg:9101")


def test_a_typed_no_keeps_the_plan(coach, container):
    user(container, "tg:9102")
    typed(coach, "tg:9102", "make it easier")
    before = stored(container, "tg:9102")
    assert "stays as it is" in text_of(typed(coach, "tg:9102", "no thanks"))
    assert stored(container, "tg:9102") == before


def test_anything_else_leaves_the_offer_unconfirmed_and_says_how_to_confirm(coach, container):
    user(container, "tg:9103")
    typed(coach, "tg:9103", "make it easier")
    before = stored(container, "tg:9103")
    out = typed(coach, "tg:9103", "what should I eat before training?")
    assert stored(container, "tg:9103") == before
    assert "not set up yet" in text_of(out) and "Yes, lighter" in text_of(out)
    typed(coach, "tg:9103", "yes")  # the offer no longer waits for a typed yes
    assert "asked_lighter" not in rules(container, "tg:9103")
    typed(coach, "tg:9103", callback="easier:yes")  # the button still works
    assert "asked_lighter" in rules(container, "tg:9103")


def test_a_typed_yes_long_after_the_offer_changes_nothing(coach, container, clock):
    user(container, "tg:9104")
    typed(coach, "tg:9104", "make it easier")
    clock.now = NOW + timedelta(hours=2)
    out = typed(coach, "tg:9104", "yes")
    assert "while ago" in text_of(out) and "asked_lighter" not in rules(container, "tg:9104")


def test_a_yes_without_an_offer_still_changes_nothing(coach, container):
    user(container, "tg:9105")
    before = stored(container, "tg:9105")
    typed(coach, "tg:9105", "yes")
    assert stored(container, "tg:9105") == before


# 2. a complaint about a session's length is no effort rating
LENGTH = ["today's session was too long", "took too long", "ran out of time", "太长了", "今天的训练太长了",
          "the workout took way too long", "session was way too long today", "it was too long", "练太久了",
          "didn't have time to finish", "没时间练完"]


@pytest.mark.parametrize("text", LENGTH)
def test_a_length_complaint_is_read_as_one(text):
    assert classify(text).values == {"wants": "shorter"}


@pytest.mark.parametrize("text", LENGTH)
def test_a_length_complaint_logs_nothing_and_asks_the_length(coach, container, text):
    user(container, "tg:9111", "zh" if not text.isascii() else "en")
    before = stored(container, "tg:9111")
    out = typed(coach, "tg:9111", text)
    assert stored(container, "tg:9111") == before and not buttons_of(out)
    assert ("How long should they be?" in text_of(out)) if text.isascii() else "45" in text_of(out)


@pytest.mark.parametrize("text, status", [("ran out of time so I skipped it", "skipped"),
                                          ("I don't think it was too long", None),
                                          ("the session was long but fine", "done")])
def test_length_words_are_no_effort_rating(text, status):
    values = classify(text).values
    assert values.get("status") == status and "wants" not in values


# 3. a weight typed outside a weight question
def test_a_bare_weight_asks_which_and_stores_nothing(coach, container):
    user(container, "tg:9121")
    before = stored(container, "tg:9121")
    out = typed(coach, "tg:9121", "75 kg")
    assert stored(container, "tg:9121") == before
    assert any(b.startswith("wm:now:") for b in buttons_of(out)) and any(b.startswith("wm:target:") for b in
                                                                        buttons_of(out))
    assert "your weight now, or a target" in text_of(out)


@pytest.mark.parametrize("answer, field", [("now", "weight_kg"), ("target", "target_weight_kg"), ("现在", "weight_kg"),
                                           ("目标", "target_weight_kg")])
def test_the_typed_answer_decides_what_the_weight_is(coach, container, answer, field):
    user(container, "tg:9122")
    typed(coach, "tg:9122", "75 kg")
    typed(coach, "tg:9122", answer)
    prof = profile(container, "tg:9122")
    other = "target_weight_kg" if field == "weight_kg" else "weight_kg"
    assert prof[field] == 75 and prof.get(other) != 75


@pytest.mark.parametrize("which, field", [("now", "weight_kg"), ("target", "target_weight_kg"), ("neither", None)])
def test_the_buttons_decide_what_the_weight_is(coach, container, which, field):
    user(container, "tg:9123")
    before = stored(container, "tg:9123")
    out = typed(coach, "tg:9123", "75 kg")
    typed(coach, "tg:9123", callback=next(b for b in buttons_of(out) if b.startswith(f"wm:{which}:")))
    if field is None:
        assert stored(container, "tg:9123") == before
    else:
        assert profile(container, "tg:9123")[field] == 75


def test_something_else_after_the_question_stores_nothing(coach, container):
    user(container, "tg:9124")
    out = typed(coach, "tg:9124", "75 kg")
    before = stored(container, "tg:9124")
    typed(coach, "tg:9124", "what should I eat before training?")
    assert stored(container, "tg:9124") == before
    assert "expired" in text_of(typed(coach, "tg:9124", callback=buttons_of(out)[0]))


@pytest.mark.parametrize("text, field", [("I'm at 75kg now", "weight_kg"), ("75kg this morning", "weight_kg"),
                                         ("我现在75公斤", "weight_kg"), ("want to get to 75 kg", "target_weight_kg"),
                                         ("goal 75", "target_weight_kg"), ("I want to be 75kg", "target_weight_kg"),
                                         ("想减到75公斤", "target_weight_kg")])
def test_the_words_decide_and_only_yes_stores(coach, container, text, field):
    user(container, "tg:9125", "zh" if not text.isascii() else "en")
    before = stored(container, "tg:9125")
    out = typed(coach, "tg:9125", text)
    assert stored(container, "tg:9125") == before
    yes = next(b for b in buttons_of(out) if b.startswith("cf:yes:"))
    typed(coach, "tg:9125", callback=yes)
    prof = profile(container, "tg:9125")
    other = "target_weight_kg" if field == "weight_kg" else "weight_kg"
    assert prof[field] == 75 and prof.get(other) != 75
