"""After birth, the core work and the road back to running follow the weeks since the birth (rules 57-58; review 7).

kb-postpartum-003 (Goom, Donnelly & Brockwell 2019; kb-diastasis-001: Benjamin et al. 2019, Gluppe et al. 2018):
the tummy wall is rebuilt in steps, from breathing and deep (transverse abdominis) work to harder trunk work once
the midline holds without doming or coning. Week n after the birth (`weeks_since_birth` + plan week) sets the step:

  up to week 6   step 0  supine marching with the breath (heel-slide level)
  weeks 7-12     step 1  dead bug (or bird dog)
  weeks 13-20    step 2  side plank on the knees, once the dead bug shows no doming
  from week 21   step 3  full side plank, again only without doming (otherwise stay on step 2)

Each resistance session holds one core exercise at its week's step (the one it had is replaced; one is added where
the minutes allow), and no core exercise above it. With a separated tummy (diastasis) steps 2-3 are offered under
the same condition, which kb-diastasis-001 and kb-postpartum-001 set (no doming).

Running (Goom 2019: not before about 12 weeks, after the load-and-impact tests): for someone whose goal is fat loss
or endurance or who likes running (not disliked, no knee or ankle injury), the first week from 12 weeks after the
birth offers the readiness check in its first walk, and later weeks a walk-jog option to take only once the check
went without leaking, heaviness or pain. Before that nothing about running is offered, and the sessions themselves
stay low-impact (rule 48).
"""
from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any

from coach.i18n import N_
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context, make_context, matches
from coach.planning.measure import exercise_seconds, loaded_groups, session_seconds, sets_of
from coach.planning.postnatal import runs
from coach.planning.postnatal_phase import birth_week
from coach.planning.sessions import exercise_json
from knowledge.catalog import Exercise, load_catalog, safe_for

STEPS_FROM = ((6, 0), (12, 1), (20, 2))  # (last week after the birth, step); later: step 3
LADDER = {0: "supine_march", 1: "dead_bug", 2: "side_plank_on_knees", 3: "side_plank"}
LEVEL = {"supine_march": 0, "pelvic_tilt": 0, "dead_bug": 1, "bird_dog": 1, "side_plank_on_knees": 2,
         "band_pallof_press": 2, "cable_pallof_press": 2, "side_plank": 3}
DOSE = {0: "10-12", 1: "10-12", 2: "20-30 s", 3: "20-30 s"}  # each side where the exercise is one-sided
REST_S = 30
RUN_FROM = 13  # week after the birth: 12 weeks done (Goom 2019)
CHECK, RUN_WALK = "check", "run_walk"

STEP_NOTES = {
    0: N_("Tummy: breathe in, then breathe out as you gently draw in your lower tummy and lift the pelvic floor, "
          "and march one foot up at a time; no doming or bulging along the midline."),
    1: N_("Tummy, next step: the dead bug, breathing out as you reach, lower back still; stop a repetition if your "
          "midline domes or bulges."),
    2: N_("Tummy, next step (from 12 weeks after the birth): side plank on your knees, only once the dead bug shows no "
          "doming or coning along your midline; otherwise keep the dead bug and ask a women's health physiotherapist."),
    3: N_("Tummy, next step (from about 5 months after the birth): a full side plank, only while your midline stays "
          "flat with no doming and nothing leaks or drags; otherwise stay on the side plank on your knees."),
}
# while clearance is pending the plan holds week 1's step (rule 33) and nothing says "next step" (rule 41)
HELD_NOTES = {
    1: N_("Tummy: the dead bug, breathing out as you reach, lower back still; stop a repetition if your midline domes "
          "or bulges."),
    2: N_("Tummy: side plank on your knees, only once the dead bug shows no doming or coning along your midline; "
          "otherwise keep the dead bug and ask a women's health physiotherapist."),
    3: N_("Tummy: a full side plank, only while your midline stays flat with no doming and nothing leaks or drags; "
          "otherwise stay on the side plank on your knees."),
}
READINESS = N_("Return-to-running check (12 weeks after the birth): after this walk, try the load tests: stand on one "
               "leg for 10 s, 10 single-leg squats each side, jog on the spot for 1 minute, 10 forward bounds, 10 hops "
               "on each leg, 10 'running man' moves each side. Only if all go without leaking, heaviness, dragging or "
               "pain, the next weeks offer walk-jog; otherwise keep walking and see a women's health physiotherapist.")
