"""Issue #13 item 3: a denied pain ("no pain today", "没有疼") logs no pain, no injury and no session."""
from __future__ import annotations

from coach.dialogue import Coach
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, say
from tests.factories import make_user

DENIALS = ["no pain today", "knee didn't hurt at all", "没有疼", "no knee pain at all today", "膝盖一点都不疼",
           "my back doesn't hurt anymore", "今天没有痛"]


def test_a_denied_pain_changes_nothing(container):
    for i, text in enumerate(DENIALS):
        uid = make_user(container, f"tg:133{i}", start=START, chat_id=1330 + i, profile=dict(GYM_PROFILE))
        coach = Coach(container, clock=Clock())
        out = say(coach, f"tg:133{i}", text)
        with container.session() as s:
            prof = repos.profiles.current_profile(s, uid).data["profile"]
            assert not prof.get("injuries"), (text, out)
        assert "hurt?" not in out and "哪里疼" not in out, (text, out)
