"""Mass delivery: N users due at the same minute against a fake Bot API that enforces 30 messages/s (429 beyond),
and the dispatcher's due-user query time at 100,000 users on SQLite and PostgreSQL.

Goals: sustained rate >= 95 % of the limit, 0 429s, 0 duplicates, 0 misses.
    .venv/bin/python bench/broadcast_bench.py [--users 10000] [--query-users 100000] [--pg URL]

Multi-process case (--dispatchers 3 --mp-users 3000, or --mp-only): that many `fitcoach dispatch --once` processes
on one PostgreSQL database (its own, `fitcoach_bench`) share the send rate through Redis (REDIS_URL): combined
accepted rate >= 95 % of 30/s, 0 429s, 0 duplicates, 0 misses.

Group case (--groups 50 --members 40, or --groups-only): one broadcast per group through the group queue, plus a
session announcement in each group chat and a burst of --burst notices into one group chat: 0 429s, 0 duplicates,
at most 20 messages in any 60 s into one group chat.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from _common import ms

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, insert, text

from bot.scheduler import dispatch_once
from bot.telegram.sender import RateLimitedSender, make_limited_bot
from coach.services import delivery, group_delivery
from bot.settings import load_settings
from bot.wiring import build
from coach.dialogue import Coach
from storage.db import make_engine, migrate, session_scope
from sqlmodel import select

from storage.models import Group, GroupCoach, Membership, User
from storage.repos import group_queue
from tests.cluster.seed import TimedFake, seed
from tests.fakes.telegram_api import FakeTelegram


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
        bot = make_limited_bot(settings)
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


def seed_groups(container, groups: int, members: int) -> None:
    """`groups` groups of `members` consented members each, with a coach per group (bulk inserts)."""
    now = datetime.now(timezone.utc)
    n = groups * (members + 1)
    with session_scope(container.engine) as s:
        s.execute(insert(User), [{"external_id": f"tg:{500_000 + i}", "channel": "telegram", "chat_id": 500_000 + i,
                                  "pseudonym": "u_" + secrets.token_hex(8), "language": "en", "timezone": "UTC",
                                  "role": "user", "consent_version": "bench", "consent_at": now,
                                  "reminder_time": "23:59", "checkin_days": [], "reminders_paused": False,
                                  "active": True, "created_at": now} for i in range(n)])
        ids = [i for (i,) in s.execute(text("select id from users order by id"))]
        s.execute(insert(Group), [{"chat_id": -(1_000_000 + g), "title": f"Group {g}", "coach_user_id": ids[g],
                                   "join_code": secrets.token_hex(4), "timezone": "UTC", "created_at": now}
                                  for g in range(groups)])
        gids = [i for (i,) in s.execute(text("select id from groups order by id"))]
        s.execute(insert(GroupCoach), [{"group_id": gid, "user_id": ids[g], "digest_weekday": 0, "digest_time": "08:00",
                                        "verified_at": now} for g, gid in enumerate(gids)])
        rows, k = [], groups
        for gid in gids:
            for _ in range(members):
                rows.append({"group_id": gid, "user_id": ids[k], "share_progress": False, "level": "none",
                             "joined_at": now})
                k += 1
        s.execute(insert(Membership), rows)


class TimedSender:
    """The real rate-limited sender, with the moment each message went out, per chat."""

    def __init__(self, inner: RateLimitedSender) -> None:
        self.inner = inner
        self.times: dict[int, list[float]] = {}

    async def send(self, chat_id, reply):  # noqa: ANN001, ANN201
        result = await self.inner.send(chat_id, reply)
        if result.status == "sent":
            self.times.setdefault(chat_id, []).append(time.monotonic())
        return result


def max_in_window(times: list[float], window: float = 60.0) -> int:
    best, j, ts = 0, 0, sorted(times)
    for i, t0 in enumerate(ts):
        while ts[j] <= t0 - window:
            j += 1
        best = max(best, i - j + 1)
    return best


async def group_case(groups: int, members: int, burst: int) -> None:
    fake = FakeTelegram(rate_limit_per_s=30)
    await fake.start()
    with tempfile.TemporaryDirectory() as d:
        settings = load_settings(fitcoach_data_dir=Path(d), fitcoach_encryption_key=Fernet.generate_key().decode(),
                                 telegram_bot_token=fake.token, telegram_api_base_url=fake.root_url)
        container = build(settings)
        seed_groups(container, groups, members)
        t = time.perf_counter()
        with container.session() as s:
            for group in s.exec(select(Group).order_by(Group.id)):
                coach_user = s.get(User, group.coach_user_id)
                group_delivery.enqueue_broadcast(s, group, coach_user, "Sunday 9am at the gate")
                extra = burst if group.id == 1 else 1
                group_queue.enqueue(s, [{"key": f"bench:{group.id}:{i}", "kind": "notice", "group_id": group.id,
                                         "chat_id": group.chat_id, "payload": {"text": f"Notice {i}"}}
                                        for i in range(extra)])
        queued = time.perf_counter() - t
        bot = make_limited_bot(settings)
        await bot.initialize()
        sender = TimedSender(RateLimitedSender(bot, per_second=29.0))
        t0 = time.perf_counter()
        counts: Counter = Counter()
        while True:  # as the running bot does every few seconds: a full group chat's rest waits for its minute
            counts.update(await group_delivery.pump(container, sender, now=datetime.now(timezone.utc),
                                                    concurrency=6))
            with container.session() as s:
                if not group_queue.pending_count(s):
                    break
            await asyncio.sleep(2)
        elapsed = time.perf_counter() - t0
        await bot.shutdown()
        container.engine.dispose()
    private = {c: n for c, n in fake.per_chat_counts.items() if c > 0}
    group_chats = {c: n for c, n in fake.per_chat_counts.items() if c < 0}
    expected_private = groups * members + groups  # each member once, each coach one delivery report
    dupes = sum(1 for v in private.values() if v > 1)
    group_max = max((max_in_window(v) for c, v in sender.times.items() if c < 0), default=0)
    total = sum(fake.per_chat_counts.values())
    print(f"group case: {groups} groups x {members} members, queued in {queued:.1f} s; {total} messages in "
          f"{elapsed:.1f} s = {total / elapsed:.2f} msg/s; 429 answers: {fake.rejected_429}; private chats reached "
          f"{len(private)}/{expected_private}, duplicates: {dupes}; group-chat messages {sum(group_chats.values())} "
          f"(burst {burst} into one), most into one group chat in any 60 s: {group_max} (limit 20); "
          f"counts: {dict(counts)}")
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


def bench_database(pg: str) -> str:
    """A database of the bench's own beside `pg`'s (created, or emptied): tests may be using `pg` meanwhile."""
    admin = create_engine(pg.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS fitcoach_bench WITH (FORCE)"))
        c.execute(text("CREATE DATABASE fitcoach_bench"))
    admin.dispose()
    return pg.rsplit("/", 1)[0] + "/fitcoach_bench"


async def multi_process(users: int, dispatchers: int, pg: str, redis_url: str) -> None:
    """`dispatchers` processes of `fitcoach dispatch --once` against one fake Bot API, sharing Redis's limiter."""
    fake = TimedFake(rate_limit_per_s=30)
    await fake.start()
    url, key = bench_database(pg), Fernet.generate_key().decode()
    with tempfile.TemporaryDirectory() as d:
        env = {**os.environ, "DATABASE_URL": url, "FITCOACH_ENCRYPTION_KEY": key, "TELEGRAM_BOT_TOKEN": fake.token,
               "TELEGRAM_API_BASE_URL": fake.root_url, "REDIS_URL": redis_url, "FITCOACH_SEND_WORKERS": "6",
               "LOG_LEVEL": "WARNING"}
        container = build(load_settings(fitcoach_data_dir=Path(d) / "seed", database_url=url,
                                        fitcoach_encryption_key=key))
        seed(container.engine, users, with_plans=True)
        container.engine.dispose()
        fitcoach = str(Path(sys.executable).parent / "fitcoach")
        procs = [subprocess.Popen([fitcoach, "dispatch", "--once"], env={**env, "FITCOACH_DATA_DIR": f"{d}/p{i}"},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i in range(dispatchers)]
        outs = [await asyncio.to_thread(p.communicate) for p in procs]
    sends, times = fake.per_chat_counts, sorted(fake.accepted)
    total = sum(sends.values())
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    rate = (total - 1) / span  # messages after the first, over the time from the first to the last
    dupes = sum(1 for v in sends.values() if v > 1)
    window = max((sum(1 for t in times[i:i + 40] if t - times[i] < 1.0) for i in range(len(times))), default=0)
    print(f"{dispatchers} dispatch processes sharing Redis, {users} due users on PostgreSQL: {total} messages in "
          f"{span:.1f} s = {rate:.2f} msg/s ({rate / 30 * 100:.1f} % of the 30/s limit); most in any 1 s: {window}; "
          f"429 answers: {fake.rejected_429}; duplicates: {dupes}; misses: {users - len(sends)}; exit codes "
          f"{[p.returncode for p in procs]}; per process: {[o.strip().splitlines()[-1] if o.strip() else e[-300:] for o, e in outs]}")
    for o, e in outs:
        if "error" in o or not o.strip():
            print("a dispatcher's log:", "\n".join(ln for ln in e.strip().splitlines()[-60:] if "site-packages" not in ln))
            break
    await fake.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=10_000)
    ap.add_argument("--query-users", type=int, default=100_000)
    ap.add_argument("--pg", default=os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--skip-broadcast", action="store_true")
    ap.add_argument("--groups", type=int, default=50)
    ap.add_argument("--members", type=int, default=40)
    ap.add_argument("--burst", type=int, default=25, help="notices queued into one group chat")
    ap.add_argument("--groups-only", action="store_true", help="run only the group case")
    ap.add_argument("--dispatchers", type=int, default=3, help="processes in the multi-process case (0: skip it)")
    ap.add_argument("--mp-users", type=int, default=3000, help="due users in the multi-process case")
    ap.add_argument("--mp-only", action="store_true", help="run only the multi-process case")
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = ap.parse_args()
    if args.mp_only:
        asyncio.run(multi_process(args.mp_users, args.dispatchers, args.pg, args.redis))
        return
    if args.groups_only:
        asyncio.run(group_case(args.groups, args.members, args.burst))
        return
    with tempfile.TemporaryDirectory() as d:
        due_query(f"sqlite:///{d}/q.db", args.query_users, "SQLite")
    try:
        due_query(args.pg, args.query_users, "PostgreSQL")
    except Exception as exc:  # noqa: BLE001
        print(f"PostgreSQL not available ({type(exc).__name__}); skipped")
    if not args.skip_broadcast:
        asyncio.run(broadcast(args.users))
    if args.groups:
        asyncio.run(group_case(args.groups, args.members, args.burst))
    if args.dispatchers:
        asyncio.run(multi_process(args.mp_users, args.dispatchers, args.pg, args.redis))


if __name__ == "__main__":
    main()