RUN_WALK_NOTE = N_("Passed the return-to-running check with no leaking, heaviness or pain? Then the middle of this walk "
                   "may be walk-jog: 1 minute of easy jogging, 2 minutes of walking, repeated, a little more jogging "
                   "each week if nothing returns. Not yet? Keep walking and repeat the check in two weeks.")
HOME_MIN = 5
HOME_STEP = N_("At home on those days too, {m} minutes: the pelvic-floor squeezes and this week's tummy step, the "
               "{name}, 2 sets of {dose}.")
NOT_BEFORE = re.compile(r"return-to-running check|walk-jog|恢复跑步|走跑", re.I)
HOPS = re.compile(r"hops|单.跳", re.I)


def step_for(n: int, diastasis: bool = False) -> int:
    """The core step of week n after the birth; with a separated tummy never past the side plank on the knees (the
    safety reason says no full planks; review 10: a full side plank every week at 28 weeks with diastasis)."""
    step = next((step for last, step in STEPS_FROM if n <= last), 3)
    return min(step, 2) if diastasis else step


def _separated(p: Any) -> bool:
    return "diastasis_recti" in (p.conditions or [])


def core_level(e: Exercise) -> int:
    """How demanding a core exercise is for the months after birth (unlisted trunk work: the hardest step)."""
    return LEVEL.get(e.id, 0 if e.id == LADDER[0] else 3)


def ladder_step_ok(ex_id: str, p: Any, week: int) -> bool:
    """A core ladder exercise in a week whose step has reached it (offered under the no-doming condition)."""
    return p.weeks_since_birth is not None and ex_id in LADDER.values() \
        and LEVEL.get(ex_id, 3) <= step_for(p.weeks_since_birth + week, _separated(p))


def is_core(e: Exercise) -> bool:
    """Trunk work the ladder measures; back-extensor work (bird dog, back extensions) stays as it is (rule 32)."""
    return e.kind == "strength" and e.region == "core" and e.pattern != "trunk_extension" \
        and "lower_back" not in e.muscle_groups


def _core_entry(ctx: Context, s: dict, step: int, sets: int) -> dict:
    e = load_catalog()[LADDER[step]]
    rpe = min([e["rpe"] for e in s["exercises"] if sets_of(e) and isinstance(e.get("rpe"), list)]
              or [list((s.get("intensity") or {}).get("rpe") or [4, 5])])  # as easy as the session's lifts
    reps = DOSE[step] + (ctx._(" each side") if e.per_side else "")
    return exercise_json(e, ctx, sets=min(3, sets), reps=reps, rest_s=REST_S,
                         rpe=[min(rpe[0], 5), min(rpe[1], 6)])


def _core(ctx: Context, s: dict, step: int, blocked: set[str], before: dict[str, int]) -> bool:
    """One core exercise at `step` in a resistance session (3+ exercises with sets): it replaces the trunk work the
    session had, or is added where the minutes allow; nothing else changes. Trunk work above the step that cannot
    be replaced goes. `before`: the sets of the same day's lifts in the last full week."""
    cat, ex, limit = load_catalog(), s["exercises"], 60 * float(s.get("minutes") or 0)
    if sum(1 for e in ex if sets_of(e)) < 3:
        return False
    core = [i for i, e in enumerate(ex) if sets_of(e) and (x := cat.get(str(e.get("id")))) is not None and is_core(x)]
    if set(cat[LADDER[step]].muscle_groups) & blocked or not _suits(ctx, cat[LADDER[step]]):  # rule 8; frailty...
        _prune(s, step)
        return False
    keep = [e for i, e in enumerate(ex) if i not in core]
    at = core[0] if core else len(ex)
    waits = [{**e, "sets": min(sets_of(e), before[e["id"]])} if sets_of(e) and e.get("id") in before else e
             for e in keep]  # last: the sets new this week wait a week (rule 39's one change at a time)
    twos = [{**e, "sets": 2} if sets_of(e) > 2 else e for e in keep]  # at last every lift at 2 sets (rule 37's floor)
    for base in (keep, waits, twos):
        last = None
        while base is not last:  # then a set at a time from the lifts above 2 sets (not the only one at the most)
            for sets in dict.fromkeys((max(2, *(sets_of(ex[i]) for i in core)) if core else 2, 2)):
                trial = base[:at] + [_core_entry(ctx, s, step, sets)] + base[at:]
                if session_seconds({"exercises": trial}) <= limit:
                    s["exercises"] = trial
                    return True
            base, last = _spared(base), base
    _prune(s, step)
    return False


