"""After birth, the plan follows the weeks since the birth (kb-postpartum-001: ACOG CO 804 2020, UK CMO 2019,
Goom, Donnelly & Brockwell 2019). Week k of the plan is week `weeks_since_birth + k` after the birth.

- recovery (up to week 6, before the postnatal check at about 6-8 weeks): walks, the pelvic floor and gentle
  body-weight or band moves only (no weights, no planks): the moves light (RPE 3-4), the walks at a pace that allows
  full sentences (RPE 4-5; cardio is walking);
- return (weeks 7-12, after the check): a graded return, light to moderate (RPE 4-5), no running or
  jumping (Goom: not before about 12 weeks); after a caesarean no heavy tummy loading (planks, carries, crunches)
  until about 12 weeks;
- rebuild (from week 13): the plan's own moderate progression (rule 48 keeps it low-impact: running comes back with
  the load tests and a physiotherapist, as the note says).

People new to exercise change one thing at a time (rule 39): when a phase ends in a week whose minutes or sets rise
too, the effort waits a week. Without `weeks_since_birth` the plan is unchanged (its week-1 note asks for the check).
"""
from __future__ import annotations

from typing import Any

from coach.planning.antenatal_choice import pregnancy_tags
from coach.i18n import N_
from coach.planning.context import Context, matches
from coach.planning.lifting_notes import BODYWEIGHT_PROGRESSION
from coach.planning.ladders import LADDER_ONLY
from coach.planning.lifters import is_lifter, session_order
from coach.planning.measure import exercise_seconds, label_of, session_seconds, sets_of
from coach.planning.names import FREQUENCY_AREAS
from coach.planning.postnatal import DIASTASIS_AVOID
from coach.planning.ramp import _total as week_total, harder
from coach.planning.rest_floor import floor_for
from coach.planning.sessions import STEPS, exercise_json
from coach.planning.zones import karvonen
from coach.safety.screening import rank
from coach.safety.starts import risk_markers
from knowledge.catalog import Exercise, available, load_catalog, safe_for

RECOVERY_END, RETURN_END = 6, 12  # weeks after the birth
RECOVERY_STEP, RETURN_STEP = 0, 1  # sessions.STEPS: light RPE 3-4; moderate RPE 4-5
CARDIO_KINDS = ("aerobic", "mixed", "hiit")
NOT_GENTLE = {"lunge", "jump", "olympic", "carry", "trunk_flexion", "trunk_rotation", "interval"}
WALK = "walking"


def birth_week(ctx: Context, week: int) -> int | None:
    """The week after the birth that plan week `week` is (None: not known, or not after a birth)."""
    w0 = ctx.p.weeks_since_birth
    if w0 is None or "postpartum" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return None
    return w0 + week


def phase(ctx: Context, week: int) -> str | None:
    n = birth_week(ctx, week)
    if n is None:
        return None
    return "recovery" if n <= RECOVERY_END else "return" if n <= RETURN_END else "rebuild"


def gentle(e: Exercise) -> bool:
    """Body-weight (or band) work for the weeks before the postnatal check: no weights, lunges, planks or jumps."""
    return (e.kind == "strength" and not set(e.equipment) - {"bands"} and e.level == "beginner" and e.impact == "low"
            and e.pattern not in NOT_GENTLE and "on_the_arms" not in pregnancy_tags(e) and e.measure == "reps")


def tummy_safe(e: Exercise) -> bool:
    """After a caesarean until about 12 weeks: no planks, crunches, twists or loaded carries."""
    return not (DIASTASIS_AVOID.search(e.id) or "on_the_arms" in pregnancy_tags(e)
                or e.pattern in ("trunk_flexion", "trunk_rotation", "carry"))


