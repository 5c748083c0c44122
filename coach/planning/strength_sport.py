"""Strength sports (physician review: a powerlifter got a generic muscle-gain split).

Who: a trained (intermediate or advanced), active adult of 18-64 who names powerlifting, weightlifting, a strength
competition or the competition lifts (squat, bench press, deadlift) among their likes, with a barbell (or a gym) and
nothing that keeps loads moderate (no condition, injury, medication, symptom, pregnancy or pending clearance; the
screening flags no more than a high BMI, as lifters.HEAVY_OK_FLAGS).
What (kb-powerlifting-001, NSCA; kb-strength-reps-001, ACSM 2009): the competition lifts become the main lifts of the
sessions that already train their movement (the first squat, horizontal press and hip hinge of a session is replaced
by the barbell back squat, bench press and deadlift), so each comes twice a week where the days allow (hinges stay on
the template's at most 2 non-consecutive days, rule 43), and each goes first in its session with the accessories
after it. The week's first session of a lift is its heavy day: 4-6, 3-5, then 2-4 repetitions over the three full
weeks of a block at RPE 7-8, 7-8, 8-9 (RPE 8 at most for a lifter whose goal is muscle, as rule 49 asks), 3 minutes of
rest; the second is a volume day of 6-8 at RPE 7-8 with 2.5 minutes of rest. Lighter weeks keep their light sets.
"""
from __future__ import annotations

from coach.domain.limits import OLDER_ADULT_AGE, YOUTH_BELOW_AGE
from coach.planning.context import Context
from coach.planning.lifters import HEAVY_OK_FLAGS, VOLUME_GROUPS, is_lifter
from coach.planning.measure import loaded_groups, session_seconds
from coach.planning.review8 import NO_RACK_NOTE, RACK_GEAR, RACK_NOTE
from coach.planning.sessions import exercise_json
from coach.planning.template import adjacent
from coach.planning.trained import EXERCISE_SET_CAP, WEEKLY_SET_CAP, group_sets, is_hard, is_heavy
from knowledge.catalog import available, load_catalog

SPORT_WORDS = ("powerlift", "weightlift", "strength sport", "strength competition", "strongman", "squat", "bench",
               "deadlift", "barbell")
LIFTS = (("squat", "barbell_back_squat"), ("horizontal_push", "barbell_bench_press"), ("hinge", "barbell_deadlift"))
# a session without the lift's own movement may take it in place of a stand-in (a squat for a lunge, a bench press
# for another press, a deadlift for a bridge or a leg curl), so each lift comes twice a week where the days allow
FALLBACK = {"squat": ("lunge",), "horizontal_push": ("vertical_push", "chest_fly"), "hinge": ("bridge", "knee_flexion")}
HEAVY = (("4-6", [7, 8]), ("3-5", [7, 8]), ("2-4", [8, 9]))  # the three full weeks of a block
VOLUME = ("6-8", [7, 8])
LEG_VOLUME_RPE = [6, 7]  # rule 55's lighter big leg lift: 3-4 repetitions in reserve
HEAVY_SETS, VOLUME_SETS = (4, 4, 5), 3
HEAVY_REST_S, VOLUME_REST_S = 180, 150  # ACSM 2009: 3-5 min between heavy sets; NSCA: 2-5 min for strength
MIN_SETS = 2
MIN_MINUTES = 45  # heavy.CHECK_MIN_MINUTES: shorter sessions have no room for heavy sets and their rests
BLOCK = 4


def _likes_strength_sport(ctx: Context) -> bool:
    return any(w in like.lower() for like in ctx.p.preferences.likes for w in SPORT_WORDS)


def applies(ctx: Context) -> bool:
    p, s = ctx.p, ctx.s
    trained = p.experience in ("intermediate", "advanced") and p.currently_active is not False
    healthy = not (p.conditions or p.injuries or p.medications or p.symptoms or s.clearance_required
                   or s.restricted or (s.flags - HEAVY_OK_FLAGS) or ctx.bridge)
    return (trained and healthy and YOUTH_BELOW_AGE <= p.age < OLDER_ADULT_AGE and _likes_strength_sport(ctx)
            and bool(ctx.equipment & {"barbell", "gym"}))