def _week1_rests(s: dict, first: dict) -> bool:
    """Clearance pending, week 1's step no longer fits its day: the lifts go back to week 1's rests (rule 33: week
    1's exercises and sets, only the minutes grow), so the step fits as it did then. Whether any rest changed."""
    day = next((x for x in first["sessions"] if x.get("day") == s.get("day")), None)
    rests = {e.get("id"): e.get("rest_s") for e in (day or {}).get("exercises") or [] if sets_of(e)}
    changed = False
    for e in s["exercises"]:
        r = rests.get(e.get("id"))
        if sets_of(e) and isinstance(r, int) and isinstance(e.get("rest_s"), int) and r < e["rest_s"]:
            e["rest_s"], changed = r, True
    return changed


def _prune(s: dict, step: int) -> None:
    """Drop the trunk work above `step` from a resistance session (3+ exercises with sets)."""
    cat = load_catalog()
    if sum(1 for e in s["exercises"] if sets_of(e)) < 3:
        return
    s["exercises"] = [e for e in s["exercises"] if not sets_of(e) or (x := cat.get(str(e.get("id")))) is None
                      or not is_core(x) or core_level(x) <= step]


def _suits(ctx: Context, e: Exercise) -> bool:
    """The person may do the step's exercise (frailty, osteoporosis, injuries, dislikes...); diastasis is the ladder's
    own business (its steps carry the no-doming condition)."""
    if not hasattr(ctx, "_ladder_ctx"):
        s = copy.copy(ctx.s)
        s.flags = set(ctx.s.flags) - {"diastasis"}
        ctx._ladder_ctx = dataclasses.replace(ctx, s=s)  # type: ignore[attr-defined]
    other = ctx._ladder_ctx  # type: ignore[attr-defined]
    return other.allowed(e) and safe_for(e, ctx.injuries) and not matches(e, ctx.dislikes)


def _neighbours(weeks: list[dict], w: dict, s: dict) -> set[str]:
    """The muscles (core and calves aside) the sessions on the days before and after `s` work with 2+ sets."""
    i, day = weeks.index(w), s.get("day") or 0
    near = [x for x in w["sessions"] if abs((x.get("day") or 0) - day) == 1]
    if day == 1 and i:
        near += [x for x in weeks[i - 1]["sessions"] if x.get("day") == 7]
    if day == 7 and i + 1 < len(weeks):
        near += [x for x in weeks[i + 1]["sessions"] if x.get("day") == 1]
    return set().union(*[loaded_groups(x) for x in near]) if near else set()


def _spared(ex: list[dict]) -> list[dict]:
    """`ex` with one set less on the last of the lifts with the most sets above 2 (not one alone at the session's
    most: rule 39 reads the most sets per exercise)."""
    most = max((sets_of(e) for e in ex), default=0)
    at_most = sum(1 for e in ex if sets_of(e) == most)
    cands = [i for i, e in enumerate(ex) if sets_of(e) > 2 and (sets_of(e) < most or at_most > 1)]
    if not cands:
        return ex
    i = max(reversed(cands), key=lambda j: sets_of(ex[j]))  # the last of those with the most sets
    return ex[:i] + [{**ex[i], "sets": sets_of(ex[i]) - 1}] + ex[i + 1:]


