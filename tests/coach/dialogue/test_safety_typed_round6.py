"""Safety messages an outside tester typed after onboarding that were missed or over-read (en + zh): a crisis blood
pressure in Chinese offered for "Save?" with no warning, a racing pulse at rest in Chinese answered with a passage,
bleeding at 24 weeks pregnant not understood, a low glucose before exercise answered with the high-glucose passage,
"the flu, fever and aching all over" called normal soreness; and the other way: a mate's fainting, "what if I had
chest pain" and fainting as a child stopped the plan. Typed through the real Dialogue; storage compared."""
from __future__ import annotations

from datetime import date

import pytest

from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, hard_stop, stored_profile, typed  # noqa: F401
from tests.factories import make_user

START = date(2026, 3, 2)


def _user(container, key: str, **profile) -> None:
    make_user(container, key, start=START, chat_id=int(key[3:]), profile=profile or None)


def _alerts(container, key: str) -> int:
    with container.session() as s:
        return len(repos.alerts.alerts(s, repos.users.find_user(s, key).id))


@pytest.mark.parametrize("text", ["刚在药店量血压190/120", "just measured at the pharmacy: 185/115"])
def test_a_crisis_blood_pressure_in_any_wording_stops_the_plan(coach, container, text):  # noqa: F811
    _user(container, "tg:501")
    out = text_of(typed(coach, "tg:501", text))
    assert "Save?" not in out and "保存" not in out and "measure again" in out
    assert hard_stop(container, "tg:501")


@pytest.mark.parametrize("text", ["坐着不动心跳150", "sitting on the couch and my pulse is 125"])
def test_a_racing_pulse_at_rest_is_a_warning_sign(coach, container, text):  # noqa: F811
    _user(container, "tg:502")
    out = text_of(typed(coach, "tg:502", text))
    assert "⚠️" in out and _alerts(container, "tg:502") == 1


@pytest.mark.parametrize("text", ["my mate fainted at the gym today", "a guy at the gym collapsed yesterday",
                                  "what if I had chest pain during a workout, what should I do",
                                  "I used to faint as a kid", "我小时候经常晕倒"])
def test_someone_elses_hypothetical_or_long_past_symptoms_stop_nothing(coach, container, text):  # noqa: F811
    _user(container, "tg:503")
    before = stored_profile(container, "tg:503")
    typed(coach, "tg:503", text)
    assert stored_profile(container, "tg:503") == before and _alerts(container, "tg:503") == 0
    assert not hard_stop(container, "tg:503")


def test_fainting_again_recently_still_stops_the_plan(coach, container):  # noqa: F811
    _user(container, "tg:504")
    typed(coach, "tg:504", "I used to faint as a kid and I fainted again recently")
    assert hard_stop(container, "tg:504")


def test_the_flu_with_aches_is_illness_not_soreness(coach, container):  # noqa: F811
    _user(container, "tg:505")
    out = text_of(typed(coach, "tg:505", "I've got the flu, fever and aching all over"))
    assert "normal muscle soreness" not in out and ("cold" in out.split("\n")[0] or "unwell" in out)


@pytest.mark.parametrize("text, says", [("运动前血糖3.5可以练吗", "不要开始运动"),
                                        ("my blood sugar is 4.6 before my walk, ok?", "10-20 g"),
                                        ("blood glucose 290 mg/dl can I lift", "ketones")])
def test_a_glucose_before_exercise_gets_its_rule(coach, container, text, says):  # noqa: F811
    _user(container, "tg:506", conditions=["type1_diabetes"])
    assert says in text_of(typed(coach, "tg:506", text))


PREGNANT = {"sex": "female", "conditions": ["pregnancy"], "pregnancy_trimester": 2}


@pytest.mark.parametrize("text", ["had some bleeding this morning", "早上流了点血", "I think my waters are leaking",
                                  "I've had a headache and blurry vision since yesterday"])
def test_a_pregnancy_warning_sign_sends_her_to_the_maternity_team_and_stops_the_plan(coach, container,  # noqa: F811
                                                                                      text):
    _user(container, "tg:507", **PREGNANT)
    out = text_of(typed(coach, "tg:507", text))
    assert out.startswith("🚨") and ("obstetric" in out or "产科" in out)
    assert hard_stop(container, "tg:507")


def test_bleeding_words_mean_nothing_of_the_kind_without_pregnancy_or_in_a_question(coach, container):  # noqa: F811
    _user(container, "tg:508")
    assert "obstetric" not in text_of(typed(coach, "tg:508", "my knee was bleeding after I fell"))
    _user(container, "tg:509", **PREGNANT)
    assert not text_of(typed(coach, "tg:509", "what if I have some bleeding, should I stop?")).startswith("🚨")
