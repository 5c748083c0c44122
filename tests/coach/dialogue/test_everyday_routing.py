"""Everyday questions the new passages answer, that a rule caught first (hE's report, through the real Dialogue): a
hangover in Chinese was "可以，去练吧" (the readiness rule), "多久能看到效果" / "how long until I see results" asked
for a target weight (the target rule), "do fat burners work" was not understood and "what should I eat after a
workout" got the pre-workout passage."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake.changes import asks_target
from coach.intake.readiness import asks_readiness
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, typed  # noqa: F401
from tests.factories import make_user


@pytest.mark.parametrize("text,passage", [
    ("宿醉能运动吗", "宿醉"), ("宿醉了，今天还能练吗", "宿醉"), ("喝完酒第二天能去健身房吗", "宿醉"),
    ("can I work out with a hangover", "hangover"), ("is it ok to train today, I'm hungover", "hangover"),
    ("多久能看到效果", "效果"), ("how long until I see results", "results"),
    ("do fat burners work", "fat burners"), ("are diet pills safe", "fat burners"),
    ("what should I eat after a workout", "meals after training"), ("练完吃什么好", "练后饮食"),
])
def test_the_passage_answers_not_a_rule(container, coach, text, passage):
    make_user(container, "tg:93001", start=date(2026, 3, 2), chat_id=93001, profile={"weight_kg": 80})
    reply = text_of(typed(coach, "tg:93001", text))
    assert passage.lower() in reply.lower(), reply[:300]
    assert "no target weight" not in reply and "还没有目标体重" not in reply
    assert not reply.startswith(("Yes", "可以，去练"))


@pytest.mark.parametrize("text", ["can I train today?", "今天可以练吗", "should I work out tonight or rest"])
def test_readiness_questions_still_read_as_readiness(text):
    assert asks_readiness(text)


@pytest.mark.parametrize("text,target,change", [("how long until I reach 70 kg", 70, None),
                                                 ("多久能减到65公斤", 65, None),
                                                 ("how long will it take to lose 10 kg", None, -10)])
def test_target_questions_still_read_as_targets(text, target, change):
    q = asks_target(text)
    assert q is not None and q.target_kg == target and q.change_kg == change
