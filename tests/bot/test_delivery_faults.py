"""Scheduled delivery against a faulty Bot API: duplicates and misses are counted (and printed) per fault.

The promise: no misses; no duplicates, except in the one window no Bot API client can close: a process killed
after Telegram accepted a message and before the claim was marked sent (the message goes again after the lease).
A request that went out without an answer (read timeout) is "maybe delivered": recorded, never sent again.
"""
from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from bot.scheduler import dispatch_once
from bot.telegram.sender import RateLimitedSender
from coach.dialogue import Coach
from coach.services import delivery
from storage import repos
from tests.bot.test_scheduler import _wait_exit, _warm_dispatch_proc, bot_for, fake, go  # noqa: F401 - fixture
from tests.factories import make_user

USERS = 6
LEASE = {"FITCOACH_DELIVERY_LEASE_S": "5"}


def _users(container, base: int, n: int = USERS) -> list[int]:
    today = datetime.now(timezone.utc).date()
    return [make_user(container, f"tg:{base + i}", tz="UTC", reminder="00:00", start=today, chat_id=base + i)
            for i in range(n)]


def tally(fake, chats: list[int], label: str) -> tuple[int, int]:
    """(duplicates, misses) over the workout messages of these chats; printed for the report."""
    counts = Counter(m["chat"]["id"] for m in fake.sent() if m["chat"]["id"] in chats)
    dup = sum(max(0, counts[c] - 1) for c in chats)
    miss = sum(1 for c in chats if counts[c] == 0)
    print(f"[delivery faults] {label}: users={len(chats)} duplicates={dup} misses={miss}")
    return dup, miss


async def _passes(coach, sender, n: int, gap: float = 0.0) -> Counter:
    total: Counter = Counter()
    for _ in range(n):
        total.update(await dispatch_once(coach, sender, now=datetime.now(timezone.utc)))
        await asyncio.sleep(gap)
    return total


@pytest.fixture
async def rig(container, fake):
    bot = bot_for(fake, read_timeout=0.4)
    await bot.initialize()
    yield Coach(container), RateLimitedSender(bot, per_second=200, base_backoff=0.02, max_attempts=3, private_interval=0.01)
    await bot.shutdown()


async def test_read_timeout_after_accept_is_maybe_delivered_and_never_sent_twice(container, fake, rig):
    coach, sender = rig
    chats = [9100 + i for i in range(USERS)]
    uids = _users(container, 9100)
    fake.answer_late("sendMessage", 1.0, count=3)  # three are accepted, then answered after the client gave up
    counts = await _passes(coach, sender, 3)
    assert counts["maybe"] == 3 and counts["sent"] == USERS - 3
    await asyncio.sleep(1.0)
    assert tally(fake, chats, "read timeout after accept") == (0, 0)
    with container.session() as s:
        statuses = Counter(repos.deliveries.deliveries(s, user_id=u, kind="workout")[0].status for u in uids)
    assert statuses == Counter(sent=USERS - 3, maybe=3)


@pytest.mark.parametrize("status, outcome", [(400, "failed"), (403, "failed")])
async def test_400_and_403_are_asked_once_and_never_retried(container, fake, rig, status, outcome):
    coach, sender = rig
    chats = [9200 + i for i in range(USERS)]
    _users(container, 9200)
    fake.fail_next("sendMessage", status=status, chat_id=chats[0])
    await _passes(coach, sender, 3)
    assert len([p for p in fake.calls_of("sendMessage") if p.get("chat_id") == chats[0]]) == 1
    assert tally(fake, chats[1:], f"{status} for one user (others)") == (0, 0)
    with container.session() as s:
        row = repos.deliveries.deliveries(s, user_id=repos.users.find_user(s, f"tg:{chats[0]}").id, kind="workout")[0]
        assert row.status == outcome and row.attempts == 1


async def test_429_waits_and_delivers_once(container, fake, rig):
    coach, sender = rig
    chats = [9300 + i for i in range(USERS)]
    _users(container, 9300)
    fake.fail_next("sendMessage", status=429, retry_after=1, count=2)
    await _passes(coach, sender, 2)
    assert tally(fake, chats, "429 retry_after=1 twice") == (0, 0)


async def test_5xx_for_a_while_is_retried_on_later_passes_the_same_day(container, fake, rig, monkeypatch):
    """A Bot API answering 500 to everything: each pass tries a few times, then the delivery waits with backoff
    (1, 2, 4 … 30 minutes in production; 1 and 2 seconds here: waits shorter than a loaded pass make one pass take the
    same row again and again) until it goes through."""
    monkeypatch.setattr(delivery, "RETRY_FIRST", timedelta(seconds=1))
    monkeypatch.setattr(delivery, "RETRY_MAX", timedelta(seconds=2))
    # with waits scaled to tenths of a second, a pass slowed by a loaded host outlasts them and takes a row again in
    # the same pass; the give-up after MAX_PASSES (about a day in production) must not end this test's minute
    monkeypatch.setattr(delivery, "MAX_PASSES", 10_000)
    coach, sender = rig
    chats = [9400 + i for i in range(USERS)]
    uids = _users(container, 9400)
    fake.fail_next("sendMessage", status=500, count=10_000)
    t0 = time.monotonic()
    counts = await _passes(coach, sender, 4, gap=1.1)
    assert counts["retry"] >= USERS and not fake.sent()
    with container.session() as s:
        assert {repos.deliveries.deliveries(s, user_id=u, kind="workout")[0].status for u in uids} == {"retry"}
    fake._failures.clear()  # the Bot API recovers
    t0 = time.monotonic()
    while time.monotonic() - t0 < 15 and len(fake.sent()) < USERS:
        await _passes(coach, sender, 1, gap=0.3)
    assert tally(fake, chats, "5xx for a while, then recovery") == (0, 0)
    with container.session() as s:
        rows = [repos.deliveries.deliveries(s, user_id=u, kind="workout")[0] for u in uids]
    assert {r.status for r in rows} == {"sent"} and min(r.attempts for r in rows) >= 2


