"""The target question answered in two parts, as people do: "by the summer" (a deadline, no weight) was stored and
the same question asked again without a word, forever; "10 pounds" to it was refused as a 4.5 kg target weight.
Typed through the real Dialogue."""
from __future__ import annotations

import pytest

from coach.services.clock import utcnow
from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, typed  # noqa: F401
from tests.coach.dialogue.test_understanding_eval import ONBOARDING_SO_FAR

LATER = ("target_weight_kg", "target_weeks", "days_per_week", "minutes_per_session", "equipment", "injuries")


def _at_target(container, key: str, goal: str = "fat_loss") -> None:
    so_far = {k: v for k, v in ONBOARDING_SO_FAR.items() if k not in LATER} | {"goal": goal}
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, key, channel="telegram", chat_id=int(key[3:]))
        repos.users.update_user(s, user, consent_version="test", consent_at=utcnow())
        repos.users.set_dialogue(s, user.id, flow="onboarding", step="target", data={"profile": so_far, "skipped": []})


def _profile(container, key: str) -> dict:
    with container.session() as s:
        return dict(repos.users.get_dialogue(s, repos.users.find_user(s, key).id).data["profile"])


def test_a_deadline_alone_is_acknowledged_and_the_amount_asked(coach, container):  # noqa: F811
    _at_target(container, "tg:401")
    out = text_of(typed(coach, "tg:401", "by the summer"))
    assert out.startswith("Noted: in about") and "how much would you like to lose" in out
    assert _profile(container, "tg:401")["target_weeks"] > 0


@pytest.mark.parametrize("goal, answer, target", [("fat_loss", "10 pounds", 70.5), ("fat_loss", "5 kg", 70.0),
                                                  ("muscle_gain", "3 kg", 78.0)])
def test_an_amount_alone_is_a_change_in_the_goals_direction(coach, container, goal, answer, target):  # noqa: F811
    _at_target(container, "tg:402", goal)
    typed(coach, "tg:402", "by the summer")
    out = text_of(typed(coach, "tg:402", answer))
    assert "doesn't look right" not in out and "days a week" in out
    assert _profile(container, "tg:402")["target_weight_kg"] == target


def _at_trimester(container, key: str) -> None:
    so_far = {k: v for k, v in ONBOARDING_SO_FAR.items() if k not in LATER + ("goal", "medications")}
    so_far["conditions"] = ["pregnancy"]
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, key, channel="telegram", chat_id=int(key[3:]))
        repos.users.update_user(s, user, consent_version="test", consent_at=utcnow())
        repos.users.set_dialogue(s, user.id, flow="onboarding", step="pregnancy_trimester",
                                 data={"profile": so_far, "skipped": []})


@pytest.mark.parametrize("answer, weeks, trimester", [("24 weeks", 24, 2), ("怀孕30周", 30, 3), ("second", None, 2),
                                                      ("孕早期", None, 1), ("3", None, 3)])
def test_weeks_pregnant_or_the_trimester_answer_the_pregnancy_question(coach, container, answer, weeks,  # noqa: F811
                                                                       trimester):
    _at_trimester(container, "tg:403")
    out = text_of(typed(coach, "tg:403", answer))
    prof = _profile(container, "tg:403")
    assert prof["pregnancy_trimester"] == trimester and prof.get("weeks_pregnant") == weeks
    assert "target" not in out.lower() and "Sorry" not in out  # "24 weeks" is no target and was understood