def _usable(ctx: Context, lift_id: str) -> bool:
    e = load_catalog().get(lift_id)
    return e is not None and available(e, ctx.equipment) and ctx.allowed(e)


def _slot(s: dict, pattern: str) -> dict | None:
    """The session's first resistance entry of `pattern`, None when it has none."""
    cat = load_catalog()
    return next((e for e in s["exercises"] if isinstance(e.get("sets"), int)
                 and getattr(cat.get(str(e.get("id"))), "pattern", None) == pattern), None)


def _clashes(week: dict, s: dict, entry: dict, new: dict) -> bool:
    """Replacing `entry` by `new` would load a muscle group on two consecutive days (PLAN_RULES 8)."""
    trial = {**s, "exercises": [new if x is entry else x for x in s["exercises"]]}
    groups = loaded_groups(trial)
    return any(adjacent(x["day"], s["day"]) and groups & loaded_groups(x) for x in week["sessions"] if x is not s)


def _dose(ctx: Context, pattern: str, heavy: bool, full_no: int) -> dict:
    """sets / reps / rpe / rest of a competition lift in a full week: its heavy day, or its volume day (a squat or
    deadlift next to the other's heavy sets stays at RPE 6-7, rule 55: one heavy big leg lift a session)."""
    if heavy:
        k = full_no % 3
        reps, rpe = HEAVY[k]
        if is_lifter(ctx.p):  # rule 49: a lifter training for muscle keeps heavy sets at RPE 8 at most
            rpe = [min(rpe[0], 7), min(rpe[1], 8)]
        return {"sets": HEAVY_SETS[k], "reps": reps, "rpe": list(rpe), "rest_s": HEAVY_REST_S}
    rpe = LEG_VOLUME_RPE if pattern in ("squat", "hinge") else VOLUME[1]
    return {"sets": VOLUME_SETS, "reps": VOLUME[0], "rpe": list(rpe), "rest_s": VOLUME_REST_S}


def _cap_volume(week: dict, keep: list[dict]) -> None:
    """At most WEEKLY_SET_CAP hard sets per muscle group a week (rule 53): a set off the accessories training the
    group (the one with most sets first, never under 2), then off the competition lifts' volume days."""
    sessions = week["sessions"]
    for name, groups in VOLUME_GROUPS.items():
        while group_sets(sessions)[name] > WEEKLY_SET_CAP:
            pool = [e for s in sessions for e in s["exercises"] if isinstance(e.get("sets"), int)
                    and e["sets"] > MIN_SETS and set(e.get("muscle_groups") or []) & groups and is_hard(e)]
            spare = [e for e in pool if not any(e is k for k in keep)] or pool
            if not spare:
                break
            max(spare, key=lambda e: e["sets"])["sets"] -= 1


def _fit(s: dict, keep: list[dict]) -> None:
    """The session's work fits its minutes (PLAN_RULES 37): a set off the accessories (never under 2), then the
    last accessory out."""
    while session_seconds(s) > 60 * s["minutes"]:
        extra = [x for x in s["exercises"] if isinstance(x.get("sets"), int) and x["sets"] > MIN_SETS
                 and not any(x is k for k in keep)]
        if extra:
            extra[-1]["sets"] -= 1
            continue
        rest = [x for x in s["exercises"] if isinstance(x.get("sets"), int) and not any(x is k for k in keep)]
        if not rest:
            own = [k for k in keep if k["sets"] > MIN_SETS]
            if not own:
                return
            own[-1]["sets"] -= 1
            continue
        s["exercises"] = [x for x in s["exercises"] if x is not rest[-1]]


def _first(s: dict, keep: list[dict]) -> None:
    """The competition lifts first among the session's lifts (timed cardio warm-ups stay where they are)."""
    lifts = [x for x in s["exercises"] if isinstance(x.get("sets"), int)]
    comp = sorted((x for x in lifts if any(x is k for k in keep)), key=lambda x: not is_heavy(x))
    order = comp + [x for x in lifts if not any(x is k for k in keep)]
    it = iter(order)
    s["exercises"] = [next(it) if isinstance(x.get("sets"), int) else x for x in s["exercises"]]


