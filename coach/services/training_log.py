"""The training log: sets x reps x load per exercise, stored from typed messages, and the next load it suggests."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from coach.events import Reply
from coach.intake.sets import MAX_LOAD_KG, Candidate, SetEntry, catalog_candidates, exercise_key, match_exercise
from coach.progression import rules
from coach.services.context import Ctx
from coach.services.plans import ensure_current_block, session_on
from coach.services.profiles import profile_dict
from knowledge.catalog import load_catalog
from storage import repos
from storage.models import Plan

_LOWER_WORDS = re.compile(r"squat|deadlift|lunge|leg|hip|glute|calf|thrust|step|深蹲|硬拉|弓步|腿|臀|提踵", re.I)
_RANGE = re.compile(r"(\d+)\s*[-–~]\s*(\d+)")
PROGRESS_MAX_RPE = 8  # double progression adds load only when the top of the range came at RPE 8 or less
TOO_HARD_RPE = 9.5  # RPE 10 typed with the sets (nothing left): about 10 % off next time
SESSION_BACK_OFF_RPE = 9  # a session logged at RPE 9+ backs off, as rules.strength_decision does for the plan
DEFAULT_RANGE = (8, 12)  # the adult strength range (ACSM) when neither the plan nor the message gives one


def candidates(plan: Plan | None, today: date) -> list[Candidate]:
    """Exercises a typed name may mean: today's session first, then the rest of the plan, then the catalog."""
    out: list[Candidate] = []
    seen: set[str] = set()
    info = session_on(plan, today) if plan else None
    sessions = [(2, info.session)] if info and info.session else []
    sessions += [(1, sess) for w in ((plan.data or {}).get("weeks", []) if plan else []) for sess in w.get("sessions", [])]
    for tier, sess in sessions:
        for ex in sess.get("exercises", []):
            if ex.get("id") and ex["id"] not in seen and ex.get("sets"):
                seen.add(ex["id"])
                names = (ex.get("name", ""), ex.get("name_zh", ""), ex["id"].replace("_", " "))
                out.append(Candidate(ex["id"], tuple(n for n in names if n), tier, bool(ex.get("equipment"))))
    out += [cand for cand in catalog_candidates() if cand.id not in seen]
    return out


def display_name(exercise: str, lang: str) -> str:
    """The catalog name in the person's language, or the name as typed."""
    ex = load_catalog().get(exercise)
    if ex is None:
        return exercise.replace("_", " ")
    return ex.name.zh if lang == "zh" else ex.name.en


def is_lower_body(exercise: str) -> bool:
    ex = load_catalog().get(exercise)
    if ex is not None:
        return ex.region == "lower"
    return bool(_LOWER_WORDS.search(exercise))


def user_unit(ctx: Ctx, last_unit: str | None = None) -> str:
    """kg, or lb for people who gave lb (their last log of the exercise, or the profile when it records a unit)."""
    prof = profile_dict(ctx.s, ctx.user)
    if prof.get("weight_unit") == "lb" or prof.get("units") == "imperial":
        return "lb"
    return "lb" if last_unit == "lb" else "kg"


def sets_text(sets: list[list], unit: str, lang_: Any) -> str:
    """"3 × 10 @ 40 kg", "8, 8, 7 @ 60 kg", "3 × 15" (bodyweight)."""
    reps = [r for r, _l in sets]
    loads = [load for _r, load in sets if load]
    if reps and len(set(reps)) == 1:
        head = f"{len(reps)} × {reps[0] if reps[0] is not None else '?'}"
    else:
        head = ", ".join(str(r) if r is not None else "?" for r in reps)
    if not loads:
        return head
    load = max(set(loads), key=loads.count)
    return f"{head} @ {fmt_load(load, unit)}"


def fmt_load(kg: float, unit: str) -> str:
    value = kg * rules.LB_PER_KG if unit == "lb" else kg
    return f"{round(value, 1):g} {unit}"


