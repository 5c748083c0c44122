"""Balance steps driven by what the person reports, not by the calendar (kb-balance-001: "move to the next level
when the current one feels steady"; kb-falls-001). Pure rules: the check-in flow passes the reports of the balance
work since the last change and applies the stage it gets back to the stored plan.

Stages: 0 two hands on a sturdy support, 1 one hand, 2 fingertips, 3 no hands with the support within reach.
People at risk from a fall (older, osteoporosis, anticoagulants, stroke...) stop at stage 2 and never close their
eyes; a report of a fall, near-fall or dizziness steps back at once.
"""
from __future__ import annotations

from collections.abc import Sequence

from coach.i18n import N_, t
from coach.planning.advice import FALL_RISK_STAGES, STAGES

STEADY_REPORTS_TO_ADVANCE = 2  # two sessions running that felt steady
FALL_RISK_TOP = 2
TOP = 3
STEP_BACK = frozenset({"fell", "near_fall", "dizzy"})
LEVELS = (N_("two hands on a sturdy support"), N_("one hand on a sturdy support"),
          N_("fingertips on a sturdy support"), N_("no hands, a sturdy support within reach"))


def next_stage(stage: int, reports: Sequence[str], *, fall_risk: bool) -> int:
    """The balance stage after these reports ("steady", "wobbly", "fell", "near_fall", "dizzy"), oldest first:
    one step back after a fall, near-fall or dizziness; one step up after two steady sessions running; else the same."""
    top = FALL_RISK_TOP if fall_risk else TOP
    stage = max(0, min(stage, top))
    if any(r in STEP_BACK for r in reports):
        return max(0, stage - 1)
    recent = list(reports)[-STEADY_REPORTS_TO_ADVANCE:]
    if len(recent) == STEADY_REPORTS_TO_ADVANCE and all(r == "steady" for r in recent):
        return min(top, stage + 1)
    return stage


def level_text(stage: int, lang: str) -> str:
    """What a balance exercise is done with at `stage`, in the person's language."""
    return t(lang, LEVELS[max(0, min(stage, TOP))])


def apply_stage(plan: dict, from_week: int, stage: int, lang: str) -> int:
    """Rewrite the support part of every balance exercise's `holds` (the planner's stage text at its end) from
    `from_week` on; returns how many exercises changed. The rest of the plan is untouched."""
    changed = 0
    level = level_text(stage, lang)
    known = sorted({t(lang, s) for s in STAGES + FALL_RISK_STAGES + LEVELS}, key=len, reverse=True)
    for week in plan.get("weeks") or []:
        if int(week.get("week") or 0) < from_week:
            continue
        for session in week.get("sessions") or []:
            for e in session.get("exercises") or []:
                holds = e.get("holds")
                old = next((k for k in known if isinstance(holds, str) and holds.endswith(k)), None)
                if e.get("kind") != "balance" or old is None:
                    continue
                new = holds[:len(holds) - len(old)] + level
                if new != holds:
                    e["holds"], changed = new, changed + 1
    return changed
