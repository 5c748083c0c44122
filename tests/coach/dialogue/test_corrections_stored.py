"""Issue #13: a correction that names an exercise never changes the body weight."""
from __future__ import annotations

from coach.dialogue import Coach
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, say
from tests.factories import make_user


def test_a_corrected_bench_weight_is_not_body_weight(container):
    uid = make_user(container, "tg:1311", start=START, chat_id=1311, profile={**GYM_PROFILE, "weight_kg": 80})
    coach = Coach(container, clock=Clock())
    for text in ("sorry, bench was 72.5kg not 70", "抱歉，卧推是72.5公斤不是70"):
        out = say(coach, "tg:1311", text)
        with container.session() as s:
            prof = repos.profiles.current_profile(s, uid).data["profile"]
            assert prof["weight_kg"] == 80, (text, out)
            assert [r.value for r in repos.readings.metrics(s, uid, "weight")] in ([], [80], [80.0]), (text, out)