def _room(s: dict, step: int) -> bool:
    """A resistance session (3+ exercises with sets) with the minutes left for 2 sets of the step's core exercise."""
    sides = load_catalog()[LADDER[step]].per_side
    need = exercise_seconds({"sets": 2, "reps": DOSE[step] + (" each side" if sides else ""), "rest_s": REST_S})
    lifts = sum(1 for e in s.get("exercises") or [] if sets_of(e))
    return lifts >= 3 and session_seconds(s) + need <= 60 * float(s.get("minutes") or 0)


def usable_step(ctx: Context, step: int) -> int:
    """The highest step up to `step` the person may do (a shoulder injury rules out the side planks: the dead bug
    stays rather than no core work at all); `step` itself when none suits."""
    cat = load_catalog()
    return next((st for st in range(step, -1, -1) if _suits(ctx, cat[LADDER[st]])), step)


def _step_note(ctx: Context, step: int, held: bool = False) -> str:
    """The step's note; `held` (pending clearance, or a step kept below the week's): without "next step"."""
    return ctx._(HELD_NOTES[step] if (ctx.bridge or held) and step in HELD_NOTES else STEP_NOTES[step])


def _home_step(ctx: Context, w: dict, step: int, held: bool = False) -> None:
    walk = w.get("daily_activity")
    if not walk or walk.get("add_on"):
        return
    e = load_catalog()[LADDER[step]]
    text = ctx._(HOME_STEP, m=HOME_MIN, name=e.name[ctx.lang].lower(),
                 dose=DOSE[step] + (ctx._(" each side") if e.per_side else ""))
    w["daily_activity"] = {**walk, "add_on": {"minutes": HOME_MIN, "balance_minutes": 0, "kind": "postnatal_core",
                                              "exercise": e.id, "text": text + " " + _step_note(ctx, step, held)},
                           "text": walk["text"] + " " + text + " " + _step_note(ctx, step, held)}


def _note(s: dict, text: str) -> None:
    s["notes"] = (str(s.get("notes") or "") + " " + text).strip()


def _run_session(w: dict) -> dict | None:
    """The week's walk for the readiness check or the walk-jog: the longest aerobic or mixed session."""
    cardio = [s for s in w["sessions"] if s.get("kind") in ("aerobic", "mixed")]
    return max(cardio, key=lambda s: (s.get("kind") == "aerobic", s.get("minutes") or 0), default=None)


def postnatal_core(ctx: Context, weeks: list[dict]) -> None:
    """The core step of each week after the birth, and the return to running from 12 weeks (in place). While
    clearance is pending, every week keeps week 1's step in week 1's sessions (rule 33: week 1's exercises)."""
    checked, first = False, birth_week(ctx, 1)
    held: set | None = None  # pending: the days whose week-1 session took the step
    last: dict[int, dict[str, int]] = {}  # day -> the sets of its lifts in the last full week
    for w in weeks:
        n = birth_week(ctx, w["week"])
        if n is None or first is None:
            return
        week_step, placed = step_for(first if ctx.bridge else n, _separated(ctx.p)), False
        step = usable_step(ctx, week_step)
        for s in w["sessions"]:
            if held is not None and s.get("day") not in held:
                _prune(s, step)  # as in week 1: no step added, nothing above it kept
            elif _core(ctx, s, step, _neighbours(weeks, w, s), last.get(s.get("day")) or {}) or (
                    held is not None and _week1_rests(s, weeks[0])
                    and _core(ctx, s, step, _neighbours(weeks, w, s), last.get(s.get("day")) or {})):
                _note(s, _step_note(ctx, step, step < week_step))
                placed = True
        if ctx.bridge and held is None:
            held = {s.get("day") for s in w["sessions"] if LADDER[step] in {e.get("id") for e in s["exercises"]}}
        if not w["deload"]:
            last = {s.get("day"): {e["id"]: sets_of(e) for e in s["exercises"] if sets_of(e)} for s in w["sessions"]}
        if not placed:  # the sessions are full: the step rides on the walk days at home
            _home_step(ctx, w, step, step < week_step)
        if n >= RUN_FROM and runs(ctx) and (s := _run_session(w)) is not None:
            s["return_to_running"] = RUN_WALK if checked else CHECK
            _note(s, ctx._(RUN_WALK_NOTE if checked else READINESS))
            checked = checked or not w["deload"]


