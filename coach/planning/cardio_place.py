"""Where and what a session's cardio is (physician review 11: a woman who likes swimming had 45-minute sessions of
kicking at the pool wall, and sessions that went from the pool to the weight machines).

- A session happens in one place: a mixed session whose lifting is out of the water has its cardio out of the water
  too, and not outdoors (exercises.Picker.cardio, `dry`).
- A drill (kicking at the pool wall) is never a whole session's cardio while a swim or water exercise is there
  (kb-osteoarthritis-001, kb-obesity-003: swimming, water exercise, aqua aerobics).
- Low-impact cardio the person likes (swimming) is allowed one level above a beginner's: they already do it.
"""
from __future__ import annotations

from typing import Callable

from coach.planning.context import Context, Slot, matches
from coach.planning.seated import seated_rank
from knowledge.catalog import Exercise, options

DRILLS = ("pool_wall_kicking",)


def drill_rank(exercise_id: str) -> int:
    """The picker's order key: drills after every other cardio."""
    return 1 if exercise_id in DRILLS else 0


def dry_only(items: list[Exercise]) -> list[Exercise]:
    """Cardio for a session whose other work is on land and indoors (the whole list if none is)."""
    return [e for e in items if "pool" not in e.equipment and not e.id.startswith("outdoor_")] or items


def liked_above(ctx: Context, items: list[Exercise], reachable: Callable[[Exercise], bool],
                kind: str = "aerobic") -> list[Exercise]:
    """Low-impact cardio (or intervals, `kind` hiit) a beginner likes at the next level up (not already in `items`)."""
    if ctx.level != "beginner" or not ctx.likes:
        return []
    have = {e.id for e in items}
    return [e for e in options(ctx.equipment, ctx.injuries, kind=kind, max_level="intermediate",
                               low_impact_only=True)
            if e.id not in have and e.level == "intermediate" and matches(e, ctx.likes)
            and not matches(e, ctx.dislikes) and ctx.allowed(e) and reachable(e)]


def place_items(ctx: Context, items: list[Exercise], reachable: Callable[[Exercise], bool],
                dry: bool) -> list[Exercise]:
    """The cardio a session may use: liked swims added for a beginner, out of the water and indoors when `dry`."""
    items = items + liked_above(ctx, items, reachable)
    return dry_only(items) if dry else items


def place_rank(ctx: Context, exercise_id: str) -> tuple[int, int, int]:
    """The picker's first order keys after 'too hard': the seated bike for poor balance after a stroke
    (kb-stroke-001), drills last, and walking at an easy pace first while waiting for clearance (kb-clearance-001)
    or frail."""
    walk = 0 if (ctx.bridge or ctx.frail) and "walk" in exercise_id else 1
    return seated_rank(ctx, exercise_id), drill_rank(exercise_id), walk


def dry_slot(slot: Slot) -> bool:
    """A mixed session whose lifting is out of the water (its cardio then is too)."""
    return not any("pool" in it["_ex"].equipment for it in slot.exercises)
