"""A staged return to heavy barbell lifts with diastasis recti or in the first year after birth (review 12).

kb-diastasis-001 (Sperstad et al. 2016, Benjamin et al. 2019, ACOG CO 804 2020): "Heavy lifting and high-impact
work can come back step by step"; choose exercises where the midline does not bulge or dome and progress as control
improves. kb-postpartum-003 (Goom, Donnelly & Brockwell 2019; Benjamin et al. 2019): a ridge, doming or coning along
the midline, leaking, heaviness or pain mean going back a step. The passages give no set, repetition or effort
numbers, so the steps follow the plan's own first block (the weeks before its first lighter week, at most
STAGE_MAX): in week 1 a barbell squat or hinge has at most 2 sets, later in the block at most 3, always in the
8-12 range and at RPE 6 at most; the plan's usual ranges (5-8) come back after the block. Each session with a loaded
lift in the block and the week after carries the doming / leaking self-check. The sets a cap takes from a barbell
lift go to another exercise of the week that trains the same major muscles (the most shared first; a machine or
dumbbell lift, at most MOVED_MAX sets, where its session's minutes hold it), so a lifter's week keeps its >= 10 sets
a group (rule 45); where the longer 8-12 sets overfill a session, sets come off it (the staged lift's first, never below
2) until it fits (rule 37).

84 staged return (diastasis recti, or postpartum with the weeks since the birth under 52): in the plan's first
   block (weeks before its first deload, at most 4) no barbell squat or hinge asks for fewer than 8 repetitions
   (a range topping out at 8 or less), has more than 2 sets in week 1 or more than 3 later, or an RPE above 6.
"""
from __future__ import annotations

import re
from typing import Any

from coach.i18n import N_
from coach.planning.checks import Bounds, Violation
from coach.planning.measure import exercise_seconds, session_seconds
from knowledge.catalog import load_catalog

RULE = 84
STAGE_MAX = 4  # weeks at most, when the plan has no lighter week sooner
FIRST_SETS, BLOCK_SETS = 2, 3
TOP_RPE = 6
RETURN_REPS = "8-12"
STAGED_PATTERNS = {"squat", "hinge"}
YEAR_WEEKS = 52  # the postpartum passages apply to the first year after birth
TAG = "plan:diastasis"
LOADED_GEAR = {"barbell", "dumbbells", "kettlebell", "kettlebells", "machines"}
MIN_SETS = 2  # rule 7: resistance work at 2 sets or more
MOVED_MAX = 5  # sets an exercise may take from a capped lift (hypertrophy_volume's own ceiling)
MAJOR = {"chest", "back", "lats", "upper_back", "quads", "glutes", "hamstrings"}  # lifters.VOLUME_GROUPS' muscles
CHECK_NOTE = N_("Before each loaded lift, check your tummy and pelvic floor: if a ridge, doming or coning shows along "
                "your midline, or you feel leaking or heaviness, go back a step (fewer sets, a lighter load or the "
                "dumbbell version) and ask a women's health physiotherapist.")
STAGE_NOTE = N_("Heavy barbell lifts come back step by step: {sets} sets at most, 8-12 repetitions at an easy "
                "effort (RPE 6 at most) in the first weeks, the heavier 5-8 sets only later and only while your "
                "midline stays flat.")


def staged(p: Any) -> bool:
    """Diastasis recti, or a birth within the passages' first year (weeks since the birth known)."""
    conds = set(p.conditions or [])
    if "diastasis_recti" in conds:
        return True
    w0 = getattr(p, "weeks_since_birth", None)
    return bool(conds & {"postpartum", "caesarean"}) and w0 is not None and w0 < YEAR_WEEKS


def stage_weeks(weeks: list[dict]) -> list[int]:
    """The plan's first block: the weeks before its first lighter week, at most STAGE_MAX."""
    out: list[int] = []
    for w in weeks[:STAGE_MAX]:
        if w.get("deload"):
            break
        out.append(int(w["week"]))
    return out


def _heavy_lift(e: dict) -> bool:
    c = load_catalog().get(str(e.get("id") or ""))
    return c is not None and "barbell" in c.equipment and c.pattern in STAGED_PATTERNS and bool(e.get("sets"))


def _loaded(e: dict) -> bool:
    return e.get("kind") == "strength" and bool(LOADED_GEAR & set(e.get("equipment") or []))


def _rep_top(reps: Any) -> int | None:
    nums = [int(n) for n in re.findall(r"\d+", str(reps or ""))]
    return max(nums) if nums else None


