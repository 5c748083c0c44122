"""`extract`: every profile fact a free-text message states, composed from the intake extractors in order."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from coach.intake import scalars, schedule, targets, times
from coach.intake.categories import categories, preferences
from coach.intake.context import Ctx
from coach.intake.mentions import list_fields, mentions

# Run in this order: earlier extractors claim text so later ones skip it (a time is not a weight, a lifted
# load is not body weight, a keyword-less number is read last).
SCALAR_STEPS: list[Callable[[Ctx], None]] = [
    times.dates_and_times, scalars.blood_pressure, scalars.discard, schedule.experience_from_duration,
    schedule.sleep, schedule.session_minutes, schedule.frequency, targets.durations, targets.targets,
    scalars.heights, scalars.weights, scalars.body_fat_and_pulse, scalars.ages, scalars.bare_numbers,
    scalars.corrections, scalars.im_age,
]


def run(ctx: Ctx) -> dict[str, Any]:
    """Run every extractor over a prepared context."""
    for step in SCALAR_STEPS:
        step(ctx)
    out: dict[str, Any] = {}
    categories(ctx, out)
    times.timezone(ctx)
    out.update({name: value for name, (_, value, _) in ctx.scalars.items()})
    out.update(list_fields(ctx, mentions(ctx)))
    prefs = preferences(ctx)
    if prefs:
        out["preferences"] = prefs
    targets.infer_goal(out)
    return out


def extract(text: str, *, today: date | None = None) -> dict[str, Any]:
    """All profile fields stated in a free-text message, in canonical units; {} when none."""
    if not isinstance(text, str) or not text.strip():
        return {}
    return run(Ctx.build(text, today or date.today()))
