"""Free text an outside tester typed after onboarding that was misread and changed (or offered to change) stored
data: someone else's weight, a weight from years ago, "I'm not 35, I'm 36" stored as a 36 kg weight, "I'm a bit
tired" logged as a too-hard workout (or a pain), and "I don't have time for 4 days anymore" logged as 4 reps of
"Prone T raise". Typed through the real Dialogue; stored rows compared before and after."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake.sets import parse_sets
from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, stored_profile, typed  # noqa: F401
from tests.factories import make_user


def _state(container, key: str) -> tuple:
    with container.session() as s:
        uid = repos.users.find_user(s, key).id
        logs = [(w.status, w.session_date) for w in repos.workouts.workout_logs(s, uid, since=date(2026, 1, 1))]
        weights = [r.value for r in repos.readings.metrics(s, uid, "weight")]
        sets = len(repos.workouts.set_logs(s, uid))
        return logs, weights, sets, repos.users.get_dialogue(s, uid).flow


@pytest.mark.parametrize("text, says", [
    ("my friend weighs 90 kg", "someone else's"), ("我朋友体重80公斤", "别人的"),
    ("my wife's blood pressure is 150/95", "someone else's"),
    ("I used to weigh 95 kg", "from the past"), ("I was 80 kg last year", "from the past"),
    ("我以前90公斤", "以前的数值"), ("back in 2019 I weighed 100 kg", "from the past")])
def test_someone_elses_and_past_values_change_nothing(coach, container, text, says):  # noqa: F811
    make_user(container, "tg:71", start=date(2026, 3, 2), chat_id=71)
    before, profile = _state(container, "tg:71"), stored_profile(container, "tg:71")
    out = text_of(typed(coach, "tg:71", text))
    assert says in out and "Save?" not in out
    assert _state(container, "tg:71") == before and stored_profile(container, "tg:71") == profile


def test_a_correction_that_no_body_could_make_is_asked_about_not_stored(coach, container):  # noqa: F811
    make_user(container, "tg:72", start=date(2026, 3, 2), chat_id=72, profile={"age": 35, "weight_kg": 75})
    out = text_of(typed(coach, "tg:72", "I'm not 35, I'm 36"))
    assert "big change" in out and "I'll save it only if you say yes" in out
    assert stored_profile(container, "tg:72")["weight_kg"] == 75 and _state(container, "tg:72")[1] == []
    typed(coach, "tg:72", "no")
    assert stored_profile(container, "tg:72")["weight_kg"] == 75


@pytest.mark.parametrize("text", ["feeling tired today", "我有点累", "I feel a bit tired"])
def test_how_someone_feels_is_no_workout_log(coach, container, text):  # noqa: F811
    make_user(container, "tg:73", start=date(2026, 3, 2), chat_id=73)
    out = text_of(typed(coach, "tg:73", text))
    typed(coach, "tg:73", "ok")  # a pending log question would store the session on the next message
    assert _state(container, "tg:73")[0] == [] and "Where does it hurt" not in out


def test_a_session_said_to_be_tough_is_still_logged(coach, container):  # noqa: F811
    make_user(container, "tg:74", start=date(2026, 3, 2), chat_id=74)
    typed(coach, "tg:74", "that workout was tough")
    typed(coach, "tg:74", "skip")
    assert [s for s, _ in _state(container, "tg:74")[0]] == ["too_hard"]


@pytest.mark.parametrize("text", ["I don't have time for 4 days anymore", "I can't do 3 days, only 2",
                                  "it's 5 o'clock and I haven't eaten"])
def test_numbers_beside_no_exercise_name_are_no_set_log(text):
    assert parse_sets(text) == []


@pytest.mark.parametrize("text, name", [("bench 60kg 8,8,7", "bench"), ("prone t raise 2x12", "prone t raise"),
                                        ("did 3 sets of 12 on the leg press", "leg press")])
def test_set_logs_with_a_name_are_still_read(text, name):
    assert [e.name for e in parse_sets(text)] == [name]


def test_while_asked_how_hard_a_remark_about_days_logs_no_sets(coach, container):  # noqa: F811
    make_user(container, "tg:75", start=date(2026, 3, 2), chat_id=75)
    typed(coach, "tg:75", "done")
    before_sets = _state(container, "tg:75")[2]
    out = text_of(typed(coach, "tg:75", "I don't have time for 4 days anymore"))
    assert "×" not in out and _state(container, "tg:75")[2] == before_sets == 0