def log_sets(ctx: Ctx, entries: list[SetEntry], text: str, *, day: date | None = None) -> list[Reply]:
    """Store each exercise's sets for today (or `day`), then say what they mean for next time."""
    on = day or ctx.today()
    plan = ensure_current_block(ctx.s, ctx.user, on)
    cands = candidates(plan, on)
    lines: list[str] = []
    heavy = [load for entry in entries for load in entry.loads_kg if load is not None and load > MAX_LOAD_KG]
    if heavy:  # nothing of the message is stored
        return [Reply(ctx._("{load} kg doesn't look like a load you lifted (up to {max} kg is accepted), so I saved "
                            "nothing. Send it again, e.g. squat 3x10 @ 40 kg.", load=f"{max(heavy):g}",
                            max=f"{MAX_LOAD_KG:g}"))]
    for entry in entries:
        if not entry.name:
            return [Reply(ctx._("Which exercise was that? Send it like: squat 3x10 @ 40 kg."))]
        loaded = any(load for load in entry.loads_kg)
        exercise = match_exercise(entry.name, cands, loaded=loaded) or exercise_key(entry.name)
        sets = [[r, load] for r, load in zip(entry.reps, entry.loads_kg)]
        unit = entry.unit if entry.unit in ("kg", "lb") else "kg"
        repos.workouts.add_set_log(ctx.s, ctx.user.id, session_date=on, exercise=exercise, sets=sets, unit=unit,
                                   text=text, hard=entry.hard, rpe=entry.rpe)
        lines.append(ctx._("Logged {name}: {sets}.", name=display_name(exercise, ctx.lang),
                           sets=sets_text(sets, user_unit(ctx, unit), ctx)))
        tip = suggestion_text(ctx, exercise, rep_range_in(plan, exercise) or entry.rep_range or plan_rep_range(plan))
        if tip:
            lines.append("  " + tip)
    return [Reply("\n".join(lines))]


def rep_range_in(plan: Plan | None, exercise: str) -> tuple[int, int] | None:
    """The rep range the plan prescribes for an exercise ("10-12" → (10, 12)), or None."""
    for w in (plan.data or {}).get("weeks", []) if plan else []:
        for sess in w.get("sessions", []):
            for ex in sess.get("exercises", []):
                if ex.get("id") == exercise:
                    m = _RANGE.search(str(ex.get("reps", "")))
                    if m:
                        return int(m.group(1)), int(m.group(2))
    return None


def plan_rep_range(plan: Plan | None) -> tuple[int, int]:
    """The rep range the plan prescribes most (an exercise it does not hold is done in its scheme), else 8-12."""
    ranges = [(int(m.group(1)), int(m.group(2))) for w in ((plan.data or {}).get("weeks", []) if plan else [])
              for sess in w.get("sessions", []) for ex in sess.get("exercises", [])
              if ex.get("sets") and (m := _RANGE.search(str(ex.get("reps", ""))))]
    return max(set(ranges), key=ranges.count) if ranges else DEFAULT_RANGE


def suggestion(ctx: Ctx, exercise: str, rep_range: tuple[int, int] | None) -> rules.LoadSuggestion | None:
    """The next load for an exercise from its last logged sets (None when nothing is logged)."""
    row = repos.workouts.last_set_log(ctx.s, ctx.user.id, exercise)
    if row is None:
        return None
    data = row.data or {}
    sets = [(r, load) for r, load in data.get("sets", [])]
    day_log = repos.workouts.latest_log_on(ctx.s, ctx.user.id, row.session_date)
    rpe = data.get("rpe")  # typed with the sets: 9 holds the load, 10 backs off
    session_rpe = day_log.rpe if day_log else None  # the session's effort: 9+ backs off, as the plan does
    too_hard = bool(data.get("hard")) or bool(day_log and day_log.status == "too_hard") or \
        (rpe is not None and float(rpe) >= TOO_HARD_RPE) or (rpe is None and session_rpe is not None
                                                               and session_rpe >= SESSION_BACK_OFF_RPE)
    sug = rules.suggest_load(sets, rep_range or DEFAULT_RANGE, lower_body=is_lower_body(exercise), too_hard=too_hard,
                             unit=user_unit(ctx, data.get("unit")))
    if sug is not None and sug.action == "up" and rpe is not None and float(rpe) > PROGRESS_MAX_RPE:
        # double progression: the top of the range at RPE 9 holds the load until it comes at RPE 8 or less
        return replace(sug, action="same", load=sug.previous)
    return sug