def _swap(ctx: Context, orig: Exercise, ok: Any, used: set[str], spine: bool = False) -> list[Exercise]:
    """The gentler exercises for the same muscles (the main one kept, others only from the same area: rules 8 and
    23), best first; `spine`: the session's only back-extensor work with osteoporosis, so it stays one (rule 32)."""
    groups = set(orig.muscle_groups)
    areas = set().union(*[a for a in FREQUENCY_AREAS.values() if a & groups] or [set()]) | groups
    main = next((a for a in FREQUENCY_AREAS.values() if orig.muscle_groups[0] in a), {orig.muscle_groups[0]})
    back = spine and "lower_back" in groups and "osteoporosis" in ctx.p.conditions  # rule 32: back-extensor work
    trunk = areas | {"lower_back", "core"}
    cands = [c for c in load_catalog().values() if ok(c) and c.id not in used
             and (set(c.muscle_groups) <= areas and set(c.muscle_groups) & main
                  or back and "lower_back" in c.muscle_groups and set(c.muscle_groups) <= trunk)
             and c.id not in LADDER_ONLY
             and available(c, ctx.equipment) and ctx.allowed(c) and safe_for(c, ctx.injuries)
             and not matches(c, ctx.dislikes)
             and not (c.lying == "prone" and "copd" in ctx.p.conditions)]  # rule 35: upright with COPD
    cands.sort(key=lambda c: (back and "lower_back" not in c.muscle_groups,
                              orig.muscle_groups[0] not in c.muscle_groups, c.pattern != orig.pattern, c.region != orig.region,
                              -len(set(c.muscle_groups) & groups), c.per_side != orig.per_side, c.id))
    return cands


def _fitting(ctx: Context, e: dict, x: Exercise, cands: list[Exercise], spare: float) -> dict:
    """The entry of the best candidate that keeps the session within its minutes (`spare` seconds left; rule 37:
    a one-sided swap takes twice the time), else of the shortest; `e` itself without candidates."""
    entries = [entry_for(ctx, e, c, x) for c in cands[:8]]
    fits = [new for new in entries if exercise_seconds(new) - exercise_seconds(e) <= max(0.0, spare)]
    return (fits or sorted(entries, key=exercise_seconds) or [e])[0]


def entry_for(ctx: Context, old: dict, new: Exercise, orig: Exercise) -> dict:
    side = ctx._(" each side")
    reps = str(old.get("reps") or "")
    if orig.per_side and reps.endswith(side):
        reps = reps[: -len(side)]
    if new.per_side and not reps.endswith(side):
        reps += side
    keep = {k: v for k, v in old.items() if k in ("sets", "rest_s", "rpe", "notes")}
    return exercise_json(new, ctx, **{**keep, "reps": reps})


def swap_exercises(ctx: Context, s: dict, ok: Any, rpe: list[int]) -> None:
    """Swap what `ok` rejects for a gentler exercise of the same muscles (kept at the easy effort if there is none:
    rules 7, 23 and 45 count its muscles)."""
    cat, out, used = load_catalog(), [], {str(e.get("id")) for e in s["exercises"]}
    lifter = is_lifter(ctx.p)
    spare = 60 * float(s.get("minutes") or 0) - session_seconds(s)
    backs = [e for e in s["exercises"] if e.get("sets") and "lower_back" in (e.get("muscle_groups") or [])]
    for e in s["exercises"]:
        x = cat.get(str(e.get("id")))
        if x is None or x.kind != "strength" or not e.get("sets"):
            out.append(e)
            continue
        if not ok(x):
            spine = not any(b is not e and ok(cat.get(str(b.get("id")))) for b in backs if b.get("id") in cat) \
                and not any("lower_back" in (o.get("muscle_groups") or []) for o in out if o.get("sets"))
            new = _fitting(ctx, e, x, _swap(ctx, x, ok, used, spine), spare)
            spare -= exercise_seconds(new) - exercise_seconds(e)
            e = new
            used.add(str(e["id"]))
        if isinstance(e.get("rpe"), list):
            e["rpe"] = [min(e["rpe"][0], rpe[0]), min(e["rpe"][1], rpe[1])]
        out.append(e)
    s["exercises"] = [e for e in out if not e.get("sets")] + session_order([e for e in out if e.get("sets")], lifter)


