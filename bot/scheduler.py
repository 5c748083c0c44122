"""The dispatcher: an APScheduler (AsyncIOScheduler) job every minute that sends due workouts and check-ins.

Safety across restarts and processes comes from the delivery claims in storage: each message goes out once. Work
is not repeated either: on PostgreSQL only the process holding a session-level advisory lock (on a connection of
its own, `Leadership`) runs the job; every other process tries to take the lock at each tick, so when the holder
dies (its connection closes, the lock with it) another one runs the next minute.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Connection, Engine

from coach.services import delivery
from coach.services.clock import utcnow

log = logging.getLogger(__name__)

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
SCHEDULER_LOCK = 742002  # pg_try_advisory_lock key of "the scheduler" (742001 serialises migrations)
_HOLDING = ("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objsubid = 1 "
            f"AND objid = {SCHEDULER_LOCK} AND pid = pg_backend_pid() AND granted)")


class Leadership:
    """Whether this process is the scheduler: on PostgreSQL, while it holds the advisory lock on a connection of its
    own (detached from the pool, so nothing else ever uses or returns it); on SQLite (one process) always."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None or self.engine.dialect.name != "postgresql"

    def check(self) -> bool:
        """Still the holder (the connection answers), or the lock was free and is ours now; blocking (run in a thread)."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self._conn is not None:
            try:  # still ours on this very session (a silently replaced connection would not hold it)
                held = bool(self._conn.exec_driver_sql(_HOLDING).scalar())
                self._conn.commit()
            except Exception:  # noqa: BLE001 - connection gone: so is the lock
                held = False
            if held:
                return True
            log.warning("scheduler: lost the scheduler lock (its connection went away)")
            self.release()
        conn = None
        try:
            conn = self.engine.connect()
            conn.detach()
            got = bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({SCHEDULER_LOCK})").scalar())
            conn.commit()
        except Exception as exc:  # noqa: BLE001 - the database is away: not the scheduler this minute
            log.warning("scheduler: cannot ask for the scheduler lock (%s)", type(exc).__name__)
            got = False
        if got:
            self._conn = conn
            log.info("scheduler: this process is the scheduler (%s)", WORKER_ID)
        elif conn is not None:
            conn.close()
        return got

    def release(self) -> None:
        """Give the lock up (closing the connection releases it)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass


@dataclass
class SendResult:
    """What a sender (Telegram's, the terminal's) reports for one message; the delivery claim records it."""

    status: str  # sent | blocked | failed
    attempts: int
    error: str = ""


async def dispatch_once(coach: Any, sender: Any, *, now: datetime | None = None, concurrency: int = 4,
                        user_ids: list[int] | None = None) -> Counter:
    """Find everyone due now, claim, send and complete; returns counts by outcome."""
    now = now or coach.clock()
    with coach.c.session() as s:
        items = delivery.due(s, now, user_ids=user_ids)
    counts: Counter = Counter(due=len(items))
    queue: asyncio.Queue = asyncio.Queue()
    for d in items:
        queue.put_nowait(d)

    async def worker() -> None:
        while True:
            try:
                d = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                did, chat_id, reply = await asyncio.to_thread(delivery.claim_and_build, coach, d, WORKER_ID)
                if did is None:
                    counts["not_ours"] += 1
                    continue
                if reply is None or chat_id is None:
                    counts["skipped"] += 1
                    continue
                result = await sender.send(chat_id, reply)
                await asyncio.to_thread(delivery.finish, coach, did, result.status, user_id=d.user_id)
                counts[result.status] += 1
            except Exception:  # noqa: BLE001 - one user's failure must not stop the batch
                log.exception("delivery failed for one user")
                counts["error"] += 1

    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    if counts["due"]:
        log.info("dispatch: %s", dict(counts))
    return counts


def start_scheduler(coach: Any, sender: Any, *, clock: Callable[[], datetime] | None = None,
                    user_ids: list[int] | None = None, leadership: Leadership | None = None) -> AsyncIOScheduler:
    """Run dispatch_once at the start of every minute (one run at a time per process; late runs coalesce).

    For everyone (no `user_ids`) the job runs only while this process holds the scheduler lock (`leadership`, one
    made from the coach's engine unless given); the terminal's scheduler of its own user needs no election.
    """
    sched = AsyncIOScheduler(timezone="UTC")
    if leadership is None and user_ids is None:
        leadership = Leadership(coach.c.engine)

    async def job() -> None:
        if leadership is not None and not await asyncio.to_thread(leadership.check):
            return
        await dispatch_once(coach, sender, now=(clock or utcnow)(), user_ids=user_ids)

    sched.add_job(job, CronTrigger(second=0), id="dispatch", max_instances=1, coalesce=True,
                  misfire_grace_time=55, replace_existing=True)
    sched.start()
    return sched
