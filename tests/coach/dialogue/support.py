"""Shared helpers for the dialogue tests: a movable clock, a coach, typed turns and quick reads of storage."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos

START = date(2026, 3, 2)  # a Monday: day 1 of the plan
GYM_PROFILE = {"goal": "muscle_gain", "equipment": ["dumbbells", "bench"], "days_per_week": 3,
               "minutes_per_session": 45, "experience": "intermediate", "currently_active": True}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def day(self, n: int, hour: int = 18) -> None:
        """Move to plan day n (1 = START)."""
        d = START + timedelta(days=n - 1)
        self.now = datetime(d.year, d.month, d.day, hour, tzinfo=timezone.utc)


def say(coach: Coach, key: str, text: str | None = None, callback: str | None = None) -> str:
    replies = coach.handle(Incoming(user_key=key, chat_id=int(key.split(":")[1]), text=text, callback=callback))
    return "\n".join(r.text for r in replies)


def replies(coach: Coach, key: str, text: str | None = None, callback: str | None = None) -> list:
    return coach.handle(Incoming(user_key=key, chat_id=int(key.split(":")[1]), text=text, callback=callback))


def call(coach: Coach, key: str, fn, *args, **kw) -> list:
    """Run a dialogue function (as the free-text router would) in a turn of its own."""
    with coach.c.session() as s:
        user = repos.users.find_user(s, key)
        return fn(coach.turn(s, user), *args, **kw)


def text_of(out: list) -> str:
    return "\n".join(r.text for r in out)


def buttons_of(out: list) -> list[str]:
    return [b.data for r in out for row in (r.buttons or []) for b in row]
