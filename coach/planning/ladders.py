"""Loading ladders by block (issue 12, physician review): the exercise itself gets harder from block to block where
a condition makes the passages ask for progressive loading from a careful start.

- Frailty (Vivifrail / kb-falls-001): chair stands with the hands → block 2 a light weight held at the chest (the
  first external load) → block 3 step-ups onto a low step holding a rail on the day that sat back to a box.
- Osteoporosis, not frail (Too Fit To Fracture 2014, Beck 2017, LIFTMOR / Watson 2018, kb-osteoporosis-001/-004):
  body-weight squats → a held weight (goblet squat, or a weight at the chest) from block 2; the main multi-joint lifts
  go 10-15 → 8-12 → 6-10 repetitions, heavier, with the advice to learn heavier lifts under supervision.
- Low-back pain (kb-lower-back-001/-003): the hip hinge comes back gradually, on at most two days a week, 48 h apart
  (rule 43): a bridge in block 1 → a broomstick hip hinge in blocks 2 and 3 (deeper), each step only
  if the last was pain-free (the plan states the rule, `advice.hinge_notes`); no loaded hinge (rule 10).

A successor keeps the exercise's measure, sides and muscle groups (so the time fit, rule 37, and the muscle-group
spacing, rules 8 and 23, hold), and passes the same equipment, injury and safety filters as any choice. While
clearance is pending nothing changes (rule 33).
"""
from __future__ import annotations

import re

from coach.domain.limits import BLOCK_WEEKS
from coach.i18n import N_
from coach.planning.context import Context, matches
from coach.planning.names import name_implies
from knowledge.catalog import Exercise, available, load_catalog, safe_for

# exercises that only a ladder step brings (never picked for block 1)
LADDER_ONLY = {"sit_to_stand_weighted", "supported_step_up", "dowel_hip_hinge", "dumbbell_hip_hinge",
               "kettlebell_hip_hinge"}
Steps = tuple[tuple[str, ...], tuple[str, ...]]  # candidates for block 2, block 3 (the first allowed is taken)
FRAIL: dict[str, Steps] = {
    "box_squat": (("sit_to_stand_weighted",), ("supported_step_up", "sit_to_stand_weighted")),
    "sit_to_stand": (("sit_to_stand_weighted",), ("sit_to_stand_weighted",)),
}
LOADED_SQUAT = ("goblet_squat", "kettlebell_goblet_squat", "sit_to_stand_weighted")
BONES: dict[str, Steps] = {x: (LOADED_SQUAT, LOADED_SQUAT) for x in ("bodyweight_squat", "box_squat", "sit_to_stand",
                                                               "band_squat")}  # a band is no held weight
# block 3: a light dumbbell or kettlebell hip hinge (a light Romanian deadlift) where the person has one, as
# kb-lower-back-001 reintroduces hinging ("hip hinges with a dowel, then light Romanian deadlifts"), gated on the
# broomstick hinge being pain-free (advice.HINGE_STEPS[2]); heavy deadlifts stay out (rule 10). Review 9: the hinge
# stayed a broomstick drill for all 12 weeks of a chronic back-pain plan with a kettlebell.
LIGHT_HINGE = ("dumbbell_hip_hinge", "kettlebell_hip_hinge", "dowel_hip_hinge")
BACK: dict[str, Steps] = {x: (("dowel_hip_hinge",), LIGHT_HINGE)
                          for x in ("glute_bridge", "band_glute_bridge", "glute_bridge_hold")}
# a painful knee or knee osteoarthritis (ACR 2019 / Kolasinski 2020, kb-knee-005, kb-osteoarthritis-001): quadriceps
# loading that progresses: chair squats -> block 2 a loaded sit-to-stand (a weight or filled backpack at the chest)
# -> block 3 step-ups onto a low step (the rising step), at 8-12 repetitions once loaded
# (review 11: every knee-friendly quadriceps start progresses: a body-weight squat as the chair squats do; a band
# squat, the leg press, a bench step-up or a held-weight squat keep the exercise and take more load from block 2, a
# firmer band, more weight or a higher step at 8-12 repetitions, kb-knee-005: "increase depth, step height or load
# gradually over weeks")
KNEE: dict[str, Steps] = {x: (("sit_to_stand_weighted",), ("supported_step_up", "sit_to_stand_weighted"))
                          for x in ("box_squat", "bodyweight_squat")}
KNEE["sit_to_stand"] = (("sit_to_stand_weighted",), ("sit_to_stand_weighted",))
KNEE_LOADED_REPS = "8-12"
KNEE_LOADED = ("sit_to_stand_weighted", "supported_step_up")
# the same exercise, heavier, from block 2 (the held-weight squats: osteoarthritis without a knee injury)
KNEE_DOSE = ("band_squat", "leg_press_machine", "bench_step_up", "goblet_squat", "kettlebell_goblet_squat",
             "dumbbell_sumo_squat")
KNEE_LOADED_RATIONALE = N_("The squats to a chair or box get harder block by block (a weight or a filled backpack held "
                           "at your chest from week 5, then step-ups onto a low step from week 9), each step only once "
                           "the last felt easy and pain-free.")
