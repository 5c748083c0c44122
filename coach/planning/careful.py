"""Engine passes for the independent physician review 7's hard errors (checked by coach.planning.hard_errors):

- One change at a time for rests (kb-overload-001, kb-postpartum-002): fitting a session into its minutes cut the rest
  of an exercise in the week its sets rose ("Chair squat 2 x 8-10, rest 60 s" -> "3 x 8-10, rest 30 s", back to 60 s
  the week after). The rest goes back to the week before's and the session drops the new set instead (hold_rests).
- COPD starts light (kb-copd-001, kb-beginner-001: a doctor's review and pulmonary rehabilitation first): light
  sessions, slight breathlessness (Borg 2-3 of 10), until the first week in which nothing else changes; from then on
  the plan's moderate target (copd_light_start).
- Fragile bones: the heavier block (6-10 repetitions) is an offer for someone a qualified coach supervises, never the
  default self-coached session (kb-osteoporosis-004: heavy lifting "should not be self-taught"); the main lifts stay
  at 8-12 (bone_default).
- Muscle gain: cardio after lifting in the same session is moderate and short (kb-concurrent-001: "keep cardio after
  lifting moderate and fairly short"): at most POST_LIFT_CARDIO_MIN minutes at RPE 4-5; the minutes cut become an
  easy warm-up (RPE 3-4) before the lifting, so the session and its aerobic dose keep their length (lift_first_cardio).
"""
from __future__ import annotations

import re

from coach.i18n import N_
from coach.domain.limits import OLDER_ADULT_AGE
from coach.planning.context import Context, matches
from coach.planning.tree_copy import copy_tree
from coach.planning.copd_plan import BIKE
from coach.planning.postnatal_core import refill_core
from coach.planning.aerobic import _set_walk as set_walk
from coach.planning.ramp import WALK_STEP_MIN, _walk as walk_of, harder, stagger_walks
from coach.planning.measure import LABELS, exercise_seconds, label_of, session_seconds
from coach.planning.rest_floor import HEAVY_REST_S, MULTI_JOINT, floor_for, rep_range
from knowledge.catalog import available, load_catalog
from coach.safety.starts import risk_markers

POST_LIFT_CARDIO_MIN = 20  # kb-concurrent-001's example: 12 moderate minutes after 25 of lifting in 45
EASY_CARDIO_RPE = [4, 5]
LIGHT = {"label": "light", "rpe": [3, 4]}
BONE_DEFAULT = "8-12"
BONE_GEAR = frozenset({"barbell", "dumbbells", "kettlebell", "machines"})
WARM_UP_CARDIO = ("treadmill_walk", "elliptical_trainer", "recumbent_bike_ride", "stationary_bike_ride", "rowing_machine",
                  "brisk_walking", "walking", "marching_in_place")
ZONE_NOTE = re.compile(r"(Heart-rate zone|心率区间)[^.。]*[.。]\s*")  # the vigorous zone's sentence goes with it
RANGE = re.compile(r"\d+\s*-\s*\d+|\d+")
MIN_SETS = 2
TRUNK = {"core", "obliques", "lower_back"}
FIRST_SETS, FIRST_CARDIO_MIN = 3, 30  # a cleared heart patient's first week (rule 61)
COPD_LIGHT_NOTE = N_("Judge effort by breathlessness, not heart rate: in these first weeks, slight breathlessness "
                     "(about 2-3 of 10) that eases within a minute or two of stopping; rest if needed.")
COPD_MODERATE_NOTE = N_("Judge effort by breathlessness, not heart rate: moderate to somewhat severe (3-4 of 10) "
                        "and easing within a few minutes of stopping; slow down or rest in intervals if needed.")
BONE_COACH_NOTE = N_("Heavier sets (6-10 repetitions) for the main lifts only if a physiotherapist, exercise "
                     "physiologist or qualified coach teaches and watches them; on your own, stay at 8-12 repetitions "
                     "with good form.")
WARM_NOTE = N_("The first cardio block is an easy warm-up (RPE 3-4) before the lifting.")
POST_LIFT_NOTE = N_("The cardio after lifting stays easy to moderate (RPE 4-5, you can talk) and short, so it does "
                    "not blunt the strength work.")


