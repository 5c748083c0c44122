"""Adjustment rules as pure functions: logged sessions, check-ins and weight readings in, decisions out.

No database and no messages here; coach.services.training and coach.services.checkins apply the decisions,
store them with their reasons and tell the person.
"""
from __future__ import annotations

import copy
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from coach.domain import trends as tr
from coach.domain.limits import (SLOWEST_RETIMED_CHANGE, WEEKLY_RAMP, WEEKLY_RAMP_SLACK_MIN,
                                 max_weekly_change_kg)
from coach.planning import intensity
from coach.planning.doses import clamp_rpe
from coach.planning.measure import session_seconds

LOAD_UP_PCT = 5
BACK_OFF_PCT = 10
AEROBIC_UP = 1.10  # +10 % cardio minutes, never past the time per session
SHORT_SLEEP_H = 6
RHR_RISE_BPM = 10


@dataclass(frozen=True)
class Log:
    """The parts of a logged session the rules read."""

    status: str
    rpe: int | None = None
    top: bool = False  # reached the top of the rep range on every set


def missed_twice(statuses: Sequence[str]) -> bool:
    """Two sessions skipped in a row: re-spread the week rather than pile them up."""
    return len(statuses) >= 2 and statuses[-1] == statuses[-2] == "skipped"


def strength_decision(logs: Sequence[Log]) -> str | None:
    """'back_off' after two hard sessions (or RPE 9+), 'double_progression' after an easy top-of-range one."""
    if not logs:
        return None
    last = logs[-1]
    hard = [lg for lg in logs[-2:] if lg.status == "too_hard" or (lg.rpe is not None and lg.rpe >= 9)]
    if last.status == "too_hard" and len(hard) == 2 or (last.rpe is not None and last.rpe >= 9):
        return "back_off"
    if last.status == "too_easy" or (last.status == "done" and last.rpe is not None and last.rpe <= 8 and last.top):
        return "double_progression"
    return None


def shift_reps(reps: str, delta: int) -> str:
    """'8-12' shifted by delta reps (never below 3-4); other texts unchanged."""
    head, _, tail = reps.partition(" ")
    try:
        lo, hi = (int(x) for x in head.split("-"))
    except ValueError:
        return reps
    lo, hi = max(3, lo + delta), max(4, hi + delta)
    return f"{lo}-{hi}" + (f" {tail}" if tail else "")


def adjust_strength(plan: dict, from_week: int, pct: int) -> tuple[dict, list[str]]:
    """A copy of the plan with every loaded exercise from `from_week` on changed by pct % (bodyweight: ±2 reps)."""
    data = copy.deepcopy(plan)
    changed: list[str] = []
    for w in data.get("weeks", []):
        if w["week"] < from_week:
            continue
        for sess in w.get("sessions", []):
            for ex in sess.get("exercises", []):
                if not ex.get("sets"):
                    continue
                if ex.get("equipment"):
                    ex["load_change_pct"] = int(ex.get("load_change_pct", 0)) + pct
                else:
                    ex["reps"] = shift_reps(str(ex.get("reps", "10-15")), 2 if pct > 0 else -2)
                changed.append(ex["id"])
    return data, changed


def cardio_all_done(statuses: Sequence[str], planned_cardio: int) -> bool:
    """Every cardio session planned this week was logged as done as prescribed."""
    return planned_cardio > 0 and len(statuses) >= planned_cardio and all(s == "done" for s in statuses)


def add_cardio_minutes(plan: dict, after_week: int, budget: int, *, kinds: tuple[str, ...] = ("aerobic",),
                       first_only: bool = False) -> tuple[dict, bool]:
    """A copy with aerobic sessions after `after_week` (deloads aside) about 10 % longer, capped at the budget."""
    data = copy.deepcopy(plan)
    changed = False
    for w in data.get("weeks", []):
        if w["week"] <= after_week or w.get("deload"):
            continue
        for sess in w["sessions"]:
            if sess["kind"] not in kinds:
                continue
            add = min(budget, int(sess["minutes"] * AEROBIC_UP)) - sess["minutes"]
            if add <= 0:
                continue
            for ex in sess["exercises"]:
                if ex.get("minutes") and ex.get("kind") == "aerobic":
                    ex["minutes"] += add
                    if first_only:
                        break
            sess["minutes"] += add
            changed = True
    return data, changed


