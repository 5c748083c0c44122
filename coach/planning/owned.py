"""What people own (review 7, independent sports-physician review): equipment the person lists is used where it serves
the goal, and the main movement patterns are covered (rules 59 and 60, docs/plan-rules.md "Review 7: what people
own").

The engine (`use_owned`, called once the weekly template is filled) swaps like for like: a main movement done with
body weight, or with an item the week already uses twice, becomes the same kind of movement (the same family below)
with an item the person owns but the week does not use yet, a body-weight row-substitute (a prone raise, a shoulder-
blade squeeze) becomes a real row or pull-down, and a muscle-gain week missing a push, a pull, a knee-dominant or a
hip-hinge movement gets one in place of a movement whose family is covered twice. Every swap is a choice the Picker
itself could make (the same equipment, injury, condition, pregnancy, age and level filters: the filters win), keeps
the muscles it adds off the neighbouring days (rule 8), and adds a hip hinge only on a day that may take one (rule 43).
A pull-up bar brings a vertical-pull ladder for people new to it (`bar_ladder`).
"""
from __future__ import annotations

from typing import Any

from coach.planning.antenatal_choice import pregnancy_excluded
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context, Slot, make_context, matches
from coach.planning.ladders import LADDER_ONLY, ladder_for, pregnancy_avoid
from coach.planning.measure import is_resistance, sets_of
from coach.planning.names import name_implies
from coach.planning.template import RESISTANCE, adjacent
from knowledge.catalog import EQUIPMENT as EQUIPMENT_ALL
from knowledge.catalog import Exercise, available, load_catalog, options, safe_for

HINGE_DAYS = 2  # hip hinges on at most two days a week, 48 h apart (rule 43, exercises.HINGE_DAYS)

GEAR = ("pullup_bar", "bands", "dumbbells", "kettlebell", "barbell", "machines")  # resistance items a person can own
FAMILY = {"squat": "knee", "lunge": "knee", "knee_extension": "knee", "hinge": "hinge", "bridge": "hinge",
          "knee_flexion": "hamstring", "hip_abduction": "hip", "hip_adduction": "hip", "calf": "calf",
          "horizontal_push": "push", "vertical_push": "push", "chest_fly": "push", "triceps": "triceps",
          "horizontal_pull": "pull", "vertical_pull": "pull", "rear_delt": "blades", "scapular": "blades",
          "biceps": "biceps"}
REGION = {"push": "push", "pull": "pull", "blades": "pull", "knee": "lower", "hinge": "lower"}
MAIN = ("push", "pull", "blades", "knee", "hinge")  # the main movement families an owned item is used for
CORE_FAMILIES = ("push", "pull", "knee", "hinge")  # rule 60's patterns (muscle gain)
REAL_PULL = ("horizontal_pull", "vertical_pull")  # a row, a pull-down or a pull-up (done for repetitions)
EXEMPT = {"core", "calves"}
TRIES = 12  # swaps tried for one missing thing


def family(e: Exercise) -> str | None:
    """The movement family of an exercise done for repetitions (a hold such as a dead hang is none)."""
    return FAMILY.get(e.pattern) if e.measure == "reps" else None


def real_pull(e: Exercise) -> bool:
    return e.pattern in REAL_PULL and e.measure == "reps"


def owned_gear(equipment: set[str]) -> list[str]:
    """The resistance items a person lists by name (a gym names none)."""
    return [] if "gym" in equipment else [g for g in GEAR if g in equipment]


def choices(ctx: Context) -> list[Exercise]:
    """Every resistance exercise done for repetitions that the person's filters allow: the Picker's own candidate
    filters (equipment, injuries, level, `Context.allowed`'s conditions, pregnancy and age, dislikes, names that imply
    missing equipment, pregnancy's exclusions), ladder-only steps left out; with COPD nothing face down (copd_plan
    makes it upright). Rules 59 and 60 read the same list."""
    if "_owned_choices" in vars(ctx):  # asked again and again while the template is checked and swapped
        return vars(ctx)["_owned_choices"]
    usable = set(EQUIPMENT_ALL) if "gym" in ctx.equipment else set(ctx.equipment)
    out = [e for e in options(ctx.equipment, ctx.injuries, kind="strength", max_level=ctx.level)
           if e.measure == "reps" and e.id not in LADDER_ONLY and not matches(e, ctx.dislikes)
           and not (name_implies(e.name.en) - usable) and ctx.allowed(e) and not pregnancy_avoid(ctx, e)
           and not pregnancy_excluded(ctx, e) and not face_down_copd(ctx, e)]
    vars(ctx)["_owned_choices"] = out
    return out


