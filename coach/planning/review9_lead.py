"""Review 9's hard errors the lead fixed, as validator rules (docs/plan-rules.md): the daily walk's stated pace
agrees with its label and the plan's cap, and stage-2 blood pressure before clearance gets easy walking only."""
from __future__ import annotations

from coach.i18n import t
from coach.planning.advice import BRISK_PACE
from coach.planning.checks import Bounds, Violation, bp_walks_only
from coach.planning.measure import is_resistance
from coach.safety.screening import rank

RULE_WALK_PACE = 73
RULE_BP_WALKS = 74


def brisk_texts(plan: dict) -> set[str]:
    """The brisk-pace wording in the plan's language and the two the engine writes."""
    return {t(lang, BRISK_PACE) for lang in ("en", "zh", plan.get("language") or "en")}


def _walk_pace(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """A walk labelled light, or any walk in a plan capped at light, never says brisk (brisk walking is moderate,
    kb-mets-001; kb-clearance-001 keeps everything light until cleared)."""
    brisk = brisk_texts(plan)
    out = []
    for w in weeks:
        walk = w.get("daily_activity") or {}
        if not walk:
            continue
        label = walk.get("label") or "light"
        if rank(label) > rank(b.cap):
            out.append(Violation(RULE_WALK_PACE, f"week {w.get('week')}: the daily walk is {label} above the plan's "
                                                 f"cap {b.cap}"))
        if (label == "light" or b.cap == "light") and any(x in str(walk.get("text", "")) for x in brisk):
            out.append(Violation(RULE_WALK_PACE, f"week {w.get('week')}: a light walk is described at a brisk pace"))
    return out


def _bp_walks(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Resting BP at 160/100 or above and not cleared (kb-hypertension-001: evaluation and control before starting
    an exercise programme): no resistance exercise, every session light aerobic work."""
    if not bp_walks_only(b):
        return []
    out = []
    for w in weeks:
        for s in w.get("sessions") or []:
            if s.get("kind") in ("strength", "mixed", "hiit") or is_resistance(s):
                out.append(Violation(RULE_BP_WALKS, f"week {w.get('week')}: a {s.get('kind')} session with resistance "
                                                    f"work before stage-2 blood pressure is cleared"))
    return out


def check_review9_lead(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 73-74."""
    return _walk_pace(plan, weeks, b) + _bp_walks(weeks, b)