def recovery_trigger(sleep_h: Sequence[float], rhr: Sequence[float]) -> tuple[str, dict] | None:
    """('sleep', {}) after two short nights, ('rhr', {d, b}) when resting HR is ≥ 10 bpm over its median."""
    if len(sleep_h) >= 2 and sleep_h[-1] < SHORT_SLEEP_H and sleep_h[-2] < SHORT_SLEEP_H:
        return "sleep", {}
    if len(rhr) >= 2:
        base = statistics.median(list(rhr[:-1])[-14:])
        if rhr[-1] >= base + RHR_RISE_BPM:
            return "rhr", {"d": int(rhr[-1] - base), "b": int(base)}
    return None


def trend_strain(trends: tr.Trends) -> dict | None:
    """A rising resting-HR trend (7-day mean >= 5 bpm over the 28-day baseline) with poor sleep (7-day mean < 6 h):
    {rise, base, sleep} for a lighter week; None otherwise. Trends, not one high pulse or one short night."""
    if not tr.strained(trends) or trends.rhr_rise is None or trends.rhr_baseline is None or trends.sleep_7d is None:
        return None
    return {"rise": round(trends.rhr_rise), "base": round(trends.rhr_baseline), "sleep": round(trends.sleep_7d, 1)}


def lighten(sess: dict, prof: Any) -> None:
    """Make one session easier: about 30% shorter, one intensity step down, one set fewer (≥ 2); never shorter than
    the work left in it (PLAN_RULES 37: a 14-minute session held 17 minutes of work and the validator refused it)."""
    before = sess["minutes"]
    sess["minutes"] = max(10, int(sess["minutes"] * 0.7))
    label = (sess.get("intensity") or {}).get("label", "moderate")
    new_label = {"vigorous": "moderate", "moderate": "light", "light": "light"}.get(label, "light")
    sess["intensity"] = intensity(new_label, prof, aerobic=bool((sess.get("intensity") or {}).get("pct_hrr")))
    clamp_rpe(sess)
    for ex in sess.get("exercises", []):
        if ex.get("sets") and ex["sets"] > 2:
            ex["sets"] -= 1
        if ex.get("minutes"):
            ex["minutes"] = max(2, int(ex["minutes"] * 0.7))
    sess["minutes"] = min(before, max(sess["minutes"], math.ceil(session_seconds(sess) / 60)))
    sess["notes"] = (sess.get("notes", "") + " Lighter day.").strip()
    sess["lighter"] = True


def keep_ramp(data: dict, before: dict[tuple[int, int], int]) -> None:
    """Give lightened sessions back minutes (never more than they had, `before` by (week, day)) until the week after
    each lighter week is again within the weekly ramp of it: a lighter week must not make the next one a jump."""
    weeks = data.get("weeks", [])
    for week, nxt in zip(weeks, weeks[1:]):
        lighter = [x for x in week.get("sessions", []) if (week["week"], x["day"]) in before]
        if not lighter or nxt.get("deload"):
            continue
        total = sum(x["minutes"] for x in week["sessions"])
        need = (sum(x["minutes"] for x in nxt.get("sessions", [])) - WEEKLY_RAMP_SLACK_MIN) / WEEKLY_RAMP - total
        for sess in lighter:
            if need <= 0:
                break
            add = min(math.ceil(need), before[(week["week"], sess["day"])] - sess["minutes"])
            sess["minutes"] += max(0, add)
            need -= max(0, add)


def weekly_slope(points: Sequence[tuple[datetime, float]]) -> float:
    """Least-squares change per week of (time, value) points."""
    t0 = points[0][0]
    days = [(at - t0).total_seconds() / 86400 for at, _v in points]
    vals = [float(v) for _at, v in points]
    mean_d, mean_v = statistics.fmean(days), statistics.fmean(vals)
    denom = sum((d - mean_d) ** 2 for d in days) or 1.0
    return 7 * sum((d - mean_d) * (v - mean_v) for d, v in zip(days, vals)) / denom


