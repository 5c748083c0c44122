"""The FITT-VP engine: a profile and its screening in, a validated multi-week plan (CONTRACTS.md) out.

Numbers come from rules here, never from a model. The weekly template (which days, which kinds, which
exercises) is built once; weeks then vary minutes, sets and effort (see coach.planning.schedule for how load
rises). A red flag without a recorded clearance gives a plan with no sessions at all (PLAN_RULES 19).
"""
from __future__ import annotations

import copy

from coach.domain.limits import MAX_PLAN_WEEKS, safe_rate_kg_week
from coach.domain.profile import Profile
from coach.i18n import t
from coach.planning.third_set import strength_steps
from coach.planning.context import Context, Slot, make_context
from coach.planning.advice import daily_walk, home_only, keep_add_on, light_start_walks
from coach.planning.hints import restate_home_balance
from coach.planning.aerobic import active_walks, block_progression, fat_loss_walks, liked_ride, talk_test
from coach.planning.concurrent import trained_doses, zone_tags
from coach.planning.careful import hold_rests, review7_passes
from coach.planning.copd_plan import copd_notes, copd_template
from coach.planning.doses import per_exercise
from coach.planning.falls import add_falls_gap
from coach.planning.drills import drill_rounds
from coach.planning.holds import hold_text
from coach.planning.late_pregnancy import gestation, late_pregnancy, late_tags, pregnancy_reasons
from coach.planning.antenatal_plan import antenatal_passes
from coach.planning.intervals import write_intervals
from coach.planning.joint_precautions import joint_precautions
from coach.planning.shoulder_press import hold_presses
from coach.planning.bleeding import free_weight_care
from coach.planning.grip import grip_care
from coach.planning.ankle_balance import ankle_balance
from coach.planning.quality import honest_hard_count
from coach.planning.longrun import grow_long_run
from coach.planning.notes import plan_notes
from coach.planning.periodise import periodise
from coach.planning.postnatal_core import core_tags, postnatal_core
from coach.planning.diastasis_return import staged_return, staged_tags
from coach.planning.parkinsons_plan import parkinsons_sessions
from coach.planning.postnatal_phase import postnatal_phases
from coach.planning.exercises import fill_template
from coach.planning.heavy import heavy_tags, undulate
from coach.planning.goals import GoalSwitch, fuelling_reason, safe_goal
from coach.planning.pending_text import light_until_cleared
from coach.planning.rest_day import rest_note, with_rest_day
from coach.planning.strength_time import fit_strength_minutes
from coach.planning.gain_rate import gain_range_kg, gains
from coach.planning.rationale import citation_tags, citations_for, honest_aerobic, rationale, target_alerts
from coach.planning.schedule import CARDIAC, CARDIAC_RAMP
from coach.planning.sessions import build_weeks
from coach.planning.sport import sport_plans
from coach.planning.zones import state_ceiling
from coach.planning.ramp import stagger_walks
from coach.planning.swaps import apply_swaps
from coach.planning.template import choose_kinds, layout, mark_long_easy, place
from coach.planning.youth import rationale_sentence, vigorous_days
from coach.planning.written_in import warning_alerts
from coach.planning.cleared_steps import add_reasons, cleared_heart_steps
from coach.safety.screening import Screening, screen
from coach.planning.review8 import barbell_safety, barbell_tags
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


