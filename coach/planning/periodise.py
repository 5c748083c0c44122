"""Trained lifters' barbell hinges (Ratamess et al. 2009 ACSM progression models, kb-overload-001): a barbell hinge
(deadlift) never goes to high repetitions or to RPE 9 - at most 8 repetitions at RPE 7-8, because technique on a hinge
breaks down near failure. Heavy days (3-6 repetitions) are coach.planning.heavy's, for trained, healthy lifters only
(they replace the heavy second week of every block this module gave every trained lifter, conditions and 65+
included)."""
from __future__ import annotations

from coach.planning.loads import moderate_loads
from coach.planning.context import Context
from coach.planning.rests import longer_rest
from knowledge.catalog import load_catalog

MAIN_PATTERNS = {"squat", "hinge", "horizontal_push", "vertical_push"}
HINGE_REPS, HINGE_TOP_RPE = "5-8", (7, 8)


def applies(ctx: Context) -> bool:
    """Intermediate and advanced adults training for muscle, cleared, not pregnant and without high blood pressure
    (moderate loads, rule 85)."""
    return (ctx.p.goal == "muscle_gain" and ctx.level in ("intermediate", "advanced") and not ctx.youth
            and not ctx.bridge and not ctx.s.clearance_required and not ctx.has("pregnancy")
            and not moderate_loads(ctx.s.flags))


def _barbell_main(e: dict, cat: dict) -> str | None:
    """The pattern of a main barbell lift (None for anything else)."""
    x = cat.get(str(e.get("id")))
    if x is None or "barbell" not in x.equipment or x.pattern not in MAIN_PATTERNS or not isinstance(e.get("sets"), int):
        return None
    return x.pattern


def cap_hinge(e: dict) -> None:
    """A barbell hinge asks for at most RPE 7-8, whatever the session's effort (also after the coach changes it)."""
    if isinstance(e.get("rpe"), list) and _barbell_main(e, load_catalog()) == "hinge":
        e["rpe"] = [min(e["rpe"][0], HINGE_TOP_RPE[0]), min(e["rpe"][1], HINGE_TOP_RPE[1])]


def periodise(ctx: Context, weeks: list[dict]) -> None:
    """Safe repetitions and effort for barbell hinges, in place (heavy days: coach.planning.heavy.undulate)."""
    if not applies(ctx):
        return
    cat = load_catalog()
    for w in weeks:
        for s in w["sessions"]:
            for e in s["exercises"]:
                if _barbell_main(e, cat) != "hinge":
                    continue
                if not w["deload"]:
                    reps, e["reps"] = e["reps"], HINGE_REPS
                    if not longer_rest(s, e):  # 5-8 repetitions of a barbell lift: 2 minutes' rest (rule 52)
                        e["reps"] = reps  # (no room for it in a short session: the repetitions it was fitted with)
                cap_hinge(e)
