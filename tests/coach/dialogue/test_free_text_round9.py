"""Round 9 of typing at the bot like a person: an item named beside an answer that an earlier answer left out ("my
blood pressure is a bit high, I take lisinopril" to the medications question after "none" to the conditions
question) is offered back with the next question, never dropped unsaid; colloquial blood-pressure phrasings are
hypertension; /profile shows medications."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.intake import extract
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_onboarding_offers import NOW, at_step, state, typed
from tests.factories import make_user


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


@pytest.mark.parametrize("text", ["my blood pressure is a bit high", "my bp's slightly high",
                                  "blood pressure tends to be on the high side", "BP runs a little high",
                                  "my blood pressure was high at the doctor's"])
def test_colloquial_high_blood_pressure_is_hypertension(text):
    assert extract(text).get("conditions") == ["hypertension"]


@pytest.mark.parametrize("text", ["my blood pressure is not high", "blood pressure is fine", "bp normal"])
def test_blood_pressure_said_to_be_fine_is_no_condition(text):
    assert "conditions" not in extract(text)


@pytest.mark.parametrize("text, lang", [("yeah my blood pressure is a bit high, I take lisinopril", "en"),
                                        ("我血压有点高，在吃氨氯地平", "zh")])
def test_a_condition_named_beside_the_medications_answer_is_offered_not_dropped(coach, container, text, lang):
    at_step(container, "tg:8201", "medications", lang=lang)
    step0, prof0, _ = state(container, "tg:8201")
    assert prof0.get("conditions") == []  # "none" to the conditions question
    out = typed(coach, "tg:8201", text)
    step, prof, data = state(container, "tg:8201")
    assert prof["medications"] == ["antihypertensive"] and step != "medications"  # the answer is saved
    assert prof["conditions"] == [] and data["offered"] == {"conditions": ["hypertension"]}  # not without a yes
    assert "ob:keep:yes" in buttons_of(out)
    out = typed(coach, "tg:8201", callback="ob:keep:yes")
    step, prof, data = state(container, "tg:8201")
    assert prof["conditions"] == ["hypertension"] and not data.get("offered")


def test_an_item_already_recorded_is_not_offered_again(coach, container):
    at_step(container, "tg:8202", "medications")
    typed(coach, "tg:8202", "no meds, and my knee is fine")
    step, prof, data = state(container, "tg:8202")
    assert prof["medications"] == [] and not data.get("offered")


@pytest.mark.parametrize("lang, word", [("en", "beta blocker"), ("zh", "β受体阻滞剂")])
def test_profile_shows_medications(coach, container, lang, word):
    make_user(container, "tg:8203", start=NOW.date(), language=lang, profile={"medications": ["beta_blocker"]})
    out = typed(coach, "tg:8203", "/profile")
    assert word in text_of(out)