def cap_effort(ctx: Context, s: dict, step: int) -> None:
    """The session's effort at most STEPS[step] (label, RPE and % HRR, and bpm where they were given)."""
    label, rpe, pct = STEPS[step]
    inten = s.get("intensity") or {}
    if rank(label_of(s)) < rank(label) or (inten.get("rpe") or [0, 0])[1] <= rpe[1]:
        return
    new = {**inten, "label": label, "rpe": list(rpe)}
    if inten.get("pct_hrr") is not None:
        new["pct_hrr"] = list(pct)
        if inten.get("hr_bpm") is not None and ctx.p.resting_hr is not None:
            new["hr_bpm"] = [karvonen(ctx.p.age, ctx.p.resting_hr, pct[0]), karvonen(ctx.p.age, ctx.p.resting_hr,
                                                                                     pct[1])]
    s["intensity"] = new


def _walks(ctx: Context, s: dict) -> None:
    """Before the check every cardio block is a walk at an easy pace (same minutes)."""
    walk = load_catalog().get(WALK)
    if walk is None or any(w in WALK for w in ctx.dislikes):
        return
    s["exercises"] = [exercise_json(walk, ctx, minutes=e["minutes"]) if e.get("kind") in ("aerobic", "hiit")
                      and isinstance(e.get("minutes"), (int, float)) else e for e in s["exercises"]]


DOUBLE_PROGRESSION = ("Double progression: when every set reaches the top of the rep range at RPE {rpe} or less, "
                      "add a little load next time and go back to the bottom of the range.")
GENTLE_NOTE = N_("Gentle moves: slowly, breathing out as you lift or push; no weights and nothing that strains, leaks or "
                 "bulges your tummy until after your postnatal check.")


def _notes(ctx: Context, s: dict, ph: str) -> None:
    """The progression sentence says what the phase allows: no load before the check, RPE 4-5 after it."""
    text = str(s.get("notes") or "")
    for msg in (DOUBLE_PROGRESSION, BODYWEIGHT_PROGRESSION):
        for top in range(4, 10):
            old = ctx._(msg, rpe=top)
            if old in text:
                new = ctx._(GENTLE_NOTE) if ph == "recovery" else ctx._(msg, rpe=STEPS[RETURN_STEP][1][1])
                s["notes"] = text.replace(old, new)
                return


