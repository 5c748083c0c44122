"""A question the bot asked never swallows a message that is about something else."""
from __future__ import annotations

from datetime import date, datetime, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def say(coach, text, user="tg:60"):
    return "\n".join(r.text for r in coach.handle(Incoming(user_key=user, chat_id=60, text=text)))


def logs(container, user="tg:60"):
    with container.session() as s:
        return repos.workouts.workout_logs(s, repos.users.find_user(s, user).id)


def test_a_settings_request_at_the_effort_question_is_done_and_the_session_kept(container):
    make_user(container, "tg:60", chat_id=60, start=date(2026, 3, 2))
    coach = Coach(container, clock=lambda: NOW)
    assert "1 (very easy) to 10" in say(coach, "done")
    out = say(coach, "please send my workouts at 6pm instead")
    assert "RPE must be" not in out and "18:00" in out
    assert [(lg.status, lg.rpe) for lg in logs(container)] == [("done", None)]
    with container.session() as s:
        assert repos.users.find_user(s, "tg:60").reminder_time == "18:00"
        assert repos.users.get_dialogue(s, repos.users.find_user(s, "tg:60").id).flow == "idle"


def test_an_out_of_range_number_is_still_asked_again(container):
    make_user(container, "tg:61", chat_id=61, start=date(2026, 3, 2))
    coach = Coach(container, clock=lambda: NOW)
    say(coach, "done", user="tg:61")
    assert "RPE must be a whole number" in say(coach, "15", user="tg:61")
    assert logs(container, "tg:61") == []


def test_a_height_correction_never_lands_on_the_weight(container):
    make_user(container, "tg:62", chat_id=62, start=date(2026, 3, 2), language="zh")
    coach = Coach(container, clock=lambda: NOW)
    say(coach, "我身高其实是165 之前写错了", user="tg:62")
    with container.session() as s:
        prof = repos.profiles.current_profile(s, repos.users.find_user(s, "tg:62").id).data["profile"]
    assert prof["weight_kg"] == 75