def _week(ctx: Context, week: dict, full_no: int, note: tuple[str, str]) -> bool:
    cat = load_catalog()
    sessions = sorted(week["sessions"], key=lambda x: x["day"])
    kept: dict[int, list[dict]] = {}
    heavy_legs: set[int] = set()  # sessions whose squat or deadlift is heavy (rule 55: one a session)
    for pattern, lift_id in LIFTS:
        if not _usable(ctx, lift_id):
            continue
        chosen: list[tuple[dict, dict, dict]] = []
        for patterns in ((pattern,), FALLBACK[pattern]):  # the lift's own movement first, then a stand-in's
            for s in sessions:
                entry = next((e for e in s["exercises"] if e.get("id") == lift_id and isinstance(e.get("sets"), int)),
                             None) or next((e for e in map(lambda x: _slot(s, x), patterns) if e is not None), None)
                if entry is None or len(chosen) >= 2 or s["minutes"] < MIN_MINUTES or any(
                        c[0] is s or adjacent(c[0]["day"], s["day"])
                                                            for c in chosen):
                    continue
                reps = str(entry.get("reps") or "").replace(ctx._(" each side"), "").strip()
                new = exercise_json(cat[lift_id], ctx, sets=entry["sets"], reps=reps,
                                    rest_s=max(int(entry.get("rest_s") or 0), 120), rpe=entry.get("rpe"))
                if not _clashes(week, s, entry, new):
                    chosen.append((s, entry, new))
                    s["exercises"] = [new if x is entry else x for x in s["exercises"]]
        chosen.sort(key=lambda c: c[0]["day"])
        leg = pattern in ("squat", "hinge")
        heavy_at = next((i for i, (s, _, _) in enumerate(chosen) if not (leg and id(s) in heavy_legs)), None)
        for i, (s, entry, new) in enumerate(chosen):
            if not week["deload"]:
                new.update(_dose(ctx, pattern, i == heavy_at, full_no))
                new["sets"] = max(new["sets"], int(entry["sets"])) if is_lifter(ctx.p) else new["sets"]
                new["sets"] = min(new["sets"], EXERCISE_SET_CAP)
                if leg and i == heavy_at:
                    heavy_legs.add(id(s))
            kept.setdefault(id(s), []).append(new)
    for s in sessions:
        keep = kept.get(id(s), [])
        if keep:
            _first(s, keep)
            _fit(s, keep)
            for text in note:
                if text not in s.get("notes", ""):
                    s["notes"] = (s.get("notes", "") + " " + text).strip()
    _cap_volume(week, [e for k in kept.values() for e in k])
    return bool(kept)


def competition_lifts(ctx: Context, weeks: list[dict]) -> bool:
    """The competition lifts twice a week as the main lifts (in place); True when the plan has them."""
    if not applies(ctx):
        return False
    rack = bool(ctx.equipment & set(RACK_GEAR))
    note = ctx._(RACK_NOTE if rack else NO_RACK_NOTE), ctx._(
        "Competition lifts first: the week's first session of each is the heavy one, the second a lighter volume "
        "session; leave 1-3 repetitions in reserve, add load when every set reaches the top of the range.")
    full_no, done = 0, False
    for w in weeks:
        done = _week(ctx, w, full_no, note) or done
        full_no += 0 if w["deload"] else 1
    return done


def reason(ctx: Context) -> str:
    top = 8 if is_lifter(ctx.p) else HEAVY[-1][1][1]
    return ctx._("You train for a strength sport: the squat, bench press and deadlift are your main lifts, each up "
                 "to twice a week, first in the session, with the other exercises as accessories after them; the "
                 "heavy sets get heavier over each block (fewer repetitions, RPE 7 up to {top}) with 3 minutes of "
                 "rest.", top=top)