BONE_MAIN = {"squat", "lunge", "hinge", "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}
BONE_REPS = ("8-12", "6-10")  # blocks 2 and 3 (block 1: the plan's 10-15 while technique is learnt)
FRAIL_LOADED_REPS = "8-12"
# a pull-up bar's ladder (owned.bar_ladder): slow lowerings (negatives), then band-assisted pull-ups; never 6 or fewer
# (rule 49: no heavy sets for beginners or teenagers)
BAR_REPS = {"negative_pull_up": "6-8", "band_assisted_pull_up": "6-10"}
YOUTH_LANDINGS = "5-8"  # landing practice: few, perfect repetitions (Lloyd et al. 2014, kb-youth-strength-003)
# pregnancy, whatever the trimester (a 12-week plan from the second runs into the third): no rear-foot-elevated split
# squat (balance, pelvic girdle: a fall) or high pull (a ballistic bell close to the abdomen) (kb-pregnancy-006: avoid
# fall risk and blows to the abdomen); a supported split squat or step-up and a band or cable row take their place
PREGNANCY_AVOID = re.compile(r"bulgarian|high.pull", re.I)


def pregnancy_avoid(ctx: Context, e: Exercise) -> bool:
    return "pregnancy" in ctx.s.flags and bool(PREGNANCY_AVOID.search(e.id))


def frail_bones_band(ctx: Context, e: Exercise, block: int) -> bool:
    """Fragile bones in a frail person (review 13): the band main lifts' load rises too, a firmer band for 8-12
    repetitions in the third block (kb-osteoporosis-001: progressive resistance, load increased as strength improves;
    kb-resistance-fitt-001: 10-15 repetitions at lighter loads to start, then more resistance)."""
    return ctx.frail and block == 2 and "osteoporosis" in ctx.s.flags and e.equipment == ["bands"] \
        and e.pattern in BONE_MAIN and not e.per_side and "raise" not in e.id


def bones(ctx: Context) -> bool:
    return "osteoporosis" in ctx.s.flags and not ctx.frail


def _table(ctx: Context) -> dict[str, Steps]:
    if ctx.frail:
        return FRAIL
    if bones(ctx):
        return BONES
    if "lower_back" in ctx.injuries:
        return BACK
    if knee_ladder(ctx):
        return KNEE
    return {}


def knee_ladder(ctx: Context) -> bool:
    """A painful knee or osteoarthritis (kb-knee-005, kb-osteoarthritis-001: sit-to-stands, step-ups, leg presses or
    band exercises, loaded gradually), not frail people (their own ladder)."""
    return ("knee" in ctx.injuries or "osteoarthritis" in ctx.p.conditions) and not ctx.frail


def _fits(ctx: Context, e: Exercise, x: Exercise, usable: set[str]) -> bool:
    same = x.measure == e.measure and x.per_side == e.per_side and set(x.muscle_groups) <= set(e.muscle_groups)
    gear = available(x, ctx.equipment) and not (name_implies(x.name.en) - usable)
    return same and gear and ctx.allowed(x) and safe_for(x, ctx.injuries) and not matches(x, ctx.dislikes)


def ladder_for(ctx: Context, e: Exercise, usable: set[str], hinge_ok: bool) -> tuple[Exercise, Exercise] | None:
    """The block-2 and block-3 versions of `e`, or None when it stays as it is; `hinge_ok`: this day may take a hinge
    (rule 43)."""
    steps = _table(ctx).get(e.id)
    if steps is None or ctx.bridge:
        return None
    cat, out = load_catalog(), []
    prev = e
    for cands in steps:
        pick = next((cat[c] for c in cands if c in cat and _fits(ctx, e, cat[c], usable)
                     and (hinge_ok or cat[c].pattern != "hinge")), prev)
        out.append(pick)
        prev = pick
    return None if out == [e, e] else (out[0], out[1])


def block_exercise(ctx: Context, item: dict, week: int) -> Exercise:
    """The exercise of a slot's item in `week`: its ladder step for the block (week 1's while clearance is pending)."""
    block = min(2, (week - 1) // BLOCK_WEEKS)
    steps = item.get("steps")
    return item["_ex"] if ctx.bridge or not steps or not block else steps[block - 1]


def block_reps(ctx: Context, e: Exercise, week: int) -> str | None:
    """Repetitions a ladder sets: fragile bones' main lifts get heavier by block, a frail person's first loaded chair
    stand 8-12; None where the plan's usual scheme applies."""
    block = min(2, (week - 1) // BLOCK_WEEKS)
    if ctx.youth and e.pattern == "jump" and e.measure == "reps":
        return YOUTH_LANDINGS
    if ctx.bridge or not block or e.measure != "reps":
        return None
    if e.id in BAR_REPS and ctx.level == "beginner":  # a pull-up bar's ladder (owned.py), reached only by it
        return BAR_REPS[e.id]
    if ctx.frail and e.id in ("sit_to_stand_weighted", "supported_step_up"):
        return FRAIL_LOADED_REPS
    if frail_bones_band(ctx, e, block):
        return FRAIL_LOADED_REPS  # a firmer band (kb-osteoporosis-001: load rises as strength improves)
    if knee_ladder(ctx) and e.id in KNEE_LOADED + KNEE_DOSE:
        return KNEE_LOADED_REPS
    if bones(ctx) and e.pattern in BONE_MAIN and "raise" not in e.id and ctx.level == "beginner":
        return BONE_REPS[block - 1]
    return None


def loading_notes(ctx: Context) -> list[tuple[str, str]]:
    """Fragile bones (not frail, not while clearance is pending): why the loads rise and how to learn heavier lifts
    (kb-osteoporosis-004: LIFTMOR's heavy lifting was supervised and built up from light loads)."""
    if not bones(ctx) or ctx.bridge or ctx.level != "beginner":
        return []
    return [(ctx._("Fragile bones: bone responds to load, so the strength work gets heavier block by block: from week "
                   "5 the squats hold a weight and the main lifts go to 8-12 repetitions, then 6-10 with a heavier load "
                   "from week 9. Learn the heavier lifts with a physiotherapist or exercise physiologist if you can, "
                   "hinge at the hips and never round your back under load; after a spine fracture, ask before "
                   "lifting heavier."), "plan:osteoporosis-loading")]
