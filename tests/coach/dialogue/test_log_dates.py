"""Workout logs land on the session they are about (a real week typed at the bot, on a movable clock).

Before: "skipped today, too busy" on a rest day relabelled the day before's session, already logged done, as skipped
(/progress then counted it missed); a rating left open ("too easy" -> "how hard, 1-10?" -> something else) was logged
days later on the day of the next turn's session; "can I swap deadlifts?" after pain had swapped them out answered
"Deadlift isn't in your plan, so there is nothing to swap."
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from coach.dialogue import Coach, log
from coach.services.adjustments import exercise_ids
from coach.services.plans import session_on
from coach.services.training_log import display_name
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, buttons_of, call, replies, say
from tests.factories import make_user


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def coach(container, clock):
    return Coach(container, clock=clock)


def logged(container, uid):
    with container.session() as s:
        return [(lg.session_date, lg.status) for lg in repos.workouts.workout_logs(s, uid)]


def plan_days(container, uid, n=14):
    """Plan days (1 = START) with a session and without one."""
    with container.session() as s:
        plan = repos.plans.active_plan(s, uid)
        has = [session_on(plan, START + timedelta(days=i)).session is not None for i in range(n)]
    return [i + 1 for i in range(n) if has[i]], [i + 1 for i in range(n) if not has[i]]


def session_then_rest(container, uid):
    sessions, rest = plan_days(container, uid)
    return next((d, d + 1) for d in sessions if d + 1 in rest)


def day_of(n):
    return START + timedelta(days=n - 1)


def log_done(coach, key):
    say(coach, key, "done")
    say(coach, key, "skip")  # the effort question


@pytest.mark.parametrize("typed", ["skipped today, too busy", "skipping today", "/log skipped"])
def test_skip_on_a_rest_day_relabels_no_earlier_session(container, coach, clock, typed):
    uid = make_user(container, "tg:9101", start=START, chat_id=9101, profile=GYM_PROFILE)
    session, rest = session_then_rest(container, uid)
    clock.day(session)
    log_done(coach, "tg:9101")
    clock.day(rest)
    out = say(coach, "tg:9101", typed)
    assert "No session today" in out and "Next session: " in out
    assert logged(container, uid) == [(day_of(session), "done")]
    assert "0 of" not in say(coach, "tg:9101", "/progress")


def test_skip_button_on_a_rest_day_logs_nothing(container, coach, clock):
    uid = make_user(container, "tg:9102", start=START, chat_id=9102, profile=GYM_PROFILE)
    session, rest = session_then_rest(container, uid)
    clock.day(session)
    log_done(coach, "tg:9102")
    clock.day(rest)
    assert "No session today" in say(coach, "tg:9102", callback="log:skipped")
    assert logged(container, uid) == [(day_of(session), "done")]


def test_a_contradicting_log_asks_before_it_replaces(container, coach, clock):
    uid = make_user(container, "tg:9103", start=START, chat_id=9103, profile=GYM_PROFILE)
    session, _rest = session_then_rest(container, uid)
    clock.day(session)
    log_done(coach, "tg:9103")
    out = replies(coach, "tg:9103", "skipped")
    assert "already logged as done" in out[0].text and "Change it to skipped?" in out[0].text
    assert logged(container, uid) == [(day_of(session), "done")]
    assert "stays logged as done" in say(coach, "tg:9103", "no")
    assert logged(container, uid) == [(day_of(session), "done")]
    out = replies(coach, "tg:9103", callback="log:skipped")  # the button asks too; Yes replaces
    yes = next(b for b in buttons_of(out) if b.startswith("cf:yes"))
    say(coach, "tg:9103", callback=yes)
    assert logged(container, uid)[-1] == (day_of(session), "skipped")


def test_done_after_skipped_asks_then_asks_the_effort(container, coach, clock):
    uid = make_user(container, "tg:9104", start=START, chat_id=9104, profile=GYM_PROFILE)
    session, _rest = session_then_rest(container, uid)
    clock.day(session)
    say(coach, "tg:9104", "skipped")
    assert logged(container, uid) == [(day_of(session), "skipped")]
    assert "already logged as skipped" in say(coach, "tg:9104", "done")
    assert "1 (very easy) to 10" in say(coach, "tg:9104", "yes")
    say(coach, "tg:9104", "skip")
    assert logged(container, uid)[-1] == (day_of(session), "done")


def test_rating_the_same_session_again_is_no_conflict(container, coach, clock):
    uid = make_user(container, "tg:9105", start=START, chat_id=9105, profile=GYM_PROFILE)
    session, _rest = session_then_rest(container, uid)
    clock.day(session)
    log_done(coach, "tg:9105")
    out = say(coach, "tg:9105", "/log too easy")
    assert "already logged" not in out and "1 (very easy) to 10" in out


def test_an_open_rating_keeps_the_date_of_its_session(container, coach, clock):
    uid = make_user(container, "tg:9106", start=START, chat_id=9106, profile=GYM_PROFILE)
    sessions, _rest = plan_days(container, uid)
    first, later = sessions[0], sessions[1]
    clock.day(first)
    assert "1 (very easy) to 10" in say(coach, "tg:9106", "that was way too easy")
    say(coach, "tg:9106", "I did 3 sets of 12 with the 8kg")  # no exercise named: the effort question stays open
    clock.day(later)
    say(coach, "tg:9106", "/today")  # the open question is settled with what is known
    assert logged(container, uid) == [(day_of(first), "too_easy")]


def test_an_open_rating_on_a_session_day_keeps_its_date_through_the_button(container, coach, clock):
    uid = make_user(container, "tg:9107", start=START, chat_id=9107, profile=GYM_PROFILE)
    sessions, _rest = plan_days(container, uid)
    clock.day(sessions[0])
    call(coach, "tg:9107", log.typed_feedback, "done")
    clock.day(sessions[1])
    say(coach, "tg:9107", callback="rpe:6")
    say(coach, "tg:9107", "no")  # the top of the range, when asked
    assert logged(container, uid)[0] == (day_of(sessions[0]), "done")


def test_swap_asked_after_pain_swapped_it_says_for_what(container, coach, clock):
    uid = make_user(container, "tg:9108", start=START, chat_id=9108, profile=GYM_PROFILE)
    sessions, _rest = plan_days(container, uid)
    clock.day(sessions[0])
    with container.session() as s:
        before = exercise_ids(repos.plans.active_plan(s, uid).data)
    assert "lower back" in say(coach, "tg:9108", "my lower back hurts after the deadlifts")
    with container.session() as s:
        after = exercise_ids(repos.plans.active_plan(s, uid).data)
    gone = sorted(x for x in before - after if "deadlift" in x)
    assert gone, "the pain swap took no deadlift out of this plan"
    out = say(coach, "tg:9108", "can I swap deadlifts for something else?")
    assert "isn't in your plan" not in out
    assert f"{display_name(gone[0], 'en')} was already swapped out of your plan for " in out


def test_swap_of_an_exercise_never_in_the_plan_still_says_so(container, coach, clock):
    make_user(container, "tg:9109", start=START, chat_id=9109, profile=GYM_PROFILE)
    clock.day(1)
    say(coach, "tg:9109", "my lower back hurts after the deadlifts")
    assert "isn't in your plan" in say(coach, "tg:9109", "can I swap burpees for something else?")