def _lifts(s: dict) -> list[dict]:
    return [e for e in s.get("exercises") or [] if isinstance(e.get("sets"), int) and e.get("sets") >= 1]


def _full(weeks: list[dict]) -> list[dict]:
    return [w for w in weeks if not w.get("deload")]


def _fits(s: dict) -> bool:
    return session_seconds(s) <= 60 * float(s.get("minutes") or 0)


def _refit(s: dict, before: dict) -> None:
    """Sets that rose this week go back, last exercise first, then any third set, until the session fits."""
    risen = [e for e in reversed(_lifts(s)) if (a := before.get((s.get("day"), e.get("id")))) is not None
             and e["sets"] > a["sets"]]
    for e in risen:
        a = before[(s.get("day"), e.get("id"))]
        while not _fits(s) and e["sets"] > a["sets"]:
            e["sets"] -= 1
    for e in reversed(_lifts(s)):
        while not _fits(s) and e["sets"] > MIN_SETS:
            e["sets"] -= 1


def same_but_rests(s: dict, a: dict) -> bool:
    """Session `s` is session `a` apart from its rests: minutes, effort, and every lift's sets and repetitions."""
    def shape(x: dict) -> tuple:
        lifts = tuple((e.get("id"), e.get("sets"), str(e.get("reps"))) for e in _lifts(x))
        return x.get("minutes"), (x.get("intensity") or {}).get("label"), (x.get("intensity") or {}).get("rpe"), lifts
    return shape(s) == shape(a)


def fallen_rests(s: dict, a: dict) -> list[tuple[dict, int]]:
    """(entry, the week before's rest) for each lift of `s` resting less than in session `a` the week before (circuits
    without rests, and heavy days' 120-180 s, all enough under rule 52, aside)."""
    before = {e.get("id"): e for e in _lifts(a)}
    return [(e, int(before[e.get("id")]["rest_s"])) for e in _lifts(s) if e.get("id") in before and e.get("rest_s")
            and before[e.get("id")].get("rest_s") and int(before[e.get("id")]["rest_s"]) < HEAVY_REST_S
            and int(e["rest_s"]) < int(before[e.get("id")]["rest_s"])]


def _held(s: dict, a: dict, dense_ok: bool) -> bool:
    """Where rests fell in a session that also changed otherwise: with `dense_ok`, the new sets wait a week and the
    shorter rest is the week's one change (the sets follow at that rest next week); otherwise the week before's rests
    come back (True: the caller refits the session)."""
    fallen = fallen_rests(s, a)
    if not fallen or same_but_rests(s, a):
        return False
    if dense_ok:
        before = {e.get("id"): e["sets"] for e in _lifts(a)}
        sets = [(e, e["sets"]) for e in _lifts(s)]
        for e, _n in sets:
            e["sets"] = min(e["sets"], before.get(e.get("id"), e["sets"]))
        if same_but_rests(s, a):
            return False
        for e, n in sets:
            e["sets"] = n
    for e, rest in fallen:
        e["rest_s"] = rest
    return True


def _unfit(s: dict, a: dict) -> None:
    """Last resort when the session still does not fit: each lift as the week before had it (sets, reps, rest), then
    no exercise that is new this week."""
    before = {e.get("id"): e for e in _lifts(a)}
    for e in _lifts(s):
        if not _fits(s):
            x = before.get(e.get("id"))
            if x is not None:
                now = {k: e.get(k) for k in ("sets", "reps", "rest_s")}
                took = exercise_seconds(e)
                e.update(sets=x["sets"], reps=x["reps"], rest_s=x["rest_s"])
                if exercise_seconds(e) >= took:
                    e.update(now)
    for e in reversed(_lifts(s)):  # then trunk work new this week goes (it waits for a week with room)
        if not _fits(s) and e.get("id") not in before and set(e.get("muscle_groups") or []) <= TRUNK:
            s["exercises"].remove(e)


