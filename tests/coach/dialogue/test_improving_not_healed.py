"""Free text about an injury that is improving, or a part that is fine, never proposes removing the injury or logs a
pain (measured: "my knee is a bit better this week" proposed deleting the knee injury; "actually the shoulder is
fine, it was just a bump" logged shoulder pain and added a shoulder injury without asking). Typed through the real
Dialogue; the stored profile is compared before and after."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake.intent_values import fact_values, feedback_values
from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, stored_profile, typed  # noqa: F401
from tests.factories import make_user

IMPROVING = ["my knee is a bit better this week", "my knee is getting better", "knee feels a little better",
             "my knee is almost healed", "the knee is improving slowly", "膝盖好一点了", "膝盖快好了",
             "my knee is better but it still hurts on stairs", "I don't have a knee problem anymore? no wait it still hurts",
             "my knee is not fine", "膝盖还有点疼"]
HEALED = ["my knee is healed", "my knee is fine now", "knee no longer hurts", "my knee is all better", "膝盖好了",
          "膝盖已经不疼了"]


@pytest.mark.parametrize("text", IMPROVING)
def test_improving_or_still_hurting_is_never_a_removal(text):
    assert "injury_remove" not in fact_values(text)


@pytest.mark.parametrize("text", HEALED)
def test_healed_is_still_read_as_a_removal(text):
    assert fact_values(text).get("injury_remove") == "knee"


@pytest.mark.parametrize("text", ["actually the shoulder is fine, it was just a bump", "my shoulder is totally fine",
                                  "the knee was ok today", "肩膀没事"])
def test_a_part_that_is_fine_is_no_pain(text):
    values = feedback_values(text)
    assert values.get("pain_denied") and values.get("status") != "pain"


def test_pain_beside_a_fine_part_is_still_pain():
    values = feedback_values("knee hurts, the rest is fine")
    assert values.get("status") == "pain" and values.get("body_part") == "knee"


@pytest.mark.parametrize("text", ["my knee is a bit better this week", "my knee is getting better"])
def test_improving_gets_good_news_and_changes_nothing(coach, container, text):  # noqa: F811
    make_user(container, "tg:51", start=date(2026, 3, 2), chat_id=51, profile={"injuries": ["knee"]})
    before = stored_profile(container, "tg:51")
    out = text_of(typed(coach, "tg:51", text))
    assert "getting better" in out and "Save?" not in out
    assert stored_profile(container, "tg:51") == before
    with container.session() as s:
        assert repos.users.get_dialogue(s, repos.users.find_user(s, "tg:51").id).flow != "confirm"


def test_fine_after_a_proposed_injury_drops_it_and_logs_no_pain(coach, container):  # noqa: F811
    make_user(container, "tg:52", start=date(2026, 3, 2), chat_id=52, profile={"injuries": ["knee"]})
    assert "Save?" in text_of(typed(coach, "tg:52", "I hurt my shoulder at work"))
    out = text_of(typed(coach, "tg:52", "actually the shoulder is fine, it was just a bump"))
    assert "no pain" in out
    assert stored_profile(container, "tg:52")["injuries"] == ["knee"]
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:52").id, since=date(2026, 2, 1))
    assert [w for w in logs if w.status == "pain"] == []
