"""Scheduled deliveries: who is due, the queue, and the claim / finish protocol on the unique (user, kind, local
date) key.

The elected scheduler inserts each due delivery once as a `queued` row (insert-or-ignore on the key); any number of
senders take open rows one at a time (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two senders never wait on or take
the same row), claim them, send, and finish them. A restart, a retry or a second process can neither send twice nor
skip a day; a claim whose worker died (older than the lease) is taken over.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Delivery, User, utcnow

# a delivery in one of these is never sent again ("maybe": the request went out and no answer came)
FINAL_STATUSES = ("sent", "skipped", "failed", "maybe")
ENQUEUE_CHUNK = 1000


def timezones_in_use(s: Session) -> list[str]:
    """Every distinct timezone of a stored user (the due query runs once per zone)."""
    return list(s.exec(select(User.timezone).distinct()))


def due_user_ids(s: Session, *, timezone: str, kind: str, local_date: date, local_time: str, claim_cutoff: datetime,
                 limit: int | None = None, user_ids: list[int] | None = None) -> list[int]:
    """Users in `timezone` whose reminder time (HH:MM) is at or before `local_time` and who are due `kind` today.

    Due means active, consented, not paused, and with no final delivery of that kind on `local_date` and no claim
    newer than `claim_cutoff` (an older claim belongs to a dead worker).
    """
    blocked = exists().where(
        Delivery.user_id == User.id, Delivery.kind == kind, Delivery.local_date == local_date,
        or_(Delivery.status.in_((*FINAL_STATUSES, "queued")),  # type: ignore[attr-defined]
            and_(Delivery.status == "claimed", Delivery.claimed_at > claim_cutoff),
            and_(Delivery.status == "retry", Delivery.claimed_at > utcnow())))  # a retry waits for its time
    q = (select(User.id).where(User.timezone == timezone, User.active == True,  # noqa: E712
                               User.reminders_paused == False,  # noqa: E712
                               User.consent_at.is_not(None),  # type: ignore[union-attr]
                               User.reminder_time <= local_time, ~blocked)
         .order_by(User.id))
    if user_ids is not None:
        q = q.where(User.id.in_(user_ids))  # type: ignore[union-attr]
    if limit:
        q = q.limit(limit)
    return list(s.exec(q))


def reminder_times(s: Session, user_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each user's (timezone, reminder time HH:MM), for the given ids."""
    if not user_ids:
        return {}
    rows = s.exec(select(User.id, User.timezone, User.reminder_time).where(User.id.in_(user_ids)))  # type: ignore
    return {uid: (tz, hhmm) for uid, tz, hhmm in rows}


def claim_delivery(s: Session, user_id: int, kind: str, local_date: date, *, worker: str,
                   lease: timedelta = timedelta(minutes=2)) -> Delivery | None:
    """Claim (user, kind, local_date) for sending; None when sent already or claimed by a live worker.

    A claim older than `lease` that was never completed (the worker died) is taken over.
    Commits immediately so other processes see the claim.
    """
    now = utcnow()
    row = Delivery(user_id=user_id, kind=kind, local_date=local_date, status="claimed", claimed_by=worker,
                   claimed_at=now, attempts=1)
    try:
        with s.begin_nested():
            s.add(row)
        s.commit()
        return row
    except IntegrityError:
        s.rollback()
    cutoff = now - lease
    res = s.exec(update(Delivery)
                 .where(Delivery.user_id == user_id, Delivery.kind == kind, Delivery.local_date == local_date,
                        _taken_over(now, cutoff))
                 .values(claimed_by=worker, claimed_at=now, status="claimed", attempts=Delivery.attempts + 1))
    s.commit()
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return s.exec(select(Delivery).where(Delivery.user_id == user_id, Delivery.kind == kind,
                                         Delivery.local_date == local_date)).one()


def finish_delivery(s: Session, delivery_id: int, status: str, *, retry_at: datetime | None = None) -> None:
    """Mark a claimed delivery sent / skipped / failed / maybe, or retry (not before `retry_at`), and commit."""
    values: dict = {"status": status, "sent_at": utcnow() if status == "sent" else None}
    if status == "retry":
        values["claimed_at"] = retry_at or utcnow()  # a retry row's claim time is when it may go again
    s.exec(update(Delivery).where(Delivery.id == delivery_id).values(**values))
    s.commit()


def renew_claims(s: Session, worker: str, ids: list[int]) -> int:
    """Refresh the claim time of `worker`'s open claims among `ids` (a live sender's heartbeat: a send that lasts
    longer than the lease is not taken over by another sender); commits; returns how many were renewed."""
    if not ids:
        return 0
    res = s.exec(update(Delivery).where(Delivery.id.in_(ids), Delivery.status == "claimed",  # type: ignore
                                        Delivery.claimed_by == worker).values(claimed_at=utcnow()))
    s.commit()
    return res.rowcount  # type: ignore[attr-defined]