def retimed_weeks(weight: float, target: float, slope_week: float, current_weeks: int) -> int:
    """Weeks to the target at the observed pace, kept between 0.25 % and 1 % of body weight a week."""
    remaining = target - weight
    if abs(remaining) <= 0.1:
        return current_weeks
    rate = min(max(abs(slope_week), SLOWEST_RETIMED_CHANGE * weight), max_weekly_change_kg(weight))
    return max(1, min(104, round(abs(remaining) / rate)))


def trend_ratio(slope_week: float, start_weight: float, target: float, weeks: int) -> tuple[float, float] | None:
    """(observed / wanted weekly change, wanted change) — None when the target asks for no change."""
    want = (target - start_weight) / weeks
    if want == 0:
        return None
    return slope_week / want, want


def enough_weight_data(dates: Sequence[date]) -> bool:
    """At least three readings spanning 13+ days."""
    return len(dates) >= 3 and (dates[-1] - dates[0]).days >= 13


# --------------------------------------------------------------------------- load suggestions from logged sets
LB_PER_KG = 1 / 0.45359237
DECREASE = 0.10  # a too-hard session: about 10 % off


@dataclass(frozen=True)
class LoadSuggestion:
    """What to lift next time: `action` is up | same | down | more_reps | fewer_reps; load in the user's unit."""

    action: str
    load: float | None  # None for bodyweight work
    unit: str  # kg | lb
    reps: tuple[int, int] | None  # the rep range to aim for
    previous: float | None = None  # last load, in the same unit


def plate_step(load: float, unit: str) -> float:
    """The smallest sensible jump at this load: small plates and dumbbells for light loads, 2.5 kg / 5 lb above."""
    if unit == "lb":
        return 2.5 if load < 45 else 5.0
    return 1.0 if load < 20 else 2.5


def round_to_plates(load: float, unit: str, *, direction: int = 0) -> float:
    """Round to a loadable weight (down, up or nearest by `direction`)."""
    step = plate_step(load, unit)
    units = load / step
    n = (int(units) if direction < 0 else -int(-units // 1) if direction > 0 else round(units))
    return round(n * step, 2)


def increment(load: float, unit: str, lower_body: bool) -> float:
    """Double progression's jump: +2.5 kg (5 lb) lower body, +1–2 kg (2.5–5 lb) upper body, or ~5 % if larger."""
    if unit == "lb":
        base = 5.0 if lower_body else (2.5 if load < 45 else 5.0)
    else:
        base = 2.5 if lower_body else (1.0 if load < 20 else 2.0)
    return max(base, 0.05 * load)


def working_load(sets: Sequence[tuple[int | None, float | None]]) -> float | None:
    """The load most sets were done with (the heaviest of equals)."""
    loads = [load for _reps, load in sets if load]
    if not loads:
        return None
    return max(set(loads), key=lambda x: (loads.count(x), x))


def suggest_load(sets: Sequence[tuple[int | None, float | None]], rep_range: tuple[int, int] | None, *,
                 lower_body: bool, too_hard: bool = False, unit: str = "kg") -> LoadSuggestion | None:
    """Double progression from the last logged sets ([(reps, load_kg)]): all sets at the top of the range → more
    load; reps missed → same load; too hard → about 10 % less. Loads come back in `unit`, rounded to plates."""
    reps = [r for r, _load in sets if r]
    if not reps:
        return None
    lo, hi = rep_range if rep_range else (min(reps), max(reps))
    kg = working_load(sets)
    at_top = len(reps) == len(sets) and all(r >= hi for r in reps)
    if kg is None:  # bodyweight: progress with reps
        action = "fewer_reps" if too_hard else "more_reps" if at_top else "same"
        return LoadSuggestion(action, None, unit, (lo, hi))
    load = kg * LB_PER_KG if unit == "lb" else kg
    previous = round(load, 1)
    if too_hard:
        new = round_to_plates(load * (1 - DECREASE), unit, direction=-1)
        return LoadSuggestion("down", new if new < load else max(0.0, load - plate_step(load, unit)), unit, (lo, hi),
                              previous)
    if at_top:
        new = round_to_plates(load + increment(load, unit, lower_body), unit)
        if new <= load:
            new = round_to_plates(load, unit, direction=1) + plate_step(load, unit)
        return LoadSuggestion("up", new, unit, (lo, hi), previous)
    return LoadSuggestion("same", round_to_plates(load, unit) if unit == "lb" else round(load, 2), unit, (lo, hi),
                          previous)
