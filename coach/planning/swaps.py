"""Exercises swapped at the person's request (profile `preferences.swaps`, {plan exercise id: catalog id}).

A swap is kept only when the new exercise is one the planner itself could choose for this person (equipment,
injuries, level, conditions, pregnancy, impact: the picker's own filters) and does the same job: the same kind and
measure (sets of reps, or minutes), the same body region, and at least one muscle group in common. The dose (sets,
reps, rest, effort, minutes) stays the old exercise's; the validator then checks the plan as it checks any other.
A swap that no longer fits (a new injury, equipment given away) is left out of the plan, not forced in.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from coach.planning.context import Context
from coach.planning.exercises import Picker
from coach.planning.names import name_implies
from coach.planning.sessions import exercise_json
from coach.planning.ladders import LADDER_ONLY
from knowledge.catalog import Exercise, load_catalog, safe_for

Why = Literal["unknown", "same", "kind", "ladder", "muscles", "equipment", "injury", "not_for_you"]
KEEP = ("id", "name", "name_zh", "muscle_groups", "equipment", "kind")  # what comes from the catalog entry
MAX_SWAPS = 20


def _usable(ctx: Context, e: Exercise) -> bool:
    picker = Picker(ctx)
    return any(x.id == e.id for x in picker._candidates(region=e.region, kind=e.kind))  # noqa: SLF001 - its filters


def why_not(ctx: Context, old_id: str, new_id: str) -> Why | None:
    """None when `new_id` may stand in for `old_id` in this person's plan, else the first reason it may not."""
    catalog = load_catalog()
    old, new = catalog.get(old_id), catalog.get(new_id)
    if old is None or new is None:
        return "unknown"
    if old.id == new.id:
        return "same"
    if (old.kind, old.measure) != (new.kind, new.measure):
        return "kind"
    if old.id in LADDER_ONLY or new.id in LADDER_ONLY:
        return "ladder"  # a step of a loading ladder (knee, frailty, bones): the ladder decides
    if old.region != new.region or not set(old.muscle_groups) & set(new.muscle_groups):
        return "muscles"
    have = set(ctx.equipment)
    usable = set(catalog_gear()) if "gym" in have else have
    if (new.equipment and not set(new.equipment) <= usable) or name_implies(new.name.en) - usable:
        return "equipment"
    if not safe_for(new, ctx.injuries):
        return "injury"
    if (ctx.low_impact and new.impact == "high") or not _usable(ctx, new):
        return "not_for_you"
    return None


@lru_cache(maxsize=1)
def catalog_gear() -> frozenset[str]:
    return frozenset(g for e in load_catalog().values() for g in e.equipment)


def alternatives(ctx: Context, old_id: str, n: int = 3) -> list[Exercise]:
    """Up to n exercises that may stand in for `old_id`: its catalog substitutes first, then by muscles shared."""
    catalog = load_catalog()
    old = catalog.get(old_id)
    if old is None:
        return []
    pool = [e for e in catalog.values() if why_not(ctx, old.id, e.id) is None]

    def rank(e: Exercise) -> tuple:
        sub = old.substitutes.index(e.id) if e.id in old.substitutes else len(old.substitutes)
        return (bool(old.equipment) != bool(e.equipment), sub, e.pattern != old.pattern, -len(set(e.muscle_groups) & set(old.muscle_groups)), e.id)
    return sorted(pool, key=rank)[:n]


def swaps_of(ctx: Context) -> dict[str, str]:
    prefs = getattr(ctx.p, "preferences", None)
    return dict(getattr(prefs, "swaps", None) or {})


def apply_swaps(ctx: Context, weeks: list[dict]) -> None:
    """Every entry of a swapped exercise replaced by the one asked for, with the same dose, where it still fits."""
    swaps = {old: new for old, new in swaps_of(ctx).items() if why_not(ctx, old, new) is None}
    if not swaps:
        return
    catalog = load_catalog()
    for week in weeks:
        for session in week.get("sessions") or []:
            taken = {e.get("id") for e in session.get("exercises") or []}
            out = []
            for entry in session.get("exercises") or []:
                new_id = swaps.get(entry.get("id", ""))
                if new_id and new_id not in taken:
                    dose = {k: v for k, v in entry.items() if k not in KEEP}
                    old = catalog[entry["id"]]
                    entry = exercise_json(catalog[new_id], ctx, **dose)
                    taken.add(new_id)
                    _rename_in_notes(session, old, catalog[new_id])
                out.append(entry)
            session["exercises"] = out


def _rename_in_notes(session: dict, old: Exercise, new: Exercise) -> None:
    """The session's notes name the exercise now done ("Heavy day: Leg press (machine) for 4-6 repetitions")."""
    notes = session.get("notes")
    if isinstance(notes, str):
        session["notes"] = notes.replace(old.name.en, new.name.en).replace(old.name.zh, new.name.zh)
