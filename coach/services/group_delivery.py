"""Everything a group sends goes through one durable queue (storage.repos.group_queue): broadcasts, each member's
version of a group session, the session's announcement in the group chat, safety alerts to coaches, weekly
digests and delivery reports. A row per message and recipient under a unique key is claimed before sending and
finished after, so nothing is sent twice or lost across restarts; the sender applies Telegram's rate limits.

Texts that show a member's data to a coach (alerts, digests) are built when claimed, so a consent withdrawn in
between is honoured; an alert is marked notified only once its message was sent.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.services import group_programme, roster
from coach.services.clock import utcnow
from coach.services.groups import group_name
from storage import repos
from storage.models import Group, User
from storage.repos import group_queue

log = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
LEASE = timedelta(seconds=120)  # a claim older than this belonged to a worker that died: taken over
LEAD = timedelta(hours=2)  # members get their version of a group session this long before it starts
GROUP_PER_MINUTE = 20  # Telegram's limit into one group chat, kept by the queue itself (across processes)
LATE = timedelta(hours=1)  # an occurrence this long past its start is not sent any more
TRIES = 4  # claims of one message whose sends could not get through (each already retried with backoff by the sender)
DONE_BUTTON = "gd"  # the prefix of coach.dialogue.callbacks.GroupDone (services never import the dialogue)


def _payload(reply_text: str, buttons: list[list[tuple[str, str]]] | None = None, **extra: Any) -> dict:
    return {"text": reply_text, "buttons": buttons or [], **extra}


def enqueue_broadcast(s: Session, group: Group, coach: User, text: str) -> tuple[int, int]:
    """Queue the coach's message to every member privately; returns (batch id, messages queued)."""
    batch = group_queue.new_batch(s, group.id, coach.id, "broadcast")
    rows = [{"key": f"bc:{batch.id}:{u.id}", "kind": "broadcast", "group_id": group.id, "batch_id": batch.id,
             "user_id": u.id, "chat_id": u.chat_id,
             "payload": _payload(t(u.language, "📣 Message from your coach ({group}):", group=group_name(group))
                                 + "\n" + text)}
            for _m, u in repos.groups.members(s, group.id) if u.chat_id is not None and u.active]
    return batch.id, group_queue.enqueue(s, rows)


def enqueue_due_sessions(s: Session, now: datetime) -> int:
    """Queue every group-session occurrence now within its lead time: the announcement in the group chat and
    each member's own version (or why there is none) privately. Keys make a second run a no-op."""
    queued = 0
    for session, group in repos.groups.active_sessions(s):
        local = now.astimezone(ZoneInfo(group.timezone or "UTC"))
        for day in (local.date(), local.date() + timedelta(days=1)):
            start = group_programme.starts_at(session, group, day)
            if not group_programme.occurrence_on(session, day) or not start - LEAD <= now <= start + LATE:
                continue
            if group_queue.has_message(s, f"gsa:{session.id}:{day.isoformat()}"):
                continue
            queued += _enqueue_occurrence(s, session, group, day)
        if session.weekday is None and session.on_date is not None and session.on_date < local.date() - timedelta(days=1):
            repos.groups.end_session(s, session)
    return queued


def _enqueue_occurrence(s: Session, session: Any, group: Group, day: date) -> int:
    batch = group_queue.new_batch(s, group.id, session.user_id, "session")
    rows = []
    for _m, u in repos.groups.members(s, group.id):
        if u.chat_id is None or not u.active or u.consent_at is None:
            continue
        version = group_programme.member_version(s, u, session, group, day)
        buttons = []
        if version.session is not None:
            data = f"{DONE_BUTTON}:{session.id}:{day.strftime('%Y%m%d')}"
            buttons = [[(t(u.language, "Done ✅"), data)]]
        rows.append({"key": f"gs:{session.id}:{day.isoformat()}:{u.id}", "kind": "session", "group_id": group.id,
                     "batch_id": batch.id, "user_id": u.id, "chat_id": u.chat_id,
                     "payload": _payload(version.text, buttons, session_id=session.id, on_date=day.isoformat())})
    if group.chat_id is not None:
        lang = _group_lang(s, group)
        rows.append({"key": f"gsa:{session.id}:{day.isoformat()}", "kind": "announce", "group_id": group.id,
                     "batch_id": batch.id, "chat_id": group.chat_id,
                     "payload": _payload(t(lang, "🏋️ {title} at {time}: everyone has their own version in our "
                                                 "private chat. Reply \"done\" here when you've finished.",
                                           title=session.title, time=session.time))})
    return group_queue.enqueue(s, rows)


def _group_lang(s: Session, group: Group) -> str:
    coaches = repos.groups.coaches_of(s, group.id)
    return coaches[0][1].language if coaches else "en"


