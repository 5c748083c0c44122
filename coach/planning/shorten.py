"""Today's session fitted into less time ("I only have 20 minutes"): same exercises and effort, less volume.

kb-short-session-001: keep the warm-up short but do it, keep every exercise at fewer sets before dropping any
(even one set per exercise trains strength, and keeps it for a while: Garber 2011, Spiering 2021), drop the last
exercises (the plan orders multi-joint lifts first) only when one set each does not fit, shorten cardio in proportion,
and never raise the effort or the load to make up for the time. Nothing is stored: the plan stays as it is.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from coach.planning.measure import exercise_seconds, session_seconds

MIN_SESSION = 10  # below this, a walk of that length is the suggestion (every bout counts: 2018 PAG)
WARM_UP_MIN = 5  # the first cardio block, when it is the warm-up, keeps at least this many minutes


@dataclass
class Shortened:
    """The session as it fits, and what was left out (exercise names) or cut (sets before -> after)."""

    session: dict
    minutes: int
    dropped: list[str] = field(default_factory=list)
    fewer_sets: list[tuple[str, int, int]] = field(default_factory=list)


def _timed(e: dict) -> bool:
    return isinstance(e.get("minutes"), (int, float))


def _warm_up(exercises: list[dict]) -> bool:
    """The session starts with cardio before strength work: that block is its warm-up."""
    return bool(exercises) and _timed(exercises[0]) and exercises[0].get("kind") == "aerobic" and \
        any(not _timed(e) for e in exercises[1:])


def _fit_timed(exercises: list[dict], share: float) -> None:
    """Cardio, balance and mobility blocks: shortened in proportion, the leading warm-up block kept >= WARM_UP_MIN."""
    warm = _warm_up(exercises)
    for i, e in enumerate(exercises):
        if not _timed(e):
            continue
        floor = min(e["minutes"], WARM_UP_MIN) if i == 0 and warm else 1
        e["minutes"] = max(floor, int(e["minutes"] * share))


def _over(exercises: list[dict], budget_s: float) -> bool:
    return sum(exercise_seconds(e) for e in exercises) > budget_s


def _cut_sets(exercises: list[dict], budget_s: float) -> None:
    """One set at a time from the exercise with the most sets (the last one first), down to one set each."""
    while _over(exercises, budget_s):
        with_sets = [e for e in exercises if isinstance(e.get("sets"), int) and e["sets"] > 1]
        if not with_sets:
            return
        most = max(e["sets"] for e in with_sets)
        [e for e in with_sets if e["sets"] == most][-1]["sets"] -= 1


def _drop_last(exercises: list[dict], budget_s: float) -> list[dict]:
    """The last strength exercises left out until the rest fits (at least one stays), then the last timed blocks
    (never the warm-up; at least one block stays)."""
    dropped = []
    while _over(exercises, budget_s) and sum(1 for e in exercises if not _timed(e)) > 1:
        dropped.append(exercises.pop(max(i for i, e in enumerate(exercises) if not _timed(e))))
    first = 1 if _warm_up(exercises) else 0
    while _over(exercises, budget_s) and len(exercises) > first + 1:
        dropped.append(exercises.pop())
    return dropped


def shorten(session: dict, minutes: int) -> Shortened:
    """The session fitted into `minutes` (a copy; the plan's own session is not changed)."""
    out = copy.deepcopy(session)
    total = int(session.get("minutes") or 0)
    if minutes >= total or total <= 0:
        return Shortened(out, total)
    exercises = out.get("exercises") or []
    before = {e.get("id"): e.get("sets") for e in exercises if isinstance(e.get("sets"), int)}
    _fit_timed(exercises, minutes / total)
    budget = 60.0 * minutes
    # what the original session's time accounting left unused (transitions, the warm-up inside sets) is kept in scale
    slack = max(0.0, 60.0 * total - session_seconds(session)) * minutes / total
    _cut_sets(exercises, budget - slack)
    dropped = _drop_last(exercises, budget - slack)
    out["minutes"] = minutes
    out["exercises"] = exercises
    fewer = [(e.get("name") or e.get("id") or "", before[e.get("id")], e["sets"]) for e in exercises
             if isinstance(e.get("sets"), int) and before.get(e.get("id"), e["sets"]) > e["sets"]]
    return Shortened(out, minutes, [e.get("name") or e.get("id") or "" for e in dropped], fewer)
