"""One change at a time for people who build up (kb-overload-001, kb-beginner-001): the walks on the days without a
session do not grow in a week when the sessions grow, and no week's total (sessions + walks) is more than
RAMP_MAX above the last full week's.

Measured on review 6's profiles: a previously inactive woman 8 weeks after a caesarean went 100 -> 135 -> 155 -> 190
minutes in four weeks with the sessions and the walks rising together; an inactive 45-year-old with a BMI of 38 went
110 -> 145 -> ... -> 285 by week 6. Applied after every pass that sets the walks, before the rationale counts them.

51 people who build up (new, inactive, older, cleared or waiting for clearance): from one full week to the next, the
   walks' daily minutes do not rise when the sessions' minutes rise, and the week's total minutes (sessions + walks)
   rise by at most 20 % (and at least 10 minutes may always be added).
"""
from __future__ import annotations

from coach.domain.limits import OLDER_ADULT_AGE
from coach.domain.profile import Profile
from coach.planning.aerobic import _set_walk
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.measure import LABELS as LEVELS, label_of, top_rpe
from coach.safety.screening import Screening

RAMP_MAX = 1.20
RAMP_FLOOR_MIN = 10  # a small week may always grow by this much
WALK_STEP_MIN = 5  # a walk grows by at most this much a day from one full week to the next


def _sessions(week: dict) -> int:
    return sum(int(s.get("minutes") or 0) for s in week.get("sessions") or [])


def _walk(week: dict) -> dict | None:
    walk = week.get("daily_activity")
    return walk if walk and isinstance(walk.get("minutes"), int) and walk.get("days") else None


def _total(week: dict) -> int:
    walk = _walk(week)
    return _sessions(week) + (int(walk.get("total_minutes") or 0) if walk else 0)


def _ceiling(prev_total: int) -> int:
    return max(int(prev_total * RAMP_MAX), prev_total + RAMP_FLOOR_MIN)


def stagger_walks(ctx: Context, weeks: list[dict]) -> None:
    """Hold the walks in weeks where the sessions grow, and keep each week within RAMP_MAX of the last (in place)."""
    if not ctx.ramps or ctx.has("hard_stop"):
        return
    prev: dict | None = None
    for w in weeks:
        if w.get("deload"):
            continue
        walk = _walk(w)
        if prev is not None and walk is not None:
            last = _walk(prev)
            last_each = last["minutes"] if last else 0
            each = walk["minutes"]
            if _sessions(w) > _sessions(prev) or harder(w, prev):  # one change at a time (rule 62)
                each = min(each, max(last_each, 0))
            elif last_each:
                each = min(each, last_each + WALK_STEP_MIN)  # held walks catch up 5 minutes a week
            room = _ceiling(_total(prev)) - _sessions(w)
            step = 1 if ctx.frail else 5  # whole 5-minute steps; a frail person's short walks by the minute, or
            each = min(each, max(last_each, step * (room // walk["days"] // step)))  # 2 sessions + 5 walks never grow
            each = max(each, min(last_each, walk["minutes"]))  # never below last week's walk
            if each != walk["minutes"]:
                w["daily_activity"] = walk = dict(walk)
                _set_walk(ctx, walk, each)
        prev = w


def _effort(s: dict) -> tuple[int, float]:
    return LEVELS.index(label_of(s)), top_rpe(s)


def harder(week: dict, prev: dict) -> bool:
    """A session of `week` is harder than the same day's of `prev`: a higher label or a higher top RPE."""
    before = {s.get("day"): _effort(s) for s in prev.get("sessions") or []}
    return any(s.get("day") in before and _effort(s) > before[s.get("day")] for s in week.get("sessions") or [])


def builds_up(p: Profile, s: Screening) -> bool:
    """Context.ramps from the profile and its screening: new or inactive, older, cleared or waiting for clearance."""
    return (p.is_beginner_or_inactive or s.restricted or s.clearance_required or "cleared" in s.flags
            or p.age >= OLDER_ADULT_AGE) and "hard_stop" not in s.flags


def check_ramp(weeks: list[dict], b: Bounds) -> list[Violation]:
    """51: see the module docstring (people who build up only)."""
    if not builds_up(b.profile, b.screening):
        return []
    out, prev = [], None
    for w in weeks:
        if w.get("deload"):
            continue
        if prev is not None:
            walk, last = _walk(w), _walk(prev)
            if walk and last and _sessions(w) > _sessions(prev) and walk["minutes"] > last["minutes"]:
                out.append(Violation(51, f"week {w.get('week')}: sessions and walks both longer than week "
                                         f"{prev.get('week')} (one change at a time, kb-overload-001)"))
            if _total(w) > _ceiling(_total(prev)) and walk and last and walk["minutes"] > last["minutes"]:
                out.append(Violation(51, f"week {w.get('week')}: {_total(w)} min after {_total(prev)} (more than "
                                         f"{round((RAMP_MAX - 1) * 100)} % more, kb-overload-001)"))
        prev = w
    return out
