"""Typed like a person after onboarding (issue #13, an outside tester's item 8): a pause that names its day starts
and ends on that day; a session typed "done" counts even when a command comes before the effort answer; a proposed
change survives a command between it and the yes."""
from __future__ import annotations

from datetime import date

import pytest

from coach.dialogue import Coach
from coach.dialogue.settings import PAUSE_WORKER
from coach.services.delivery import KINDS
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, Clock, buttons_of, say, replies, text_of
from tests.factories import make_user


@pytest.fixture
def clock():
    return Clock()  # Monday 2026-03-02, day 1 of the plan


@pytest.fixture
def coach(container, clock):
    return Coach(container, clock=clock)


def paused_days(container, key: str) -> list[date]:
    with container.session() as s:
        uid = repos.users.find_user(s, key).id
        return sorted(d.local_date for d in repos.deliveries.deliveries(s, user_id=uid, kind=KINDS[0])
                      if d.claimed_by == PAUSE_WORKER and d.status == "skipped")


def days(first: str, n: int) -> list[date]:
    start = date.fromisoformat(first)
    return [date.fromordinal(start.toordinal() + i) for i in range(n)]


@pytest.mark.parametrize("text, lang, first, n", [
    ("pause my workouts until next Monday", "en", "2026-03-02", 7),
    ("pause from next Monday for a week", "en", "2026-03-09", 7),
    ("I'm away next Monday to Friday, please pause", "en", "2026-03-09", 5),
    ("下周一开始暂停两周", "zh", "2026-03-09", 14),
    ("暂停到下周一", "zh", "2026-03-02", 7),
])
def test_a_pause_that_names_its_day_starts_and_ends_on_the_right_dates(coach, container, text, lang, first, n):
    make_user(container, "tg:301", chat_id=301, start=date(2026, 3, 2), language=lang, profile=GYM_PROFILE)
    out = say(coach, "tg:301", text)
    assert paused_days(container, "tg:301") == days(first, n)
    back = days(first, n + 1)[-1].isoformat()
    assert back in out


def test_resume_next_monday_keeps_the_pause_until_then_only(coach, container):
    make_user(container, "tg:302", chat_id=302, start=date(2026, 3, 2), profile=GYM_PROFILE)
    say(coach, "tg:302", "pause for two weeks")
    assert len(paused_days(container, "tg:302")) == 14
    out = say(coach, "tg:302", "resume next Monday")
    assert paused_days(container, "tg:302") == days("2026-03-02", 7) and "2026-03-09" in out


@pytest.mark.parametrize("done, command", [("done", "/progress"), ("完成", "/today"), ("done", "/log")])
def test_a_typed_done_counts_when_a_command_comes_before_the_effort_answer(coach, container, done, command):
    make_user(container, "tg:303", chat_id=303, start=date(2026, 3, 2), profile=GYM_PROFILE)
    assert "10" in say(coach, "tg:303", done)  # the effort question
    say(coach, "tg:303", command)
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:303").id)
        assert [(lg.session_date, lg.status) for lg in logs] == [(date(2026, 3, 2), "done")]
        assert repos.users.get_dialogue(s, repos.users.find_user(s, "tg:303").id).step not in ("rpe", "top")


def test_done_then_effort_then_a_command_at_the_top_of_range_question_logs_the_effort(coach, container):
    make_user(container, "tg:304", chat_id=304, start=date(2026, 3, 2), profile=GYM_PROFILE)
    say(coach, "tg:304", "done")
    assert "top of the rep range" in say(coach, "tg:304", "7")
    say(coach, "tg:304", "/plan")
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:304").id)
        assert [(lg.status, lg.rpe) for lg in logs] == [("done", 7)]


@pytest.mark.parametrize("command", ["/today", "/plan", "/progress"])
def test_a_proposed_change_survives_a_command_before_the_yes(coach, container, command):
    make_user(container, "tg:305", chat_id=305, start=date(2026, 3, 2), profile=GYM_PROFILE)
    out = replies(coach, "tg:305", "actually I weigh 78 kg now")
    assert any(b.startswith("cf:yes") for b in buttons_of(out))
    say(coach, "tg:305", command)
    say(coach, "tg:305", "yes")
    with container.session() as s:
        prof = repos.profiles.current_profile(s, repos.users.find_user(s, "tg:305").id).data["profile"]
    assert prof["weight_kg"] == 78


@pytest.mark.parametrize("text, rpe", [("done, felt like a 6", 6), ("完成了，打7分", 7), ("finished, effort 5/10", 5)])
def test_an_effort_score_typed_with_done_answers_the_effort_question(coach, container, text, rpe):
    make_user(container, "tg:306", chat_id=306, start=date(2026, 3, 2), profile=GYM_PROFILE)
    out = say(coach, "tg:306", text)
    assert "1 (very easy) to 10" not in out
    say(coach, "tg:306", "/plan")  # a top-of-range question, if asked, is settled by the command
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:306").id)
    assert [(lg.status, lg.rpe) for lg in logs] == [("done", rpe)]


def test_another_button_before_the_effort_answer_keeps_the_session(coach, container):
    make_user(container, "tg:307", chat_id=307, start=date(2026, 3, 2), profile=GYM_PROFILE)
    say(coach, "tg:307", "done")
    say(coach, "tg:307", callback="rem:pause")  # the settings' pause button, pressed instead of an effort score
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:307").id)
    assert [lg.status for lg in logs] == ["done"]