def _safety(ctx: Context, target: list[tuple[str, str]], rate: float | None, aims: bool, switch: GoalSwitch,
            horizon: int = MAX_WEEKS) -> dict:
    """The plan's safety object: the screening, the planner's own cap, and any weight-target alerts."""
    p, s, lang = ctx.p, ctx.s, ctx.lang
    safety = s.to_json()
    safety["intensity_cap"] = ctx.cap
    if ctx.first_cap != s.intensity_cap and ctx.beginner and not s.clearance_required and not ctx.has("cleared"):
        text = (t(lang, "New or returning to exercise: moderate intensity at most for this first block.")
                if ctx.cap == ctx.first_cap else
                t(lang, "New or returning to exercise: moderate intensity at most for the first four weeks.")
                if ctx.lift_week <= 5 else
                t(lang, "New or returning to exercise: moderate intensity for the first eight weeks while minutes "
                        "and sets build up, one change at a time; after that the effort steps up only if it "
                        "feels comfortable."))
        safety["reasons"] = safety["reasons"] + [text]
    own: list[tuple[str, str]] = []
    if ctx.frail and not ctx.has("hard_stop"):  # Vivifrail / ICFSR 2019 through kb-falls-001's programme
        own.append((t(lang, "Frailty, a recent fall or a walking aid: a chair-based programme (standing up from a "
                            "chair, pushes and pulls), balance next to a sturdy support every day, and loads that "
                            "rise only when the last step felt easy."), "plan:falls"))
    own += pregnancy_reasons(ctx, horizon)  # the third trimester, the birth, the due date (late_pregnancy.py)
    own += plan_notes(ctx)
    safety["reasons"] = safety["reasons"] + [text for text, _ in own if text not in safety["reasons"]]
    extra = []
    if switch.requested:
        safety["requested_goal"] = switch.requested
    if switch.volume_cap:
        safety["volume_cap"] = dict(switch.volume_cap)
    if switch.reason:
        safety["reasons"] = safety["reasons"] + [switch.reason[0]]
        extra.append(switch.reason)
    for text, tag in target:  # (the translated alert states the rate; no English fragment beside it, review 15)
        extra.append((text, tag))
    safety["alerts"] = safety["alerts"] + [text for text, _ in extra]
    if target and aims:
        safety["target_rate"] = {"requested_kg_per_week": round(rate or 0.0, 2),  # (a gain: kb-muscle-gain-energy-001)
                                 "safe_kg_per_week": gain_range_kg(p.weight_kg)[1] if gains(p) else
                                 safe_rate_kg_week(p.weight_kg)}
    safety["reason_citations"] = _reason_citations(ctx, safety, list(s.reason_tags) + own + extra)
    return safety


def _fuelled(s: Screening, switch: GoalSwitch, lang: str) -> Screening:
    """An unsafe weight goal: fuelling advice, and moderate effort at most for an underweight adult (RED-S)."""
    s = copy.deepcopy(s)
    text, tag = fuelling_reason(lang)
    if switch.why == "underweight":
        s.cap("moderate", text, flag="low_energy", tag=tag)
    else:
        s.reason(text, tag)
    return s


def _template(ctx: Context) -> list[Slot]:
    if ctx.has("hard_stop"):
        return []
    kinds, labels = choose_kinds(ctx)
    slots = place(kinds, labels, layout(ctx))
    mark_long_easy(ctx, slots)
    fill_template(ctx, slots)
    copd_template(ctx, slots)  # walking and cycling, upright strength (copd_plan.py)
    return slots


def _add_walks(ctx: Context, weeks: list[dict]) -> None:
    """Each week's walking on the days without a session (`daily_activity`, an addition to the contract's week), so
    the aerobic dose the passages give (150 min a week) is reached where the sessions alone fall short; never for
    someone who said they dislike walking (preferences.dislikes are never scheduled), who keeps only the home balance
    add-on (advice.home_only)."""
    if any("walk" in word for word in ctx.dislikes):
        home_only(ctx, weeks)  # no walk, but the home balance add-on still rides on the days without a session
        return
    full = max((s["minutes"] for w in weeks for s in w["sessions"]), default=0)
    cardiac = bool(CARDIAC & set(ctx.p.conditions))
    prev: float | None = None  # last week's minutes, sessions and walks
    last_walk: dict | None = None
    for w in weeks:
        longest = max((s["minutes"] for s in w["sessions"]), default=0)
        sessions = sum(s["minutes"] for s in w["sessions"])
        ceiling = CARDIAC_RAMP * prev - sessions if cardiac and prev is not None and not w["deload"] else None
        walk = daily_walk(ctx, w, honest_aerobic(w), min(1.0, longest / full) if full else 0.0, ceiling)
        if last_walk and not w["deload"] and ceiling is None and (walk or {}).get("minutes", 0) < last_walk["minutes"]:
            walk = keep_add_on(last_walk, walk)  # walks are not cut when the sessions grow or get harder
        if walk and last_walk and (last_walk.get("add_on") or {}).get("minutes", 0) > (walk.get("add_on") or {}).get(
                "minutes", 0) and walk.get("add_on") and not w["deload"]:
            walk = {**walk, "add_on": last_walk["add_on"], "text": walk["text"].replace(walk["add_on"]["text"],
                                                                                      last_walk["add_on"]["text"])}
        if walk:
            w["daily_activity"] = walk
            last_walk = walk if not w["deload"] else last_walk
        prev = sessions + (walk["total_minutes"] if walk else 0)


