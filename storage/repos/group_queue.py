"""The group delivery queue: one row per message and recipient under a unique key, claimed before sending and
finished after, so a restart, a retry or a second process can neither send twice nor lose a message."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from storage.models import Alert, GroupBatch, GroupMessage, utcnow

FINAL = ("sent", "blocked", "failed", "skipped")


def new_batch(s: Session, group_id: int, user_id: int | None, kind: str) -> GroupBatch:
    """A broadcast or a session delivery whose messages are reported together to the coach `user_id`."""
    row = GroupBatch(group_id=group_id, user_id=user_id, kind=kind)
    s.add(row)
    s.flush()
    return row


def enqueue(s: Session, rows: list[dict[str, Any]]) -> int:
    """Insert messages (dicts of GroupMessage fields with a unique `key`); a key already queued is left as it was.

    Returns how many were new.
    """
    if not rows:
        return 0
    now = utcnow()
    values = [{"status": "queued", "claimed_by": "", "attempts": 0, "created_at": now, "group_id": None,
               "batch_id": None, "user_id": None, **r} for r in rows]
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    total = 0
    for start in range(0, len(values), 500):
        stmt = insert(GroupMessage).values(values[start:start + 500]).on_conflict_do_nothing(index_elements=["key"])
        # count what RETURNING gives back: rowcount of a multi-row insert is -1 on PostgreSQL (psycopg)
        total += len(s.exec(stmt.returning(GroupMessage.key)).all())  # type: ignore[call-overload]
    s.flush()
    return total


def claim(s: Session, worker: str, *, now: datetime, claim_cutoff: datetime, limit: int = 200) -> list[GroupMessage]:
    """Claim up to `limit` queued messages (or ones whose worker died before `claim_cutoff`); commits at once."""
    takeable = or_(GroupMessage.status == "queued",
                   and_(GroupMessage.status == "claimed", GroupMessage.claimed_at < claim_cutoff))
    ids = list(s.exec(select(GroupMessage.id).where(takeable).order_by(GroupMessage.id).limit(limit)))
    if not ids:
        return []
    # the status test is repeated in the UPDATE: a row another worker took in between is not taken again
    s.exec(update(GroupMessage).where(GroupMessage.id.in_(ids), takeable)  # type: ignore[union-attr]
           .values(status="claimed", claimed_by=worker, claimed_at=now, attempts=GroupMessage.attempts + 1))
    s.commit()
    q = select(GroupMessage).where(GroupMessage.id.in_(ids), GroupMessage.claimed_by == worker,  # type: ignore[union-attr]
                                   GroupMessage.status == "claimed")
    return list(s.exec(q.order_by(GroupMessage.id)))


def finish(s: Session, message_id: int, status: str, *, payload: dict | None = None) -> None:
    """Mark a claimed message sent / blocked / failed / skipped (or back to queued for a retry), and commit."""
    values: dict[str, Any] = {"status": status, "sent_at": utcnow() if status == "sent" else None}
    if payload is not None:
        values["payload"] = payload
    s.exec(update(GroupMessage).where(GroupMessage.id == message_id).values(**values))
    s.commit()


def retry_later(s: Session, message_id: int) -> None:
    """A send that could not get through (Telegram down, too many 429s): the row stays claimed by nobody, so the
    next claim after the lease takes it again (claim's takeover condition), and commit."""
    s.exec(update(GroupMessage).where(GroupMessage.id == message_id).values(status="claimed", claimed_by=""))
    s.commit()


def pending_count(s: Session) -> int:
    """Messages not yet final (queued or claimed)."""
    return s.exec(select(func.count()).select_from(GroupMessage)
                  .where(GroupMessage.status.in_(("queued", "claimed")))).one()  # type: ignore[attr-defined]


def batches_done(s: Session) -> list[tuple[GroupBatch, Counter]]:
    """Unreported batches whose every message is final, with the counts by status of the messages to people (a
    session's announcement in the group chat is no member)."""
    out = []
    for batch in s.exec(select(GroupBatch).where(GroupBatch.reported == False)):  # noqa: E712
        rows = s.exec(select(GroupMessage.status, GroupMessage.user_id.is_(None), func.count())  # type: ignore[union-attr]
                      .where(GroupMessage.batch_id == batch.id)
                      .group_by(GroupMessage.status, GroupMessage.user_id.is_(None))).all()  # type: ignore[union-attr]
        if any(status in ("queued", "claimed") for status, _chat, _n in rows):
            continue
        out.append((batch, Counter({status: n for status, chat, n in rows if not chat})))
    return out


def mark_reported(s: Session, batch: GroupBatch) -> None:
    batch.reported = True
    s.add(batch)
    s.flush()


def messages(s: Session, *, kind: str | None = None, user_id: int | None = None, group_id: int | None = None,
             status: str | None = None) -> list[GroupMessage]:
    """Queue rows matching every criterion given, oldest first."""
    q = select(GroupMessage)
    for col, value in ((GroupMessage.kind, kind), (GroupMessage.user_id, user_id), (GroupMessage.group_id, group_id),
                       (GroupMessage.status, status)):
        if value is not None:
            q = q.where(col == value)
    return list(s.exec(q.order_by(GroupMessage.id)))


def last_session_message(s: Session, user_id: int, group_id: int) -> GroupMessage | None:
    """The newest group-session message sent to the member (what a "done" in the group refers to)."""
    q = (select(GroupMessage).where(GroupMessage.user_id == user_id, GroupMessage.group_id == group_id,
                                    GroupMessage.kind == "session", GroupMessage.status == "sent")
         .order_by(GroupMessage.id.desc()).limit(1))  # type: ignore[union-attr]
    return s.exec(q).first()


def has_message(s: Session, key: str) -> bool:
    return s.exec(select(GroupMessage.id).where(GroupMessage.key == key)).first() is not None


def mark_alert_notified(s: Session, alert_id: int) -> None:
    """The coach was told about this alert (called once the message was actually sent)."""
    s.exec(update(Alert).where(Alert.id == alert_id).values(coach_notified=True))
    s.flush()


def group_chat_load(s: Session, chat_ids: list[int], *, since: datetime, worker: str) -> Counter:
    """Per group chat: messages sent since `since`, plus those other workers hold claimed (the 20/min budget)."""
    if not chat_ids:
        return Counter()
    q = (select(GroupMessage.chat_id, func.count()).where(
        GroupMessage.chat_id.in_(set(chat_ids)),  # type: ignore[attr-defined]
        or_(and_(GroupMessage.status == "sent", GroupMessage.sent_at >= since),
            and_(GroupMessage.status == "claimed", GroupMessage.claimed_by != worker)))
         .group_by(GroupMessage.chat_id))
    return Counter(dict(s.exec(q).all()))
