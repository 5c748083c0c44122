"""Logged sessions: stored, then the progression rules they trigger applied to the plan."""
from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any


from coach.events import Reply
from coach.domain.profile import ProfileError, validate_profile
from coach.planning.swaps import MAX_SWAPS
from coach.domain.vocab import INJURIES
from coach.progression import rules
from coach.services.adjustments import commit_change, exercise_ids, replan
from coach.services.context import Ctx
from storage import repos
from storage.models import Plan
from coach.services.plans import day_of_plan, ensure_current_block, session_on
from coach.services.profiles import profile_dict, profile_of, save_profile
from coach.services.training_log import candidates, session_suggestions
from coach.intake.sets import match_exercise
from knowledge.catalog import available, load_catalog, safe_for


def log_session(ctx: Ctx, status: str, rpe: int | None, *, on: date | None = None,
                top: bool = False) -> list[Reply]:
    """Record a session outcome for today (or `on`) and apply the rules it triggers."""
    _ = ctx._
    s, user = ctx.s, ctx.user
    today = on or ctx.today()
    plan = ensure_current_block(s, user, today)
    if plan is None:
        return [Reply(_("You have no plan yet."))]
    today = session_day(plan, today) or today
    info = session_on(plan, today)
    repos.workouts.add_workout_log(s, user.id, session_date=today, status=status, plan_id=plan.id, week=info.week,
                         day=info.day, rpe=rpe, notes="top" if top else None)
    messages = {"done": _("Great work, logged! ✅"), "too_easy": _("Logged as too easy."),
                "too_hard": _("Logged as too hard."),
                "skipped": _("Logged as skipped. No problem, the next one counts."), "pain": _("Logged.")}
    return [Reply(messages.get(status, _("Logged.")))] + evaluate_logs(ctx, plan, today)


def session_day(plan: Plan, day: date) -> date | None:
    """The day of the session a log made on `day` is about: that day's own, or on a day without one the most recent
    planned session of the 6 days before (None when there is none)."""
    for back in range(7):
        if session_on(plan, day - timedelta(days=back)).session is not None:
            return day - timedelta(days=back)
    return None


def evaluate_logs(ctx: Ctx, plan: Plan, today: date) -> list[Reply]:
    """Double progression / back-off on strength, aerobic progression, and missed-session re-spread."""
    _ = ctx._
    s, user = ctx.s, ctx.user
    logs = repos.workouts.workout_logs(s, user.id, since=today - timedelta(days=28))
    if not logs:
        return []
    last = logs[-1]
    if rules.missed_twice([lg.status for lg in logs]):
        already = [a for a in repos.adjustments.adjustments(s, user.id) if a.rule == "respread" and a.to_plan_id == plan.id]
        if not already:
            week = last.week or 1
            new_start = today - timedelta(days=7 * (week - 1))
            reason = _("Two sessions missed in a row: rather than piling them up, week {w} starts again today, "
                       "spread out as planned.", w=week)
            row = commit_change(ctx.s, ctx.user, plan, copy.deepcopy(plan.data), rule="respread",
                                change={"week": week, "new_start": new_start.isoformat()}, reason=reason,
                                tags=("plan:adherence", "plan:progression"), start=new_start)
            if row is not None:
                return [Reply(reason)]
    session = planned(plan, last)
    if session is None:
        return []
    replies: list[Reply] = []
    kind = session.get("kind")
    if kind in ("strength", "mixed"):
        decision = rules.strength_decision([rules.Log(lg.status, lg.rpe, (lg.notes or "") == "top") for lg in logs])
        if decision == "back_off":
            replies += strength_change(ctx, plan, -rules.BACK_OFF_PCT, "back_off",
                                       _("Two hard sessions (or an RPE of 9+): strength loads back off by about "
                                         "10% so you can recover and keep good form."))
        elif decision == "double_progression":
            tips = session_suggestions(ctx, plan, session)
            reason = _("You reached the top of the rep range at RPE 8 or less: next time add a little load "
                       "(about 5%), or 2 more reps where there is no load.")
            if tips:  # the logged sets give the actual next loads
                reason = _("You reached the top of the rep range at RPE 8 or less. From your logged sets:") + "\n" + \
                    "\n".join(f"• {_name(ex, ctx.lang)}: {tip}" for ex, tip in tips.items())
            replies += strength_change(ctx, plan, rules.LOAD_UP_PCT, "double_progression", reason)
    if kind in ("aerobic", "mixed", "hiit"):
        replies += aerobic_progression(ctx, plan, today, logs)
    return replies


