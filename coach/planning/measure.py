"""Reading a plan: labels, sets, resistance sessions, aerobic and balance minutes, the regions exercises train."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from coach.domain.limits import MODERATE_EQUIVALENT
from coach.planning.names import BALANCE_WORDS, CORE, EXEMPT, LOWER, PULL, PUSH
from coach.safety.screening import LEVELS

LABELS = LEVELS
FACTOR = MODERATE_EQUIVALENT
AEROBIC_SHARE = {"aerobic": 1.0, "hiit": 1.0, "mixed": 0.5}  # PLAN_RULES 6: mixed sessions count half


def label_of(session: dict) -> str:
    lab = (session.get("intensity") or {}).get("label")
    return lab if lab in LABELS else "moderate"


def has_sets(ex: dict) -> bool:
    try:
        return int(ex.get("sets") or 0) >= 1
    except (TypeError, ValueError):
        return False


def sets_of(ex: dict) -> int:
    try:
        return int(ex.get("sets") or 0)
    except (TypeError, ValueError):
        return 0


def is_resistance(session: dict) -> bool:
    """PLAN_RULES 7: strength or mixed, or 3+ exercises with sets."""
    return session.get("kind") in ("strength", "mixed") or sum(has_sets(e) for e in session.get("exercises", [])) >= 3


def aerobic_minutes(week: dict) -> float:
    """Moderate-equivalent aerobic minutes of a week (PLAN_RULES 6)."""
    total = 0.0
    for s in week.get("sessions", []):
        k = s.get("kind")
        mins = float(s.get("minutes") or 0)
        if k in ("aerobic", "hiit"):
            total += mins * FACTOR[label_of(s)]
        elif k == "mixed":
            total += 0.5 * mins * FACTOR[label_of(s)]
    return total


def regions(groups: set[str]) -> set[str]:
    out = set()
    if groups & LOWER - {"calves"} or groups & {"quads", "glutes", "hamstrings"}:
        out.add("lower")
    if groups & PUSH:
        out.add("push")
    if groups & PULL:
        out.add("pull")
    if groups & CORE:
        out.add("core")
    if "full_body" in groups:
        out |= {"lower", "push", "pull", "core"}
    return out


def is_balance(session: dict) -> bool:
    if session.get("kind") == "balance":
        return True
    for e in session.get("exercises", []):
        if e.get("kind") == "balance" or BALANCE_WORDS.search(str(e.get("name", ""))) or \
                BALANCE_WORDS.search(str(e.get("id", "")).replace("_", " ")):
            return True
    return False


def is_balance_exercise(e: dict) -> bool:
    """A balance exercise, by its kind or its name."""
    return e.get("kind") == "balance" or bool(BALANCE_WORDS.search(str(e.get("name", ""))) or
                                              BALANCE_WORDS.search(str(e.get("id", "")).replace("_", " ")))


def balance_minutes(week: dict) -> float:
    """PLAN_RULES 26: minutes of balance sessions plus balance exercises' minutes in other sessions."""
    total = 0.0
    for s in week.get("sessions", []):
        if s.get("kind") == "balance":
            total += float(s.get("minutes") or 0)
            continue
        total += sum(float(e.get("minutes") or 0) for e in s.get("exercises", []) if is_balance_exercise(e))
    return total


def weekly_balance(week: dict) -> float:
    """Balance minutes of a week with the home add-on (`daily_activity.add_on.balance_minutes` on its days)."""
    walk = week.get("daily_activity") or {}
    home = float((walk.get("add_on") or {}).get("balance_minutes") or 0) * int(walk.get("days") or 0)
    return balance_minutes(week) + home


def loaded_groups(s: dict) -> set[str]:
    """Muscle groups a session works with 2+ sets (core and calves excepted)."""
    groups: set[str] = set()
    for e in s.get("exercises", []):
        if sets_of(e) >= 2:
            groups |= set(e.get("muscle_groups") or [])
    return groups - EXEMPT


def top_rpe(s: dict) -> float:
    rpe = (s.get("intensity") or {}).get("rpe") or [0]
    try:
        return float(max(rpe))
    except (TypeError, ValueError):
        return 0.0


def built_share(week: dict, p: Any) -> float:
    """How far a plan still building up has come: its longest session over the person's session length (1 once
    sessions are full length). Rules 6 and 26 prorate their weekly targets by it, so a 4-week block of a gradual
    start (kb-beginner-001) is judged on what it builds toward, and the 12-week plan on the full dose."""
    longest = max((float(s.get("minutes") or 0) for s in week.get("sessions") or []), default=0.0)
    return min(1.0, longest / max(1, p.minutes_per_session))


REP_SECONDS = 3  # about 3 s a repetition (PLAN_RULES 37)
NUMBER = re.compile(r"\d+")
HOLD_SECONDS = re.compile(r"\d\s*s\b")


@lru_cache(maxsize=4096)
def set_work(reps: str) -> float:
    """The work of one set of an entry with this reps text, in seconds: the lower end of a rep range x ~3 s, or of a
    hold in seconds; twice for "each side" (a pure function of the text, cached: the planner asks it ~10^5 times)."""
    low = NUMBER.search(reps)
    work = float(low.group()) if low else 0.0
    if not HOLD_SECONDS.search(reps):  # repetitions, not a hold in seconds
        work *= REP_SECONDS
    if "side" in reps or "侧" in reps:
        work *= 2
    return work


def exercise_seconds(e: dict) -> float:
    """The time one plan entry takes: its minutes, or sets x (reps x ~3 s, or the hold, + rest); the lower end of a
    rep or hold range, twice for "each side"."""
    minutes = e.get("minutes")
    if isinstance(minutes, (int, float)):
        return 60.0 * minutes
    sets = e.get("sets")
    if not isinstance(sets, int):
        return 0.0
    return sets * (set_work(str(e.get("reps") or "")) + float(e.get("rest_s") or 0))


def session_seconds(s: dict) -> float:
    """The exercise time of a session (PLAN_RULES 37: at most the session's minutes)."""
    return sum(map(exercise_seconds, s.get("exercises") or []))
