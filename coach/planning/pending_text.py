"""While clearance is pending every session is light (PLAN_RULES 20, kb-clearance-001), so a reason saying "this
12-week plan stays light to moderate" contradicts the plan (physician review 13: a pending plan with every session
light said so). The careful-start reason keeps its advice and says what holds now: light until cleared, light to
moderate after (rule 88)."""
from __future__ import annotations

import dataclasses

from coach.safety.screening import Screening

# the careful start's phrase (coach/safety/starts.py) and what it says while clearance is pending, per language
_PENDING = {
    "en": ("this 12-week plan stays light to moderate.",
           "this 12-week plan stays light until a doctor clears you, and light to moderate after that."),
    "zh": ("这份 12 周计划保持低到中等强度。", "这份 12 周计划在医生许可之前保持低强度，之后为低到中等强度。"),
}


def _fix(text: str) -> str:
    for said, pending in _PENDING.values():
        text = text.replace(said, pending)
    return text


def light_until_cleared(s: Screening) -> Screening:
    """The screening with its reasons saying light until cleared (a copy; unchanged when nothing is pending)."""
    if not s.clearance_required or not any(_fix(r) != r for r in s.reasons):
        return s
    return dataclasses.replace(s, reasons=[_fix(r) for r in s.reasons],
                               reason_tags=[(_fix(t), tag) for t, tag in s.reason_tags])
