"""Exercise choice in pregnancy (issue 12, physician review 5): supported, stable work without breath-holding.

ACOG CO 804 (2020), RCOG / UK CMO (2019) and Mottola et al. 2018 (Canadian guideline) ask for moderate resistance work
that is stable and supported: no activities with a high risk of falling or of a blow to the abdomen, no lying flat
on the back after the first trimester, no breath-holding (Valsalva) under heavy loads. A 12-week plan started in one
trimester runs into the next, so the same choice applies throughout.

The rules work on tags read from the catalog's own fields (equipment, pattern, contraindications), not on names of
single exercises:

- hanging: anything on a pull-up bar (hanging, heavy eccentric lowering, a drop from the bar)            -> left out
- stepping: moving lunges and loaded step-ups (a step out, back or up: balance shifts with the bump)    -> left out
- bracing: loaded carries (held breath and a braced trunk under load)                                    -> left out
- upside_down: pike push-ups and handstands (head down, pressure in the abdomen)                         -> left out
- loads_lower_back: a loaded exercise the catalog marks unsuitable for a sore lower back (bent-over rows,
  deadlift variants, pull-throughs): the growing bump already loads the lumbar spine   -> last resort in the first
  trimester, left out from the second (the plan runs into the third, where kb-pregnancy-006 drops them)
- on_the_arms: trunk work held on the arms (planks, bear crawls: the catalog marks them for the shoulder),
  which raises the pressure in the abdomen                                                               -> last resort
- overhead: a free-standing loaded overhead press (arches the lower back; the seated machine does not)   -> after others
- supported: a seat, a box, an incline bench, a wall, a chair or a rail takes the balance, or a seated
  upper-body machine (not the leg press: the knees come up to the bump)                                  -> first
  (for a trained woman only where it holds a load or one-leg / stepping work: review 13)
"""
from __future__ import annotations

import re
from typing import Any

from coach.planning.supported import SUPPORTED
from knowledge.catalog import Exercise, per_exercise

EXCLUDED = frozenset({"hanging", "stepping", "bracing", "upside_down"})
# from the second trimester (or unknown) the plan runs into the third, where kb-pregnancy-006 drops these anyway
EXCLUDED_LATER = EXCLUDED | {"loads_lower_back"}
PENALTY = {"loads_lower_back": 30, "on_the_arms": 30, "overhead": 8}
SUPPORTED_BONUS = 8
PLACED_ONLY = frozenset({"pelvic_floor_squeezes"})  # antenatal_plan.PF_ID
MOVING_LUNGE = re.compile(r"lunge", re.I)
STEP_UP = re.compile(r"step.up", re.I)
UPSIDE_DOWN = re.compile(r"pike|handstand", re.I)


def _loaded(e: Exercise) -> bool:
    return bool(set(e.equipment) - {"bands", "bench"})


@per_exercise  # (a pure function of the exercise, asked ~1,000 times a pregnancy plan)
def pregnancy_tags(e: Exercise) -> frozenset[str]:
    """The pregnancy-relevant tags of a catalog exercise (see the module's docstring)."""
    tags = set()
    if "pullup_bar" in e.equipment:
        tags.add("hanging")
    if e.pattern == "lunge" and (MOVING_LUNGE.search(e.id) or (STEP_UP.search(e.id) and _loaded(e))):
        tags.add("stepping")
    if UPSIDE_DOWN.search(e.id):
        tags.add("upside_down")
    if e.pattern == "carry" and _loaded(e):
        tags.add("bracing")
    if _loaded(e) and "lower_back" in e.contraindicated:
        tags.add("loads_lower_back")
    if e.region in ("core", "full_body") and e.lying is None and "shoulder" in e.contraindicated:
        tags.add("on_the_arms")
    if e.pattern == "vertical_push" and _loaded(e) and "machines" not in e.equipment:
        tags.add("overhead")
    if ("machines" in e.equipment and e.region != "lower") or SUPPORTED.search(f"{e.id} {e.name.en}"):
        tags.add("supported")
    return frozenset(tags)


def pregnant(ctx: Any) -> bool:
    return "pregnancy" in ctx.s.flags


def pregnancy_excluded(ctx: Any, e: Exercise) -> bool:
    """Left out of a pregnant person's choices (resistance work only; cardio has its own rules); the pelvic-floor
    block is never a picker's choice, for anyone: its own pass places and doses it (antenatal_plan, rule 90)."""
    if e.id in PLACED_ONLY:
        return True
    if not pregnant(ctx) or e.kind != "strength":
        return False
    return bool(pregnancy_tags(e) & (EXCLUDED if ctx.p.pregnancy_trimester == 1 else EXCLUDED_LATER))


def pregnancy_score(ctx: Any, e: Exercise) -> float:
    """What the picker adds to a resistance exercise's score in pregnancy: last resorts and free-standing presses
    later, supported work first (lower is better)."""
    if not pregnant(ctx) or e.kind != "strength":
        return 0.0
    tags = pregnancy_tags(e)
    score = float(sum(PENALTY.get(t, 0) for t in tags))
    return score - (SUPPORTED_BONUS if "supported" in tags and _support_helps(ctx, e) else 0)


def _support_helps(ctx: Any, e: Exercise) -> bool:
    """Support first where it takes the balance a bump upsets (one leg or stepping) or holds a load; a trained
    woman's two-footed or upper-body body-weight work needs no support (review 13: chair squats and wall push-ups for
    an advanced runner), so her loaded or harder variations come first."""
    if ctx.level not in ("intermediate", "advanced"):
        return True
    return _loaded(e) or e.per_side or e.pattern == "lunge"
