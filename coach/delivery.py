"""Scheduled messages: who is due (their reminder time in their own timezone), claim, build, complete.

A delivery row with a unique (user, kind, local date) key is claimed before sending and completed after, so a
restart, a retry, a clock jump or a second process can neither send twice nor skip a day. A claim whose worker
died (older than the lease) is taken over and retried.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, or_, select
from sqlmodel import Session

from coach import service
from coach.i18n import t
from coach.messages import Reply
from storage import repo
from storage.models import Delivery, User

KINDS = ("workout", "checkin")


def lease() -> timedelta:
    """How long a claim protects an unfinished send (FITCOACH_DELIVERY_LEASE_S, default 120 s)."""
    return timedelta(seconds=float(os.environ.get("FITCOACH_DELIVERY_LEASE_S", "120")))


@dataclass(frozen=True)
class Due:
    user_id: int
    kind: str
    local_date: date


def due(s: Session, now: datetime, *, limit: int | None = None, user_ids: list[int] | None = None) -> list[Due]:
    """Everyone whose reminder time has passed today (their local day) and who has not had that message."""
    cutoff = now - lease()
    out: list[Due] = []
    zones = [z for (z,) in s.exec(select(User.timezone).distinct())]  # type: ignore[call-overload]
    for tz in zones:
        local = now.astimezone(ZoneInfo(tz))
        ld, hhmm = local.date(), local.strftime("%H:%M")
        for kind in KINDS:
            blocked = exists().where(
                Delivery.user_id == User.id, Delivery.kind == kind, Delivery.local_date == ld,
                or_(Delivery.status.in_(("sent", "skipped", "failed")),  # type: ignore[attr-defined]
                    and_(Delivery.status == "claimed", Delivery.claimed_at > cutoff)))
            q = (select(User.id).where(User.timezone == tz, User.active == True,  # noqa: E712
                                       User.reminders_paused == False,  # noqa: E712
                                       User.consent_at.is_not(None),  # type: ignore[union-attr]
                                       User.reminder_time <= hhmm, ~blocked)
                 .order_by(User.id))
            if user_ids is not None:
                q = q.where(User.id.in_(user_ids))  # type: ignore[union-attr]
            if limit:
                q = q.limit(limit)
            out.extend(Due(uid, kind, ld) for (uid,) in s.exec(q))  # type: ignore[call-overload]
    out.sort(key=lambda d: (d.user_id, KINDS.index(d.kind)))
    return out


def build(coach, s: Session, user: User, kind: str, local_date: date) -> Reply | None:  # noqa: ANN001
    """The message for a due delivery, or None when there is nothing to send (rest day, no plan, not a check-in day)."""
    if service.profile_of(s, user) is None:
        return None
    if kind == "workout":
        return coach.today_reply(s, user, scheduled=True)
    if kind == "checkin":
        if local_date.weekday() not in (user.checkin_days or []):
            return None
        from coach.progression import CHECKIN_Q, checkin_buttons

        repo.set_dialogue(s, user.id, flow="checkin", step="weight", data={"answers": {}})
        return Reply(t(user.language, CHECKIN_Q["weight"]), buttons=checkin_buttons(user, "weight"))
    return None


def claim_and_build(coach, d: Due, worker: str) -> tuple[int | None, int | None, Reply | None]:  # noqa: ANN001
    """Claim one delivery and build its message: (delivery id, chat id, reply); (None, …) when not ours."""
    with coach.c.session() as s:
        row = repo.claim_delivery(s, d.user_id, d.kind, d.local_date, worker=worker, lease=lease())
        if row is None:
            return None, None, None
        user = repo.get_user(s, d.user_id)
        reply = build(coach, s, user, d.kind, d.local_date) if user else None
        if reply is None:
            repo.finish_delivery(s, row.id, "skipped")
            return row.id, None, None
        chat_id = user.chat_id if user.chat_id is not None else (0 if user.channel == "cli" else None)
        return row.id, chat_id, reply


def finish(coach, delivery_id: int, status: str, *, user_id: int | None = None) -> None:  # noqa: ANN001
    """Complete a claimed delivery; a blocked user (403) is marked inactive."""
    with coach.c.session() as s:
        repo.finish_delivery(s, delivery_id, "failed" if status == "blocked" else status)
        if status == "blocked" and user_id is not None:
            user = repo.get_user(s, user_id)
            if user is not None:
                repo.update_user(s, user, active=False)