def planned(plan: Plan, lg: Any) -> dict | None:
    """The planned session a log belongs to."""
    weeks = (plan.data or {}).get("weeks", [])
    if not lg.week or not 1 <= lg.week <= len(weeks):
        return None
    return next((x for x in weeks[lg.week - 1].get("sessions", []) if x.get("day") == lg.day), None)


def strength_change(ctx: Ctx, plan: Plan, pct: int, rule: str, reason: str) -> list[Reply]:
    """Adjust every strength exercise of the remaining weeks: load ± pct, or reps ± 2 for bodyweight."""
    week_now, _d = day_of_plan(plan, ctx.today())
    data, changed = rules.adjust_strength(plan.data, week_now, pct)
    if not changed:
        return []
    row = commit_change(ctx.s, ctx.user, plan, data, rule=rule, change={"load_change_pct": pct, "exercises": sorted(set(changed))},
                        reason=reason, tags=("plan:double-progression", "plan:progression"))
    return [Reply(reason)] if row else []


def aerobic_progression(ctx: Ctx, plan: Plan, today: date, logs: list) -> list[Reply]:
    """All cardio sessions of the past 7 days done as prescribed → next weeks' cardio minutes +10% (≤ budget)."""
    s, user = ctx.s, ctx.user
    week_logs = [lg for lg in logs if lg.session_date > today - timedelta(days=7)]
    cardio = [lg for lg in week_logs if (planned(plan, lg) or {}).get("kind") in ("aerobic", "mixed")]
    planned_cardio = sum(1 for sess in week_sessions(plan, today) if sess.get("kind") in ("aerobic", "mixed"))
    if not rules.cardio_all_done([lg.status for lg in cardio], planned_cardio):
        return []
    if any(a.rule == "aerobic_up" and a.created_at.date() > today - timedelta(days=7)
           for a in repos.adjustments.adjustments(s, user.id)):
        return []  # at most once a week
    prof = profile_of(s, user)
    if prof is None:
        return []
    week_now, _d = day_of_plan(plan, today)
    data, changed = rules.add_cardio_minutes(plan.data, week_now, prof.minutes_per_session)
    if not changed:
        return []
    reason = ctx._("Every cardio session last week was done as planned: cardio time goes up by about 10% "
                   "(never past your time per session).")
    row = commit_change(ctx.s, ctx.user, plan, data, rule="aerobic_up", change={"aerobic_minutes_pct": 10}, reason=reason,
                        tags=("plan:aerobic-fitt", "plan:progression"))
    return [Reply(reason)] if row else []


def week_sessions(plan: Plan, today: date) -> list[dict]:
    week, _d = day_of_plan(plan, today)
    weeks = (plan.data or {}).get("weeks", [])
    return weeks[week - 1]["sessions"] if 1 <= week <= len(weeks) else []


