"""Heavy days for trained lifters (daily undulating periodisation; Ratamess et al. 2009 ACSM progression models,
Schoenfeld et al. 2021, NSCA; kb-periodisation-004).

A trained, healthy lifter building muscle (lifters.heavy_lifter) gets strength and size both: in every full week the
main compound lift of every other lower-body session and every other pressing session is heavy (4-6 repetitions, a
deadlift 3-5, at RPE 7-8 at most, 2-3 minutes of rest), the other sessions keep it in the hypertrophy range, and the
pattern shifts by one session each full week, so each session's main lift alternates heavy and hypertrophy weeks.
Deload weeks have no heavy sets. Everyone else (beginners, teenagers, older adults, pregnancy, a condition, injury,
medication or clearance pending) keeps moderate loads and their usual ranges.

49 heavy days (this module's check): for a heavy lifter, every full week with 2 or more resistance sessions of 45
   minutes or more and a barbell, machine or dumbbell-press main lift has a heavy main lift (top of the rep range
   <= 6) on at least one day and a session without heavy sets on another, each heavy set at RPE <= 8 with >= 120 s
   of rest; for beginners, teenagers, pregnancy and while clearance is pending no set asks for 6 or fewer
   repetitions at most.
"""
from __future__ import annotations

import re

from coach.domain.limits import YOUTH_BELOW_AGE
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.lifters import heavy_lifter
from coach.planning.measure import is_resistance, session_seconds
from knowledge.catalog import Exercise, load_catalog

HEAVY_PATTERNS = {"squat", "hinge", "horizontal_push", "vertical_push"}
LOWER_PATTERNS = {"squat", "hinge"}
HEAVY_GEAR = {"barbell", "machines"}  # loads that rise in small steps and hold a heavy set safely
PRESS_GEAR = {"dumbbells"}  # dumbbell presses may go heavy too (a squat or hinge with dumbbells cannot)
HEAVY_REPS, HEAVY_HINGE_REPS = "4-6", "3-5"  # inside the 3-6 of kb-periodisation-004
HEAVY_RPE = (7, 8)
HEAVY_RESTS_S = (180, 150, 120)  # 2-3 min (ACSM 2009, NSCA): the longest that still fits the session (rule 37)
MIN_HEAVY_REST_S = 120
CHECK_MIN_MINUTES = 45
RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*(each side|（每侧）)?\s*$")  # repetitions, nothing else


def undulates(ctx: Context) -> bool:
    """Whether the plan's main lifts rotate through heavy days."""
    return heavy_lifter(ctx.p, ctx.s) and not ctx.bridge


def _candidate(x: Exercise | None) -> bool:
    if x is None or x.per_side or x.pattern not in HEAVY_PATTERNS:
        return False
    gear = set(x.equipment)
    return bool(gear & HEAVY_GEAR or (x.pattern.endswith("_push") and gear & PRESS_GEAR))


def main_lift(s: dict, cat: dict[str, Exercise]) -> dict | None:
    """The session's main compound lift: its first barbell (or machine) squat, hinge or press, else its first
    dumbbell press; None when it has none."""
    found = [e for e in s.get("exercises") or []
             if isinstance(e.get("sets"), int) and _candidate(cat.get(str(e.get("id"))))]
    barbell = [e for e in found if set(cat[str(e["id"])].equipment) & HEAVY_GEAR]
    return (barbell or found or [None])[0]


def _rest_to_fit(s: dict, e: dict) -> bool:
    """The longest heavy rest that keeps the session's work within its minutes; False when none of them fits."""
    before = e.get("rest_s")
    for rest in HEAVY_RESTS_S:
        e["rest_s"] = max(rest, int(before or 0))
        if session_seconds(s) <= 60 * s["minutes"]:
            return True
    e["rest_s"] = before
    return False


def _make_heavy(ctx: Context, s: dict, e: dict, cat: dict[str, Exercise]) -> bool:
    """The lift's heavy sets, in place; False (unchanged) when their rest cannot fit the session."""
    before = dict(e)
    e["reps"] = HEAVY_HINGE_REPS if cat[str(e["id"])].pattern == "hinge" else HEAVY_REPS
    if not _rest_to_fit(s, e):
        e.clear()
        e.update(before)
        return False
    lo, hi = (s.get("intensity") or {}).get("rpe") or list(HEAVY_RPE)
    e["rpe"] = [min(lo, HEAVY_RPE[0]), min(hi, HEAVY_RPE[1])]
    s["notes"] = (s["notes"] + " " + ctx._(
        "Heavy day: {lift} for {reps} repetitions at RPE {rpe}, stopping with 2 or more repetitions in reserve, and "
        "2-3 minutes of rest between sets; add load when every set reaches {top} with good form. The other lifts stay "
        "in their usual range.",
        lift=e.get("name_zh") if ctx.lang == "zh" and e.get("name_zh") else e["name"], reps=e["reps"],
        rpe=f"{e['rpe'][0]}-{e['rpe'][1]}", top=e["reps"].split("-")[1])).strip()
    return True


