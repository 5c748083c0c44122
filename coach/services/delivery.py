"""Scheduled messages: who is due (their reminder time in their own timezone), queue, take, build, complete.

A delivery row with a unique (user, kind, local date) key is queued once by the elected scheduler, claimed by one
sender before sending and completed after, so a restart, a retry, a clock jump or a second process can neither send
twice nor skip a day. A claim whose worker died (older than the lease) is taken over and retried.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach.events import Reply
from coach.services.clock import utcnow
from coach.services.profiles import profile_of
from coach.services.progress import weekly_summary
from storage.models import User
from storage.repos import deliveries, users
from storage.repos import progress as progress_repo

KINDS = ("workout", "checkin", "summary")  # summary: the weekly chart, on the first check-in day of the week
RETRY_FIRST, RETRY_MAX = timedelta(minutes=1), timedelta(minutes=30)
MAX_PASSES = 40  # about a day of passes at the longest wait


_lease = timedelta(seconds=120)


def configure_lease(seconds: float) -> None:
    """Set how long a claim protects an unfinished send (FITCOACH_DELIVERY_LEASE_S, read by the settings)."""
    global _lease
    _lease = timedelta(seconds=seconds)


def lease() -> timedelta:
    """How long a claim protects an unfinished send (default 120 s)."""
    return _lease


@dataclass(frozen=True)
class Due:
    """One message owed: this kind, to this user, for their local date."""

    user_id: int
    kind: str
    local_date: date


def due(s: Session, now: datetime, *, limit: int | None = None, user_ids: list[int] | None = None) -> list[Due]:
    """Everyone whose reminder time has passed today (their local day) and who has not had that message."""
    cutoff = now - lease()
    out: list[Due] = []
    for tz in deliveries.timezones_in_use(s):
        local = now.astimezone(ZoneInfo(tz))
        ld, hhmm = local.date(), local.strftime("%H:%M")
        for kind in KINDS:
            ids = deliveries.due_user_ids(s, timezone=tz, kind=kind, local_date=ld, local_time=hhmm,
                                          claim_cutoff=cutoff, limit=limit, user_ids=user_ids)
            if kind == "summary":  # weekly: only on each person's first check-in day of the week
                ids = progress_repo.with_checkin_weekday_first(s, ids, ld.weekday())
            elif kind == "checkin":  # only on their check-in days (nothing to queue, take and skip otherwise)
                ids = progress_repo.with_checkin_on(s, ids, ld.weekday())
            out.extend(Due(uid, kind, ld) for uid in ids)
    out.sort(key=lambda d: (d.user_id, KINDS.index(d.kind)))
    return out


def build(coach: Any, s: Session, user: User, kind: str, local_date: date) -> Reply | None:
    """The message for a due delivery, or None when there is nothing to send (rest day, no plan, not a check-in day)."""
    if profile_of(s, user) is None:
        return None
    if kind == "workout":
        return coach.today_reply(s, user, scheduled=True)
    if kind == "checkin":
        if local_date.weekday() not in (user.checkin_days or []):
            return None
        # the dialogue opens the check-in (its flow state and first question); services never import the dialogue
        return coach.open_checkin(s, user)
    if kind == "summary":
        return weekly_summary(s, user, local_date)
    return None


def claim_and_build(coach: Any, d: Due, worker: str) -> tuple[int | None, int | None, Reply | None]:
    """Claim one delivery and build its message: (delivery id, chat id, reply); (None, …) when not ours."""
    with coach.c.session() as s:
        row = deliveries.claim_delivery(s, d.user_id, d.kind, d.local_date, worker=worker, lease=lease())
        if row is None:
            return None, None, None
        user = users.get_user(s, d.user_id)
        reply = build(coach, s, user, d.kind, d.local_date) if user else None
        if reply is None:
            deliveries.finish_delivery(s, row.id, "skipped")
            return row.id, None, None
        chat_id = user.chat_id if user.chat_id is not None else (0 if user.channel == "cli" else None)
        return row.id, chat_id, reply


def enqueue_due(coach: Any, now: datetime, *, user_ids: list[int] | None = None) -> int:
    """Queue everyone due at `now` (the elected scheduler's minute); returns how many deliveries were new."""
    with coach.c.session() as s:
        items = due(s, now, user_ids=user_ids)
        return deliveries.enqueue(s, [(d.user_id, d.kind, d.local_date) for d in items])


@dataclass(frozen=True)
class Taken:
    """One claimed delivery and its message (`reply` None: nothing to send, already finished as skipped)."""

    delivery_id: int
    user_id: int
    chat_id: int | None
    reply: Reply | None


def take_and_build(coach: Any, worker: str, *, user_ids: list[int] | None = None,
                   on_take: Callable[[int], None] | None = None) -> Taken | None:
    """Claim the oldest open delivery and build its message; None when the queue has nothing to take.
    `on_take` hears the claimed row's id as soon as the claim is committed (the sender's heartbeat renews it).

    On PostgreSQL the claim and the reads that build the message are one transaction (the row stays locked, SKIP
    LOCKED keeps other senders off it; a process killed while building leaves the row queued, not claimed): one
    connection checkout and one commit fewer per message. SQLite commits the claim first: its one writer at a time
    would otherwise wait for the build."""
    with coach.c.session() as s:
        early = s.get_bind().dialect.name != "postgresql"
        row = deliveries.take(s, worker=worker, lease=lease(), user_ids=user_ids, commit=early)
        if row is None:
            return None
        if early and on_take is not None:
            on_take(row.id)
        try:
            user = users.get_user(s, row.user_id)
            wanted = user is not None and user.active and not user.reminders_paused and user.consent_at is not None
            reply = build(coach, s, user, row.kind, row.local_date) if wanted else None  # paused since queued
        except Exception:
            if not early:  # the claim went with the rollback: keep it, or every sender would take this row at once
                s.rollback()
                deliveries.keep_claim(s, row.id, worker=worker)
            raise
        chat_id = None if user is None else user.chat_id if user.chat_id is not None else (
            0 if user.channel == "cli" else None)
        if reply is None or chat_id is None:  # nothing to send, or nowhere to send it
            deliveries.finish_delivery(s, row.id, "skipped")
            return Taken(row.id, row.user_id, None, None)
        if not early:
            s.commit()
            if on_take is not None:
                on_take(row.id)
        return Taken(row.id, row.user_id, chat_id, reply)


def renew(coach: Any, worker: str, ids: list[int]) -> int:
    """Keep this process's claims under way from running out (see `deliveries.renew_claims`)."""
    with coach.c.session() as s:
        return deliveries.renew_claims(s, worker, ids)


def retry_delay(attempts: int) -> timedelta:
    """How long after its n-th failed attempt a delivery waits for the next pass: 1, 2, 4 … 30 minutes."""
    return min(RETRY_MAX, RETRY_FIRST * 2 ** min(max(0, attempts - 1), 30))  # 2**n minutes overflows timedelta


def finish(coach: Any, delivery_id: int, status: str, *, user_id: int | None = None) -> None:
    """Complete a claimed delivery; a blocked user (403) is marked inactive; a retry waits with backoff.

    Retries go on through the local day (each pass the scheduler runs after the wait); after MAX_PASSES the
    delivery is failed, so a day's message never arrives days late.
    """
    with coach.c.session() as s:
        passes = deliveries.delivery_attempts(s, delivery_id) if status == "retry" else 0
        if status == "retry" and passes >= MAX_PASSES:
            status = "failed"
        retry_at = utcnow() + retry_delay(passes) if status == "retry" else None  # real time: claims use it too
        deliveries.finish_delivery(s, delivery_id, "failed" if status == "blocked" else status, retry_at=retry_at)
        if status == "blocked" and user_id is not None:
            user = users.get_user(s, user_id)
            if user is not None:
                users.update_user(s, user, active=False)
