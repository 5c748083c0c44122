"""A session fitted into less time (coach.planning.shorten) over the sessions of 300 random valid profiles' plans:
it fits the time (in the plan's own accounting, PLAN_RULES 37), keeps the exercises' order and effort, never adds
sets or minutes, drops exercises only after every set count is down to one, and leaves the plan's session as it was."""
from __future__ import annotations

import copy
import random

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.planning.measure import session_seconds
from coach.planning.shorten import WARM_UP_MIN, shorten
from tests.coach.planning.test_properties import random_profile


def _sessions(n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        plan = make_plan(validate_profile(random_profile(rng)), rng.choice([1, 4]))
        for week in plan.get("weeks") or []:
            for s in week.get("sessions") or []:
                if (s.get("minutes") or 0) > 10:
                    yield rng, s


def _in_order(originals: list[dict], kept: list[dict]) -> list[dict] | None:
    """Each kept entry's original: the next unused original with the same id, in order (a session can hold the same
    exercise twice, e.g. an easy bike ride and a bike interval block); None when the kept entries are not the
    originals' ids in their order."""
    out, start = [], 0
    for e in kept:
        at = next((i for i in range(start, len(originals)) if originals[i].get("id") == e.get("id")), None)
        if at is None:
            return None
        out.append(originals[at])
        start = at + 1
    return out


def _check(rng: random.Random, session: dict) -> list[str]:
    original = copy.deepcopy(session)
    minutes = rng.randint(10, session["minutes"] - 1)
    cut = shorten(session, minutes)
    out, problems = cut.session, []
    if session != original:
        problems.append("changed the plan's session")
    slack = max(0.0, 60 * session["minutes"] - session_seconds(session)) * minutes / session["minutes"]
    timed_floor = sum(60 * min(e["minutes"], WARM_UP_MIN) for e in out["exercises"][:1] if "minutes" in e)
    # (the least a session can be: its warm-up and one set of one exercise; it may overrun the scaled slack)
    least = len(out["exercises"]) <= 2 and all(e.get("sets") in (None, 1) for e in out["exercises"][1:])
    if session_seconds(out) > max(60 * minutes - slack, timed_floor) + 1e-6 and len(out["exercises"]) > 1 \
            and not (least and session_seconds(out) <= 60 * minutes):
        problems.append(f"{session_seconds(out):.0f} s in {minutes} min")
    kept = [e.get("id") for e in out["exercises"]]
    matched = _in_order(original["exercises"], out["exercises"])
    if matched is None or not kept:
        problems.append(f"order or emptiness {kept}")
        return problems
    if out["intensity"] != original["intensity"] or out["minutes"] != minutes:
        problems.append("effort or minutes")
    for e, o in zip(out["exercises"], matched):
        if e.get("sets", 0) > o.get("sets", 0) or e.get("minutes", 0) > o.get("minutes", 0) or \
                {k: v for k, v in e.items() if k not in ("sets", "minutes")} != \
                {k: v for k, v in o.items() if k not in ("sets", "minutes")}:
            problems.append(f"{e.get('id')} grew or changed")
    if cut.dropped and any(isinstance(e.get("sets"), int) and e["sets"] > 1 for e in out["exercises"]):
        problems.append("dropped an exercise while another still has several sets")
    return problems


def test_shortened_sessions_fit_keep_order_and_effort_and_never_grow():
    found, checked = [], 0
    for rng, session in _sessions(300, 7):
        checked += 1
        found += [f"{session['kind']} {session['minutes']} min: {p}" for p in _check(rng, session)]
    assert checked > 500
    assert found == []


def test_enough_time_changes_nothing_and_one_set_each_comes_before_dropping():
    session = {"kind": "strength", "minutes": 20, "intensity": {"label": "moderate", "rpe": [5, 6]}, "exercises": [
        {"id": "squat", "sets": 3, "reps": "8-12", "rest_s": 90}, {"id": "row", "sets": 3, "reps": "8-12", "rest_s": 90},
        {"id": "curl", "sets": 3, "reps": "10-15", "rest_s": 60}]}
    assert shorten(session, 45).session == session and shorten(session, 20).dropped == []
    fewer = shorten(session, 12)  # 954 s of work in 20 min; in 12, about 572 s: cut from the end, one set at a time
    assert [e["sets"] for e in fewer.session["exercises"]] == [2, 2, 1] and fewer.dropped == []
    assert fewer.fewer_sets == [("squat", 3, 2), ("row", 3, 2), ("curl", 3, 1)]
    tight = shorten(session, 4)
    assert [e["id"] for e in tight.session["exercises"]] == ["squat"] and tight.dropped == ["curl", "row"]