def refill_core(ctx: Context, weeks: list[dict]) -> None:
    """After the passes that follow postnatal_core (coach.planning.careful: the post-lift cardio cut, the rests and
    sets held week to week): a full week without its step whose resistance session now has the minutes for 2 sets
    gets it there (rule 57), nothing else changed. Not while clearance is pending (rule 33: week 1's sessions)."""
    first = birth_week(ctx, 1)
    if first is None or ctx.bridge:
        return
    cat = load_catalog()
    for w in weeks:
        week_step = step_for(birth_week(ctx, w["week"]) or first, _separated(ctx.p))
        step = usable_step(ctx, week_step)
        if w["deload"] or any(sets_of(e) and (x := cat.get(str(e.get("id")))) is not None and is_core(x)
                              and core_level(x) == step for s in w["sessions"] for e in s["exercises"]):
            continue
        for s in w["sessions"]:
            if _room(s, step) and _core(ctx, s, step, _neighbours(weeks, w, s), {}):
                _note(s, _step_note(ctx, step, step < week_step))
                break


def check_postnatal_core(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 57-58 (see the module's docstring)."""
    p, flags, cat, v = b.profile, b.screening.flags, load_catalog(), []
    if "postpartum" not in flags or "hard_stop" in flags or p.weeks_since_birth is None:
        return []
    wants = p.goal in ("fat_loss", "endurance") or any(re.search(r"run|jog|跑", x, re.I) for x in p.preferences.likes)
    eligible = wants and not b.pending and not {"knee", "ankle"} & set(p.injuries) \
        and not any(re.search(r"run|jog|跑", x, re.I) for x in p.preferences.dislikes)
    ctx, checked = make_context(p, b.screening, "en", len(weeks)), False
    for w in weeks:
        wn = int(w.get("week") or 0)
        n, sessions = p.weeks_since_birth + wn, w.get("sessions") or []
        step = step_for(n, _separated(p))
        levels = [core_level(cat[e["id"]]) for s in sessions for e in s.get("exercises") or []
                  if e.get("id") in cat and is_core(cat[e["id"]]) and sets_of(e)]
        if any(x > step for x in levels):
            v.append(Violation(57, f"week {wn} (week {n} after the birth): core work at step {max(levels)} > {step}"))
        held = b.pending and wn > 1  # rule 33: week 1's exercises (and so its step) until the person is cleared
        if not w.get("deload") and not held and step not in levels and _suits(ctx, cat[LADDER[step]]) \
                and any(_room(s, step) and not set(cat[LADDER[step]].muscle_groups) & _neighbours(weeks, w, s)
                        for s in sessions):  # (rule 8: not beside a day loading the step's other muscles)
            v.append(Violation(57, f"week {wn} (week {n} after the birth): no core exercise at step {step} although "
                                   f"a resistance session has the minutes for it"))
        marked = [s for s in sessions if s.get("return_to_running") or NOT_BEFORE.search(str(s.get("notes") or ""))]
        if n < RUN_FROM and marked:
            v.append(Violation(58, f"week {wn} (week {n} after the birth): running offered before 12 weeks"))
        if n >= RUN_FROM and eligible:
            kind = RUN_WALK if checked else CHECK
            if not any(s.get("return_to_running") == kind and (kind == RUN_WALK or HOPS.search(str(s.get("notes"))))
                       for s in marked):
                v.append(Violation(58, f"week {wn} (week {n} after the birth): no return-to-running {kind}"))
            checked = checked or not w.get("deload")
    return v


def core_tags(weeks: list[dict]) -> list[str]:
    """The passage behind the core steps and the running check, where the plan holds them (kb-postpartum-003)."""
    ladder = set(LADDER.values())
    tags = []
    if any(e.get("id") in ladder for w in weeks for s in w["sessions"] for e in s["exercises"]):
        tags.append("plan:postpartum-core")
    if any(s.get("return_to_running") for w in weeks for s in w["sessions"]):
        tags.append("plan:return-to-running")
    return tags