def _advice_tags(ctx: Context, weeks: list[dict]) -> list[str]:
    """The passages behind the advice riding along with the sessions (walks, balance steps, the back-pain rule)."""
    tags = []
    if any(w.get("daily_activity") for w in weeks):
        tags.append("plan:daily-activity")
    if any(e.get("kind") == "balance" for w in weeks[:1] for s in w["sessions"] for e in s["exercises"]):
        tags.append("plan:balance-progression")
    if any(s.get("extend_to_minutes") or "tempo" in str(s.get("notes", "")).lower() for w in weeks
           for s in w["sessions"]):
        tags.append("plan:long-run")  # kb-endurance-004: the longer long run offered, the second hard session
    if ctx.trunk_focus and not ctx.has("hard_stop"):
        tags.append("plan:back-pain")  # the pain rule for chronic back pain (kb-lower-back-003), not tendon pain
    return tags


def _build_weeks(ctx: Context, slots: list[Slot]) -> tuple[list[dict], object]:
    """Every week of the full horizon, through the engine's passes in order (each names the rule or review it
    serves); also the cleared heart patient's steps, for the reasons."""
    all_weeks = build_weeks(ctx, slots, MAX_WEEKS)
    grow_long_run(ctx, slots, all_weeks)
    _add_walks(ctx, all_weeks)
    per_exercise(ctx, all_weeks)
    periodise(ctx, all_weeks)
    undulate(ctx, all_weeks)
    block_progression(ctx, all_weeks)
    trained_doses(ctx, all_weeks)  # review 7: sets per muscle and exercise, heavy leg days, athletes' lifting
    active_walks(ctx, all_weeks)
    fat_loss_walks(ctx, all_weeks)
    talk_test(ctx, all_weeks)
    liked_ride(ctx, all_weeks)
    vigorous_days(ctx, all_weeks)
    postnatal_phases(ctx, all_weeks)  # after birth: the weeks since the birth set effort and choice
    copd_notes(ctx, all_weeks)
    stagger_walks(ctx, all_weeks)  # one change at a time, at most 20 % more a week for people who build up
    apply_swaps(ctx, all_weeks)  # exercises the person asked to swap, where the swap still fits (swaps.py)
    late_pregnancy(ctx, all_weeks)  # from week 28 of pregnancy: eased, supported, pelvic floor (late_pregnancy.py)
    postnatal_core(ctx, all_weeks)  # after birth: the core step, the running check (postnatal_core.py; fits what is left)
    staged_return(ctx, all_weeks)  # review 12: diastasis / first year after birth, barbell lifts come back in steps
    parkinsons_sessions(ctx, all_weeks)  # review 12: liked dance / cycling as cardio, "on" time (kb-parkinsons-001)
    review7_passes(ctx, all_weeks)  # review 7: rests, COPD's light start, bones' coached heavy step, post-lift cardio
    steps = cleared_heart_steps(ctx, all_weeks)  # review 11: a cleared heart patient's light start, effort, third set
    light_start_walks(ctx, all_weeks)  # review 11: a light start's walks are light, at an easy pace (rule 73)
    strength_steps(ctx, all_weeks, hold_rests)  # review 13: body-weight ladders climb (rule 91), a third set (third_set.py)
    barbell_safety(ctx, all_weeks, hold_rests)  # review 8: heavy barbell sets rest 2 min and carry the rack / spotter rule
    free_weight_care(ctx, all_weeks)  # rule 92: on a blood thinner, barbell lifts with safety arms or a spotter
    grip_care(ctx, all_weeks)  # rules 100-101 (review 15): a wrist or elbow injury, straps on deadlifts and pulls
    ankle_balance(ctx, all_weeks)  # rule 103 (review 15): an ankle injury, balance on the injured leg every week
    hold_presses(ctx, all_weeks)  # rule 96 (review 14): no near-maximal wall push-up or painful shoulder press
    state_ceiling(ctx.p, all_weeks)  # review 9: a doctor's heart-rate ceiling in every session's intensity
    antenatal_passes(ctx, all_weeks, gestation)  # rule 90: pregnancy's minutes held, harder run, pelvic floor
    write_intervals(ctx, all_weeks)  # rule 87
    talk_test(ctx, all_weeks)  # sessions rule 87 steadied are easy aerobic work now (it skips noted sessions)
    honest_hard_count(ctx, all_weeks)  # review 15: a tempo note counts the week's hard sessions as planned
    return all_weeks, steps