def fit_sets(s: dict, most: int = 0) -> None:
    """Keep the work within the session's minutes (rule 37): sets come off the last exercises first; then, a swap
    having made the session longer than it was built (a one-sided move for a two-sided one), rests come down to
    their floor (rule 52's: a light circuit of 10+ repetitions or a hold rests 30 s), the last exercises first;
    what still does not fit lengthens the session by the minutes it needs, up to `most` (the person's length)."""
    limit = 60 * float(s.get("minutes") or 0)
    for e in reversed(s["exercises"]):
        while session_seconds(s) > limit and sets_of(e) > 2:
            e["sets"] -= 1
    for e in reversed(s["exercises"]):
        if session_seconds(s) > limit and sets_of(e) and isinstance(e.get("rest_s"), int):
            e["rest_s"] = min(e["rest_s"], floor_for(e))
    need = -(-int(session_seconds(s) - 1e-6) // 60)
    if s.get("minutes") and s["minutes"] < need <= most:
        s["minutes"] = need


def postnatal_phases(ctx: Context, weeks: list[dict]) -> None:
    """Each week's sessions as its week after the birth allows (see the module's docstring), in place."""
    caesarean = "caesarean" in ctx.s.flags
    for w in weeks:
        ph = phase(ctx, 1 if ctx.bridge else w["week"])  # clearance pending: week 1's choice throughout (rule 33)
        if ph in (None, "rebuild"):
            continue
        for s in w["sessions"]:
            if ph == "recovery":  # walks at a pace that allows full sentences; the moves themselves easy
                _walks(ctx, s)
                swap_exercises(ctx, s, gentle, STEPS[RECOVERY_STEP][1])
                cap_effort(ctx, s, RETURN_STEP if s.get("kind") in CARDIO_KINDS else RECOVERY_STEP)
            else:
                swap_exercises(ctx, s, tummy_safe if caesarean else (lambda e: True), STEPS[RETURN_STEP][1])
                cap_effort(ctx, s, RETURN_STEP)
            fit_sets(s, ctx.p.minutes_per_session)
            _notes(ctx, s, ph)
    _recovery_holds(ctx, weeks)
    if ctx.p.is_beginner_or_inactive:
        _one_change(weeks)
    if birth_week(ctx, 1) is not None and (ctx.p.is_beginner_or_inactive or risk_markers(ctx.p, ctx.s)):
        _effort_waits(weeks)


def _recovery_holds(ctx: Context, weeks: list[dict]) -> None:
    """Before the postnatal check no set is added (kb-postpartum-001: the check is the point to agree doing more than
    gentle moves): every week of the recovery phase keeps the sets of its first week's same day (an exercise new on
    that day: the day's most). The sets build once the return phase begins (rule 29 then sees the rise)."""
    if ctx.bridge:
        return  # clearance pending: week 1's sets throughout already (rule 33)
    first: dict | None = None
    for w in weeks:
        if phase(ctx, w["week"]) != "recovery":
            return
        if first is None:
            first = {s.get("day"): {e.get("id"): sets_of(e) for e in s["exercises"] if sets_of(e)}
                     for s in w["sessions"]}
            continue
        for s in w["sessions"]:
            before = first.get(s.get("day")) or {}
            top = max(before.values(), default=0)
            for e in s["exercises"]:
                if sets_of(e) and top:
                    e["sets"] = min(sets_of(e), before.get(e.get("id"), top))


def _effort_waits(weeks: list[dict]) -> None:
    """Rule 62 (and 39): from one full week to the next, a session does not get harder while the week's minutes
    (sessions and walks) rise; it keeps the last full week's effort until a week whose minutes hold (the phase's
    higher effort waits, as ramp.stagger_walks holds the walks). A lighter week is never harder than the one before."""
    prev = None
    for w in weeks:
        if prev is not None and harder(w, prev) and (w["deload"] or week_total(w) > week_total(prev)):
            days = {a.get("day"): a for a in prev["sessions"]}
            for s in w["sessions"]:
                a = days.get(s.get("day"))
                if a is not None and harder({"sessions": [s]}, {"sessions": [a]}):
                    top = list(a["intensity"].get("rpe") or [0, 0])
                    s["intensity"] = dict(a["intensity"])
                    for e in s["exercises"]:
                        if isinstance(e.get("rpe"), list) and top[1]:
                            e["rpe"] = [min(e["rpe"][0], top[0]), min(e["rpe"][1], top[1])]
        prev = prev if w["deload"] else w


def _one_change(weeks: list[dict]) -> None:
    """Rule 39: a session whose effort would rise with its minutes or sets in the same week keeps last week's effort
    (and, if its minutes and sets still both rise, last week's sets)."""
    for prev, w in zip(weeks, weeks[1:]):
        if w["deload"] or prev["deload"]:
            continue
        for a, s in zip(prev["sessions"], w["sessions"]):
            if a.get("lighter") or s.get("lighter"):
                continue
            longer = (s.get("minutes") or 0) > (a.get("minutes") or 0)
            top = max((sets_of(e) for e in a["exercises"]), default=0)
            more = max((sets_of(e) for e in s["exercises"]), default=0) > top
            if rank(label_of(s)) > rank(label_of(a)) and (longer or more):
                s["intensity"] = dict(a["intensity"])
                for e in s["exercises"]:
                    if isinstance(e.get("rpe"), list):
                        e["rpe"] = list(a["intensity"].get("rpe") or e["rpe"])
            if longer and more:
                for e in s["exercises"]:
                    if e.get("sets"):
                        e["sets"] = min(sets_of(e), top)