def pain(ctx: Ctx, area: str, *, exercise: str | None = None, on: date | None = None) -> list[Reply]:
    """Pain in an area: log it, add the area to the profile's injuries, swap exercises that load it (and the one
    named, when it is still in the plan)."""
    _ = ctx._
    s, user = ctx.s, ctx.user
    if area not in INJURIES:
        return [Reply(_("Which area? (knee, lower back, shoulder, wrist, ankle, hip, neck, elbow)"))]
    today = on or ctx.today()
    plan = ensure_current_block(s, user, ctx.today())
    info = session_on(plan, today) if plan else None
    named = match_exercise(exercise, candidates(plan, today)) if exercise and plan else None
    repos.workouts.add_workout_log(s, user.id, session_date=today, status="pain", plan_id=plan.id if plan else None,
                         week=info.week if info else None, day=info.day if info else None, notes=area)
    current = profile_dict(s, user)
    injuries = sorted(set(current.get("injuries", [])) | {area})
    old_ids = exercise_ids(plan.data) if plan else set()
    if injuries != current.get("injuries"):
        save_profile(s, user, {**current, "injuries": injuries}, f"pain reported: {area}")
    reason = _("Pain reported in your {area}: exercises that load it in risky ways were swapped for safer ones. If "
               "pain is sharp, swells, or lasts more than a few days, see a physiotherapist or doctor.",
               area=_(area.replace("_", " ")))
    new = replan(ctx, rule="pain_swap", reason=reason,
                 tags=("plan:pain-rules", "plan:injury-" + area.replace("_", "-")), change={"area": area})
    if new is not None and named and named in exercise_ids(new.data):
        new = swap_out(ctx, new, named, area) or new
    if new is not None:
        removed = sorted(old_ids - exercise_ids(new.data))
        if removed:
            reason += "\n" + _("Swapped out: {ids}", ids=", ".join(_name(x, ctx.lang) for x in removed))
    return [Reply(reason)]


def _name(exercise: str, lang: str) -> str:
    ex = load_catalog().get(exercise)
    return (ex.name.zh if lang == "zh" else ex.name.en) if ex else exercise.replace("_", " ")


def swap_out(ctx: Ctx, plan: Plan, exercise: str, area: str) -> Plan | None:
    """Replace an exercise that hurt with a safe substitute in the weeks to come (validated; None if none fits)."""
    prof = profile_of(ctx.s, ctx.user)
    catalog = load_catalog()
    base = catalog.get(exercise)
    if prof is None or base is None:
        return None
    ok = [catalog[x] for x in base.substitutes if x in catalog]
    ok += [e for e in catalog.values() if e.pattern == base.pattern and e.id != base.id and e not in ok]
    picks = [e for e in ok if e.kind == base.kind and e.measure == base.measure and available(e, prof.equipment)
             and safe_for(e, prof.injuries) and e.id != exercise]
    week_now, _d = day_of_plan(plan, ctx.today())
    data = copy.deepcopy(plan.data)
    changed = False
    first: str | None = None
    for w in data.get("weeks", []):
        if w["week"] < week_now:
            continue
        for sess in w.get("sessions", []):
            there = {e.get("id") for e in sess.get("exercises", [])}
            pick = next((e for e in picks if e.id not in there), None)
            for i, entry in enumerate(sess.get("exercises", [])):
                if entry.get("id") == exercise and pick is not None:
                    sess["exercises"][i] = {**entry, "id": pick.id, "name": pick.name.en,
                                            **({"name_zh": pick.name.zh} if "name_zh" in entry else {}),
                                            "muscle_groups": list(pick.muscle_groups), "equipment": list(pick.equipment)}
                    changed, first = True, first or pick.id
    if not changed:
        return None
    reason = ctx._("{name} hurt: it is swapped for a safer exercise.", name=_name(exercise, ctx.lang))
    row = commit_change(ctx.s, ctx.user, plan, data, rule="pain_swap_exercise", change={"exercise": exercise},
                        reason=reason, tags=("plan:pain-rules", "plan:injury-" + area.replace("_", "-")))
    if row is not None and first is not None:
        _keep_swap(ctx, exercise, first)
    return row


def _keep_swap(ctx: Ctx, exercise: str, pick: str) -> None:
    """The swap outlives the plan version: kept among the profile's swaps, so a plan recomputed later (a new blood
    pressure reading, a changed goal) does not bring back the exercise that hurt."""
    current = profile_dict(ctx.s, ctx.user)
    prefs = dict(current.get("preferences") or {})
    swaps = {k: v for k, v in (prefs.get("swaps") or {}).items() if k != exercise and v != exercise}
    if len(swaps) >= MAX_SWAPS:
        return
    try:
        validate_profile({**current, "preferences": {**prefs, "swaps": {**swaps, exercise: pick}}})
    except ProfileError:
        return
    save_profile(ctx.s, ctx.user, {**current, "preferences": {**prefs, "swaps": {**swaps, exercise: pick}}},
                 f"pain swap: {exercise} -> {pick}")
