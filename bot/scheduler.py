"""The dispatcher: an APScheduler (AsyncIOScheduler) job every minute that sends due workouts and check-ins.

Safety across restarts and processes comes from the delivery claims in storage, not from the scheduler: every
process may run the job; each message goes out once.
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

from coach.services import delivery
from coach.services.clock import utcnow

log = logging.getLogger(__name__)

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


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
                    user_ids: list[int] | None = None) -> AsyncIOScheduler:
    """Run dispatch_once at the start of every minute (one run at a time per process; late runs coalesce)."""
    sched = AsyncIOScheduler(timezone="UTC")

    async def job() -> None:
        await dispatch_once(coach, sender, now=(clock or utcnow)(), user_ids=user_ids)

    sched.add_job(job, CronTrigger(second=0), id="dispatch", max_instances=1, coalesce=True,
                  misfire_grace_time=55, replace_existing=True)
    sched.start()
    return sched