def enqueue_alert(s: Session, member: User, alert_id: int, detail: str) -> int:
    """Queue a safety alert to each coach of each group where the member shares alerts (level full)."""
    rows = []
    for m, group in repos.groups.groups_of(s, member.id):
        if m.level != "full":
            continue
        for _c, coach in repos.groups.coaches_of(s, group.id):
            if coach.chat_id is None or coach.id == member.id:
                continue
            rows.append({"key": f"al:{alert_id}:{group.id}:{coach.id}", "kind": "alert", "group_id": group.id,
                         "user_id": coach.id, "chat_id": coach.chat_id,
                         "payload": {"alert_id": alert_id, "member_id": member.id, "detail": detail}})
    return group_queue.enqueue(s, rows)


def enqueue_notice(s: Session, user: User, key: str, text: str, group_id: int | None = None) -> int:
    """Queue one private message (e.g. "you were removed from …") under a unique key."""
    if user.chat_id is None:
        return 0
    return group_queue.enqueue(s, [{"key": key[:96], "kind": "notice", "group_id": group_id, "user_id": user.id,
                                    "chat_id": user.chat_id, "payload": _payload(text)}])


def enqueue_due_digests(s: Session, now: datetime) -> int:
    """Queue the weekly digest for each coach whose digest day and time have come (once per ISO week)."""
    rows, seen = [], set()
    for row, coach in repos.groups.all_coaches(s):
        if coach.id in seen or coach.chat_id is None:
            continue
        seen.add(coach.id)
        local = now.astimezone(ZoneInfo(coach.timezone or "UTC"))
        if local.weekday() != row.digest_weekday or local.strftime("%H:%M") < row.digest_time:
            continue
        year, week, _ = local.isocalendar()
        rows.append({"key": f"dg:{coach.id}:{year}-{week:02d}", "kind": "digest", "user_id": coach.id,
                     "chat_id": coach.chat_id, "payload": {"coach_id": coach.id}})
    return group_queue.enqueue(s, rows)


def enqueue_reports(s: Session) -> int:
    """Tell each coach how a finished broadcast or session delivery went ("sent 48, 2 have blocked the bot")."""
    queued = 0
    for batch, counts in group_queue.batches_done(s):
        group_queue.mark_reported(s, batch)
        coach = repos.users.get_user(s, batch.user_id) if batch.user_id else None
        group = repos.groups.find_group(s, group_id=batch.group_id)
        if coach is None or coach.chat_id is None or group is None:
            continue
        what = t(coach.language, N_("Broadcast") if batch.kind == "broadcast" else N_("Group session"))
        text = t(coach.language, "{what} to {group}: sent {sent}, {blocked} have blocked the bot, {failed} failed, "
                                 "{skipped} skipped.", what=what, group=group_name(group), sent=counts["sent"],
                 blocked=counts["blocked"], failed=counts["failed"], skipped=counts["skipped"])
        queued += group_queue.enqueue(s, [{"key": f"rp:{batch.id}", "kind": "report", "group_id": group.id,
                                           "user_id": coach.id, "chat_id": coach.chat_id, "payload": _payload(text)}])
    return queued


@dataclass
class Outgoing:
    """One claimed message, built: where it goes and what it says (reply None: skip it)."""

    id: int
    kind: str
    chat_id: int
    user_id: int | None
    reply: Reply | None
    alert_id: int | None = None
    member_id: int | None = None  # an alert's member: told when their coach cannot be reached
    attempts: int = 1  # how many times the row was claimed


def build(s: Session, row: Any, now: datetime) -> Outgoing:
    """The message for a claimed row; alerts and digests read the members' consent as it is now."""
    out = Outgoing(row.id, row.kind, row.chat_id, row.user_id, None, attempts=row.attempts or 1)
    p = row.payload or {}
    if row.kind == "alert":
        out.alert_id, out.member_id = p.get("alert_id"), p.get("member_id")
        out.reply = _alert_reply(s, row, p)
    elif row.kind == "digest":
        coach = repos.users.get_user(s, p.get("coach_id", 0))
        groups = repos.groups.groups_coached_by(s, coach.id) if coach else []
        out.reply = Reply(roster.digest_text(s, coach, groups, now)) if groups else None
    else:
        buttons = [[Button(label, data) for label, data in line] for line in p.get("buttons", [])]
        out.reply = Reply(p.get("text", ""), buttons=buttons)
    return out


def _alert_reply(s: Session, row: Any, p: dict) -> Reply | None:
    member = repos.users.get_user(s, p.get("member_id", 0))
    coach = repos.users.get_user(s, row.user_id) if row.user_id else None
    group = repos.groups.find_group(s, group_id=row.group_id) if row.group_id else None
    m = repos.groups.membership(s, group.id, member.id) if member and group else None
    if m is None or m.level != "full" or coach is None or repos.groups.coach_row(s, group.id, coach.id) is None:
        return None  # consent withdrawn, member left or coach no longer a coach: nothing is said
    lang = coach.language
    return Reply(t(lang, "⚠️ Safety alert — {name} ({group}): {detail}.", name=m.display_name or "?",
                   group=group_name(group), detail=p.get("detail", "")) + "\n"
                 + t(lang, "What {name} was told: stop exercising now, call emergency services if it is severe or "
                           "does not pass, and see a doctor before training again; their plan is limited to light "
                           "activity until a doctor clears them.", name=m.display_name or "?"))


