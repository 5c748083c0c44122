"""Repository functions: the only place that writes SQL. Each takes an open Session."""
from __future__ import annotations

import copy
import secrets
import weakref
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Text, and_, bindparam, delete, func, or_, type_coerce, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlalchemy.orm.attributes import flag_modified, set_committed_value
from sqlmodel import Session, select

from storage.crypto import clear_cache, decrypt_value
from storage.models import (
    ALL_TABLES, Adjustment, Alert, ChatTurn, CheckIn, Delivery, DialogueState, Group, LlmUsage,
    Membership, MetricReading, Plan, Profile, User, WorkoutLog, utcnow,
)

# ---------------------------------------------------------------- per-transaction memo
# A turn asks for the same active plan and dialogue state several times. The answers are remembered in the
# session for the current (innermost) transaction only: a commit, a rollback or a savepoint starting or ending
# starts afresh, so nothing outlives the transaction that read it and other processes' writes are seen by the
# next transaction as before. The writers below (save_plan, set_dialogue, delete_user) keep it in step.


def _memo(s: Session) -> dict[str, dict[int, Any]] | None:
    tx, nested = s.get_transaction(), s.get_nested_transaction()
    if tx is None:
        return None
    memo = s.info.get("repo_memo")
    # weak references: the memo must not keep a finished transaction (and through it the session) alive;
    # a dead reference never matches (a savepoint that ended is not "no savepoint")
    if memo is None or memo[0]() is not tx or (nested is None) != (memo[1] is None) or \
            (nested is not None and memo[1]() is not nested):
        memo = (weakref.ref(tx), weakref.ref(nested) if nested is not None else None,
                {"plan": {}, "plan_token": {}, "dialogue": {}})
        s.info["repo_memo"] = memo
    return memo[2]


def _forget(s: Session, user_id: int) -> None:
    memo = s.info.get("repo_memo")
    if memo is not None:
        for table in memo[2].values():
            table.pop(user_id, None)


# Hot statements are built once: on SQLite, building a select costs about as much as running it.
# A turn starts with the user, their dialogue state and (for most commands) the active plan: one query. The
# plan's data comes as the raw token and is decrypted only if the turn asks for the plan (active_plan).
_FIND_USER = (select(User, DialogueState, Plan, type_coerce(Plan.data, Text).label("plan_token"))
              .outerjoin(DialogueState, DialogueState.user_id == User.id)
              .outerjoin(Plan, and_(Plan.user_id == User.id, Plan.active == True))  # noqa: E712
              .where(User.external_id == bindparam("external_id"))
              .order_by(Plan.version.desc()).limit(1)  # type: ignore[attr-defined]
              .options(defer(Plan.data)))
_CURRENT_PROFILE = (select(Profile).where(Profile.user_id == bindparam("user_id"))
                    .order_by(Profile.version.desc()).limit(1))  # type: ignore[attr-defined]
_ACTIVE_PLAN = (select(Plan).where(Plan.user_id == bindparam("user_id"), Plan.active == True)  # noqa: E712
                .order_by(Plan.version.desc()).limit(1))  # type: ignore[attr-defined]

# ---------------------------------------------------------------- users


def get_user(s: Session, user_id: int) -> User | None:
    return s.get(User, user_id)


def find_user(s: Session, external_id: str) -> User | None:
    """The user; their dialogue state and active plan come in the same query (a turn reads them next)."""
    row = s.exec(_FIND_USER, params={"external_id": external_id}).first()
    if row is None:
        return None
    user, state, plan, token = row
    memo = _memo(s)
    if memo is not None:
        memo["dialogue"][user.id] = state
        memo["plan"][user.id] = plan
        memo["plan_token"][user.id] = token
    return user


def get_or_create_user(s: Session, external_id: str, *, channel: str, chat_id: int | None = None,
                       language: str = "en", timezone: str = "UTC") -> tuple[User, bool]:
    """Return (user, created); the chat id is refreshed when it changed."""
    user = find_user(s, external_id)
    if user is not None:
        if chat_id is not None and user.chat_id != chat_id:
            user.chat_id = chat_id
            s.add(user)
            s.flush()
        return user, False
    user = User(external_id=external_id, channel=channel, chat_id=chat_id, language=language,
                timezone=timezone, pseudonym="u_" + secrets.token_hex(8))
    s.add(user)
    try:
        s.flush()
    except IntegrityError:  # another process created it first
        s.rollback()
        existing = find_user(s, external_id)
        assert existing is not None
        return existing, False
    return user, True


