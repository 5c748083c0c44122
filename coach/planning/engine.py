"""The FITT-VP engine: a profile and its screening in, a validated multi-week plan (CONTRACTS.md) out.

Numbers come from rules here, never from a model. The weekly template (which days, which kinds, which
exercises) is built once; weeks then vary minutes, sets and effort (ramp, progression, deload).
"""
from __future__ import annotations

from coach.domain.limits import MAX_PLAN_WEEKS, safe_rate_kg_week
from coach.i18n import t
from coach.planning.context import Context, make_context
from coach.planning.exercises import fill_template
from coach.planning.rationale import citations_for, rationale, target_alert
from coach.planning.sessions import build_weeks
from coach.planning.template import DAY_LAYOUT, choose_kinds, place
from coach.domain.profile import Profile
from coach.safety.screening import Screening, screen

MAX_WEEKS = MAX_PLAN_WEEKS


class PlanError(ValueError):
    """The planner could not honour the request (bad weeks, etc.)."""


def _safety(ctx: Context, alert: str | None, rate: float | None) -> dict:
    """The plan's safety object: the screening, the planner's own cap, and any weight-target alert."""
    p, s, lang = ctx.p, ctx.s, ctx.lang
    safety = s.to_json()
    safety["intensity_cap"] = ctx.cap
    if ctx.cap != s.intensity_cap and ctx.beginner and not s.restricted:
        safety["reasons"] = safety["reasons"] + [t(lang, "New or returning to exercise: moderate intensity at most "
                                                         "for this first block.")]
    if alert:
        safe = safe_rate_kg_week(p.weight_kg)
        if lang != "en":  # the numbers also in the contract's units, whatever the language
            alert += f" (safe rate: at most {safe:g} kg per week)"
        safety["alerts"] = safety["alerts"] + [alert]
        safety["target_rate"] = {"requested_kg_per_week": round(rate or 0.0, 2), "safe_kg_per_week": safe}
    return safety


def make_plan(p: Profile, weeks: int = 4, *, lang: str | None = None, screening: Screening | None = None) -> dict:
    """The plan JSON of CONTRACTS.md for a validated profile."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise PlanError(f"weeks: {weeks} is out of range (accepted 1–{MAX_WEEKS} weeks)")
    lang = lang or p.language or "en"
    s = screening or screen(p, lang)
    ctx = make_context(p, s, lang)
    kinds, labels = choose_kinds(ctx)
    slots = place(kinds, labels, DAY_LAYOUT[p.days_per_week])
    fill_template(ctx, slots)
    plan_weeks = build_weeks(ctx, slots, weeks)
    alert, rate = target_alert(p, lang)
    safety = _safety(ctx, alert, rate)
    cites = citations_for(ctx, slots, alert is not None)
    plan = {"goal": p.goal, "horizon_weeks": weeks, "safety": safety, "weeks": plan_weeks,
            "citations": [{k: c[k] for k in ("id", "title", "source")} for c in cites], "language": lang}
    plan["rationale"] = rationale(ctx, plan_weeks, cites)
    return plan