def test_retry_backoff_grows_to_half_an_hour():
    assert [delivery.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 6, 20, 60, 10**6)] == [1, 2, 4, 30, 30,
                                                                                                 30, 30]


@pytest.mark.slow
@pytest.mark.one_pass  # issue #14 asks for 20 trials: .ci/run runs them in the SQLite pass only
async def test_kill_9_mid_send_twenty_trials(container, settings, fake):
    """20 dispatcher processes killed while sending; after each, a restart finishes the batch.

    Duplicates may only be messages Telegram accepted while their claim was still open when the process died: the
    claims open at the kill are the window (a request already on its way may reach the fake after we look). The
    lease is 5 s here (120 s in production): a cold process's first builds and sends on a loaded 2-core machine
    took over 1 s, and a live sender's claim that outlasts the lease is taken over by another worker, which is a
    duplicate outside the window (asserted: nothing is sent twice before the restart).

    Each trial's two processes are warmed (tests.bot.test_scheduler._WARM: imported, waiting to start) while the
    previous step runs and while the dead worker's lease runs out, so the 40 process starts (~18 s a trial when each
    started cold in turn) overlap the waits; each process's pass still starts only when the trial starts it.
    """
    total_dup = total_miss = total_window = 0
    lease = float(LEASE["FITCOACH_DELIVERY_LEASE_S"])
    warm = [_warm_dispatch_proc(settings, fake, LEASE)]  # started in this order: a trial's victim, then its restart
    try:
        for trial in range(20):
            warm.append(_warm_dispatch_proc(settings, fake, LEASE))  # the restart imports meanwhile
            base = 20_000 + trial * 100
            chats = [base + i for i in range(40)]
            _users(container, base, 40)
            await _kill_mid_send(warm.pop(0), fake, chats, 5 + trial % 10)
            if trial < 19:
                warm.append(_warm_dispatch_proc(settings, fake, LEASE))  # the next victim imports during the lease
            await asyncio.sleep(0.3)  # requests the fake had fully received finish processing
            with container.session() as s:
                open_claims = {repos.users.get_user(s, d.user_id).chat_id for d in repos.deliveries.deliveries(s)
                               if d.status == "claimed"}
            delivered = Counter(m["chat"]["id"] for m in fake.sent() if m["chat"]["id"] in chats)
            window = open_claims  # sent (or on its way) while the claim was open, never marked sent
            before_restart = {c for c in chats if delivered[c] > 1}  # sent twice by the live process itself
            await asyncio.sleep(lease + 0.2)  # the dead worker's claims expire
            proc2 = warm.pop(0)
            go(proc2)
            assert await _wait_exit(proc2) == 0, proc2.stderr.read().decode()[-2000:]
            counts = Counter(m["chat"]["id"] for m in fake.sent() if m["chat"]["id"] in chats)
            dups = {c for c in chats if counts[c] > 1}
            dup, miss = tally(fake, chats, f"kill -9 trial {trial + 1}")
            assert miss == 0
            assert not before_restart and dups <= window, _why(container, dups, window, before_restart)
            total_dup += dup
            total_miss += miss
            total_window += len(window)
    finally:
        for proc in warm:  # warmed for a trial that did not come (a failure)
            proc.kill()
            proc.wait(timeout=30)
    print(f"[delivery faults] kill -9, 20 trials x 40 users: duplicates={total_dup} misses={total_miss} "
          f"(claims open at the kill: {total_window})")


async def _kill_mid_send(proc, fake, chats: list[int], after: int) -> None:
    """Start the warm victim's pass and SIGKILL it once `after` of these chats got their message."""
    go(proc)
    try:
        deadline = time.monotonic() + 120
        while sum(1 for m in fake.sent() if m["chat"]["id"] in chats) < after:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline
            await asyncio.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()


def _why(container, dups: set[int], window: set[int], before_restart: set[int]) -> str:
    """The duplicates outside the window, with their delivery rows (a claim taken over while its sender still ran
    shows attempts >= 2 and a duplicate already before the restart)."""
    with container.session() as s:
        rows = {}
        for chat in sorted(dups - window):
            user = repos.users.find_user(s, f"tg:{chat}")
            rows[chat] = [(d.status, d.attempts) for d in repos.deliveries.deliveries(s, user_id=user.id)]
    return (f"duplicates outside the kill window: {sorted(dups - window)} (window {sorted(window)}; "
            f"sent twice before the restart: {sorted(before_restart)}); rows (status, attempts): {rows}")
