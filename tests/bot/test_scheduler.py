"""Scheduled delivery: local times, rest days, claims across restarts and processes, and the sender's retries."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.scheduler import dispatch_once
from bot.telegram.sender import RateLimitedSender
from coach.dialogue import Coach
from coach.events import Reply
from storage import repos
from tests.factories import make_user
from tests.fakes.telegram_api import FakeTelegram

MONDAY = date(2026, 3, 2)


@pytest.fixture
async def fake():
    f = FakeTelegram()
    await f.start()
    yield f
    await f.stop()


def bot_for(fake: FakeTelegram, read_timeout: float = 5.0) -> Bot:
    return Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url,
               request=HTTPXRequest(read_timeout=read_timeout, connection_pool_size=8))


def utc(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=timezone.utc)


async def test_users_in_three_timezones_get_messages_at_local_time_and_never_on_rest_days(container, fake):
    # a 3-day plan starting on Monday: training on days 1, 3, 5 (Mon, Wed, Fri); Tuesday is a rest day
    zones = {"Asia/Shanghai": 11, "Europe/London": 12, "America/New_York": 13}
    for tz, chat in zones.items():
        make_user(container, f"tg:{chat}", tz=tz, reminder="07:30", start=MONDAY, chat_id=chat)
    coach_now = {"now": utc(2026, 3, 1, 22, 0)}
    coach = Coach(container, clock=lambda: coach_now["now"])
    bot = bot_for(fake)
    await bot.initialize()
    sender = RateLimitedSender(bot, per_second=200)

    async def tick(now):
        coach_now["now"] = now
        return await dispatch_once(coach, sender, now=now)

    await tick(utc(2026, 3, 1, 23, 29))  # 07:29 Monday in Shanghai: nobody yet
    assert fake.sent() == []
    await tick(utc(2026, 3, 1, 23, 30))  # 07:30 Shanghai
    assert [m["chat"]["id"] for m in fake.sent()] == [11]
    await tick(utc(2026, 3, 2, 7, 29))  # 07:29 London
    assert len(fake.sent()) == 1
    await tick(utc(2026, 3, 2, 7, 31))  # London due (one minute late is fine)
    await tick(utc(2026, 3, 2, 12, 30))  # 07:30 New York
    assert [m["chat"]["id"] for m in fake.sent()] == [11, 12, 13]
    assert all("Today (week 1, day 1)" in m["text"] for m in fake.sent())
    # repeated ticks the same day send nothing more
    await tick(utc(2026, 3, 2, 13, 0))
    assert len(fake.sent()) == 3
    # Tuesday is a rest day everywhere: no workout message
    for h in (0, 8, 13, 20):
        await tick(utc(2026, 3, 3, h, 0))
    assert len(fake.sent()) == 3
    # Wednesday: everyone again, once
    for h in (0, 8, 13, 20):
        await tick(utc(2026, 3, 4, h, 0))
    assert sorted(m["chat"]["id"] for m in fake.sent()[3:]) == [11, 12, 13]
    assert all("day 3" in m["text"] for m in fake.sent()[3:])
    with container.session() as s:
        rest = [d for d in repos.deliveries.deliveries(s) if d.local_date == date(2026, 3, 3)]
        assert rest and {d.status for d in rest} == {"skipped"}
    await bot.shutdown()


async def test_checkins_come_on_chosen_days_and_paused_users_get_nothing(container, fake):
    make_user(container, "tg:21", tz="UTC", reminder="08:00", start=MONDAY, chat_id=21, checkin_days=[1])  # Tuesdays
    uid = make_user(container, "tg:22", tz="UTC", reminder="08:00", start=MONDAY, chat_id=22, checkin_days=[1])
    with container.session() as s:
        repos.users.update_user(s, repos.users.get_user(s, uid), reminders_paused=True)
    now = {"now": utc(2026, 3, 3, 8, 5)}
    coach = Coach(container, clock=lambda: now["now"])
    bot = bot_for(fake)
    await bot.initialize()
    await dispatch_once(coach, RateLimitedSender(bot, per_second=200), now=now["now"])
    sent = fake.sent()
    assert [m["chat"]["id"] for m in sent] == [21] and "Check-in" in sent[0]["text"]
    await bot.shutdown()


async def test_sender_honours_retry_after_retries_5xx_and_classifies_timeouts_400_and_403(fake):
    bot = bot_for(fake, read_timeout=0.5)
    await bot.initialize()
    sender = RateLimitedSender(bot, per_second=100, base_backoff=0.05)
    fake.fail_next("sendMessage", status=429, retry_after=1)
    t0 = time.monotonic()
    res = await sender.send(31, Reply("hello"))
    assert res.status == "sent" and res.attempts == 2 and time.monotonic() - t0 >= 1.0
    fake.fail_next("sendMessage", status=500, count=2)
    res = await sender.send(32, Reply("hello"))
    assert res.status == "sent" and res.attempts == 3
    fake.fail_next("sendMessage", status=502)
    assert (await sender.send(33, Reply("x"))).status == "sent"
    fake.delay_next("sendMessage", 2.0)  # the request went out and no answer came: maybe delivered, not resent
    calls = len(fake.calls_of("sendMessage"))
    res = await sender.send(34, Reply("slow"))
    assert res.status == "maybe" and res.attempts == 1 and len(fake.calls_of("sendMessage")) == calls + 1
    fake.fail_next("sendMessage", status=403, description="Forbidden: bot was blocked by the user")
    res = await sender.send(35, Reply("blocked"))
    assert res.status == "blocked" and res.attempts == 1
    fake.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    res = await sender.send(37, Reply("nowhere"))  # BadRequest is a NetworkError in PTB: classified first
    assert res.status == "failed" and res.attempts == 1
    fake.fail_next("sendMessage", status=500, count=10)
    res = await RateLimitedSender(bot, per_second=100, base_backoff=0.01, max_attempts=3).send(36, Reply("x"))
    assert res.status == "retry" and res.attempts == 3  # a later dispatcher pass tries again
    await bot.shutdown()


async def test_blocked_user_is_marked_inactive_and_the_batch_goes_on(container, fake):
    for chat in (41, 42, 43):
        make_user(container, f"tg:{chat}", start=MONDAY, chat_id=chat, reminder="06:00")
    fake.fail_next("sendMessage", status=403, description="Forbidden: bot was blocked by the user", chat_id=42)
    now = utc(2026, 3, 2, 9, 0)
    coach = Coach(container, clock=lambda: now)
    bot = bot_for(fake)
    await bot.initialize()
    counts = await dispatch_once(coach, RateLimitedSender(bot, per_second=200), now=now)
    assert counts["sent"] == 2 and counts["blocked"] == 1
    assert sorted(m["chat"]["id"] for m in fake.sent()) == [41, 43]
    with container.session() as s:
        assert repos.users.find_user(s, "tg:42").active is False
        assert repos.users.find_user(s, "tg:41").active is True
    # inactive users are not due any more
    counts = await dispatch_once(coach, RateLimitedSender(bot, per_second=200), now=now + timedelta(days=2))
    assert all(m["chat"]["id"] != 42 for m in fake.sent())
    await bot.shutdown()


def _dispatch_env(settings, fake, extra_env=None) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": settings.db_url, "FITCOACH_DATA_DIR": str(settings.data_dir),
            "FITCOACH_ENCRYPTION_KEY": settings.fitcoach_encryption_key, "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.root_url, "FITCOACH_DELIVERY_LEASE_S": "1", "FITCOACH_SEND_RATE": "400",
            "FITCOACH_SEND_WORKERS": "8", "LOG_LEVEL": "WARNING", **(extra_env or {})}


def _dispatch_proc(settings, fake, extra_env=None):
    return subprocess.Popen([str(Path(sys.executable).parent / "fitcoach"), "dispatch", "--once"],
                            env=_dispatch_env(settings, fake, extra_env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


# `fitcoach dispatch --once` (bot.cli.main, as the console script calls it) with the command's imports done first:
# the process imports its modules (seconds of CPU on a loaded machine) and then waits for a line on stdin before
# main() reads a setting or opens the database. Tests that start many dispatchers in turn warm the next one while
# they wait for something else (a lease to run out); what the process does after `go` is the command itself.
_WARM = ("import sys\n"
         "import bot.cli.dispatch  # noqa: F401 - the imports `fitcoach dispatch` needs, before the go\n"
         "if sys.stdin.readline() != 'go\\n':\n"
         "    sys.exit(3)  # the test ended without starting this one\n"
         "from bot.cli import main\n"
         "sys.exit(main(['dispatch', '--once']))\n")


def _warm_dispatch_proc(settings, fake, extra_env=None):
    """A dispatcher process importing its modules now; go() starts its one pass (`fitcoach dispatch --once`)."""
    return subprocess.Popen([sys.executable, "-c", _WARM], env=_dispatch_env(settings, fake, extra_env),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def go(proc) -> None:
    """Start a warm dispatcher's pass (see _WARM)."""
    proc.stdin.write(b"go\n")
    proc.stdin.close()


