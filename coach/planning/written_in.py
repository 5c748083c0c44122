"""Review 11: what written-in conditions change in the sessions, and the warning signs of the condition passages a
plan cites (rules 76-77; numbered after PLAN_RULES 75).

76 warning signs (data-driven): a cited passage with `warning_signs` in its front matter (kb-stroke-001: face
   drooping, arm or leg weakness, speech difficulty; kb-heart-failure-001: more than 2 kg in 3 days, swelling,
   breathless lying flat) has every one of those terms, in the plan's language, in the plan's alerts (or its hard
   stop's emergency signs); the engine adds the passage's own `warning_alert` where they are missing.
77 written-in conditions: pelvic girdle pain keeps a two-footed, narrow stance (kb-pregnancy-009: no lunges, split
   squats, step-ups or other one-leg or wide-legged work); Osgood-Schlatter leaves out step-ups, lunges, split squats,
   kneeling and jumps (kb-osgood-001: cut down what loads the tendon below the kneecap).
"""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.planning.checks import Bounds, Violation
from coach.planning.cleared_steps import check_cleared_steps
from coach.planning.joint_check import check_joint_replacement
from coach.planning.stance import OSGOOD_AVOID, PGP_AVOID, exercise_text
from knowledge.corpus import get_passage

def _alert_text(safety: dict) -> str:
    stop = safety.get("hard_stop") or {}
    return " ".join([*(safety.get("alerts") or []), str(stop.get("emergency_if") or "")]).lower()


def _missing(passage: Any, safety: dict) -> list[str]:
    text = _alert_text(safety)
    return [term for term in passage.warning_signs if term.lower() not in text]


def warning_alerts(plan: dict) -> None:
    """Every cited passage's warning signs in the plan's alerts: where its terms are missing, its own alert (in the
    plan's language, from the passage) is added, cited to it."""
    safety = plan["safety"]
    for cite in plan.get("citations") or []:
        passage = get_passage(cite["id"])
        if passage is None or not passage.warning_alert or not _missing(passage, safety):
            continue
        safety["alerts"] = safety["alerts"] + [passage.warning_alert]
        tag = (cite.get("for") or [passage.topic])[0]
        safety.setdefault("reason_citations", []).append(
            {"alert": len(safety["alerts"]) - 1, "id": passage.id, "for": tag})


def _warning_signs(plan: dict) -> list[Violation]:
    safety = plan.get("safety") or {}
    v = []
    for cite in plan.get("citations") or []:
        passage = get_passage(str(cite.get("id")))
        if passage is not None and passage.warning_signs and _missing(passage, safety):
            v.append(Violation(76, f"{passage.id} is cited but the alerts lack its warning signs "
                                   f"{_missing(passage, safety)}"))
    return v


def _stance(weeks: list[dict], p: Profile) -> list[Violation]:
    conditions = set(p.conditions)
    rules = [(PGP_AVOID, "pelvic girdle pain")] if "pelvic_girdle_pain" in conditions else []
    rules += [(OSGOOD_AVOID, "Osgood-Schlatter")] if "osgood_schlatter" in conditions else []
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                v += [Violation(77, f"week {w.get('week')} day {s.get('day')}: {e.get('id')} with {why}")
                      for pattern, why in rules if e.get("kind") != "aerobic" and pattern.search(exercise_text(e))]
    return v


def check_written_in(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 76-78 (78: a cleared heart patient's effort, coach.planning.cleared_steps) and 86 (a joint replacement,
    coach.planning.joint_check)."""
    return _warning_signs(plan) + _stance(weeks, b.profile) + check_cleared_steps(weeks, b) \
        + check_joint_replacement(plan, weeks, b.profile)