def update_user(s: Session, user: User, **fields: Any) -> User:
    for key, value in fields.items():
        if not hasattr(user, key):
            raise AttributeError(key)
        setattr(user, key, value)
    s.add(user)
    s.flush()
    return user


def delete_user(s: Session, user_id: int) -> None:
    """Erase every row that belongs to the user (children first, so it works without FK cascades)."""
    _forget(s, user_id)
    group_ids = [g.id for g in s.exec(select(Group).where(Group.coach_user_id == user_id))]
    if group_ids:
        s.exec(delete(Membership).where(Membership.group_id.in_(group_ids)))  # type: ignore[attr-defined]
        s.exec(delete(Group).where(Group.id.in_(group_ids)))  # type: ignore[union-attr]
    for table in (Membership, Delivery, LlmUsage, ChatTurn, DialogueState, Alert, Adjustment, CheckIn,
                  WorkoutLog, MetricReading, Plan, Profile):
        s.exec(delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
    s.exec(delete(User).where(User.id == user_id))
    s.flush()
    clear_cache()  # no decrypted copy of the erased rows stays in this process's memory (erasure is rare)


def rows_for_user(s: Session, user_id: int) -> int:
    """How many rows in any table still reference the user (0 after delete_user)."""
    total = 0
    for table in ALL_TABLES:
        if table is User:
            total += s.exec(select(func.count()).select_from(User).where(User.id == user_id)).one()
        elif table is Group:
            total += s.exec(select(func.count()).select_from(Group).where(Group.coach_user_id == user_id)).one()
        else:
            col = getattr(table, "user_id")
            total += s.exec(select(func.count()).select_from(table).where(col == user_id)).one()
    return total


# ---------------------------------------------------------------- profiles


def current_profile(s: Session, user_id: int) -> Profile | None:
    return s.exec(_CURRENT_PROFILE, params={"user_id": user_id}).first()


def save_profile(s: Session, user_id: int, data: dict, reason: str) -> Profile:
    """Insert the next version; older versions stay as history."""
    latest = current_profile(s, user_id)
    row = Profile(user_id=user_id, version=(latest.version + 1) if latest else 1, data=data, reason=reason[:200])
    s.add(row)
    s.flush()
    return row


def profile_history(s: Session, user_id: int) -> list[Profile]:
    return list(s.exec(select(Profile).where(Profile.user_id == user_id).order_by(Profile.version)))


# ---------------------------------------------------------------- metrics


def add_metric(s: Session, user_id: int, kind: str, value: Any, unit: str = "", *, source: str = "manual",
               measured_at: datetime | None = None) -> MetricReading:
    row = MetricReading(user_id=user_id, kind=kind, value=value, unit=unit, source=source,
                        measured_at=measured_at or utcnow())
    s.add(row)
    s.flush()
    return row


def metrics(s: Session, user_id: int, kind: str | None = None, *, since: datetime | None = None) -> list[MetricReading]:
    q = select(MetricReading).where(MetricReading.user_id == user_id)
    if kind:
        q = q.where(MetricReading.kind == kind)
    if since:
        q = q.where(MetricReading.measured_at >= since)
    return list(s.exec(q.order_by(MetricReading.measured_at, MetricReading.id)))


# ---------------------------------------------------------------- plans


def active_plan(s: Session, user_id: int) -> Plan | None:
    memo = _memo(s)
    if memo is not None and user_id in memo["plan"]:
        plan, token = memo["plan"][user_id], memo["plan_token"].pop(user_id, None)
        if plan is not None and token is not None and "data" in sa_inspect(plan).unloaded:
            set_committed_value(plan, "data", decrypt_value(token))  # as loaded, not a change
        return plan
    plan = s.exec(_ACTIVE_PLAN, params={"user_id": user_id}).first()
    memo = _memo(s)  # the query may have begun the transaction
    if memo is not None:
        memo["plan"][user_id] = plan
    return plan


def save_plan(s: Session, user_id: int, data: dict, reason: Any, start_date: date) -> Plan:
    """Store a new plan version and make it the only active one."""
    _forget(s, user_id)
    latest = s.exec(select(func.max(Plan.version)).where(Plan.user_id == user_id)).one()
    s.exec(update(Plan).where(Plan.user_id == user_id, Plan.active == True).values(active=False))  # noqa: E712
    row = Plan(user_id=user_id, version=(latest or 0) + 1, data=data, reason=reason, active=True, start_date=start_date)
    s.add(row)
    s.flush()
    return row


def plan_history(s: Session, user_id: int) -> list[Plan]:
    return list(s.exec(select(Plan).where(Plan.user_id == user_id).order_by(Plan.version)))


# ---------------------------------------------------------------- workouts, check-ins, adjustments, alerts


def add_workout_log(s: Session, user_id: int, *, session_date: date, status: str, plan_id: int | None = None,
                    week: int | None = None, day: int | None = None, rpe: float | None = None,
                    notes: str | None = None) -> WorkoutLog:
    row = WorkoutLog(user_id=user_id, plan_id=plan_id, week=week, day=day, session_date=session_date,
                     status=status, rpe=rpe, notes=notes)
    s.add(row)
    s.flush()
    return row


def workout_logs(s: Session, user_id: int, *, since: date | None = None) -> list[WorkoutLog]:
    q = select(WorkoutLog).where(WorkoutLog.user_id == user_id)
    if since:
        q = q.where(WorkoutLog.session_date >= since)
    return list(s.exec(q.order_by(WorkoutLog.session_date, WorkoutLog.id)))


def add_checkin(s: Session, user_id: int, local_date: date, data: dict) -> CheckIn:
    row = CheckIn(user_id=user_id, local_date=local_date, data=data)
    s.add(row)
    s.flush()
    return row


def checkins(s: Session, user_id: int, *, since: date | None = None) -> list[CheckIn]:
    q = select(CheckIn).where(CheckIn.user_id == user_id)
    if since:
        q = q.where(CheckIn.local_date >= since)
    return list(s.exec(q.order_by(CheckIn.local_date, CheckIn.id)))


def add_adjustment(s: Session, user_id: int, *, rule: str, change: Any, reason: Any, citations: list[str],
                   from_plan_id: int | None, to_plan_id: int | None) -> Adjustment:
    row = Adjustment(user_id=user_id, rule=rule, change=change, reason=reason, citations=list(citations),
                     from_plan_id=from_plan_id, to_plan_id=to_plan_id)
    s.add(row)
    s.flush()
    return row


def adjustments(s: Session, user_id: int) -> list[Adjustment]:
    return list(s.exec(select(Adjustment).where(Adjustment.user_id == user_id).order_by(Adjustment.id)))


def add_alert(s: Session, user_id: int, kind: str, detail: Any, coach_notified: bool = False) -> Alert:
    row = Alert(user_id=user_id, kind=kind, detail=detail, coach_notified=coach_notified)
    s.add(row)
    s.flush()
    return row


def alerts(s: Session, user_id: int) -> list[Alert]:
    return list(s.exec(select(Alert).where(Alert.user_id == user_id).order_by(Alert.id)))


# ---------------------------------------------------------------- dialogue and memory


@dataclass
class Idle:
    """The dialogue state of a user with none stored. A plain value: building a transient DialogueState (an ORM
    instance) costs more than the query that found there was none."""

    user_id: int
    flow: str = "idle"
    step: str = ""
    data: dict = field(default_factory=dict)


def get_dialogue(s: Session, user_id: int) -> DialogueState | Idle:
    """The stored dialogue state (read it, change it with set_dialogue), or Idle when there is none."""
    memo = _memo(s)
    if memo is not None and user_id in memo["dialogue"]:
        row = memo["dialogue"][user_id]
    else:
        row = s.get(DialogueState, user_id)
    return row if row is not None else Idle(user_id)


def set_dialogue(s: Session, user_id: int, *, flow: str, step: str = "", data: dict | None = None) -> DialogueState:
    _forget(s, user_id)
    row = s.get(DialogueState, user_id)
    if row is None:
        row = DialogueState(user_id=user_id)
    row.flow, row.step, row.updated_at = flow, step, utcnow()
    row.data = copy.deepcopy(data or {})  # callers mutate nested dicts: store a copy and flag it dirty
    flag_modified(row, "data")
    s.add(row)
    s.flush()
    return row


def add_turn(s: Session, user_id: int, role: str, content: str) -> ChatTurn:
    row = ChatTurn(user_id=user_id, role=role, content=content)
    s.add(row)
    s.flush()
    return row


def turns(s: Session, user_id: int) -> list[ChatTurn]:
    """The user's memory: the summary (if any) first, then turns oldest to newest."""
    rows = list(s.exec(select(ChatTurn).where(ChatTurn.user_id == user_id).order_by(ChatTurn.id)))
    return [r for r in rows if r.role == "summary"] + [r for r in rows if r.role != "summary"]


def replace_turns(s: Session, user_id: int, keep_ids: list[int], summary: str | None) -> None:
    """Keep only `keep_ids` (and a fresh summary of what was dropped, when given)."""
    s.exec(delete(ChatTurn).where(ChatTurn.user_id == user_id, ChatTurn.id.not_in(keep_ids or [-1])))  # type: ignore[union-attr]
    if summary:
        s.add(ChatTurn(user_id=user_id, role="summary", content=summary))
    s.flush()


def record_usage(s: Session, user_id: int | None, purpose: str, model: str, prompt_tokens: int,
                 completion_tokens: int) -> LlmUsage:
    row = LlmUsage(user_id=user_id, purpose=purpose, model=model, prompt_tokens=prompt_tokens,
                   completion_tokens=completion_tokens)
    s.add(row)
    s.flush()
    return row


def usage(s: Session, user_id: int | None = None) -> list[LlmUsage]:
    q = select(LlmUsage)
    if user_id is not None:
        q = q.where(LlmUsage.user_id == user_id)
    return list(s.exec(q.order_by(LlmUsage.id)))


# ---------------------------------------------------------------- deliveries


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
                        or_(and_(Delivery.status == "claimed", Delivery.claimed_at < cutoff),
                            Delivery.status == "retry"))
                 .values(claimed_by=worker, claimed_at=now, status="claimed", attempts=Delivery.attempts + 1))
    s.commit()
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return s.exec(select(Delivery).where(Delivery.user_id == user_id, Delivery.kind == kind,
                                         Delivery.local_date == local_date)).one()


