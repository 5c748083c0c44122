"""Scheduled delivery without a bot: who is due, claim and build once, skip what has nothing to send, finish."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.dialogue import Coach
from coach.services import delivery
from coach.services.clock import local_today, utcnow
from coach.services.delivery import Due
from storage.repos import deliveries, users
from tests.factories import make_user


@pytest.fixture
def now() -> datetime:
    # claims are stamped with the real clock, so the dispatcher's "now" must be the real one too
    return utcnow()


@pytest.fixture
def coach(container, now):
    return Coach(container, clock=lambda: now)


def _user(container, key: str, now: datetime, *, tz: str = "UTC", **kw) -> tuple[int, date]:
    """An onboarded user whose reminder time has passed, whose plan starts today (a training day) and who checks in
    every day unless `checkin_days` says otherwise."""
    today = now.astimezone(ZoneInfo(tz)).date()
    kw.setdefault("checkin_days", list(range(7)))
    return make_user(container, key, tz=tz, reminder="00:00", start=today, **kw), today


def test_due_lists_both_kinds_per_user_on_their_local_date(container, now):
    a, a_day = _user(container, "tg:1", now, chat_id=1)
    b, b_day = _user(container, "tg:2", now, tz="Pacific/Kiritimati", chat_id=2)  # UTC+14: often another date
    paused, _ = _user(container, "tg:3", now, chat_id=3)
    with container.session() as s:
        users.update_user(s, users.get_user(s, paused), reminders_paused=True)
    with container.session() as s:
        assert _daily(delivery.due(s, now)) == [Due(a, "workout", a_day), Due(a, "checkin", a_day),
                                                Due(b, "workout", b_day), Due(b, "checkin", b_day)]
        assert _daily(delivery.due(s, now, user_ids=[b])) == [Due(b, "workout", b_day), Due(b, "checkin", b_day)]


def _daily(items: list[Due]) -> list[Due]:
    """Without the weekly summary (due on Mondays for someone who checks in every day)."""
    return [d for d in items if d.kind != "summary"]


def test_no_checkin_is_due_on_a_day_without_one(container, now):
    day = now.date()
    other = [(day.weekday() + 1) % 7]
    uid, _ = _user(container, "tg:1", now, chat_id=1, checkin_days=other)
    with container.session() as s:
        assert delivery.due(s, now) == [Due(uid, "workout", day)]  # nothing to queue, take and skip


def test_a_workout_is_built_once_and_finished_as_sent(container, coach, now):
    uid, day = _user(container, "tg:1", now, chat_id=42)
    did, chat_id, reply = delivery.claim_and_build(coach, Due(uid, "workout", day), "w1")
    assert chat_id == 42 and "Today (week 1, day 1)" in reply.text and reply.buttons
    assert delivery.claim_and_build(coach, Due(uid, "workout", day), "w2") == (None, None, None)
    with container.session() as s:
        assert _daily(delivery.due(s, now)) == [Due(uid, "checkin", day)]  # claimed by a live worker
    delivery.finish(coach, did, "sent", user_id=uid)
    with container.session() as s:
        (row,) = deliveries.deliveries(s, user_id=uid)
        assert row.status == "sent" and row.sent_at is not None
        assert _daily(delivery.due(s, now)) == [Due(uid, "checkin", day)]


def test_a_checkin_opens_the_checkin_flow_on_its_day_and_is_skipped_on_others(container, coach, now):
    on_day, day = _user(container, "tg:1", now, chat_id=1, checkin_days=[now.date().weekday()])
    off_day, _ = _user(container, "tg:2", now, chat_id=2, checkin_days=[])
    did, chat_id, reply = delivery.claim_and_build(coach, Due(on_day, "checkin", day), "w")
    assert chat_id == 1 and reply.text.startswith("Check-in!") and reply.buttons
    skipped = delivery.claim_and_build(coach, Due(off_day, "checkin", day), "w")
    assert skipped[0] is not None and skipped[1:] == (None, None)
    with container.session() as s:
        state = users.get_dialogue(s, on_day)
        assert (state.flow, state.step) == ("checkin", "weight")
        assert users.get_dialogue(s, off_day).flow == "idle"
        assert deliveries.deliveries(s, user_id=off_day)[0].status == "skipped"
        assert deliveries.deliveries(s, user_id=on_day)[0].status == "claimed"


def test_a_user_without_a_profile_is_skipped(container, coach, now):
    with container.session() as s:
        user, _ = users.get_or_create_user(s, "tg:9", channel="telegram", chat_id=9)
        users.update_user(s, user, consent_at=now, reminder_time="00:00", checkin_days=list(range(7)))
        uid, day = user.id, local_today(user, now)
    with container.session() as s:
        assert _daily(delivery.due(s, now)) == [Due(uid, "workout", day), Due(uid, "checkin", day)]
    did, chat_id, reply = delivery.claim_and_build(coach, Due(uid, "workout", day), "w")
    assert did is not None and (chat_id, reply) == (None, None)
    with container.session() as s:
        assert _daily(delivery.due(s, now)) == [Due(uid, "checkin", day)]  # skipped is final for the day


def test_a_terminal_user_is_sent_to_chat_zero(container, coach, now):
    uid, day = _user(container, "cli:me", now)
    with container.session() as s:
        users.update_user(s, users.get_user(s, uid), channel="cli")
    assert delivery.claim_and_build(coach, Due(uid, "workout", day), "w")[1] == 0


def test_a_blocked_user_is_marked_inactive_and_no_longer_due(container, coach, now):
    uid, day = _user(container, "tg:1", now, chat_id=1)
    did, _chat, _reply = delivery.claim_and_build(coach, Due(uid, "workout", day), "w")
    delivery.finish(coach, did, "blocked", user_id=uid)
    with container.session() as s:
        assert deliveries.deliveries(s, user_id=uid)[0].status == "failed"
        assert users.get_user(s, uid).active is False
        assert delivery.due(s, now) == []


def test_a_dead_workers_claim_is_taken_over_after_the_lease(container, coach, now, monkeypatch):
    uid, day = _user(container, "tg:1", now, chat_id=1)
    assert delivery.claim_and_build(coach, Due(uid, "workout", day), "dead")[0] is not None
    monkeypatch.setattr(delivery, "_lease", timedelta(seconds=-60))  # every claim is now older than the lease
    with container.session() as s:
        assert Due(uid, "workout", day) in delivery.due(s, now)
    did, chat_id, reply = delivery.claim_and_build(coach, Due(uid, "workout", day), "w2")
    assert did is not None and chat_id == 1 and reply is not None
    with container.session() as s:
        row = deliveries.deliveries(s, user_id=uid)[0]
        assert (row.claimed_by, row.attempts) == ("w2", 2)
