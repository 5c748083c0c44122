"""Rests between sets (issue 12, physician review 5): every strength exercise rests as its lift needs
(coach.planning.rest_floor: 120 s for heavy multi-joint sets, 90 s with dumbbells or bands, 60 s otherwise, 30 s in a
light circuit); a session short of time loses a set of its best-covered muscle group, then an extra exercise, before
any rest (fit). A session still shorter than its main movements at 2 sets (a gradual start's short first weeks) gets
the minutes it needs, up to the person's own session length and kb-beginner-001's 20-minute start. Only a session the
person asked to keep that short runs as a circuit without rests (the other exercises are each one's rest)."""
from __future__ import annotations

from typing import Callable

from coach.domain.limits import START_SESSION_MIN, ramp_ceiling
from coach.planning.measure import exercise_seconds, session_seconds
from coach.planning.rest_floor import floor_for

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


def at_floor(entries: list[dict], keep_longer: bool = False) -> list[dict]:
    """The entries with each rest set to its lift's (rest_floor.floor_for: the same lift at the same repetitions
    rests the same in every week); a light circuit's rest may stay longer (`keep_longer`)."""
    for x in entries:
        floor = floor_for(x)
        longer = keep_longer and floor <= CIRCUIT_REST_S
        x["rest_s"] = max(int(x.get("rest_s") or 0), floor) if longer else floor
    return entries


def _spare_set(entries: list[dict]) -> dict:
    """The exercise a set goes from: the one whose first muscle group has the most sets in the session (the
    best-covered group gives first, so every group keeps its weekly sets, rule 45), the last one on a tie."""
    return entries[_spare_index(entries)]


def _spare_index(entries: list[dict]) -> int:
    def volume(x: dict) -> int:
        group = (x.get("muscle_groups") or [""])[0]
        return sum(y["sets"] for y in entries if group in (y.get("muscle_groups") or [""]))
    pool = [(volume(x), i) for i, x in enumerate(entries) if x["sets"] > MIN_SETS]
    return max(pool)[1]


def fit(entries: list[dict], seconds: float, keep: int) -> list[dict]:
    """Make resistance entries fit `seconds` (PLAN_RULES 37) without going under 2 sets (rule 7), dropping a main
    movement (the first `keep`, rule 23) or resting less than the lift needs (rest_floor, rule 52): each rest is
    its lift's; a light circuit's rests come down to 30 s, then a set goes from the best-covered muscle group (the
    last exercise on a tie), then an extra exercise. What still does not fit is the caller's (circuit)."""
    at_floor(entries, keep_longer=True)
    secs = [exercise_seconds(x) for x in entries]  # each entry's time, re-read only when that entry changes
    for i, x in enumerate(entries):  # a light circuit by design rests 30 s before any set goes
        if sum(secs) > seconds and floor_for(x) <= CIRCUIT_REST_S:
            x["rest_s"] = CIRCUIT_REST_S
            secs[i] = exercise_seconds(x)
    while sum(secs) > seconds and any(x["sets"] > MIN_SETS for x in entries):
        i = _spare_index(entries)
        entries[i]["sets"] -= 1
        secs[i] = exercise_seconds(entries[i])
    while sum(secs) > seconds and len(entries) > keep:
        entries.pop()
        secs.pop()
    return entries


def circuit(entries: list[dict], seconds: float) -> list[dict]:
    """The last resort when the main movements at 2 sets and 30-s rests still do not fit (a session shorter than
    its work, e.g. 10 minutes with a cardio warm-up): a circuit, the other exercises being each one's rest."""
    if total(entries) > seconds:
        for x in entries:
            x["rest_s"] = 0
    return entries


def longer_rest(s: dict, e: dict) -> bool:
    """Entry `e` of session `s` (after its repetitions changed) rests at least its floor (rule 52); sets of the
    session's other exercises (never under 2) make the room it needs in the session's minutes (rule 37). Nothing
    changes for an exercise in a circuit (no rest) or when no room can be made (then False)."""
    if not e.get("rest_s"):
        return True
    others = [x for x in s.get("exercises") or [] if x is not e and isinstance(x.get("sets"), int)]
    before = (e["rest_s"], [x["sets"] for x in others])
    e["rest_s"] = max(int(e["rest_s"]), floor_for(e))
    while session_seconds(s) > 60 * float(s.get("minutes") or 0) and any(x["sets"] > MIN_SETS for x in others):
        _spare_set(others)["sets"] -= 1
    if session_seconds(s) > 60 * float(s.get("minutes") or 0):
        e["rest_s"] = before[0]
        for x, n in zip(others, before[1]):
            x["sets"] = n
        return False
    return True
