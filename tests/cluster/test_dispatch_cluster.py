"""Two `fitcoach dispatch` processes on one PostgreSQL database and one Redis, 10,000 people due in the same minute,
a fake Bot API that answers 429 above Telegram's 30 messages/s: one process queues (the elected scheduler), both
send from the queue, their combined rate stays under the limit and near it, and stopping one mid-run (SIGTERM, as
`kill` and every orchestrator do) loses and doubles nothing. The rate and 429 figures are printed: issue #16's goal
(0 x 429, >= 95 % of 30/s): 0 x 429 is asserted; the rate only loosely (it needs CPU a loaded machine lacks)."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from storage import crypto
from storage.db import make_engine, migrate
from tests.cluster.pg import fresh_database
from tests.cluster.seed import TimedFake, seed

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]

USERS = int(os.environ.get("FITCOACH_TEST_DISPATCH_USERS", "10000"))  # fewer: a quicker experiment
REDIS_URL = "redis://127.0.0.1:6379/12"  # a Redis database of this test's own: its limiter keys are its own


def _dispatcher(tmp: Path, n: int, url: str, key: str, fake: TimedFake) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "OPENAI_"))}
    env.update(DATABASE_URL=url, FITCOACH_ENCRYPTION_KEY=key, TELEGRAM_BOT_TOKEN=fake.token,
               TELEGRAM_API_BASE_URL=fake.root_url, REDIS_URL=REDIS_URL, FITCOACH_DATA_DIR=str(tmp / f"d{n}"),
               FITCOACH_OPS_PORT="0", FITCOACH_SEND_WORKERS=os.environ.get("FITCOACH_TEST_DISPATCH_WORKERS", "6"), LOG_LEVEL="WARNING")
    log = (tmp / f"dispatch{n}.log").open("ab")
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "dispatch"], env=env, cwd=tmp, stdout=log,
                            stderr=subprocess.STDOUT)


def _senders(url: str) -> dict[str, int]:
    eng = make_engine(url)
    with eng.connect() as conn:
        rows = conn.execute(text("SELECT claimed_by, count(*) FROM deliveries WHERE status = 'sent' "
                                 "GROUP BY claimed_by")).all()
    eng.dispose()
    return {worker: n for worker, n in rows}


async def test_ten_thousand_due_two_dispatchers_one_stopped_mid_run(tmp_path):
    url, key = fresh_database("fitcoach_test_dispatch"), Fernet.generate_key().decode()
    crypto.configure(key)
    engine = make_engine(url)
    migrate(engine)
    seed(engine, USERS, with_plans=True)
    engine.dispose()
    subprocess.run(["redis-cli", "-n", "12", "flushdb"], check=False, capture_output=True)
    fake = TimedFake(rate_limit_per_s=30)
    await fake.start()
    procs = [_dispatcher(tmp_path, n, url, key, fake) for n in range(2)]
    try:
        deadline = time.monotonic() + USERS / 25 + 120
        while len(fake.accepted) < USERS // 3:
            assert all(p.poll() is None for p in procs), (tmp_path / "dispatch0.log").read_text()[-3000:]
            assert time.monotonic() < deadline, f"only {len(fake.accepted)} sent"
            await asyncio.sleep(0.2)
        both, stopped_at = _senders(url), time.monotonic()
        cpu = [psutil.Process(p.pid).cpu_times() for p in procs]
        procs[1].send_signal(signal.SIGTERM)  # mid-run: it finishes its sends under way and leaves the rest queued
        assert await asyncio.to_thread(procs[1].wait, 30) == 0, (tmp_path / "dispatch1.log").read_text()[-3000:]
        while sum(fake.per_chat_counts.values()) < USERS and time.monotonic() < deadline:
            assert procs[0].poll() is None, (tmp_path / "dispatch0.log").read_text()[-3000:]
            await asyncio.sleep(0.5)
        cpu[0] = psutil.Process(procs[0].pid).cpu_times()
        await asyncio.sleep(2)  # anything sent twice would arrive now
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    await asyncio.to_thread(p.wait, 30)
                except subprocess.TimeoutExpired:
                    p.kill()
        await fake.stop()
    sends, times = fake.per_chat_counts, sorted(fake.accepted)
    by_first = sum(n for worker, n in _senders(url).items() if f":{procs[0].pid}:" in worker)
    rate = (len(times) - 1) / (times[-1] - times[0])
    before = [t for t in times if t <= stopped_at]
    two = (len(before) - 1) / (before[-1] - before[0])  # both dispatchers sending
    busiest = max(sum(1 for t in times[i:i + 40] if t - times[i] < 1.0) for i in range(len(times)))
    cpu_ms = (cpu[0].user + cpu[0].system) * 1000 / max(1, by_first)
    print(f"[dispatch cluster] {USERS} due, 2 dispatchers (one stopped mid-run): {len(times)} accepted in "
          f"{times[-1] - times[0]:.1f} s = {rate:.2f}/s ({rate / 30:.1%} of 30/s; {two:.2f}/s while both sent); most in any 1 s: {busiest}; "
          f"429s {fake.rejected_429}; sent by process before the stop: {sorted(both.values())}; CPU ms per message "
          f"(user+system, the process that ran to the end): {cpu_ms:.1f}")
    assert len(both) == 2 and min(both.values()) > 0, both  # both processes sent from the one queue
    assert sorted(sends) == list(range(100_000, 100_000 + USERS))  # 0 misses
    assert set(sends.values()) == {1}, {c: k for c, k in sends.items() if k != 1}  # 0 duplicates
    # 0 x 429 by construction: the limiter counts each send from its slot until a second after its answer
    # (bot.arrivals), so no delay between slot and arrival can put 31 into one of the fake's seconds.
    # The goal of >= 95 % of 30/s is met on a quiet machine (see the README's figures); under other load the
    # dispatchers are short of CPU (~20 ms a message each), so this bound only catches a stall or a broken limiter
    assert fake.rejected_429 == 0
    assert rate >= 0.8 * 30
