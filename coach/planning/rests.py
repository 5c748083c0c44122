"""Rests between sets (issue 12, physician review 5): every strength exercise keeps a rest (30 s in a light circuit,
60-90 s otherwise, coach.planning.sessions._fit); a session that is still shorter than its main movements at 2 sets
and 30-s rests (a gradual start's short first weeks) gets the minutes it needs, up to the person's own session length
and kb-beginner-001's 20-minute start. Only a session the person asked to keep that short runs as a circuit without
rests (the other exercises are each one's rest)."""
from __future__ import annotations

from typing import Callable

from coach.domain.limits import START_SESSION_MIN, ramp_ceiling
from coach.planning.measure import exercise_seconds

CIRCUIT_REST_S = 30  # a short session runs its exercises as a light circuit: 30 s between sets (ACSM 30-90 s)
MIN_SETS = 2  # PLAN_RULES 7


def without_rest(sessions: list[dict]) -> bool:
    """A strength exercise with no rest between its sets."""
    return any(isinstance(e.get("sets"), int) and not e.get("rest_s") for s in sessions for e in s["exercises"])


def rest_cap(asked: int, minutes: int, prev_total: int | None, n_sessions: int) -> int:
    """The longest a week's sessions may grow to make room for rests: the person's session length, kb-beginner-001's
    20-minute start (never below this week's minutes), and the weekly ramp (PLAN_RULES 13)."""
    cap = min(asked, max(minutes, START_SESSION_MIN))
    if prev_total is not None and n_sessions:
        cap = min(cap, max(minutes, int(ramp_ceiling(prev_total) // n_sessions)))
    return cap


def room_for_rests(build: Callable[[int], list[dict]], minutes: int, sessions: list[dict],
                   cap: int) -> tuple[int, list[dict]]:
    """(minutes, sessions): this week's sessions, a minute longer at a time up to `cap` while an exercise has no
    rest; unchanged when even `cap` does not give every exercise a rest."""
    m, now = minutes, sessions
    while without_rest(now) and m < cap:
        m += 1
        now = build(m)
    return (m, now) if not without_rest(now) else (minutes, sessions)


def total(items: list[dict]) -> float:
    return sum(exercise_seconds(x) for x in items)


def fit(entries: list[dict], seconds: float, keep: int) -> list[dict]:
    """Make resistance entries fit `seconds` (PLAN_RULES 37) without going under 2 sets (rule 7) or dropping a main
    movement (the first `keep`, rule 23): shorter rests (30 s, a light circuit), then fewer sets, then fewer extra
    exercises. Every exercise keeps a rest; what still does not fit is the caller's (circuit)."""
    if total(entries) <= seconds:
        return entries
    for x in entries:
        x["rest_s"] = min(x["rest_s"], CIRCUIT_REST_S)
    while total(entries) > seconds and any(x["sets"] > MIN_SETS for x in entries):
        top = max(x["sets"] for x in entries)
        for x in entries:
            if x["sets"] == top and total(entries) > seconds:
                x["sets"] -= 1
    while total(entries) > seconds and len(entries) > keep:
        entries.pop()
    return entries


def circuit(entries: list[dict], seconds: float) -> list[dict]:
    """The last resort when the main movements at 2 sets and 30-s rests still do not fit (a session shorter than
    its work, e.g. 10 minutes with a cardio warm-up): a circuit, the other exercises being each one's rest."""
    if total(entries) > seconds:
        for x in entries:
            x["rest_s"] = 0
    return entries
