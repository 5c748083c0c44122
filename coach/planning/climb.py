"""Bodyweight and band-free ladders climb (review 13, rule 91): the exercise itself gets harder when the block or the
session's effort steps up.

Without weights, "add a little load" cannot happen, so a body-weight exercise is made harder by moving to a harder
variation (kb-beginner-002: progressive increases in load; kb-resistance-fitt-001: a load heavy enough that the last
repetitions are hard, progressed as the work becomes easier). Review 13: a beginner's sessions labelled vigorous,
RPE 7-8, in weeks 9-12 still listed wall push-ups for 15 repetitions, which cannot be hard; the harder variations were
only named in the notes.

Each ladder lists rungs, easiest first; a rung holds interchangeable variations. In block b (0, 1, 2) a listed
exercise on a ladder moves up b rungs the person can do, skipping rungs with none; a session asking for RPE 7 or more
never keeps the first rung when a harder allowed rung exists. A rung the person can do is one the planner itself could
pick for them (equipment, injuries, level, conditions, pregnancy, rule 75's supported forms, dislikes: the picker's own
filters), done the same way (measure, sides), training no muscle group the easier one did not (so the spacing of
rules 8 and 23 holds), keeping any equipment the easier one used (rules 59-60), not already in that session, and not
kneeling or lying on the floor for someone who dislikes floor work. Nothing changes while clearance is pending (rule
33: the same exercises while pending); pregnancy climbs one rung at most (the loads stop rising in the third
trimester, lifting_notes.PREGNANCY_HOLD). Sets, repetitions, rests and effort stay the entry's.

91 (check_first_rungs): a non-deload session asking for RPE 7 or more (the exercise's effort, else the session's) lists
   no exercise that is the first rung of a ladder with a harder rung this person can do.
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.careful import fallen_rests, same_but_rests
from coach.planning.context import Context, make_context
from coach.planning.hard_errors import _full_pairs, _same_day
from coach.planning.names import EXEMPT
from coach.planning.rest_floor import floor_for
from knowledge.catalog import LEVELS, Exercise, load_catalog

if TYPE_CHECKING:
    from coach.planning.checks import Bounds, Violation

RULE = 91
CATALOG_FIELDS = ("id", "name", "name_zh", "muscle_groups", "equipment", "kind")  # what the new entry brings
HARD_RPE = 7
LADDERS: tuple[tuple[tuple[str, ...], ...], ...] = (
    # push-ups: against a wall, a bench, from the knees, full (intermediate)
    (("wall_push_up", "wall_push_up_on_fists"), ("bench_incline_push_up",), ("knee_push_up",), ("push_up",)),
    # chair stands: with the hands, then a weight held at the chest (kb-falls-001: the first external load)
    (("box_squat", "sit_to_stand"), ("sit_to_stand_weighted",)),
    # a free squat, then a held weight where there is one
    (("bodyweight_squat",), ("goblet_squat", "kettlebell_goblet_squat")),
    # prone shoulder raises: the longer the lever, the harder (W, T, Y, then the snow angel's full arc)
    (("prone_w_raise",), ("prone_t_raise",), ("prone_y_raise",), ("reverse_snow_angel",)),
    # bridges: from the floor, then shoulders on a bench
    (("glute_bridge",), ("bench_hip_thrust",)),
)
FLOOR_RUNGS = {"knee_push_up", "push_up"}  # kneeling or lying on the floor (a dislike of floor work)
RUNG: dict[str, tuple[int, int]] = {x: (li, ri) for li, ladder in enumerate(LADDERS) for ri, rung in
                                    enumerate(ladder) for x in rung}


class Rungs:
    """The harder rungs a person can do (the picker's filters, once per plan)."""

    def __init__(self, ctx: Context) -> None:
        from coach.planning.exercises import Picker  # noqa: PLC0415 (exercises imports the ladders)
        self.ctx, self.picker, self.catalog = ctx, Picker(ctx), load_catalog()
        self.top = LEVELS.index(ctx.level) if ctx.level in LEVELS else 0
        swaps = dict(getattr(getattr(ctx.p, "preferences", None), "swaps", None) or {})
        self.asked, self.swapped_out = set(swaps.values()), set(swaps)  # the person's swaps (swaps.py) stand

    def climbs(self, ex_id: object) -> bool:
        """Whether an exercise may climb: on a ladder, and not one the person swapped in."""
        return ex_id in RUNG and ex_id not in self.asked

    def fits(self, old: Exercise, new: Exercise) -> bool:
        if (new.measure, new.per_side) != (old.measure, old.per_side) or LEVELS.index(new.level) > self.top:
            return False
        if (set(new.muscle_groups) - EXEMPT) - set(old.muscle_groups) or set(old.equipment) - set(new.equipment):
            return False
        if new.id in self.swapped_out or new.id in FLOOR_RUNGS and "floor" in self.ctx.dislikes:
            return False
        return any(x.id == new.id for x in self.picker._candidates(region=new.region, kind=new.kind))  # noqa: SLF001

    def harder(self, entry: dict, taken: set[str]) -> list[Exercise]:
        """For each harder rung of the entry's ladder with a variation this person can do at the entry's dose (its
        rest meets the variation's floor, rule 52), easiest first: the first such variation."""
        where, old = RUNG.get(str(entry.get("id"))), self.catalog.get(str(entry.get("id")))
        if where is None or old is None:
            return []
        out = []
        for rung in LADDERS[where[0]][where[1] + 1:]:
            pick = next((self.catalog[x] for x in rung if x in self.catalog and x not in taken
                         and self.fits(old, self.catalog[x]) and _rest_holds(entry, x)), None)
            if pick is not None:
                out.append(pick)
        return out


def _rest_holds(entry: dict, new_id: str) -> bool:
    """The entry's rest is enough for the variation (a circuit's entries without rests aside)."""
    rest = int(entry.get("rest_s") or 0)
    return not rest or floor_for({**entry, "id": new_id}) <= rest


def asks_hard(entry: dict, session: dict) -> bool:
    """Whether an entry is asked for at RPE 7 or more (its own effort, else its session's)."""
    rpe = entry.get("rpe") or (session.get("intensity") or {}).get("rpe") or [0]
    try:
        return max(float(x) for x in rpe) >= HARD_RPE
    except (TypeError, ValueError):
        return False


def _climbs(ctx: Context, week: dict) -> int:
    """Rungs up in the week's block (pregnancy: one at most)."""
    block = min(2, (int(week.get("week") or 1) - 1) // BLOCK_WEEKS)
    return min(block, 1) if "pregnancy" in ctx.s.flags else block


def _held(weeks: list[dict]) -> set[tuple[int, int]]:
    """(week, day) of sessions whose only change from the same day of the full week before is a shorter rest: their
    exercises wait a week (rule 63: one change at a time)."""
    out = set()
    for a, w in _full_pairs(weeks):
        for x, s in _same_day(a, w):
            if fallen_rests(s, x) and same_but_rests(s, x):
                out.add((w.get("week"), s.get("day")))
    return out


def climb_ladders(ctx: Context, weeks: list[dict]) -> None:
    """Every listed exercise on a ladder moves up its rungs with the block and the effort, in place (same dose)."""
    if ctx.bridge:
        return
    from coach.planning.sessions import exercise_json  # noqa: PLC0415 (sessions imports this package's ladders)
    from coach.planning.swaps import _rename_in_notes  # noqa: PLC0415
    rungs, held, used = Rungs(ctx), _held(weeks), {}
    for w in weeks:
        for s in w.get("sessions") or []:
            for i, e in enumerate(s.get("exercises") or []):
                if not rungs.climbs(e.get("id")) or not isinstance(e.get("sets"), int):
                    continue
                key, up = (s.get("day"), e["id"]), _climbs(ctx, w)
                up = min(up, used.get(key, 0)) if (w.get("week"), s.get("day")) in held else up
                up = max(up, 1) if asks_hard(e, s) and not w.get("deload") else up
                used[key] = up if not w.get("deload") else used.get(key, 0)
                steps = rungs.harder(e, {x.get("id") for x in s["exercises"]}) if up else []
                if steps:
                    new = steps[min(up, len(steps)) - 1]
                    dose = {k: v for k, v in e.items() if k not in CATALOG_FIELDS}
                    _rename_in_notes(s, rungs.catalog[e["id"]], new)
                    s["exercises"][i] = exercise_json(new, ctx, **dose)
    keep_rung_rests(weeks)


def _heavy_set(e: dict) -> bool:
    """A heavy set (rule 49: at most 6 repetitions at the top of its range) keeps its 2-minute rest."""
    top = [int(n) for n in re.findall(r"\d+", str(e.get("reps") or ""))]
    return bool(top) and max(top) <= 6


def keep_rung_rests(weeks: list[dict]) -> None:
    """A ladder exercise on a day never rests less than it did on that day in an earlier full week (rule 52): a climb
    in the first block keeps the easier rung's longer rest, and the same rung reached by the block ladder later may
    come with a shorter one, so the earlier weeks take the shortest rest that day's exercise has from then on (never
    below its floor). Rests only shorten here: the sessions' minutes still hold their work (rule 37). In place."""
    least: dict[tuple[object, str], int] = {}
    for w in reversed(weeks):
        if w.get("deload"):
            continue
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                rest = e.get("rest_s")
                if e.get("id") not in RUNG or not isinstance(rest, int) or not rest:
                    continue
                key = (s.get("day"), str(e["id"]))  # (whatever the repetitions: rule 63 reads a fall beside them too)
                if key in least and least[key] < rest and not _heavy_set(e):  # (rule 49 keeps a heavy set's rest)
                    e["rest_s"] = max(least[key], floor_for(e))
                least[key] = min(least.get(key, rest), int(e["rest_s"]))


def check_first_rungs(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 91 on any plan (the engine's or a model's)."""
    from coach.planning.checks import Violation  # noqa: PLC0415
    if b.pending or b.restricted:
        return []
    rungs: Rungs | None = None
    v: list[Violation] = []
    for w in weeks:
        if w.get("deload"):
            continue
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                if RUNG.get(str(e.get("id")), (0, 1))[1] or not isinstance(e.get("sets"), int) \
                        or not asks_hard(e, s):
                    continue
                rungs = rungs or Rungs(make_context(b.profile, b.screening, "en", len(weeks)))
                if rungs.ctx.bridge:
                    return []
                up = rungs.harder(e, {x.get("id") for x in s["exercises"]}) if rungs.climbs(e.get("id")) else []
                if up:
                    v.append(Violation(RULE, f"week {w.get('week')} day {s.get('day')}: {e.get('name') or e['id']} "
                                             f"at RPE {HARD_RPE}+ while {up[0].name.en} is a harder variation this "
                                             f"person can do (a body-weight exercise climbs its ladder)"))
    return v
