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


def test_a_bare_correction_keeps_the_unit_of_the_value_it_corrects(container):
    # a bare "209 lbs" is asked about (weight now or a target?): these name the weight (test_free_text_round10)
    cases = [("weight 209 lbs", "sorry, I meant 208", 94.3), ("体重209磅", "不对，应该是208", 94.3),
             ("weight 80 kg", "sorry, I meant 78", 78.0), ("体重80公斤", "打错了，应该是78", 78.0)]
    for i, (first, fix, want) in enumerate(cases):
        uid = make_user(container, f"tg:132{i}", start=START, chat_id=1320 + i, profile={**GYM_PROFILE, "weight_kg": 90})
        coach = Coach(container, clock=Clock())
        say(coach, f"tg:132{i}", first)
        out = say(coach, f"tg:132{i}", fix)
        with container.session() as s:
            got = [r.value for r in repos.readings.metrics(s, uid, "weight")]
            assert got and abs(got[-1] - want) < 0.15, (first, fix, got, out)
