"""Walk-to-run for people new to running (physician review: a sedentary would-be runner got 12 weeks of walks).

Who: an adult under 65 who is new to exercise or inactive, who likes running (or trains for endurance without naming
another activity) and does not dislike it, whose screening leaves impact open: nothing pending or restricting, no
flag but "beginner" (so no BMI of 35 or more, kb-obesity-003; no pregnancy, birth, blood thinner, condition), no knee,
ankle, hip or back injury, no condition that rules impact out (context.LOW_IMPACT_CONDITIONS), not frail.
What: the steady walking sessions (at most 3 a week, never on consecutive days: the NHS Couch to 5K's three runs with
a rest day between, kb-walk-run-001) become run-walk intervals of the same minutes: a brisk 5-minute walk, then
bouts of easy running and walking. Week 1 is Couch to 5K's first week (60 s running / 90 s walking, at most 8 bouts);
after that a session's running time grows by at most 10 % a week (kb-endurance-004: single runs more than 10 % longer
than the recent longest raised overuse injuries) while the bouts get fewer and longer, toward one continuous easy run
by weeks 11-12. Lighter weeks run 80 % of the last full week. The session minutes are the planner's own.
"""
from __future__ import annotations

import math

from coach.planning.aerobic import RUNNERS_WORDS
from coach.planning.context import LOW_IMPACT_CONDITIONS, LOW_IMPACT_INJURIES, Context, matches
from coach.planning.sessions import exercise_json
from coach.planning.template import adjacent
from knowledge.catalog import load_catalog

WALK_RUN_ID = "run_walk_intervals"
WARM_UP_S = 300  # Couch to 5K: every run starts with a brisk 5-minute walk
FIRST_RUN_S, FIRST_WALK_S, FIRST_BOUTS = 60, 90, 8  # Couch to 5K week 1: 60 s run / 90 s walk for 20 minutes
GROWTH = 1.10  # kb-endurance-004 (Frandsen et al. 2025): at most ~10 % more running than before
LIGHTER = 0.8  # a lighter week: 80 % of the last full week's running (longrun.RECOVERY_SHARE)
MAX_SESSIONS = 3  # Couch to 5K: three runs a week, a rest day between
STEP_S = 15  # bouts in quarter minutes
CONTINUOUS_BY = 11  # the week the bouts become one continuous run (if the minutes allow)
OK_FLAGS = {"beginner"}


def applies(ctx: Context) -> bool:
    """A beginner or inactive adult under 65 who wants to run and whose screening leaves impact open."""
    p, s = ctx.p, ctx.s
    runs = any(w in RUNNERS_WORDS for w in ctx.likes) or (p.goal == "endurance" and not ctx.likes)
    dislikes = any(w in d for d in ctx.dislikes for w in RUNNERS_WORDS)
    impact_ok = not (s.clearance_required or s.restricted or ctx.bridge or (s.flags - OK_FLAGS) or ctx.frail
                     or ctx.older or ctx.youth or LOW_IMPACT_INJURIES & set(p.injuries)
                     or LOW_IMPACT_CONDITIONS & set(p.conditions) or p.conditions or p.symptoms
                     or p.weeks_since_birth is not None)
    exercise = load_catalog().get(WALK_RUN_ID)
    return bool(p.is_beginner_or_inactive and runs and not dislikes and impact_ok and exercise is not None
                and ctx.allowed(exercise) and not matches(exercise, ctx.dislikes))


def _walk_sessions(week: dict) -> list[dict]:
    """The week's steady walking sessions, at most MAX_SESSIONS and none on the day after another."""
    out: list[dict] = []
    for s in sorted(week["sessions"], key=lambda x: x["day"]):
        cardio = [e for e in s["exercises"] if e.get("kind") == "aerobic"]
        if s["kind"] != "aerobic" or len(s["exercises"]) != 1 or len(cardio) != 1 or cardio[0].get("intervals") \
                or "walk" not in str(cardio[0].get("id")) or cardio[0].get("minutes", 0) * 60 < WARM_UP_S + 600:
            continue
        if any(adjacent(x["day"], s["day"]) for x in out) or len(out) >= MAX_SESSIONS:
            continue
        out.append(s)
    return out


def walk_s(run: int) -> int:
    """The walk after a run bout: 90 s after short bouts, 2 minutes after bouts of 2-5 minutes, 3 after longer ones
    (Couch to 5K's walking breaks)."""
    return FIRST_WALK_S if run < 120 else 120 if run < 300 else 180


