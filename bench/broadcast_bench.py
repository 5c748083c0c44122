"""Mass delivery: N users due at the same minute against a fake Bot API that enforces 30 messages/s (429 beyond),
and the dispatcher's due-user query time at 100,000 users on SQLite and PostgreSQL.

Goals: sustained rate >= 95 % of the limit, 0 429s, 0 duplicates, 0 misses.
    .venv/bin/python bench/broadcast_bench.py [--users 10000] [--query-users 100000] [--pg URL]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _common import ms

from cryptography.fernet import Fernet
from sqlalchemy import insert, text

from bot.telegram.application import make_bot
from bot.scheduler import dispatch_once
from bot.telegram.sender import RateLimitedSender
from coach.services import delivery
from bot.settings import load_settings
from bot.wiring import build
from coach.dialogue import Coach
from coach.domain.profile import validate_profile
from coach.planning import make_plan
from storage.db import make_engine, migrate, session_scope
from storage.models import Plan, ProfileVersion, User
from tests.fakes.telegram_api import FakeTelegram


def seed(engine, n: int, *, with_plans: bool, chat_base: int = 100_000) -> None:
    """Insert n consented users (UTC, reminder 00:00) fast; with plans they are all due for a workout today."""
    today = datetime.now(timezone.utc).date()
    prof = validate_profile({"age": 35, "height_cm": 175, "weight_kg": 75, "goal": "general_health",
                             "days_per_week": 3, "minutes_per_session": 30, "resting_hr": 64})
    plan = make_plan(prof) if with_plans else None
    now = datetime.now(timezone.utc)
    zones = ["UTC", "Europe/London", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Tokyo"]
    with session_scope(engine) as s:
        for start in range(0, n, 2000):
            rows = [{"external_id": f"tg:{chat_base + i}", "channel": "telegram", "chat_id": chat_base + i,
                     "pseudonym": "u_" + secrets.token_hex(8), "language": "en",
                     "timezone": "UTC" if with_plans else zones[i % len(zones)], "role": "user",
                     "consent_version": "bench", "consent_at": now, "reminder_time": "00:00" if with_plans else
                     f"{(i % 24):02d}:{(i * 7) % 60:02d}", "checkin_days": [], "reminders_paused": False,
                     "active": True, "created_at": now} for i in range(start, min(n, start + 2000))]
            s.execute(insert(User), rows)
        if with_plans:
            ids = [i for (i,) in s.execute(text("select id from users order by id"))]
            s.execute(insert(ProfileVersion), [{"user_id": u, "version": 1, "data": {"complete": True,
                                         "profile": prof.to_json()}, "reason": "bench", "created_at": now} for u in ids])
            s.execute(insert(Plan), [{"user_id": u, "version": 1, "data": plan, "reason": "bench", "active": True,
                                      "start_date": today, "created_at": now} for u in ids])


async def broadcast(users: int) -> None:
    fake = FakeTelegram(rate_limit_per_s=30)
    await fake.start()
    with tempfile.TemporaryDirectory() as d:
        settings = load_settings(fitcoach_data_dir=Path(d), fitcoach_encryption_key=Fernet.generate_key().decode(),
                                 telegram_bot_token=fake.token, telegram_api_base_url=fake.root_url)
        container = build(settings)
        t = time.perf_counter()
        seed(container.engine, users, with_plans=True)
        print(f"seeded {users} users with plans in {time.perf_counter() - t:.1f} s")
        coach = Coach(container)
        bot = make_bot(settings)
        await bot.initialize()
        sender = RateLimitedSender(bot, per_second=29.0)
        t0 = time.perf_counter()
        counts = await dispatch_once(coach, sender, concurrency=6)
        elapsed = time.perf_counter() - t0
        await bot.shutdown()
        container.engine.dispose()
    sends = fake.per_chat_counts
    dupes = sum(1 for v in sends.values() if v > 1)
    misses = users - len(sends)
    rate = sum(sends.values()) / elapsed
    print(f"{users} due users: {sum(sends.values())} messages in {elapsed:.1f} s = {rate:.2f} msg/s "
          f"({rate / 30 * 100:.1f} % of the 30/s limit); 429 answers: {fake.rejected_429}; duplicates: {dupes}; "
          f"misses: {misses}; dispatcher counts: {dict(counts)}")
    await fake.stop()


def due_query(url: str, n: int, label: str) -> None:
    from storage import crypto

    crypto.configure(Fernet.generate_key().decode())
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as c:
            c.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    migrate(engine)
    t = time.perf_counter()
    seed(engine, n, with_plans=False)
    seeded = time.perf_counter() - t
    with session_scope(engine) as s:
        s.execute(text("ANALYZE"))
    times, due_n = [], 0
    for hour in (0, 6, 12, 18, 23):
        now = datetime.now(timezone.utc).replace(hour=hour, minute=30)
        with session_scope(engine) as s:
            t = time.perf_counter()
            due_n = len(delivery.due(s, now))
            times.append(time.perf_counter() - t)
    times.sort()
    print(f"due-user query at {n} users on {label}: median {ms(times[len(times) // 2])}, max {ms(times[-1])} "
          f"(last run found {due_n} due; seeding took {seeded:.1f} s)")
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=10_000)
    ap.add_argument("--query-users", type=int, default=100_000)
    ap.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--skip-broadcast", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        due_query(f"sqlite:///{d}/q.db", args.query_users, "SQLite")
    try:
        due_query(args.pg, args.query_users, "PostgreSQL")
    except Exception as exc:  # noqa: BLE001
        print(f"PostgreSQL not available ({type(exc).__name__}); skipped")
    if not args.skip_broadcast:
        asyncio.run(broadcast(args.users))


if __name__ == "__main__":
    main()
