"""Free text typed while a check-in question is open: read as any message, then the question again. Before, "my knee
hurts a bit after squats" and "what is on tomorrow?" got "Please send a weight like 72.4 kg"; "what is on tomorrow?"
was not understood even outside a check-in ("whats on tomorrow" was)."""
from __future__ import annotations

from datetime import date

from coach.dialogue.checkin import talks
from coach.intake.changes import asked_day
from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, typed  # noqa: F401
from tests.factories import make_user


def _flow(container, key: str) -> tuple[str, str]:
    with container.session() as s:
        st = repos.users.get_dialogue(s, repos.users.find_user(s, key).id)
        return st.flow, st.step


def test_a_question_mid_checkin_is_answered_and_the_checkin_goes_on(container, coach):
    make_user(container, "tg:96001", start=date(2026, 3, 2), chat_id=96001, profile={"weight_kg": 80})
    typed(coach, "tg:96001", "/checkin")
    out = text_of(typed(coach, "tg:96001", "what is on tomorrow?"))
    assert "Please send a weight" not in out and "tomorrow" in out.lower()
    assert out.rstrip().endswith("'skip' to skip)")  # the weight question again
    assert _flow(container, "tg:96001") == ("checkin", "weight")
    assert "sleep" in text_of(typed(coach, "tg:96001", "78.5")).lower()


def test_pain_mid_checkin_goes_to_the_pain_rules(container, coach):
    make_user(container, "tg:96002", start=date(2026, 3, 2), chat_id=96002, profile={"weight_kg": 80})
    typed(coach, "tg:96002", "/checkin")
    out = text_of(typed(coach, "tg:96002", "my knee hurts a bit after squats"))
    assert "Please send a weight" not in out and "knee" in out.lower()


def test_values_and_short_answers_still_get_the_value_message():
    assert not talks("4") and not talks("about 80") and not talks("slept badly") and not talks("78,5kg")
    assert talks("my knee hurts a bit") and talks("what is on tomorrow?") and talks("今天膝盖有点疼")


def test_what_is_on_tomorrow_names_tomorrow():
    assert asked_day("what is on tomorrow?", date(2026, 3, 2)) == date(2026, 3, 3)