def finish_delivery(s: Session, delivery_id: int, status: str) -> None:
    """Mark a claimed delivery sent / skipped / failed / retry, and commit."""
    s.exec(update(Delivery).where(Delivery.id == delivery_id)
           .values(status=status, sent_at=utcnow() if status == "sent" else None))
    s.commit()


def deliveries(s: Session, *, user_id: int | None = None, kind: str | None = None) -> list[Delivery]:
    q = select(Delivery)
    if user_id is not None:
        q = q.where(Delivery.user_id == user_id)
    if kind is not None:
        q = q.where(Delivery.kind == kind)
    return list(s.exec(q.order_by(Delivery.id)))


# ---------------------------------------------------------------- groups


def create_group(s: Session, coach_user_id: int, *, title: str = "", chat_id: int | None = None) -> Group:
    row = Group(coach_user_id=coach_user_id, title=title[:128], chat_id=chat_id, join_code=secrets.token_hex(4))
    s.add(row)
    s.flush()
    return row


def find_group(s: Session, *, join_code: str | None = None, chat_id: int | None = None,
               group_id: int | None = None) -> Group | None:
    q = select(Group)
    if join_code is not None:
        q = q.where(Group.join_code == join_code)
    if chat_id is not None:
        q = q.where(Group.chat_id == chat_id)
    if group_id is not None:
        q = q.where(Group.id == group_id)
    return s.exec(q).first()


