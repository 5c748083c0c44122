"""An injured runner goes back to running (physician review 11, hard error 4: a trained runner with an ankle sprain got
12 weeks of walks, a 70-minute walk labelled "long run", and no ankle rehab at all).

Who: someone who ran before the injury (context.Context.ran_before: trained, active, a runner) with an injury whose
passage gives the return-to-running criteria (RETURN_CRITERIA: the ankle, kb-ankle-001) and no other injury or
condition that keeps impact out (context.LOW_IMPACT_CONDITIONS), nothing pending, not pregnant, not frail, and a cap that
allows moderate effort (easy running is moderate, kb-mets-001; type 1 diabetes keeps its glucose rules and its
moderate cap, which easy running fits).
What:
- Rehab on REHAB_DAYS sessions every week (kb-ankle-001: calf raises, band work in all directions, balance on the
  injured leg; kb-ankle-003: several times a week for some months), placed after the session's cardio and paid for
  with its minutes: calf raises both legs, then single-leg (kb-ankle-004's heel-raise progression), band eversion,
  2 sets of 10-15 (kb-resistance-fitt-002: light loads, 10-15 repetitions), and single-leg balance on the injured leg
  following kb-ankle-003's steps (holding a support, then free and with eyes closed, then on a cushion, then reaching)
  in the planner's 3-4 holds of 20-30 s.
- Running by stages, with kb-ankle-001's criteria in the notes: weeks 1-4 walking; from week 5 the steady walking
  sessions (the long one first, at most MAX_RUNS, never on consecutive days) become walk-run on flat ground in the NHS
  Couch to 5K pattern (kb-walk-run-001: 60 s / 90 s, then 90 s / 2 min, the spells longer and the breaks fewer, a
  20-minute run by its week 5, 30 minutes by week 9); a lighter week repeats the last step (kb-walk-run-001: repeat any
  week). The weeks are the earliest: the person stays on a step until the criteria are met.
"""
from __future__ import annotations

import math

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.aerobic import RUNNERS_WORDS
from coach.planning.context import LOW_IMPACT_CONDITIONS, LOW_IMPACT_INJURIES, Context
from coach.planning.longrun import running
from coach.planning.measure import session_seconds
from coach.planning.sessions import exercise_json
from coach.planning.template import adjacent
from coach.planning.walk_run import WARM_UP_S, rewrite_session
from coach.safety.screening import rank
from knowledge.catalog import load_catalog

# injury areas whose passage gives criteria for running again -> the passage's tag (kb-ankle-001)
RETURN_CRITERIA = {"ankle": "plan:injury-ankle"}
REHAB_DAYS = 3  # kb-ankle-003: "several times a week"; review 11: at least 3 days a week
MAX_RUNS = 3  # kb-walk-run-001: three runs a week with a rest day between
RUN_FROM_WEEK = BLOCK_WEEKS + 1  # the first block walks while the ankle work starts
# Couch to 5K steps (kb-walk-run-001): (bouts, run seconds); weeks 1, 2, 5 and 9 are the passage's, 3-4 and 6-8 lie
# between them (longer spells, fewer breaks)
STEPS = ((8, 60, 90), (6, 90, 120), (4, 180, 120), (3, 300, 180), (1, 1200, 0), (1, 1350, 0), (1, 1500, 0),
         (1, 1650, 0), (1, 1800, 0))  # (bouts, run seconds, walk seconds between)
REHAB_SETS, REHAB_REPS, REHAB_REST_S = 2, "10-15", 45  # kb-resistance-fitt-002 (ACSM 2009: 10-15, short rests)
BALANCE_MIN = 4  # 3-4 holds of 20-30 s on the injured leg (the planner's balance dose), with the other leg too


def return_area(ctx: Context) -> str | None:
    """The injury whose passage gives the criteria, if this person returns to running by them."""
    p, s = ctx.p, ctx.s
    areas = [a for a in p.injuries if a in RETURN_CRITERIA]
    if not areas or not ctx.ran_before or any(w in d for d in ctx.dislikes for w in RUNNERS_WORDS):
        return None
    others = (LOW_IMPACT_INJURIES & set(p.injuries)) - set(areas)
    if others or LOW_IMPACT_CONDITIONS & set(p.conditions) or ctx.frail or ctx.bridge or ctx.has("hard_stop") \
            or ctx.has("pregnancy") or p.weeks_since_birth is not None or rank(ctx.cap) < rank("moderate"):
        return None
    return areas[0]


def applies(ctx: Context) -> bool:
    return return_area(ctx) is not None


def _runner_exercise(ctx: Context) -> str:
    return "treadmill_jog" if "treadmill" in ctx.equipment or "gym" in ctx.equipment else "jogging"


