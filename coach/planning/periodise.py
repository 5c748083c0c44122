"""Trained lifters' intensity varies across a block (Ratamess et al. 2009 ACSM progression models, kb-overload-001):
the second week of every 4-week block is a heavy week in which the main barbell lifts drop to 4-6 repetitions with
longer rests; barbell hinges (deadlifts) never go to high repetitions or to RPE 9 - at most 8 repetitions at RPE 7-8,
because technique on a hinge breaks down near failure."""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.context import Context
from coach.planning.measure import session_seconds
from knowledge.catalog import load_catalog

MAIN_PATTERNS = {"squat", "hinge", "horizontal_push", "vertical_push"}
HEAVY_REPS, HEAVY_RESTS_S = "4-6", (180, 150)  # the longest rest that still fits the session (rule 37)
HINGE_REPS, HINGE_TOP_RPE = "5-8", (7, 8)
HEAVY_WEEK_OF_BLOCK = 1  # 0-based position in the block: weeks 2, 6, 10


def applies(ctx: Context) -> bool:
    """Intermediate and advanced adults training for muscle, cleared and not pregnant."""
    return (ctx.p.goal == "muscle_gain" and ctx.level in ("intermediate", "advanced") and not ctx.youth
            and not ctx.bridge and not ctx.s.clearance_required and not ctx.has("pregnancy"))


def _barbell_main(e: dict, cat: dict) -> str | None:
    """The pattern of a main barbell lift (None for anything else)."""
    x = cat.get(str(e.get("id")))
    if x is None or "barbell" not in x.equipment or x.pattern not in MAIN_PATTERNS or not isinstance(e.get("sets"), int):
        return None
    return x.pattern


def _longer_rest(s: dict, e: dict) -> None:
    """The longest heavy-set rest that keeps the session's work within its minutes (else the rest is unchanged)."""
    before = e.get("rest_s")
    for rest in HEAVY_RESTS_S:
        if before is not None and rest <= before:
            return
        e["rest_s"] = rest
        if session_seconds(s) <= 60 * s["minutes"]:
            return
    e["rest_s"] = before


def cap_hinge(e: dict) -> None:
    """A barbell hinge asks for at most RPE 7-8, whatever the session's effort (also after the coach changes it)."""
    if isinstance(e.get("rpe"), list) and _barbell_main(e, load_catalog()) == "hinge":
        e["rpe"] = [min(e["rpe"][0], HINGE_TOP_RPE[0]), min(e["rpe"][1], HINGE_TOP_RPE[1])]


def periodise(ctx: Context, weeks: list[dict]) -> None:
    """Heavy weeks for the main barbell lifts, and safe repetitions and effort for barbell hinges, in place."""
    if not applies(ctx):
        return
    cat = load_catalog()
    for w in weeks:
        heavy = not w["deload"] and (w["week"] - 1) % BLOCK_WEEKS == HEAVY_WEEK_OF_BLOCK
        for s in w["sessions"]:
            changed = False
            for e in s["exercises"]:
                pattern = _barbell_main(e, cat)
                if pattern is None:
                    continue
                if heavy:
                    e["reps"], changed = HEAVY_REPS, True
                    _longer_rest(s, e)
                elif pattern == "hinge" and not w["deload"]:
                    e["reps"] = HINGE_REPS
                if pattern == "hinge":
                    cap_hinge(e)
            if changed:
                s["notes"] = (s["notes"] + " " + ctx._(
                    "Heavy week: the main barbell lifts drop to 4-6 repetitions with longer rests; keep one or two "
                    "repetitions in reserve and stop a set when your technique slips.")).strip()