def _one_change(s: dict, a: dict) -> None:
    """A set held back above rises in a week whose minutes or effort rise too: it waits another week (rule 39); in
    other weeks sets come back one at a time (a held-back set does not return as two)."""
    grew = (s.get("minutes") or 0) > (a.get("minutes") or 0) or \
        LABELS.index(label_of(s)) > LABELS.index(label_of(a))
    if max((e["sets"] for e in _lifts(s)), default=0) <= max((e["sets"] for e in _lifts(a)), default=0):
        return
    before = {e.get("id"): e["sets"] for e in _lifts(a)}
    top = max(before.values(), default=MIN_SETS)  # an exercise new this week (a ladder's next step): the week's most
    for e in _lifts(s):
        e["sets"] = min(e["sets"], before.get(e.get("id"), top) + (0 if grew else 1))


def hold_rests(ctx: Context, weeks: list[dict]) -> None:
    """Rule 63 (one change at a time): a rest never falls in a week whose sets or repetitions change; the session
    drops the new set (or a third set) to fit instead."""
    if ctx.has("hard_stop"):
        return
    steady = ctx.p.is_beginner_or_inactive or "heart_disease" in ctx.p.conditions and ctx.p.cleared  # rules 39, 61
    dense_ok = (ctx.frail or ctx.p.age < OLDER_ADULT_AGE) and not ctx.p.rpe_only and "cleared" not in ctx.s.flags
    # (frail people's chair circuit rests 30 s by design, Vivifrail: the shorter rest first, the set the week after)
    prev: dict | None = None
    for w in _full(weeks):
        if prev is not None:
            before = {(s.get("day"), e.get("id")): e for s in prev["sessions"] for e in _lifts(s)}
            days = {s.get("day"): s for s in prev["sessions"]}
            for s in w["sessions"]:
                a = days.get(s.get("day"))
                if a is None:
                    continue
                engine = copy_tree(s)  # (before _held, which changes the session)
                if _held(s, a, dense_ok):
                    _refit(s, before)
                    _unfit(s, a)
                    if not _fits(s):  # nothing fits at the week before's rests: the session as the engine made it
                        s.clear()
                        s.update(engine)
                if steady:
                    _one_change(s, a)
        prev = w


def copd_light_start(ctx: Context, weeks: list[dict]) -> None:
    """COPD, not waiting for clearance: light sessions until the first week (from week 3) in which no session's
    minutes or sets change and the walks stay the same, so the effort rises on its own (rule 64)."""
    if "copd" not in ctx.p.conditions or ctx.has("hard_stop") or ctx.s.clearance_required:
        return
    # (rule 39 is beginners'; rule 62's inactive higher-risk people, activity not stated included, wait too)
    step = _quiet_week(weeks) if ctx.p.is_beginner_or_inactive or risk_markers(ctx.p, ctx.s) else 3
    moderate, light = ctx._(COPD_MODERATE_NOTE), ctx._(COPD_LIGHT_NOTE)
    for w in weeks[:step - 1]:
        for s in w["sessions"]:
            s["intensity"] = {**s["intensity"], **LIGHT, "pct_hrr": None, "hr_bpm": None}
            for e in s["exercises"]:
                if isinstance(e.get("rpe"), list) and e.get("kind") != "balance":
                    e["rpe"] = [min(e["rpe"][0], LIGHT["rpe"][0]), min(e["rpe"][1], LIGHT["rpe"][1])]
            s["notes"] = str(s.get("notes") or "").replace(moderate, light)
    stagger_walks(ctx, weeks)  # the walks hold in the week the effort rises (rule 62)
    if risk_markers(ctx.p, ctx.s):
        hold_walks(ctx, weeks)  # rule 62 for people who do not build up too (stagger_walks is for those who do)


def hold_walks(ctx: Context, weeks: list[dict]) -> None:
    """Rule 62: a full week whose effort rises keeps the last full week's walks; held walks then catch up
    WALK_STEP_MIN minutes a week (never below the last full week's)."""
    prev, held = None, False
    for w in _full(weeks):
        walk, last = walk_of(w), walk_of(prev) if prev is not None else None
        if walk is not None and last is not None:
            each = walk["minutes"]
            if harder(w, prev):
                each = min(each, last["minutes"])
            elif held:
                each = min(each, last["minutes"] + WALK_STEP_MIN)
            each = max(each, min(last["minutes"], walk["minutes"]))
            if each != walk["minutes"]:
                held = True
                w["daily_activity"] = walk = dict(walk)
                set_walk(ctx, walk, each)
        prev = w


