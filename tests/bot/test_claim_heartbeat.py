"""A live sender keeps its claims: a send that outlasts the lease (a 429's wait here) is not taken over by another
sender, so nothing is sent twice; only a dead process's claims run out (tests/bot/test_delivery_faults.py, kill -9)."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.scheduler import dispatch_once
from coach.services import delivery
from storage import repos
from tests.bot.test_delivery_faults import _users, rig, tally  # noqa: F401 - fixture
from tests.bot.test_scheduler import fake  # noqa: F401 - fixture


async def test_a_send_that_outlasts_the_lease_is_not_sent_again_by_another_sender(container, fake, rig, monkeypatch):
    monkeypatch.setattr(delivery, "_lease", timedelta(seconds=0.3))
    coach, sender = rig
    chats = [9700 + i for i in range(3)]
    uids = _users(container, 9700, 3)
    fake.fail_next("sendMessage", status=429, retry_after=1)  # the first send waits a second inside the sender
    first = asyncio.create_task(dispatch_once(coach, sender, now=datetime.now(timezone.utc), concurrency=1))
    await asyncio.sleep(0.7)  # the first claim is now more than twice the lease old, had it not been renewed
    await dispatch_once(coach, sender, now=datetime.now(timezone.utc), concurrency=2)  # a second sender
    await first
    assert tally(fake, chats, "a send longer than the lease, two senders") == (0, 0)
    with container.session() as s:
        rows = [repos.deliveries.deliveries(s, user_id=u, kind="workout")[0] for u in uids]
    assert {r.status for r in rows} == {"sent"} and max(r.attempts for r in rows) == 1


def test_renewing_touches_only_this_workers_open_claims(container):
    uids = _users(container, 9750, 3)
    today = datetime.now(timezone.utc).date()
    with container.session() as s:
        repos.deliveries.enqueue(s, [(u, "workout", today) for u in uids])
        a = repos.deliveries.take(s, worker="A")
        b = repos.deliveries.take(s, worker="B")
        c = repos.deliveries.take(s, worker="A")
        repos.deliveries.finish_delivery(s, c.id, "sent")
        assert repos.deliveries.renew_claims(s, "A", [a.id, b.id, c.id]) == 1  # b is B's, c is finished
        assert repos.deliveries.renew_claims(s, "A", []) == 0


def test_a_message_that_cannot_be_built_keeps_its_claim(container, rig, monkeypatch):
    """On PostgreSQL the claim and the build are one transaction; a build that fails must not roll the claim back
    (every sender would take the row again at once, in a loop): the claim stays, counted, and runs out later."""
    coach, _sender = rig
    uids = _users(container, 9780, 1)
    today = datetime.now(timezone.utc).date()
    with container.session() as s:
        repos.deliveries.enqueue(s, [(uids[0], "workout", today)])

    def broken(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("cannot build")

    monkeypatch.setattr(delivery, "build", broken)
    heard: list[int] = []
    try:
        delivery.take_and_build(coach, "W", on_take=heard.append)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the build's error should reach the sender (it is logged and counted there)")
    assert delivery.take_and_build(coach, "W2") is None  # the claim is live: nobody takes the row again now
    with container.session() as s:
        row = repos.deliveries.deliveries(s, user_id=uids[0], kind="workout")[0]
    assert (row.status, row.claimed_by, row.attempts) == ("claimed", "W", 1)
