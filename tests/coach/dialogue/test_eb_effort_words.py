"""Issue #13: "太简单了" / "way too easy" typed while "how hard was it?" is open is the effort answer, logged as the
Too easy button logs it (not a plain "done" and the question again)."""
from __future__ import annotations

from coach.dialogue import Coach
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, say
from tests.factories import make_user

CASES = [("done", "太简单了", "too_easy", "en"), ("done", "way too easy", "too_easy", "en"),
         ("done", "too easy", "too_easy", "en"), ("练完了", "太简单了！", "too_easy", "zh"),
         ("done", "way too hard", "too_hard", "en"), ("完成", "太累了", "too_hard", "zh")]


def test_effort_in_words_answers_the_effort_question(container):
    for i, (first, answer, status, lang) in enumerate(CASES):
        key = f"tg:144{i}"
        uid = make_user(container, key, start=START, chat_id=1440 + i, profile=dict(GYM_PROFILE), language=lang)
        coach = Coach(container, clock=Clock())
        asked = say(coach, key, first)
        assert "1 (" in asked or "1（" in asked, (first, asked)
        out = say(coach, key, answer)
        with container.session() as s:
            logs = [(lg.status, lg.rpe) for lg in repos.workouts.workout_logs(s, uid)]
            assert repos.users.get_dialogue(s, uid).flow in (None, "idle"), (answer, out)
        assert logs == [(status, None)], (answer, logs, out)
        assert "1 (" not in out and "1（" not in out, (answer, out)


def test_a_number_still_answers_it(container):
    uid = make_user(container, "tg:1450", start=START, chat_id=1450, profile=dict(GYM_PROFILE))
    coach = Coach(container, clock=Clock())
    say(coach, "tg:1450", "done")
    say(coach, "tg:1450", "7")
    say(coach, "tg:1450", "yes")  # the top-of-range question that follows on a strength day
    with container.session() as s:
        assert [lg.rpe for lg in repos.workouts.workout_logs(s, uid)] == [7]