def undulate(ctx: Context, weeks: list[dict]) -> None:
    """Heavy days for trained lifters, in place. Lower-body main lifts (squats, hinges) and presses each alternate
    heavy and hypertrophy from one session to the next and from one full week to the next, so every week has both."""
    if not undulates(ctx):
        return
    cat = load_catalog()
    full = [w for w in weeks if not w["deload"]]
    for k, w in enumerate(full):  # k counts full weeks, so the sessions alternate evenly across deloads
        lifts = [(s, e) for s in w["sessions"] if is_resistance(s) for e in [main_lift(s, cat)] if e is not None]
        seen = {"lower": 0, "upper": 1}  # the first press is heavy in the weeks the first squat is not
        made = False
        for s, e in lifts:
            region = "lower" if cat[str(e["id"])].pattern in LOWER_PATTERNS else "upper"
            if (seen[region] + k) % 2 == 0 or len(lifts) == 1:
                made = _make_heavy(ctx, s, e, cat) or made
            seen[region] += 1
        # the turn's lift did not fit its session's minutes (2-3 min rests): the next session's main lift takes the
        # heavy day, so the week still has one (kb-periodisation-004)
        for s, e in lifts if not made else []:
            if not heavy_sets(s) and _make_heavy(ctx, s, e, cat):
                break


def heavy_tags(ctx: Context, weeks: list[dict]) -> list[str]:
    """The passage behind the heavy days, when the plan has any."""
    return ["plan:heavy-days"] if undulates(ctx) and any(heavy_sets(s) for w in weeks for s in w["sessions"]) else []


def top_reps(e: dict) -> int | None:
    """The top of an exercise's repetition range ("3-6" -> 6); None for holds, minutes or free text."""
    m = RANGE.match(str(e.get("reps") or ""))
    return int(m.group(2)) if m and isinstance(e.get("sets"), int) else None


def heavy_sets(s: dict) -> list[dict]:
    """A session's heavy entries: a repetition range topping out at 6 or fewer."""
    return [e for e in s.get("exercises") or [] if (top_reps(e) or 99) <= 6]


def _no_heavy(weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    if not (p.experience in (None, "beginner") or p.age < YOUTH_BELOW_AGE or "pregnancy" in p.conditions or b.pending):
        return []
    return [Violation(49, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} at {e.get('reps')} repetitions "
                          "(no heavy sets for beginners, teenagers, pregnancy or while clearance is pending)")
            for w in weeks for s in w.get("sessions") or [] for e in heavy_sets(s)][:1]


def check_heavy(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 49."""
    if not heavy_lifter(b.profile, b.screening) or b.pending or b.restricted:
        return _no_heavy(weeks, b)
    v: list[Violation] = []
    cat = load_catalog()
    for w in weeks:
        sessions = [s for s in w.get("sessions") or [] if is_resistance(s)]
        for s in sessions:
            v += [Violation(49, f"week {w.get('week')} day {s.get('day')}: heavy {e.get('name')} at RPE {e.get('rpe')} "
                                f"with {e.get('rest_s')} s rest (RPE 8 at most, 120 s or more)")
                  for e in heavy_sets(s) if max(e.get("rpe") or [0]) > HEAVY_RPE[1]
                  or int(e.get("rest_s") or 0) < MIN_HEAVY_REST_S]
        long = [s for s in sessions if int(s.get("minutes") or 0) >= CHECK_MIN_MINUTES]
        if w.get("deload") or len(long) < 2 or not any(main_lift(s, cat) for s in long):
            continue  # (no barbell, machine or dumbbell-press main lift to make heavy)
        heavy = [bool(heavy_sets(s)) for s in long]
        if not any(heavy) or all(heavy):
            v.append(Violation(49, f"week {w.get('week')}: {sum(heavy)} of {len(long)} sessions have heavy sets "
                                   "(trained lifters: heavy days and hypertrophy days, kb-periodisation-004)"))
    return v