def make_plan(p: Profile, weeks: int = 4, *, lang: str | None = None, screening: Screening | None = None) -> dict:
    """The plan JSON of CONTRACTS.md for a validated profile."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise PlanError(f"weeks: {weeks} is out of range (accepted 1–{MAX_WEEKS} weeks)")
    lang = lang or p.language or "en"
    s = screening or screen(p, lang)
    switch = safe_goal(p, lang)
    asked, p = p, with_rest_day(switch.profile)  # beginners keep a full rest day (rest_day.py)
    if switch.why:
        s = _fuelled(s, switch, lang)
    s = light_until_cleared(s)  # review 13: no "light to moderate" while every session is light (pending_text.py)
    # always planned over the full horizon, so a 4-week block is weeks 1-4 of the 12-week plan for the same profile
    ctx = make_context(p, s, lang, MAX_WEEKS)
    slots = _template(ctx)
    all_weeks, steps = _build_weeks(ctx, slots)
    plan_weeks = fit_strength_minutes(ctx.p, all_weeks)[:weeks]  # review 12: strength minutes match the work (rule 83)
    target, rate, aims = target_alerts(asked, lang)
    safety = _safety(ctx, target, rate, aims, switch, weeks)
    add_reasons(safety, steps, lang)
    add_falls_gap(ctx, safety, all_weeks)  # frail: under ~3 h of balance by week 12, say so once
    tags = citation_tags(ctx, slots, [tag for _, tag in target]) + _advice_tags(ctx, plan_weeks)
    tags += heavy_tags(ctx, plan_weeks) + zone_tags(plan_weeks) + barbell_tags(plan_weeks)
    tags += staged_tags(ctx, plan_weeks)  # review 12: kb-diastasis-001
    tags += late_tags(ctx, plan_weeks) + (core_tags(plan_weeks) if ctx.p.weeks_since_birth is not None else [])
    tags += sport_plans(ctx, all_weeks, safety)  # named sports: walk-run, competition lifts, sport notes (sport.py)
    ankle_balance(ctx, all_weeks, late=True)  # rule 103: a returning runner's weeks still without ankle balance
    restate_home_balance(ctx, all_weeks)  # rule 80: the add-on at the stances the final sessions hold
    drill_rounds(plan_weeks, lambda x, wk: hold_text(ctx, x, wk))  # review 13: a stretch or balance hold in rounds of its holds (rule 89, drills.py)
    joint_precautions(ctx, all_weeks)  # rule 95 (review 14): a new joint's precautions beside its drills and stretches
    if not any(w["deload"] for w in plan_weeks):  # kb-deload-001 only for a plan with lighter weeks
        tags = [x for x in tags if x != "plan:deload"]
    cites = citations_for(ctx, tags)
    plan = {"goal": p.goal, "horizon_weeks": weeks, "safety": safety, "weeks": plan_weeks,
            "citations": cites, "language": lang}
    warning_alerts(plan)  # every cited condition passage's warning signs in the alerts (rule 76, written_in.py)
    plan["rationale"] = rationale(ctx, plan_weeks, cites, capped=bool(switch.volume_cap)) + rest_note(switch.profile, ctx._)
    youth = rationale_sentence(ctx, plan_weeks)
    if youth and any(c["id"] == "kb-youth-dose-001" for c in cites):
        plan["rationale"] += " " + youth + " [kb-youth-dose-001]"
    return plan