def suggestion_text(ctx: Ctx, exercise: str, rep_range: tuple[int, int] | None) -> str | None:
    """"Next time: 62.5 kg for 8-12 reps (every set reached the top of the range)." or None."""
    sug = suggestion(ctx, exercise, rep_range)
    if sug is None:
        return None
    _ = ctx._
    reps = f"{sug.reps[0]}-{sug.reps[1]}" if sug.reps and sug.reps[0] != sug.reps[1] else \
        str(sug.reps[0]) if sug.reps else "?"
    load = f"{sug.load:g} {sug.unit}" if sug.load is not None else ""
    texts = {
        "up": _("Next time: {load} for {reps} reps (every set reached the top of the range).", load=load, reps=reps),
        "same": _("Next time: stay at {load} and aim for {reps} reps in every set.", load=load, reps=reps),
        "down": _("Next time: {load} for {reps} reps (about 10% lighter after a too-hard session).", load=load,
                  reps=reps),
        "more_reps": _("Next time: 1-2 more reps per set, or a harder variation."),
        "fewer_reps": _("Next time: a couple of reps fewer per set, with good form."),
    }
    if sug.action == "same" and sug.load is None:
        return _("Next time: aim for {reps} reps in every set.", reps=reps)
    return texts.get(sug.action)


def session_suggestions(ctx: Ctx, plan: Plan, session: dict) -> dict[str, str]:
    """Exercise id → next-load line, for the session's exercises with logged sets."""
    out: dict[str, str] = {}
    ids = [ex["id"] for ex in session.get("exercises", []) if ex.get("sets") and ex.get("id")]
    logged = repos.workouts.logged_exercises(ctx.s, ctx.user.id, ids)  # one query, not one per exercise
    for ex in session.get("exercises", []):
        if ex.get("id") in logged and ex.get("sets"):
            m = _RANGE.search(str(ex.get("reps", "")))
            text = suggestion_text(ctx, ex["id"], (int(m.group(1)), int(m.group(2))) if m else plan_rep_range(plan))
            if text:
                out[ex["id"]] = text
    return out


def week_summary(ctx: Ctx) -> str:
    """This week's logged sessions and sets (Monday to today)."""
    _ = ctx._
    today = ctx.today()
    monday = today - timedelta(days=today.weekday())
    logs = repos.workouts.workout_logs(ctx.s, ctx.user.id, since=monday)
    sets = repos.workouts.set_logs(ctx.s, ctx.user.id, since=monday)
    if not logs and not sets:
        return _("Nothing logged this week yet. Log a session with the buttons under /today, or type your sets "
                 "like: squat 3x10 @ 40 kg.")
    names = {"done": _("done"), "too_easy": _("too easy"), "too_hard": _("too hard"), "pain": _("pain"),
             "skipped": _("skipped")}
    lines = [_("This week:")]
    for d in sorted({lg.session_date for lg in logs} | {x.session_date for x in sets}):
        statuses = ", ".join(names.get(lg.status, lg.status) + (f" (RPE {lg.rpe})" if lg.rpe else "")
                             for lg in logs if lg.session_date == d)
        lines.append(f"{d.isoformat()}" + (f": {statuses}" if statuses else ""))
        for x in (x for x in sets if x.session_date == d):
            data = x.data or {}
            lines.append(f"  • {display_name(x.exercise, ctx.lang)}: "
                         f"{sets_text(data.get('sets', []), user_unit(ctx, data.get('unit')), ctx)}")
    return "\n".join(lines)
