"""Plan versions: one active plan per user; older versions stay as history."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from storage.crypto import decrypt_value
from storage.models import Plan
from storage.repos.tx_memo import forget_user, memo_of

# Built once: on SQLite, building a select costs about as much as running it.
_ACTIVE_PLAN = (select(Plan).where(Plan.user_id == bindparam("user_id"), Plan.active == True)  # noqa: E712
                .order_by(Plan.version.desc()).limit(1))  # type: ignore[attr-defined]


def active_plan(s: Session, user_id: int) -> Plan | None:
    """The user's active plan (remembered for the transaction), or None."""
    memo = memo_of(s)
    if memo is not None and user_id in memo["plan"]:
        plan, token = memo["plan"][user_id], memo["plan_token"].pop(user_id, None)
        # users.find_user loaded the plan without its data: decrypt the token it brought along
        if plan is not None and token is not None and "data" in sa_inspect(plan).unloaded:
            set_committed_value(plan, "data", decrypt_value(token))  # as loaded, not a change
        return plan
    plan = s.exec(_ACTIVE_PLAN, params={"user_id": user_id}).first()
    memo = memo_of(s)  # the query may have begun the transaction
    if memo is not None:
        memo["plan"][user_id] = plan
    return plan


def save_plan(s: Session, user_id: int, data: dict, reason: Any, start_date: date) -> Plan:
    """Store a new plan version and make it the only active one."""
    forget_user(s, user_id)
    latest = s.exec(select(func.max(Plan.version)).where(Plan.user_id == user_id)).one()
    s.exec(update(Plan).where(Plan.user_id == user_id, Plan.active == True).values(active=False))  # noqa: E712
    row = Plan(user_id=user_id, version=(latest or 0) + 1, data=data, reason=reason, active=True, start_date=start_date)
    s.add(row)
    s.flush()
    return row


def plan_history(s: Session, user_id: int, last: int | None = None) -> list[Plan]:
    """Every plan version of the user (or the `last` most recent), oldest first."""
    if last is None:
        return list(s.exec(select(Plan).where(Plan.user_id == user_id).order_by(Plan.version)))
    recent = s.exec(select(Plan).where(Plan.user_id == user_id).order_by(Plan.version.desc()).limit(last))  # type: ignore[union-attr]
    return list(recent)[::-1]


def plan_count(s: Session, user_id: int) -> int:
    """How many plan versions the user has."""
    return s.exec(select(func.count()).select_from(Plan).where(Plan.user_id == user_id)).one()


def plan_heads(s: Session, user_id: int) -> list[Any]:
    """Every plan version's id, version, start date and creation time, oldest first, without decrypting a plan:
    which version was in force when (hundreds of regenerated plans decrypted whole cost a /progress ~0.5 s)."""
    q = select(Plan.id, Plan.version, Plan.start_date, Plan.created_at).where(Plan.user_id == user_id)
    return list(s.exec(q.order_by(Plan.version)))  # type: ignore[arg-type]


def plans_by_id(s: Session, ids: list[int]) -> dict[int, Plan]:
    """{id: plan} of the given plan versions, in one query."""
    if not ids:
        return {}
    return {p.id: p for p in s.exec(select(Plan).where(Plan.id.in_(ids)))}  # type: ignore[union-attr]


def plan_reasons(s: Session, user_id: int, last: int) -> list[Any]:
    """The `last` most recent versions' version, start date, creation time and reason, oldest first (what the
    report's plan history shows), without decrypting the plans themselves."""
    q = (select(Plan.version, Plan.start_date, Plan.created_at, Plan.reason).where(Plan.user_id == user_id)
         .order_by(Plan.version.desc()).limit(last))  # type: ignore[union-attr]
    return list(s.exec(q))[::-1]