def pattern(week_no: int, block: int, cap: int | None, first_bouts: int, last_bouts: int) -> tuple[int, int, int]:
    """(bouts, run seconds each, seconds more in the last bout) for a block of `block` seconds after the warm-up:
    week 1 is Couch to 5K's first week; later weeks run `cap` seconds in all (in quarter minutes, as the block
    allows), in fewer, longer bouts as the weeks go by (never more bouts than the week before)."""
    if cap is None:
        n = max(1, min(FIRST_BOUTS, (block + FIRST_WALK_S) // (FIRST_RUN_S + FIRST_WALK_S)))
        return n, FIRST_RUN_S, 0
    share = max(0.0, (CONTINUOUS_BY - week_no) / (CONTINUOUS_BY - 1))
    n = max(1, min(last_bouts, math.ceil(first_bouts * share)))
    total = STEP_S * (cap // STEP_S)
    while True:
        run = STEP_S * (total // n // STEP_S)
        if n == 1:
            total = min(total, STEP_S * (block // STEP_S))
            return 1, total, 0
        if total + (n - 1) * walk_s(run) <= block:
            return n, run, total - n * run
        if run >= 2 * STEP_S * 4:  # fewer, longer bouts rather than less running
            n -= 1
        else:
            total -= STEP_S


def _duration(ctx: Context, seconds: int) -> str:
    m, s = divmod(int(seconds), 60)
    if not s:
        return ctx._("{m} min", m=m)
    return ctx._("{s} s", s=seconds) if seconds < 120 else ctx._("{m} min {s} s", m=m, s=s)


def _text(ctx: Context, n: int, run: int, extra: int, rest_min: int, run_only: bool = False,
          walk: int | None = None) -> str:
    if n == 1 and run_only:
        return ctx._("Easy run: a brisk 5-minute walk, then {run} of easy running without stopping (you can still "
                     "talk in full sentences), then walk for the remaining {rest} min, the last few easy.",
                     run=_duration(ctx, run), rest=rest_min)
    if n == 1:
        return ctx._("Walk-run: a brisk 5-minute walk, then {run} of easy running without stopping (you can still "
                     "talk in full sentences), then walk for the remaining {rest} min, the last few easy.",
                     run=_duration(ctx, run), rest=rest_min)
    text = ctx._("Walk-run: a brisk 5-minute walk, then {n} x ({run} easy running + {walk} walking); run slowly "
                 "enough to talk in full sentences, then walk for the remaining {rest} min, the last few easy.",
                 n=n, run=_duration(ctx, run), walk=_duration(ctx, walk or walk_s(run)), rest=rest_min)
    if extra:
        text += " " + ctx._("Make the last run {extra} longer.", extra=_duration(ctx, extra))
    return text


def rewrite_session(ctx: Context, s: dict, old: dict, n: int, run: int, extra: int,
                    exercise_id: str = WALK_RUN_ID, walk: int | None = None) -> int:
    """The session's cardio entry `old` becomes the walk-run of `exercise_id` (same minutes, same place in the
    session; `walk` seconds between bouts, walk_s's by default); returns its running seconds."""
    minutes = int(old["minutes"])
    used = WARM_UP_S + n * run + extra + (n - 1) * (walk or walk_s(run))
    entry = exercise_json(load_catalog()[exercise_id], ctx, minutes=minutes)
    entry["intervals"] = _text(ctx, n, run, extra, max(0, (minutes * 60 - used) // 60), exercise_id != WALK_RUN_ID,
                               walk)
    entry["run_seconds"] = n * run + extra
    s["exercises"] = [entry if e is old else e for e in s["exercises"]]
    s["walk_run"] = True
    return n * run + extra


def _rewrite(ctx: Context, s: dict, n: int, run: int, extra: int) -> int:
    """The session's walk becomes the walk-run (same minutes); returns its running seconds."""
    old = next(e for e in s["exercises"] if e.get("kind") == "aerobic")
    return rewrite_session(ctx, s, old, n, run, extra)


def walk_to_run(ctx: Context, weeks: list[dict]) -> bool:
    """Rewrites the steady walks of eligible people as a walk-run progression (in place); True when it did."""
    if not applies(ctx) or not any(_walk_sessions(w) for w in weeks):
        return False
    last: int | None = None  # the last full week's running seconds in a session
    target = 0.0  # the running the 10 % steps allow this week (compounded, so rounding is not lost)
    first_bouts = bouts = 0
    note = ctx._("Walk-run day: if a week felt hard, repeat it before moving on.")
    for w in weeks:
        done = []
        for s in _walk_sessions(w):
            block = int(s["exercises"][0]["minutes"]) * 60 - WARM_UP_S
            if w["deload"] and last:
                n, run, extra = pattern(w["week"], block, math.floor(LIGHTER * last), first_bouts, bouts)
            elif last is None:
                n, run, extra = pattern(w["week"], block, None, FIRST_BOUTS, FIRST_BOUTS)
                first_bouts, target = n, float(n * run)
            else:
                cap = math.floor(min(GROWTH * target, GROWTH * last))
                n, run, extra = pattern(w["week"], block, cap, first_bouts, bouts)
            done.append(_rewrite(ctx, s, n, run, extra))
            if not w["deload"]:
                bouts = n
            s["notes"] = (s.get("notes", "") + " " + note).strip()
        if done and not w["deload"]:
            target = GROWTH * target if last is not None else target
            last = max(done)
    return True


def reason(ctx: Context) -> str:
    """The plan-level reason for the walk-run (safety reasons, with kb-walk-run-001 and kb-endurance-004)."""
    return ctx._("You want to run: the walking sessions become walk-run sessions in the pattern of the NHS Couch to "
                 "5K (a brisk 5-minute walk, then 60 s of easy running and 90 s of walking in week 1), with the "
                 "running time growing by at most 10 % a week and the bouts getting longer, toward one easy "
                 "continuous run. Stop and walk if anything hurts, and repeat a week whenever you need to.")