def staged_return(ctx: Any, weeks: list[dict]) -> None:
    """Rule 84 in the engine (in place): the first block's barbell squats and hinges as the docstring says, and the
    self-check note before loaded lifts in the block and the week after."""
    if not staged(ctx.p) or "hard_stop" in ctx.s.flags:
        return
    block = stage_weeks(weeks)
    noted = set(block) | {max(block, default=0) + 1}
    for w in weeks:
        wn = int(w["week"])
        cap = FIRST_SETS if wn == 1 else BLOCK_SETS
        for s in w["sessions"]:
            lifts = [e for e in s["exercises"] if _heavy_lift(e)]
            if wn in block:
                for e in lifts:
                    _move_sets(w, s, e, int(e["sets"]) - cap)
                    e["sets"] = min(int(e["sets"]), cap)
                    e["reps"] = RETURN_REPS
                    if isinstance(e.get("rpe"), list):
                        e["rpe"] = [min(e["rpe"][0], TOP_RPE - 1), min(e["rpe"][1], TOP_RPE)]
                _refit(s, lifts)
            if wn in noted and any(_loaded(e) for e in s["exercises"]):
                text = ctx._(CHECK_NOTE)
                if wn in block and lifts:
                    text += " " + ctx._(STAGE_NOTE, sets=cap)
                s["notes"] = (text + " " + str(s.get("notes") or "")).strip()


def _move_sets(week: dict, s: dict, lift: dict, extra: int) -> None:
    """The `extra` sets a cap takes from `lift` go, one at a time, to exercises of the week that train the same
    major muscles (VOLUME_GROUPS) and are not staged lifts themselves: the most muscles shared first, then the same
    session, then the fewest sets; at most MOVED_MAX sets each, and only while the taker's session still fits its
    minutes (rule 37) once the lift is capped (in place)."""
    groups = set(lift.get("muscle_groups") or []) & MAJOR
    freed = extra * exercise_seconds({**lift, "sets": 1})
    spare = {id(x): 60 * int(x.get("minutes") or 0) - session_seconds(x) + (freed if x is s else 0)
             for x in week["sessions"]}
    for _ in range(max(0, extra)):
        takers = [(x, e) for x in week["sessions"] for e in x["exercises"]
                  if e is not lift and e.get("kind") == "strength" and isinstance(e.get("sets"), int)
                  and not _heavy_lift(e) and groups & set(e.get("muscle_groups") or []) and e["sets"] < MOVED_MAX
                  and exercise_seconds({**e, "sets": 1}) <= spare[id(x)]]
        if not takers:
            return
        x, e = min(takers, key=lambda t: (-len(groups & set(t[1]["muscle_groups"])), t[0] is not s, t[1]["sets"]))
        e["sets"] += 1
        spare[id(x)] -= exercise_seconds({**e, "sets": 1})


def _refit(s: dict, lifts: list[dict]) -> None:
    """Where 8-12 repetitions take longer than the heavier range did, sets come off until the session fits its minutes
    (rule 37): the staged lifts' first, then the other lifts' from the last, never below MIN_SETS; then the core step
    postnatal_core added where the minutes allowed before (trunk work other than back extension: rule 32's stays)
    goes, refill_core putting it back later where it fits (in place)."""
    limit = 60 * int(s.get("minutes") or 0)
    others = [e for e in reversed(s["exercises"]) if isinstance(e.get("sets"), int) and not any(e is x for x in lifts)]
    for e in list(lifts) + others:
        while session_seconds(s) > limit and e["sets"] > MIN_SETS:
            e["sets"] -= 1
    cat = load_catalog()
    for e in [x for x in reversed(s["exercises"]) if isinstance(x.get("sets"), int) and _trunk(cat.get(str(x["id"])))]:
        if session_seconds(s) > limit:
            s["exercises"].remove(e)


def _trunk(x: Any) -> bool:
    """Core-ladder trunk work (postnatal_core.is_core): not back-extensor work."""
    return x is not None and x.kind == "strength" and x.region == "core" and x.pattern != "trunk_extension" \
        and "lower_back" not in x.muscle_groups


def staged_tags(ctx: Any, weeks: list[dict]) -> list[str]:
    return [TAG] if staged(ctx.p) and "hard_stop" not in ctx.s.flags else []


def check_staged_return(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 84 on any plan (the engine's or a model's)."""
    if not staged(b.profile) or b.restricted:
        return []
    v: list[Violation] = []
    block = set(stage_weeks(weeks))
    for w in weeks:
        if w.get("week") not in block:
            continue
        cap = FIRST_SETS if w.get("week") == 1 else BLOCK_SETS
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                if not _heavy_lift(e):
                    continue
                top = _rep_top(e.get("reps"))
                rpe = e.get("rpe") if isinstance(e.get("rpe"), list) else [0, 0]
                if (top is not None and top <= 8) or int(e.get("sets") or 0) > cap or (rpe[1] or 0) > TOP_RPE:
                    v.append(Violation(RULE, f"week {w.get('week')} day {s.get('day')}: {e.get('name') or e.get('id')}"
                                             f" {e.get('sets')} x {e.get('reps')} before the staged return allows it "
                                             f"(kb-diastasis-001: heavy lifting comes back step by step)"))
    return v
