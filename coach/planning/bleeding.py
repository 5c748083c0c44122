"""Free weights on a blood thinner (rule 92; kb-anticoagulants-001: take extra care "with heavy free weights that
could be dropped - machines or a spotter help").

Engine: a session of someone on an anticoagulant that lists a barbell lift carries the safety-arms / spotter /
machine note. Check (rule 92): every such session carries it.
"""
from __future__ import annotations

from typing import Any

from coach.i18n import N_, t
from coach.planning.checks import Violation
from knowledge.catalog import load_catalog

RULE = 92
NOTE = N_("On a blood thinner: do barbell lifts inside a rack with the safety arms set, or with a spotter, or use a "
          "machine instead; a dropped weight bleeds more.")
FLAG = "anticoagulant"


def _barbell(s: dict) -> bool:
    cat = load_catalog()
    return any(isinstance(e.get("sets"), int) and e.get("id") in cat and "barbell" in cat[e["id"]].equipment
               for e in s.get("exercises") or [])


def free_weight_care(ctx: Any, weeks: list[dict]) -> None:
    """The note on every barbell session of someone on an anticoagulant, in place."""
    if FLAG not in ctx.s.flags:
        return
    note = ctx._(NOTE)
    for w in weeks:
        for s in w.get("sessions") or []:
            if _barbell(s) and note not in str(s.get("notes") or ""):
                s["notes"] = (str(s.get("notes") or "") + " " + note).strip()


def check_free_weights(weeks: list[dict], b: Any, lang: str) -> list[Violation]:
    """Rule 92 on any plan: a barbell session of someone on an anticoagulant carries the note."""
    if FLAG not in b.screening.flags:
        return []
    note = t(lang, NOTE)
    return [Violation(RULE, f"week {w.get('week')} day {s.get('day')}: a barbell session on a blood thinner without "
                            "the safety-arms / spotter / machine note (kb-anticoagulants-001)")
            for w in weeks for s in w.get("sessions") or [] if _barbell(s) and note not in str(s.get("notes") or "")]
