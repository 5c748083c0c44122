"""Storing a plan change: validated first, then saved as a new version with its reason and citations."""
from __future__ import annotations

import logging
from datetime import date

from sqlmodel import Session


from coach.planning.dose_floor import restate_dose
from coach.planning.validator import validate_plan
from coach.services.context import Ctx
from knowledge.corpus import by_tag, get_passage
from storage import repos
from storage.models import Plan, User
from coach.services.plans import create_plan
from coach.services.profiles import profile_of

log = logging.getLogger(__name__)


def cite(lang: str, *tags: str) -> list[str]:
    """Passage ids for plan tags, in the person's language, without repeats."""
    out: list[str] = []
    for tag in tags:
        p = by_tag(tag, lang)
        if p and p.id not in out:
            out.append(p.id)
    return out


def exercise_ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan.get("weeks", []) for s in w.get("sessions", []) for e in s.get("exercises", [])}


def commit_change(s: Session, user: User, old: Plan, new_data: dict, *, rule: str, change: dict, reason: str,
                  tags: tuple[str, ...] = (), start: date | None = None,
                  citations: list[str] | None = None) -> Plan | None:
    """Validate and store a new plan version with its adjustment record; None when it would break a rule."""
    prof = profile_of(s, user)
    if prof is None:
        return None
    restate_dose(new_data)  # the rationale's weekly cardio figure follows the changed sessions (rule 88)
    violations = validate_plan(new_data, prof, kb_lookup=get_passage)
    if violations:
        log.warning("adjustment %s rejected by the validator: %s", rule, violations[:3])
        return None
    row = repos.plans.save_plan(s, user.id, new_data, reason, start or old.start_date)
    cites = [c for c in (citations or []) if get_passage(c)] or cite(user.language, *tags)
    repos.adjustments.add_adjustment(s, user.id, rule=rule, change=change, reason=reason, citations=cites,
                        from_plan_id=old.id, to_plan_id=row.id)
    return row


def replan(ctx: Ctx, *, rule: str, reason: str, tags: tuple[str, ...], change: dict,
           start: date | None = None) -> Plan | None:
    """A fresh engine plan from the current profile (same start and horizon unless given)."""
    s, user = ctx.s, ctx.user
    prof = profile_of(s, user)
    old = repos.plans.active_plan(s, user.id)
    if prof is None:
        return None
    weeks = (old.data or {}).get("horizon_weeks", 4) if old else 4
    new = create_plan(s, user, prof, reason, start=start or (old.start_date if old else ctx.today()),
                              weeks=weeks)
    repos.adjustments.add_adjustment(s, user.id, rule=rule, change=change, reason=reason, citations=cite(user.language, *tags),
                        from_plan_id=old.id if old else None, to_plan_id=new.id)
    return new
