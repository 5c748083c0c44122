"""An open-ended /pause leaves its days known: progress charts plan no sessions for them, while it runs and after
/resume (a dated pause did this already; a plain /pause only set a flag, so its weeks still showed planned bars)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from coach.services.progress import paused_days
from storage import repos
from tests.factories import make_user

START = date(2026, 2, 2)  # a Monday


def _coach_at(container, clock: list[datetime]) -> Coach:
    return Coach(container, clock=lambda: clock[0])


def _say(coach: Coach, text: str) -> str:
    return "\n".join(r.text for r in coach.handle(Incoming(user_key="tg:611", chat_id=611, text=text)))


def _paused(container, today: date) -> set[date]:
    with container.session() as s:
        return paused_days(s, repos.users.find_user(s, "tg:611"), today)


def test_an_open_ended_pause_plans_nothing_while_it_runs_and_after_resume(container):
    make_user(container, "tg:611", start=START, chat_id=611)
    clock = [datetime(2026, 2, 10, 9, 0, tzinfo=timezone.utc)]
    coach = _coach_at(container, clock)
    assert "paused" in _say(coach, "/pause")
    clock[0] += timedelta(days=5)  # Sunday 15 Feb: still paused
    running = _paused(container, date(2026, 2, 15))
    assert {date(2026, 2, 10) + timedelta(days=i) for i in range(6)} <= running
    clock[0] += timedelta(days=3)  # Wednesday 18 Feb
    assert "on again" in _say(coach, "/resume")
    after = _paused(container, date(2026, 2, 18))
    assert after == {date(2026, 2, 10) + timedelta(days=i) for i in range(8)}  # 10 to 17 Feb; today is not paused
    with container.session() as s:
        uid = repos.users.find_user(s, "tg:611").id
        today_rows = [d for d in repos.deliveries.deliveries(s, user_id=uid) if d.local_date == date(2026, 2, 18)]
    assert all(d.kind == "pause" or d.status != "skipped" for d in today_rows)  # today's workout can still be sent


def test_pausing_twice_keeps_the_first_day(container):
    make_user(container, "tg:611", start=START, chat_id=611)
    clock = [datetime(2026, 2, 10, 9, 0, tzinfo=timezone.utc)]
    coach = _coach_at(container, clock)
    _say(coach, "/pause")
    clock[0] += timedelta(days=2)
    _say(coach, "/pause")  # already paused: the pause still began on the 10th
    assert date(2026, 2, 10) in _paused(container, date(2026, 2, 12))
