"""Which presses a painful shoulder is offered (rule 96, coach/planning/shoulder_press.py; kb-shoulder-001:
neutral-grip dumbbell or floor presses in a pain-free range). Imports nothing from coach.planning, so Context may use
it."""
from __future__ import annotations

SHOULDER_PRESSES = ("dumbbell_neutral_grip_floor_press", "barbell_floor_press")


def offered(e_id: str, injuries: set[str], beginner: bool) -> bool:
    """Whether an exercise may be picked: the shoulder-friendly presses only for a trained person with a shoulder
    injury (everyone else keeps the presses they had)."""
    return e_id not in SHOULDER_PRESSES or ("shoulder" in injuries and not beginner)
