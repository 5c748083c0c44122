"""Plans: make and store one, find the session of a day, renew a block that ran out."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from coach.domain.profile import Profile
from coach.i18n import t
from coach.planning.engine import make_plan
from coach.planning.validator import validate_plan
from coach.services.profiles import profile_of
from knowledge.corpus import get_passage
from storage.models import Plan, User
from storage.repos import plans


def plan_lang(user: User) -> str:
    """The language a plan's texts are written in (the user's)."""
    return user.language or "en"


def create_plan(s: Session, user: User, prof: Profile, reason: str, *, start: date, weeks: int = 4) -> Plan:
    """Plan with the engine, check it with the validator, store it as the active version."""
    plan = make_plan(prof, weeks, lang=plan_lang(user))
    violations = validate_plan(plan, prof, kb_lookup=get_passage)
    if violations:  # never store a plan that breaks a rule; the engine should not produce one
        raise RuntimeError("engine plan failed validation: " + "; ".join(map(str, violations[:3])))
    return plans.save_plan(s, user.id, plan, reason, start)


@dataclass
class Today:
    """What a plan holds for one date."""

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
    """The plan's session on a date (none on a rest day, before the start or after the block)."""
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
    plan = plans.active_plan(s, user.id)
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