def _same_minutes(w: dict, prev: dict) -> bool:
    before = {s.get("day"): s.get("minutes") for s in prev["sessions"]}
    return all(before.get(s.get("day")) == s.get("minutes") for s in w["sessions"])


def _quiet_week(weeks: list[dict]) -> int:
    """The first full week from 3 whose sessions are as long as the week before's (sets that rise with it wait a
    week, hold_rests; the walks hold, ramp.stagger_walks); the plan's length + 1 if none (all light)."""
    for i in range(2, len(weeks)):
        if not weeks[i].get("deload") and not weeks[i - 1].get("deload") and _same_minutes(weeks[i], weeks[i - 1]):
            return i + 1
    return len(weeks) + 1


def bone_default(ctx: Context, weeks: list[dict]) -> None:
    """Rule 65: fragile bones' main lifts stay at 8-12 by default; 6-10 is offered with a qualified coach only."""
    if "osteoporosis" not in ctx.p.conditions or ctx.has("hard_stop"):
        return
    note = ctx._(BONE_COACH_NOTE)
    last: dict = {}
    for w in weeks:
        for s in w["sessions"]:
            heavy = [e for e in _lifts(s) if heavy_bone_lift(e) or rep_range(e.get("reps")) == (6, 10)]
            for e in heavy:
                e["reps"] = RANGE.sub(BONE_DEFAULT, str(e["reps"]), count=1)
                if e.get("rest_s"):  # (a circuit without rests stays one)
                    e["rest_s"] = max(floor_for(e), int(last.get((s.get("day"), e.get("id")), {}).get("rest_s") or 0))
            if heavy and not _fits(s):
                _fit_bones(ctx, s, heavy)
            if heavy and not w.get("deload") and not ctx.s.clearance_required:
                if note not in str(s.get("notes") or ""):
                    s["notes"] = f"{s.get('notes') or ''} {note}".strip()
            for e in _lifts(s):
                if not w.get("deload"):
                    last[(s.get("day"), e.get("id"))] = dict(e)


def _fit_bones(ctx: Context, s: dict, heavy: list[dict]) -> None:
    """The longer sets of rule 65 fit the session (rule 37): a set goes from them, then from the other lifts (last
    first, never under 2), then the add-ons give minutes; a session at the person's length with every lift at 2 sets
    becomes a circuit as a last resort (each exercise the others' rest, as rules 37 and 52 allow)."""
    for e in [*reversed(heavy), *reversed(_lifts(s))]:
        while not _fits(s) and e["sets"] > MIN_SETS:
            e["sets"] -= 1
    _trim_add_ons(s)
    if not _fits(s) and s.get("minutes", 0) >= ctx.p.minutes_per_session and all(
            e["sets"] <= MIN_SETS for e in _lifts(s)):
        for e in _lifts(s):
            e["rest_s"] = 0


def _trim_add_ons(s: dict) -> None:
    """Rule 37's next step once the sets are at 2: the mobility add-ons lose a minute at a time, the last first,
    never under 1 minute each, then the balance blocks, never under 2 (the longer repetitions of rule 65 fit a
    session already at the person's length)."""
    for kind, least in (("mobility", 1), ("balance", 2)):
        for e in reversed([x for x in s.get("exercises") or [] if x.get("kind") == kind
                           and isinstance(x.get("minutes"), int)]):
            while not _fits(s) and e["minutes"] > least:
                e["minutes"] -= 1


def heavy_bone_lift(e: dict, loaded: bool = True) -> bool:
    """A loaded multi-joint lift (barbell, dumbbells, kettlebell, machine) prescribed at 10 repetitions or fewer (any
    multi-joint exercise at that range with `loaded` False: the engine keeps body-weight work at 8-12 too, so the
    sessions and the "8-12 on your own" note agree)."""
    r, x = rep_range(e.get("reps")), load_catalog().get(str(e.get("id")))
    return r is not None and r[1] <= 10 and x is not None and x.pattern in MULTI_JOINT and (
        not loaded or bool(set(x.equipment) & BONE_GEAR))