async def _wait_exit(proc, timeout=300):
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            raise TimeoutError("dispatcher did not finish")
        await asyncio.sleep(0.2)
    return proc.returncode


@pytest.mark.slow
async def test_sigkill_mid_dispatch_then_restart_sends_exactly_one_message_each(container, settings, fake):
    today = datetime.now(timezone.utc).date()
    n = 1000
    for i in range(n):
        make_user(container, f"tg:{5000 + i}", tz="UTC", reminder="00:00", start=today, chat_id=5000 + i)
    proc = _dispatch_proc(settings, fake)
    try:
        deadline = time.monotonic() + 240
        while len(fake.sent()) < 300:  # let it get well into the batch
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        fake.hold("sendMessage")  # requests from now on wait unprocessed, as in-flight ones would
        await asyncio.sleep(0.5)  # answers already on their way complete
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    fake.release(drop=True)  # what was parked when the process died is lost with it
    delivered_before = len(fake.sent())
    assert 300 <= delivered_before < n
    await asyncio.sleep(1.5)  # the dead worker's claims expire (lease 1 s in this test)
    proc2 = _dispatch_proc(settings, fake)
    assert await _wait_exit(proc2) == 0, proc2.stderr.read().decode()[-2000:]
    counts = fake.per_chat_counts
    assert sorted(counts) == list(range(5000, 5000 + n))
    assert set(counts.values()) == {1}, {c: k for c, k in counts.items() if k != 1}


@pytest.mark.slow
async def test_two_processes_at_once_never_send_twice(container, settings, fake):
    today = datetime.now(timezone.utc).date()
    for i in range(120):
        make_user(container, f"tg:{7000 + i}", tz="UTC", reminder="00:00", start=today, chat_id=7000 + i)
    procs = [_dispatch_proc(settings, fake, {"FITCOACH_DELIVERY_LEASE_S": "120"}) for _ in range(2)]
    for p in procs:
        assert await _wait_exit(p) == 0, p.stderr.read().decode()[-2000:]
    assert sorted(fake.per_chat_counts) == list(range(7000, 7120))
    assert set(fake.per_chat_counts.values()) == {1}
