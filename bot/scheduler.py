"""The dispatcher: an APScheduler (AsyncIOScheduler) job every minute queues due workouts and check-ins; senders in
every dispatching process take them from the queue and send them.

Safety across restarts and processes comes from the delivery rows in storage: each message is queued once and goes
out once. Only the process holding a session-level advisory lock on PostgreSQL (on a connection of its own,
`Leadership`) queues; every other process tries to take the lock at each tick, so when the holder dies (its
connection closes, the lock with it) another one queues the next minute. Senders take rows with SKIP LOCKED, so any
number of processes share the queue without waiting on each other or walking rows another one holds.
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
from datetime import datetime, timezone
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


async def _send_taken(coach: Any, sender: Any, taken: delivery.Taken, counts: Counter) -> None:
    if taken.reply is None or taken.chat_id is None:
        counts["skipped"] += 1
        return
    result = await sender.send(taken.chat_id, taken.reply)
    await asyncio.to_thread(delivery.finish, coach, taken.delivery_id, result.status, user_id=taken.user_id)
    counts[result.status] += 1


async def drain(coach: Any, sender: Any, counts: Counter, *, concurrency: int = 4, user_ids: list[int] | None = None,
                stop: asyncio.Event | None = None, wake: asyncio.Event | None = None,
                idle_s: float | None = None) -> None:
    """Senders: `concurrency` workers take open deliveries one at a time, build, send and finish them.

    Without `idle_s` the workers return when nothing is left to take (one pass); with it they wait that long (or
    until `wake` is set) and look again, until `stop` is set; a worker always finishes the send it has started.
    """
    async def idle() -> None:
        waiters = [asyncio.ensure_future(e.wait()) for e in (stop, wake) if e is not None]
        try:
            await asyncio.wait(waiters, timeout=idle_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()
        if wake is not None and wake.is_set():
            wake.clear()

    in_flight: set[int] = set()  # claims this process holds: the heartbeat keeps them from running out
    loop = asyncio.get_running_loop()

    def took(delivery_id: int, mine: list[int]) -> None:  # in the taking thread: the set is the loop's
        mine.append(delivery_id)
        loop.call_soon_threadsafe(in_flight.add, delivery_id)

    async def worker() -> None:
        while stop is None or not stop.is_set():
            mine: list[int] = []
            try:
                taken = await asyncio.to_thread(delivery.take_and_build, coach, WORKER_ID, user_ids=user_ids,
                                                on_take=lambda i: took(i, mine))
                if taken is not None:
                    await _send_taken(coach, sender, taken, counts)
                    continue
            except Exception:  # noqa: BLE001 - one user's failure must not stop the batch
                log.exception("delivery failed for one user")
                counts["error"] += 1
                if idle_s is None:
                    continue
            finally:  # a claim left open by an error runs out and is taken again
                loop.call_soon(in_flight.difference_update, mine)  # after any add still queued from the thread
            if idle_s is None:
                return
            await idle()

    beat = asyncio.create_task(_heartbeat(coach, in_flight))
    try:
        await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    finally:
        beat.cancel()


async def _heartbeat(coach: Any, in_flight: set[int]) -> None:
    """Renew this process's open claims four times per lease: a live sender whose send outlasts the lease (a long
    429 wait, a slow Bot API, a loaded host) keeps its claim, so no other sender sends the same message; only a
    dead process's claims run out."""
    while True:
        await asyncio.sleep(max(0.05, delivery.lease().total_seconds() / 4))
        if in_flight:
            try:
                await asyncio.to_thread(delivery.renew, coach, WORKER_ID, sorted(in_flight))
            except Exception:  # noqa: BLE001 - a missed beat is retried at the next one
                log.warning("delivery claims: renewing failed")