def claim_and_build(container: Any, now: datetime, *, worker: str = WORKER, limit: int = 200) -> list[Outgoing]:
    """Claim a slice of the queue and build each message; rows with nothing to say are finished as skipped."""
    with container.session() as s:
        rows = group_queue.claim(s, worker, now=now, claim_cutoff=now - LEASE, limit=limit)
        load = group_queue.group_chat_load(s, [r.chat_id for r in rows if r.chat_id < 0],
                                           since=utcnow() - timedelta(seconds=60), worker=worker)
        out = []
        for row in rows:
            if row.chat_id < 0:
                if load[row.chat_id] >= GROUP_PER_MINUTE:  # this chat's minute is full: back in the queue
                    group_queue.finish(s, row.id, "queued")
                    continue
                load[row.chat_id] += 1
            item = build(s, row, now)
            if item.reply is None:
                group_queue.finish(s, row.id, "skipped")
            else:
                out.append(item)
        return out


def finish(container: Any, item: Outgoing, status: str) -> None:
    """Record a send's outcome: a sent alert marks the alert notified; a blocked person is marked inactive; a send
    that could not get through is tried again after the lease (TRIES claims in all) before it counts as failed."""
    with container.session() as s:
        if status == "retry" and item.attempts < TRIES:
            group_queue.retry_later(s, item.id)
            return
        final = {"sent": "sent", "blocked": "blocked"}.get(status, "failed")
        scrub = {"done": True} if item.kind in ("alert", "digest") else None  # no member data kept once sent
        group_queue.finish(s, item.id, final, payload=scrub)
        if final == "sent" and item.alert_id:
            group_queue.mark_alert_notified(s, item.alert_id)
        if final != "sent" and item.alert_id and item.member_id:
            _coach_unreachable(s, item)
        if final == "blocked" and item.user_id is not None:
            user = repos.users.get_user(s, item.user_id)
            if user is not None:
                repos.users.update_user(s, user, active=False)


def _coach_unreachable(s: Session, item: Outgoing) -> None:
    """An alert could not reach a coach (blocked the bot, or failed for good): the member hears it once per alert,
    so they do not count on a coach who was never told."""
    member, coach = repos.users.get_user(s, item.member_id or 0), repos.users.get_user(s, item.user_id or 0)
    if member is None or coach is None:
        return
    name = next((c.name for c in repos.groups.coach_rows_of(s, coach.id) if c.name), "") or t(member.language,
                                                                                               "your coach")
    enqueue_notice(s, member, f"an:{item.alert_id}", t(
        member.language, "We could not reach {coach} about the safety note you got: please tell them yourself. "
                         "Until a doctor has seen you, do not train; if the symptoms come back or get worse, call "
                         "emergency services.", coach=name))


def enqueue_due(container: Any, now: datetime) -> int:
    """Queue what has come due (session occurrences, digests) and the reports of finished batches."""
    with container.session() as s:
        return enqueue_due_sessions(s, now) + enqueue_due_digests(s, now) + enqueue_reports(s)


async def pump(container: Any, sender: Any, *, now: datetime, limit: int = 200, concurrency: int = 8,
               until_empty: bool = True) -> Counter:
    """Queue what is due, then send claimed messages through `sender` (its .send(chat_id, reply) keeps the rate
    limits and returns a result with .status) until the queue is empty; returns counts by outcome."""
    counts: Counter = Counter()
    counts["queued"] += await asyncio.to_thread(enqueue_due, container, now)
    while True:
        items = await asyncio.to_thread(claim_and_build, container, now, limit=limit)
        if items:
            await _send_all(container, sender, items, counts, concurrency)
            if until_empty:
                continue
        reports = await asyncio.to_thread(_reports, container)  # finished batches: their reports go out next
        counts["queued"] += reports
        if not (reports and until_empty):
            return counts


async def _send_all(container: Any, sender: Any, items: list[Outgoing], counts: Counter, concurrency: int) -> None:
    queue: asyncio.Queue = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker() -> None:
        while not queue.empty():
            item = queue.get_nowait()
            try:
                result = await sender.send(item.chat_id, item.reply)
                status = result.status
            except Exception:  # noqa: BLE001 - one message's failure must not stop the rest
                log.exception("group message %s failed", item.kind)
                status = "failed"
            await asyncio.to_thread(finish, container, item, status)
            counts[status] += 1

    await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))


def _reports(container: Any) -> int:
    with container.session() as s:
        return enqueue_reports(s)


async def run_forever(container: Any, sender: Any, clock: Any, *, interval: float = 2.0) -> None:
    """Pump the group queue every `interval` seconds (alerts reach coaches within seconds) until cancelled."""
    while True:
        try:
            await pump(container, sender, now=clock())
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a bad round must not stop the queue for good
            log.exception("group queue round failed")
        await asyncio.sleep(interval)