def _balance_text(ctx: Context, week: int) -> str:
    """kb-ankle-003's steps, one per stretch of weeks."""
    step = min(3, (week - 1) // 2) if week <= BLOCK_WEEKS else 2 if week < 2 * BLOCK_WEEKS + 1 else 3
    return [ctx._("3-4 holds of 20-30 s on each leg, the injured one first, touching a wall or counter"),
            ctx._("3-4 holds of 20-30 s on each leg without holding on, then with your eyes closed (next to a wall)"),
            ctx._("3-4 holds of 20-30 s on each leg standing on a folded towel or cushion, eyes open then closed"),
            ctx._("3-4 rounds on each leg: stand on one leg and reach the other foot forwards, sideways and behind")
            ][step]


def _rehab(ctx: Context, week: int) -> list[dict]:
    cat = load_catalog()
    calf = cat["single_leg_calf_raise" if week >= RUN_FROM_WEEK else "standing_calf_raise"]
    dose = {"sets": REHAB_SETS, "reps": REHAB_REPS + (ctx._(" each side") if calf.per_side else ""),
            "rest_s": REHAB_REST_S, "rpe": [4, 5]}
    out = [exercise_json(calf, ctx, **dose)]
    if "bands" in ctx.equipment or "gym" in ctx.equipment:
        out.append(exercise_json(cat["band_ankle_eversion"], ctx, **{**dose, "reps": REHAB_REPS + ctx._(" each side")}))
    out.append(exercise_json(cat["single_leg_stand"], ctx, minutes=BALANCE_MIN, holds=_balance_text(ctx, week),
                             rpe=[2, 3]))
    return out


def _cardio(s: dict) -> dict | None:
    return next((e for e in s["exercises"] if e.get("kind") == "aerobic" and isinstance(e.get("minutes"), int)
                 and not e.get("sets")), None)


def _spread(sessions: list[dict], n: int, first: list[dict], strict: bool = False) -> list[dict]:
    """Up to n sessions, those in `first` first, none on the day after another where the week allows (`strict`:
    never)."""
    out: list[dict] = []
    order = first + [s for s in sorted(sessions, key=lambda x: x["day"]) if s not in first]
    for apart in (True,) if strict else (True, False):
        for s in order:
            if len(out) < n and s not in out and not (apart and any(adjacent(x["day"], s["day"]) for x in out)):
                out.append(s)
    return out


def _add_rehab(ctx: Context, week: dict) -> int:
    """The ankle routine after the cardio of REHAB_DAYS sessions (their cardio gives the minutes); how many got it."""
    done = 0
    for s in _spread([x for x in week["sessions"] if _cardio(x)], REHAB_DAYS, []):
        block = _rehab(ctx, week["week"])
        cardio = _cardio(s)
        # the same minutes every week (PLAN_RULES 36: a session's cardio does not fall), the later block's size
        need = math.ceil(session_seconds({"exercises": _rehab(ctx, max(week["week"], RUN_FROM_WEEK))}) / 60)
        if cardio is None or cardio["minutes"] - need < 15:
            continue
        cardio["minutes"] -= need
        at = s["exercises"].index(cardio) + 1
        s["exercises"][at:at] = block
        s["ankle_rehab"] = True
        s["notes"] = (s.get("notes", "") + " " + ctx._(
            "Ankle routine after the cardio: stop an exercise if it causes sharp pain or the ankle gives way.")).strip()
        done += 1
    return done


def _run_sessions(week: dict) -> list[dict]:
    steady = [s for s in week["sessions"] if s["kind"] == "aerobic" and (c := _cardio(s)) is not None
              and "walk" in str(c.get("id")) and c["minutes"] * 60 >= WARM_UP_S + 600]
    long_first = [s for s in steady if s.get("long_run") or s.get("long_session")]
    return _spread(steady, MAX_RUNS, long_first, strict=True)  # kb-walk-run-001: a rest day between runs


def _run(ctx: Context, s: dict, step: int) -> bool:
    n, run, walk = STEPS[step]
    cardio = _cardio(s)
    block = int(cardio["minutes"]) * 60 - WARM_UP_S
    while n > 1 and n * run + (n - 1) * walk > block:
        n -= 1
    run = min(run, block) if n == 1 else run
    ex_id = "run_walk_intervals" if n > 1 else _runner_exercise(ctx)
    rewrite_session(ctx, s, cardio, n, run, 0, ex_id, walk or None)
    s["notes"] = (s.get("notes", "") + " " + ctx._(
        "Run on flat ground (a treadmill at 0-1 % incline or a smooth, level path) at an easy pace. Move to the "
        "next step only if the last one caused no limp and no pain that lasted to the next day; otherwise repeat "
        "it.")).strip()
    return True


def return_to_run(ctx: Context, weeks: list[dict]) -> bool:
    """The ankle routine in every week and the staged return to running (in place); True when it changed the plan."""
    if not applies(ctx):
        return False
    step, changed = -1, False
    for w in weeks:
        changed = bool(_add_rehab(ctx, w)) or changed
        if w["week"] < RUN_FROM_WEEK:
            continue
        if not w["deload"] or step < 0:
            step = min(step + 1, len(STEPS) - 1)
        for s in _run_sessions(w):
            changed = _run(ctx, s, step) or changed
    for w in weeks:
        for s in w["sessions"]:
            if s.get("long_session") and running(s):
                s["long_run"] = True
                s.pop("long_session")
    return changed


def reason(ctx: Context) -> str:
    """The plan-level reason: the criteria (kb-ankle-001) and the stages."""
    return ctx._("Back to running after the ankle injury: weeks 1-4 walk while the ankle routine (calf raises, band "
                 "work, balance on the injured leg, 3 days a week) rebuilds it. From week 5, walk-run on flat "
                 "ground, but only once you walk without a limp and can stand on the injured leg without holding "
                 "on; then the running spells grow toward continuous easy running. Jumping, sprinting, changes of "
                 "direction and uneven ground wait until you walk and jog without a limp, hop on the injured leg "
                 "without pain and balance on it about as well as on the other. If a step hurts, stay on it longer.")