def lift_first_cardio(ctx: Context, weeks: list[dict]) -> None:
    """Rule 66: muscle gain, cardio after lifting in one session: at most POST_LIFT_CARDIO_MIN minutes at RPE 4-5."""
    if ctx.p.goal != "muscle_gain" or ctx.youth or ctx.has("hard_stop"):
        return  # (teenagers: WHO's vigorous blocks, kb-youth-dose-001, may follow the lifting)
    note = ctx._(POST_LIFT_NOTE)
    for w in weeks:
        for s in w["sessions"]:
            for e in after_lifting(s):
                cut = max(0, int(e.get("minutes") or 0) - POST_LIFT_CARDIO_MIN)
                e["minutes"] = int(e["minutes"]) - cut
                other = _warm_up_cardio(ctx, s) if cut else None  # another machine or mode (ids stay unique)
                warm = cut if other is not None else 0  # the minutes cut: an easy warm-up before the lifting
                if warm:
                    s["exercises"].insert(0, {"id": other.id, "name": other.name.get(ctx.lang), "minutes": warm,
                                              "muscle_groups": [], "equipment": list(other.equipment),
                                              "kind": "aerobic", "rpe": list(LIGHT["rpe"]), "warm_up": True})
                    s["notes"] = f"{s.get('notes') or ''} {ctx._(WARM_NOTE)}".strip()
                s["minutes"] = int(s["minutes"]) - (cut - warm)
                e["rpe"] = list(EASY_CARDIO_RPE)
                if (s["intensity"].get("pct_hrr") or [0, 0])[1] >= 60:
                    s["intensity"] = {**s["intensity"], "pct_hrr": None, "hr_bpm": None}
                    s["notes"] = ZONE_NOTE.sub("", str(s.get("notes") or "")).strip()
                if note not in str(s.get("notes") or ""):
                    s["notes"] = f"{s.get('notes') or ''} {note}".strip()


def _warm_up_cardio(ctx: Context, s: dict):
    """A cardio exercise the person can do that the session does not hold yet, for the warm-up (None if none); with
    COPD a session without a bike warms up on one where it can (rule 35: walking and cycling, kb-copd-001)."""
    taken = {e.get("id") for e in s.get("exercises") or []}
    cat = load_catalog()
    cycle = "copd" in ctx.p.conditions and not any("bike" in str(i) for i in taken)
    order = (BIKE, *WARM_UP_CARDIO) if cycle else WARM_UP_CARDIO
    return next((x for x in (cat[i] for i in order if i in cat) if x.id not in taken
                 and available(x, ctx.equipment) and ctx.allowed(x) and not matches(x, ctx.dislikes)), None)


def after_lifting(s: dict) -> list[dict]:
    """The cardio entries of a session that come after one of its resistance entries."""
    out, lifted = [], False
    for e in s.get("exercises") or []:
        if isinstance(e.get("sets"), int):
            lifted = True
        elif lifted and e.get("kind") == "aerobic" and e.get("minutes"):
            out.append(e)
    return out


def heart_start(ctx: Context, weeks: list[dict]) -> None:
    """Rule 61: a cleared heart patient's first week holds at most FIRST_SETS sets of an exercise and
    FIRST_CARDIO_MIN minutes of one cardio exercise (the session that much shorter); later weeks build from there
    one change at a time (hold_rests)."""
    if "heart_disease" not in ctx.p.conditions or not ctx.p.cleared or ctx.has("hard_stop") or not weeks:
        return
    for s in weeks[0]["sessions"]:
        for e in _lifts(s):
            e["sets"] = min(e["sets"], FIRST_SETS)
        for e in s["exercises"]:
            if e.get("kind") == "aerobic" and int(e.get("minutes") or 0) > FIRST_CARDIO_MIN:
                s["minutes"] = int(s["minutes"]) - (int(e["minutes"]) - FIRST_CARDIO_MIN)
                e["minutes"] = FIRST_CARDIO_MIN


def review7_passes(ctx: Context, weeks: list[dict]) -> None:
    """The passes above, in order: the bones' default and the post-lift cardio change the sessions' work, then the
    COPD's first weeks are made light, then the rests and sets are held week to week."""
    for step in (bone_default, lift_first_cardio, heart_start, copd_light_start, hold_rests):
        step(ctx, weeks)
    refill_core(ctx, weeks)  # after a birth: the core step where these passes left room for it (rule 57)