def latest_day(s: Session, user_id: int, kind: str) -> date | None:
    """The latest local date of a `kind` row of this user (the start of an open-ended pause for kind "pause")."""
    return s.exec(select(func.max(Delivery.local_date)).where(Delivery.user_id == user_id,
                                                               Delivery.kind == kind)).one()


def delivery_attempts(s: Session, delivery_id: int) -> int:
    """How many times a delivery was claimed (one per dispatcher pass that tried it)."""
    return s.exec(select(Delivery.attempts).where(Delivery.id == delivery_id)).one()


def deliveries(s: Session, *, user_id: int | None = None, kind: str | None = None) -> list[Delivery]:
    """Delivery rows (of one user and / or kind, when given), oldest first."""
    q = select(Delivery)
    if user_id is not None:
        q = q.where(Delivery.user_id == user_id)
    if kind is not None:
        q = q.where(Delivery.kind == kind)
    return list(s.exec(q.order_by(Delivery.id)))


def enqueue(s: Session, items: list[tuple[int, str, date]]) -> int:
    """Insert (user, kind, local date) deliveries as `queued`, ignoring any that has a row already; commits; returns
    how many were new."""
    now, added = utcnow(), 0
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    for start in range(0, len(items), ENQUEUE_CHUNK):
        rows = [{"user_id": uid, "kind": kind, "local_date": day, "status": "queued", "claimed_by": "",
                 "claimed_at": now, "attempts": 0} for uid, kind, day in items[start:start + ENQUEUE_CHUNK]]
        stmt = (insert(Delivery).values(rows).on_conflict_do_nothing(index_elements=["user_id", "kind", "local_date"])
                .returning(Delivery.id))  # rowcount is not reliable for a multi-row insert on every driver
        added += len(s.connection().execute(stmt).all())
    s.commit()
    return added


def _taken_over(now: datetime, cutoff: datetime) -> ColumnElement[bool]:
    """Rows whose claim may be taken again: a dead worker's claim (older than the lease), a retry that is due."""
    return or_(and_(Delivery.status == "claimed", Delivery.claimed_at < cutoff),
               and_(Delivery.status == "retry", Delivery.claimed_at <= now))


def _takeable(now: datetime, cutoff: datetime) -> ColumnElement[bool]:
    """Open rows a sender may take now: queued, or one whose claim may be taken again."""
    return or_(Delivery.status == "queued", _taken_over(now, cutoff))


def _claim(worker: str, now: datetime) -> dict:
    """What a claim writes: the worker, when, and one more attempt."""
    return {"status": "claimed", "claimed_by": worker, "claimed_at": now, "attempts": Delivery.attempts + 1}


def take(s: Session, *, worker: str, lease: timedelta = timedelta(minutes=2),
         user_ids: list[int] | None = None, commit: bool = True) -> Delivery | None:
    """Claim the oldest takeable delivery for `worker` and commit (or leave the commit to the caller, who then holds
    the row locked until it commits); None when there is none.

    One statement: an UPDATE of the row a sub-select picks (`FOR UPDATE SKIP LOCKED` on PostgreSQL: rows another
    sender holds are skipped, never waited for; SQLite runs one writer at a time), RETURNING what the sender needs.
    """
    now = utcnow()
    cond = _takeable(now, now - lease)
    pick = select(Delivery.id).where(cond)
    if user_ids is not None:
        pick = pick.where(Delivery.user_id.in_(user_ids))  # type: ignore[union-attr]
    pick = pick.order_by(Delivery.id).limit(1).with_for_update(skip_locked=True)
    stmt = (update(Delivery).where(Delivery.id == pick.scalar_subquery(), cond)
            .values(**_claim(worker, now))
            .returning(Delivery.id, Delivery.user_id, Delivery.kind, Delivery.local_date, Delivery.attempts))
    row = s.connection().execute(stmt).first()
    if commit or row is None:
        s.commit()
    if row is None:
        return None
    return Delivery(id=row.id, user_id=row.user_id, kind=row.kind, local_date=row.local_date, status="claimed",
                    claimed_by=worker, claimed_at=now, attempts=row.attempts)


def keep_claim(s: Session, delivery_id: int, *, worker: str) -> None:
    """Record and commit a claim whose transaction was rolled back (building its message failed): it then runs out
    after the lease and counts an attempt, as a committed claim would, instead of being taken again at once."""
    s.execute(update(Delivery).where(Delivery.id == delivery_id)
              .values(**_claim(worker, utcnow())))
    s.commit()


def queued(s: Session) -> list[tuple[int, str, date]]:
    """(user, kind, local date) of every queued delivery (the backlog metric)."""
    rows = s.exec(select(Delivery.user_id, Delivery.kind, Delivery.local_date).where(Delivery.status == "queued"))
    return [tuple(r) for r in rows]  # type: ignore[misc]


def count_by_status(s: Session) -> dict[str, int]:
    """How many delivery rows are in each status (tests, operators)."""
    return dict(s.exec(select(Delivery.status, func.count()).group_by(Delivery.status)).all())  # type: ignore[arg-type]