def join_group(s: Session, group_id: int, user_id: int, share_progress: bool) -> Membership:
    row = s.exec(select(Membership).where(Membership.group_id == group_id, Membership.user_id == user_id)).first()
    if row is None:
        row = Membership(group_id=group_id, user_id=user_id)
    row.share_progress = share_progress
    s.add(row)
    s.flush()
    return row


def members(s: Session, group_id: int) -> list[tuple[Membership, User]]:
    q = select(Membership, User).join(User, User.id == Membership.user_id).where(Membership.group_id == group_id)
    return list(s.exec(q))


def groups_of(s: Session, user_id: int) -> list[tuple[Membership, Group]]:
    q = select(Membership, Group).join(Group, Group.id == Membership.group_id).where(Membership.user_id == user_id)
    return list(s.exec(q))


# ---------------------------------------------------------------- export


def export_user(s: Session, user_id: int) -> dict:
    """Everything stored about one user, decrypted, as plain JSON-able data."""
    user = s.get(User, user_id)
    if user is None:
        return {}

    def rows(table: Any) -> list[dict]:
        items = s.exec(select(table).where(table.user_id == user_id).order_by(table.id))
        return [r.model_dump(mode="json") for r in items]

    state = s.get(DialogueState, user_id)
    return {
        "user": user.model_dump(mode="json"),
        "profiles": rows(Profile), "metrics": rows(MetricReading), "plans": rows(Plan),
        "workouts": rows(WorkoutLog), "checkins": rows(CheckIn), "adjustments": rows(Adjustment),
        "alerts": rows(Alert), "deliveries": rows(Delivery), "chat_memory": rows(ChatTurn),
        "llm_usage": rows(LlmUsage), "memberships": rows(Membership),
        "dialogue_state": state.model_dump(mode="json") if state else None,
    }