def face_down_copd(ctx: Context, e: Exercise) -> bool:
    """COPD: strength work is upright (copd_plan; kb-copd-001), so face-down exercises are never picked (each has an
    upright one of its kind: a shoulder-blade squeeze, a standing back extension, a Nordic lowering)."""
    return e.lying == "prone" and "copd" in ctx.p.conditions


def applies(ctx: Context) -> bool:
    """Rules 59/60 apply: resistance work that may use equipment (not while clearance is pending: body weight only,
    kb-clearance-001; not under a hard stop or stage 2; not frail people's chair programme; not the mobility goal)."""
    return not (ctx.bridge or ctx.s.restricted or ctx.frail or ctx.p.goal == "mobility" or "postpartum" in ctx.s.flags)


def _families(items: list[Exercise]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in items:
        f = family(e)
        if f:
            out[f] = out.get(f, 0) + 1
    return out


def wanted(ctx: Context, mains: list[Exercise], every: list[Exercise] | None = None, sessions: int = 1,
           days: dict[int, set[str]] | None = None) -> list[tuple[str, Any]]:
    """What a week lacks, as (kind, key) in order: an owned item that no main movement uses although an allowed
    exercise with it could take the place of one of the week's movements of its family that may give way (body
    weight, or items other exercises use too) ("gear", item); for muscle gain a missing pattern
    ("family", name: the pull always, push, knee-dominant and hinge with 2+ resistance sessions); a real pull when
    the main pulls are prone raises or squeezes only ("pull", None). An allowed exercise counts only where it fits
    rule 8 on a resistance day (`days`: each resistance day's muscles; its neighbours' muscles must stay clear). The
    validator asks the same of a whole week."""
    if not applies(ctx):
        return []
    every = mains if every is None else every
    opts = [e for e in choices(ctx) if days is None or any(
        not (set(e.muscle_groups) - EXEMPT) & set().union(*[g for o, g in days.items() if adjacent(o, d)] or [set()])
        for d in days)]
    fams, used = _families(mains), {g for e in mains for g in e.equipment}
    count = {g: sum(g in e.equipment for e in every) for g in GEAR}
    room = {family(e) for e in every if all(count.get(g, 2) >= 2 for g in e.equipment)}  # could give way
    out: list[tuple[str, Any]] = []
    for g in owned_gear(ctx.equipment):
        if g not in used and any(g in e.equipment and family(e) in room and family(e) in MAIN for e in opts):
            out.append(("gear", g))
    if ctx.p.goal == "muscle_gain":
        need = CORE_FAMILIES if sessions >= 2 else ("pull",)
        for f in need:
            if f not in fams and any(family(e) == f for e in opts):
                out.append(("family", f))
            elif f == "pull" and not fams.keys() & {"pull", "blades"} and any(family(e) == "blades" for e in opts):
                out.append(("family", "blades"))  # no row or pull-down allowed: prone raises, shoulder-blade work
    if fams.get("blades") and "pull" not in fams and ("family", "pull") not in out and any(map(real_pull, opts)):
        out.append(("pull", None))
    return out


def _want(ctx: Context, slots: list[Slot], loaded: dict[int, set[str]]) -> list[tuple[str, Any]]:
    """What the weeks lack, block by block (a ladder's later step may leave an owned item or a family out: a banded
    bridge whose block-2 step is a dowel hip hinge), each missing thing once, block 1's first."""
    days = {s.day: loaded.get(s.day, set()) for s in slots if s.kind in RESISTANCE}
    out: list[tuple[str, Any]] = []
    for block in range(3) if any(it.get("steps") for _, it in _mains(ctx, slots, True)) else (0,):
        for want in wanted(ctx, block_mains(ctx, slots, block), _block_items(ctx, slots, block), len(days),
                           {**loaded, **days}):
            if want not in out:
                out.append(want)
    return out


def _block_items(ctx: Context, slots: list[Slot], block: int) -> list[Exercise]:
    """Every resistance exercise of the week in a block (0-2): ladder steps included."""
    return [it["_ex"] if not block or not it.get("steps") else it["steps"][block - 1]
            for _, it in _mains(ctx, slots, True)]


def _serves(e: Exercise, want: tuple[str, Any]) -> bool:
    kind, key = want
    if kind == "gear":
        return key in e.equipment
    if kind == "family":
        return family(e) == key
    return real_pull(e)


def _mains(ctx: Context, slots: list[Slot], every: bool = False) -> list[tuple[Slot, dict]]:
    """The resistance sessions' main movements (those a short session keeps), or `every` exercise."""
    return [(s, it) for s in slots if s.kind in RESISTANCE for it in s.exercises[:None if every else ctx.main_count]]


def block_mains(ctx: Context, slots: list[Slot], block: int) -> list[Exercise]:
    """The week's main movements in a block (0-2): ladder steps included."""
    return [it["_ex"] if not block or not it.get("steps") else it["steps"][block - 1] for _, it in _mains(ctx, slots)]


def _forbidden(slot: Slot, loaded: dict[int, set[str]]) -> set[str]:
    return set().union(*[g for d, g in loaded.items() if adjacent(d, slot.day)] or [set()])


def _hinge_ok(slot: Slot, hinges: list[int]) -> bool:
    return slot.day in hinges or (len(hinges) < HINGE_DAYS and not any(adjacent(d, slot.day) for d in hinges))


def _victim_ok(ctx: Context, want: tuple[str, Any], old: Exercise, mains: list[Exercise]) -> bool:
    """Whether a movement may give way: not a core exercise, nor the only movement of a family the rules ask for (a
    swap that leaves an item unused is undone by `use_owned`)."""
    fams, f, kind, key = _families(mains), family(old), want[0], want[1]
    if f is None:  # a hold (a dead hang) may become a movement of its region; core work stays
        return kind == "family" and old.region == REGION.get(key) and old.region != "core"
    if kind == "gear":
        return key not in old.equipment
    if kind == "pull":
        return f == "blades"
    return key != f and (fams.get(f, 0) >= 2 or f not in CORE_FAMILIES)


def _spread_kept(ctx: Context, slots: list[Slot], it: dict) -> bool:
    """Rule 23: a push, pull, knee-dominant or hinge movement gives way only where its family stays on 2+ days."""
    f = family(it["_ex"])
    if f not in CORE_FAMILIES or sum(s.kind in RESISTANCE for s in slots) < 2:
        return True
    return len({s.day for s, x in _mains(ctx, slots) if x is not it and family(x["_ex"]) == f}) >= 2


def _swaps(ctx: Context, picker: Any, slots: list[Slot], want: tuple[str, Any], loaded: dict[int, set[str]],
           hinges: list[int]) -> list[tuple]:
    """The swaps that would serve `want`, best first: a main movement before an extra, one whose items other
    exercises also use, body weight first, the same family, the Picker's own score, fewest new muscles."""
    mains = [it["_ex"] for _, it in _mains(ctx, slots, True)]
    count = {g: sum(g in x.equipment for x in mains) for g in GEAR}
    opts = [e for e in choices(ctx) if _serves(e, want)]
    keep = {id(it) for _, it in _mains(ctx, slots)}
    ranked = []
    for slot, it in _mains(ctx, slots, True):
        old = it["_ex"]
        if it.get("steps") or not _victim_ok(ctx, want, old, mains):
            continue
        spread, free = _spread_kept(ctx, slots, it), all(count.get(g, 2) >= 2 for g in old.equipment)
        taken = {x["_ex"].id for x in slot.exercises}
        others = set().union(*[set(x["_ex"].muscle_groups) for x in slot.exercises if x is not it] or [set()])
        forbidden = _forbidden(slot, loaded)
        for e in opts:
            if e.id in taken or (set(e.muscle_groups) - EXEMPT) & forbidden:
                continue
            if family(e) != family(old) if want[0] == "gear" else e.region != old.region or \
                    family(e) != family(old) and not spread:
                continue
            if e.pattern == "hinge" and old.pattern != "hinge" and not _hinge_ok(slot, hinges):
                continue
            key = (id(it) not in keep, not free, bool(old.equipment), family(old) in CORE_FAMILIES,
                   family(e) != family(old), picker._strength_score(e, (old.pattern,)),
                   len(set(e.muscle_groups) - others), e.id)
            ranked.append((key, slot, it, e))
    return [(slot, it, e) for _, slot, it, e in sorted(ranked, key=lambda r: r[0])]


def _try(ctx: Context, picker: Any, slots: list[Slot], loaded: dict[int, set[str]], hinges: list[int]) -> bool:
    """Make the first swap that leaves less missing; False when none does."""
    missing = _want(ctx, slots, loaded)
    for want in missing:
        for slot, it, e in _swaps(ctx, picker, slots, want, loaded, hinges)[:TRIES]:
            before = (it["_ex"], it.get("steps"))
            steps = ladder_for(ctx, e, picker.usable, _hinge_ok(slot, hinges))
            if want[0] == "gear" and steps and any(want[1] not in x.equipment for x in steps):
                steps = None  # the owned item stays in use in every block (rule 59), the ladder's later steps do not
            it["_ex"], it["steps"] = e, steps
            if len(_want(ctx, slots, loaded)) >= len(missing):
                it["_ex"], it["steps"] = before  # it would only move the gap elsewhere
                continue
            loaded[slot.day] = set().union(*[set(x["_ex"].muscle_groups) for x in slot.exercises]) - EXEMPT
            if e.pattern == "hinge" and slot.day not in hinges:
                hinges.append(slot.day)
            return True
    return False


def use_owned(ctx: Context, picker: Any, slots: list[Slot], loaded: dict[int, set[str]], hinges: list[int]) -> None:
    """Rules 59 and 60 in the template: the pull-up bar's ladder, then swaps of main movements (like for like) as
    long as each leaves less `wanted`."""
    bar_ladder(ctx, slots, loaded)
    for _ in range(8):
        if not _try(ctx, picker, slots, loaded, hinges):
            return


# a pull-up bar for people new to it (ACSM / NSCA progressions): shoulder-blade pull-ups in block 1, slow lowerings
# (negatives) in block 2, band-assisted pull-ups or more negatives in block 3; not for older or frail people, in
# pregnancy, with a BMI of 35 or more, a lifting limit or any condition or medicine (the filters win), nor with a
# shoulder or elbow injury (the catalog's contraindications)
BAR_START = "scapular_pull_up"
BAR_STEPS = (("negative_pull_up",), ("band_assisted_pull_up", "negative_pull_up"))
BAR_DAYS = 2  # two days a week, not running (rule 8)


def _bar_people(ctx: Context) -> bool:
    p = ctx.p
    return ("pullup_bar" in owned_gear(ctx.equipment) and ctx.level == "beginner" and applies(ctx)
            and not (ctx.older or p.conditions or p.medications or ctx.s.flags & {"high_bmi", "no_heavy_lifting"}))


def _may(ctx: Context, e: Exercise) -> bool:
    return available(e, ctx.equipment) and safe_for(e, ctx.injuries) and ctx.allowed(e) and not matches(e, ctx.dislikes)


def bar_ladder(ctx: Context, slots: list[Slot], loaded: dict[int, set[str]]) -> None:
    """The first main pulls (BAR_DAYS) done with the bar or body weight become the bar's ladder (rule 8 kept for the
    muscles the later steps add)."""
    if not _bar_people(ctx):
        return
    cat = load_catalog()
    start = cat[BAR_START]
    steps = [next((cat[c] for c in cands if _may(ctx, cat[c])), None) for cands in BAR_STEPS]
    if not _may(ctx, start) or None in steps:
        return
    groups = set(start.muscle_groups).union(*[set(e.muscle_groups) for e in steps if e]) - EXEMPT
    done = 0
    for slot, it in _mains(ctx, slots):
        old = it["_ex"]
        if old.region != "pull" or family(old) == "biceps" or it.get("steps") or set(old.equipment) - {"pullup_bar"}:
            continue
        if groups & _forbidden(slot, loaded) or any(x["_ex"].id == BAR_START for x in slot.exercises if x is not it):
            continue
        it["_ex"], it["steps"] = start, (steps[0], steps[1])
        loaded[slot.day] = loaded.get(slot.day, set()) | groups
        done += 1
        if done == BAR_DAYS:
            return


RULE = {"gear": 59, "family": 60, "pull": 60}
WHAT = {"gear": "owned {key} unused although an allowed exercise with it does a movement the week trains",
        "family": "muscle gain without a {key} movement although one is allowed",
        "pull": "the pulls are prone raises or squeezes only although a row or pull-down is allowed"}


def week_exercises(week: dict) -> list[Exercise]:
    """The catalog exercises of a week's resistance sessions done for 2+ sets."""
    cat = load_catalog()
    return [cat[e["id"]] for s in week.get("sessions") or [] if is_resistance(s)
            for e in s.get("exercises") or [] if e.get("id") in cat and sets_of(e) >= 2]


def _days(week: dict) -> dict[int, set[str]]:
    """Each resistance day of a week with the muscles its 2+-set work trains (rule 8's view)."""
    out: dict[int, set[str]] = {}
    for s in week.get("sessions") or []:
        if is_resistance(s):
            out[s.get("day")] = set().union(*[set(e.get("muscle_groups") or []) for e in s.get("exercises") or []
                                              if sets_of(e) >= 2] or [set()]) - EXEMPT
    return out


def check_owned(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 59 and 60 on every full week with resistance work (docs/plan-rules.md, review 7)."""
    if b.restricted or b.pending or b.screening.clearance_required or "hard_stop" in b.screening.flags:
        return []
    ctx = make_context(b.profile, b.screening, "en", len(weeks))
    if not applies(ctx) or (b.profile.preferences.swaps if hasattr(b.profile.preferences, "swaps") else None):
        return []
    v = []
    for w in weeks:
        items = week_exercises(w)
        if w.get("deload") or not items:
            continue
        n = sum(is_resistance(s) for s in w.get("sessions") or [])
        for kind, key in wanted(ctx, items, items, n, _days(w)):
            v.append(Violation(RULE[kind], f"week {w.get('week')}: " + WHAT[kind].format(key=key)))
    return v
