"""The FITT-VP engine: a profile and its screening in, a validated multi-week plan (CONTRACTS.md) out.

Numbers come from rules here, never from a model. The weekly template (which days, which kinds, which
exercises) is built once; weeks then vary minutes, sets and effort (see coach.planning.schedule for how load
rises). A red flag without a recorded clearance gives a plan with no sessions at all (PLAN_RULES 19).
"""
from __future__ import annotations

from coach.domain.limits import MAX_PLAN_WEEKS, safe_rate_kg_week
from coach.domain.profile import Profile
from coach.i18n import t
from coach.planning.context import Context, Slot, make_context
from coach.planning.exercises import fill_template
from coach.planning.goals import GoalSwitch, safe_goal
from coach.planning.rationale import citation_tags, citations_for, rationale, target_alerts
from coach.planning.sessions import build_weeks
from coach.planning.template import choose_kinds, layout, mark_long_easy, place
from coach.safety.screening import Screening, screen
from knowledge.corpus import by_tag

MAX_WEEKS = MAX_PLAN_WEEKS


class PlanError(ValueError):
    """The planner could not honour the request (bad weeks, etc.)."""


def _reason_citations(ctx: Context, safety: dict, pairs: list[tuple[str, str]]) -> list[dict]:
    """Which passage supports each safety reason or alert (PLAN_RULES 30); tags without a passage are skipped."""
    out = []
    for text, tag in pairs:
        passage = by_tag(tag, ctx.lang)
        if passage is None:
            continue
        for field in ("reasons", "alerts"):
            if text in safety[field]:
                out.append({field.rstrip("s"): safety[field].index(text), "id": passage.id,
                            "for": tag.removeprefix("plan:")})
    return out


def _safety(ctx: Context, target: list[tuple[str, str]], rate: float | None, aims: bool, switch: GoalSwitch) -> dict:
    """The plan's safety object: the screening, the planner's own cap, and any weight-target alerts."""
    p, s, lang = ctx.p, ctx.s, ctx.lang
    safety = s.to_json()
    safety["intensity_cap"] = ctx.cap
    if ctx.first_cap != s.intensity_cap and ctx.beginner and not s.clearance_required and not ctx.has("cleared"):
        text = (t(lang, "New or returning to exercise: moderate intensity at most for this first block.")
                if ctx.cap == ctx.first_cap else
                t(lang, "New or returning to exercise: moderate intensity at most for the first four weeks."))
        safety["reasons"] = safety["reasons"] + [text]
    extra = []
    if switch.requested:
        safety["requested_goal"] = switch.requested
    if switch.reason:
        safety["reasons"] = safety["reasons"] + [switch.reason[0]]
        extra.append(switch.reason)
    for text, tag in target:
        if lang != "en" and p.age >= 18:  # (no adult % rate for a teenager)  # the numbers also in the contract's units, whatever the language
            text += f" (safe rate: at most {safe_rate_kg_week(p.weight_kg):g} kg per week)"
        extra.append((text, tag))
    safety["alerts"] = safety["alerts"] + [text for text, _ in extra]
    if target and aims:
        safety["target_rate"] = {"requested_kg_per_week": round(rate or 0.0, 2),
                                 "safe_kg_per_week": safe_rate_kg_week(p.weight_kg)}
    safety["reason_citations"] = _reason_citations(ctx, safety, list(s.reason_tags) + extra)
    return safety


def _template(ctx: Context) -> list[Slot]:
    if ctx.has("hard_stop"):
        return []
    kinds, labels = choose_kinds(ctx)
    slots = place(kinds, labels, layout(ctx))
    mark_long_easy(ctx, slots)
    fill_template(ctx, slots)
    return slots


def make_plan(p: Profile, weeks: int = 4, *, lang: str | None = None, screening: Screening | None = None) -> dict:
    """The plan JSON of CONTRACTS.md for a validated profile."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise PlanError(f"weeks: {weeks} is out of range (accepted 1–{MAX_WEEKS} weeks)")
    lang = lang or p.language or "en"
    s = screening or screen(p, lang)
    switch = safe_goal(p, lang)
    asked, p = p, switch.profile
    # always planned over the full horizon, so a 4-week block is weeks 1-4 of the 12-week plan for the same profile
    ctx = make_context(p, s, lang, MAX_WEEKS)
    slots = _template(ctx)
    plan_weeks = build_weeks(ctx, slots, MAX_WEEKS)[:weeks]
    target, rate, aims = target_alerts(asked, lang)
    safety = _safety(ctx, target, rate, aims, switch)
    cites = citations_for(ctx, citation_tags(ctx, slots, [tag for _, tag in target]))
    plan = {"goal": p.goal, "horizon_weeks": weeks, "safety": safety, "weeks": plan_weeks,
            "citations": cites, "language": lang}
    plan["rationale"] = rationale(ctx, plan_weeks, cites)
    return plan
