"""Review 11's check on what a session is called (PLAN_RULES 79): a session the plan calls a run has running in it.

A 70-minute treadmill walk was the plan's `long_run` for an injured runner (physician review 11, hard error 4). Any
session marked `long_run`, or whose notes offer a "Long run", must contain running (a run, a jog or run-walk
intervals; longrun.running). A long walk or ride is the week's `long_session`.
"""
from __future__ import annotations

from coach.planning.checks import Bounds, Violation
from coach.planning.longrun import running

RULE = 79
LONG_RUN_WORDS = ("Long run:", "长距离跑：")


def check_runs(weeks: list[dict], bounds: Bounds | None = None) -> list[Violation]:
    """Rule 79: every session called a run runs."""
    out: list[Violation] = []
    for w in weeks:
        for s in w.get("sessions") or []:
            called = s.get("long_run") or any(word in str(s.get("notes") or "") for word in LONG_RUN_WORDS)
            if called and not running(s):
                out.append(Violation(RULE, f"week {w.get('week')} day {s.get('day')}: called a long run but has no "
                                           f"running in it (a walk or ride is the week's long session)"))
    return out
