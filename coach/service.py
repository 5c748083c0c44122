"""Use cases shared by the dialogue, the scheduler and the agent tools: plans, days, logs, readings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach.i18n import t
from coach.planner import make_plan
from coach.profile import Profile, ProfileError, validate_profile
from coach.validate import validate_plan
from knowledge.corpus import get_passage
from storage import repo
from storage.models import Plan, User

PLAN_FIELDS = ("age", "height_cm", "resting_hr", "bp_systolic", "bp_diastolic", "experience", "currently_active",
               "goal", "target_weight_kg", "target_weeks", "days_per_week", "minutes_per_session", "equipment",
               "injuries", "conditions", "symptoms", "preferences")
PLAN_RELEVANT = frozenset(PLAN_FIELDS)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def local_now(user: User, now: datetime | None = None) -> datetime:
    """The user's wall-clock time."""
    return (now or utcnow()).astimezone(ZoneInfo(user.timezone or "UTC"))


def local_today(user: User, now: datetime | None = None) -> date:
    return local_now(user, now).date()


def profile_of(s: Session, user: User) -> Profile | None:
    """The user's current validated profile, or None before onboarding finished."""
    row = repo.current_profile(s, user.id)
    if row is None or not row.data or not row.data.get("complete"):
        return None
    try:
        return validate_profile(row.data["profile"])
    except ProfileError:
        return None


def profile_dict(s: Session, user: User) -> dict:
    row = repo.current_profile(s, user.id)
    return dict((row.data or {}).get("profile", {})) if row else {}


def save_profile(s: Session, user: User, data: dict, reason: str) -> Profile:
    """Validate and store a new complete profile version (old versions stay)."""
    prof = validate_profile(data)
    repo.save_profile(s, user.id, {"complete": True, "profile": prof.to_json()}, reason)
    return prof


def plan_lang(user: User) -> str:
    return user.language or "en"


def create_plan(s: Session, user: User, prof: Profile, reason: str, *, start: date, weeks: int = 4) -> Plan:
    """Plan with the engine, check it with the validator, store it as the active version."""
    plan = make_plan(prof, weeks, lang=plan_lang(user))
    violations = validate_plan(plan, prof, kb_lookup=get_passage)
    if violations:  # never store a plan that breaks a rule; the engine should not produce one
        raise RuntimeError("engine plan failed validation: " + "; ".join(map(str, violations[:3])))
    return repo.save_plan(s, user.id, plan, reason, start)


@dataclass
class Today:
    plan: Plan
    week: int
    day: int
    session: dict | None  # None = rest day
    beyond: bool = False  # the block is over


def day_of_plan(plan: Plan, on: date) -> tuple[int, int]:
    """(week, day) of a date within a plan; day 1 is the plan's start date."""
    delta = (on - plan.start_date).days
    return delta // 7 + 1, delta % 7 + 1


def session_on(plan: Plan, on: date) -> Today:
    week, day = day_of_plan(plan, on)
    weeks = (plan.data or {}).get("weeks", [])
    if week < 1:
        return Today(plan, week, day, None)
    if week > len(weeks):
        return Today(plan, week, day, None, beyond=True)
    for sess in weeks[week - 1].get("sessions", []):
        if sess.get("day") == day:
            return Today(plan, week, day, sess)
    return Today(plan, week, day, None)


def ensure_current_block(s: Session, user: User, today: date) -> Plan | None:
    """The active plan, renewed with a fresh block when the old one has run out."""
    plan = repo.active_plan(s, user.id)
    if plan is None:
        return None
    info = session_on(plan, today)
    if info.beyond:
        prof = profile_of(s, user)
        if prof is not None:
            weeks = (plan.data or {}).get("horizon_weeks", 4)
            plan = create_plan(s, user, prof, t(user.language, "New {n}-week block after finishing the last one.",
                                                  n=weeks), start=today, weeks=weeks)
    return plan


LOG_STATUSES = ("done", "too_easy", "too_hard", "pain", "skipped")


def record_reading(s: Session, user: User, kind: str, value: Any, unit: str, source: str = "manual",
                   at: datetime | None = None) -> None:
    repo.add_metric(s, user.id, kind, value, unit, source=source, measured_at=at)


def latest_reading(s: Session, user: User, kind: str) -> Any:
    rows = repo.metrics(s, user.id, kind)
    return rows[-1].value if rows else None


def week_bounds(today: date) -> tuple[date, date]:
    return today - timedelta(days=6), today