async def dispatch_once(coach: Any, sender: Any, *, now: datetime | None = None, concurrency: int = 4,
                        user_ids: list[int] | None = None) -> Counter:
    """Queue everyone due now, then send until nothing is left to take; returns counts by outcome."""
    now = now or coach.clock()
    counts: Counter = Counter(due=await asyncio.to_thread(delivery.enqueue_due, coach, now, user_ids=user_ids))
    await drain(coach, sender, counts, concurrency=concurrency, user_ids=user_ids)
    if sum(counts.values()):
        log.info("dispatch: %s", dict(counts))
    return counts


class Dispatcher:
    """The every-minute scheduler and this process's senders.

    At the start of every minute the elected process (`leadership`) queues whoever is due; every process running a
    Dispatcher sends from the queue (the elected one too), so sending scales with processes while one limiter
    (REDIS_URL) holds their combined rate. `stop()` lets running sends finish.
    """

    def __init__(self, coach: Any, sender: Any, *, clock: Callable[[], datetime] | None = None,
                 user_ids: list[int] | None = None, leadership: Leadership | None = None,
                 concurrency: int = 4, idle_s: float = 1.0) -> None:
        self.coach, self.sender, self.clock, self.user_ids = coach, sender, clock or utcnow, user_ids
        if leadership is None and user_ids is None:
            leadership = Leadership(coach.c.engine)
        self.leadership = leadership
        self.counts: Counter = Counter()
        self._stop, self._wake = asyncio.Event(), asyncio.Event()
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self.scheduler.add_job(self.enqueue, CronTrigger(second=0), id="dispatch", max_instances=1, coalesce=True,
                               misfire_grace_time=55, replace_existing=True,
                               next_run_time=datetime.now(timezone.utc))  # at start too: a restart loses no minute
        self.scheduler.start()
        self.senders = asyncio.create_task(drain(coach, sender, self.counts, concurrency=concurrency,
                                                 user_ids=user_ids, stop=self._stop, wake=self._wake, idle_s=idle_s))

    async def enqueue(self) -> int:
        """The minute's job: queue who is due, when this process is the scheduler; wakes the senders."""
        if self._stop.is_set() or (self.leadership is not None and not await asyncio.to_thread(self.leadership.check)):
            return 0
        n = await asyncio.to_thread(delivery.enqueue_due, self.coach, self.clock(), user_ids=self.user_ids)
        if n:
            log.info("dispatch: %d deliveries queued", n)
            self._wake.set()
        return n

    async def stop(self, grace: float = 10.0) -> None:
        """No new minute, no new send; a queueing or sends already started get `grace` seconds; then the lock is
        given up (APScheduler's shutdown would cancel a running queueing, with a traceback in the log)."""
        self._stop.set()
        if self.scheduler.running:
            self.scheduler.pause()  # no new run; one already started returns at once or finishes its queueing
            executor = getattr(self.scheduler, "_executors", {}).get("default")  # no public handle on running jobs
            running = [f for f in getattr(executor, "_pending_futures", ()) if not f.done()]
            if running:
                _done, late = await asyncio.wait(running, timeout=grace)
                if late:
                    log.warning("dispatch: the minute's queueing did not finish within %.0f s", grace)
        self.shutdown()
        await asyncio.wait([self.senders], timeout=grace)
        if self.leadership is not None:
            await asyncio.to_thread(self.leadership.release)  # another process takes over at once

    def shutdown(self) -> None:
        """Stop scheduling and taking (synchronous callers); a send under way still completes."""
        self._stop.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def start_scheduler(coach: Any, sender: Any, *, clock: Callable[[], datetime] | None = None,
                    user_ids: list[int] | None = None, leadership: Leadership | None = None,
                    concurrency: int = 4) -> Dispatcher:
    """Queue due deliveries every minute (the elected process) and send from the queue (every process).

    For everyone (no `user_ids`) the queueing runs only while this process holds the scheduler lock (`leadership`,
    one made from the coach's engine unless given); the terminal's scheduler of its own user needs no election.
    """
    return Dispatcher(coach, sender, clock=clock, user_ids=user_ids, leadership=leadership, concurrency=concurrency)
