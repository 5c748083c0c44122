"""Rule 75: after a stroke, with Parkinson's or MS, one-leg and stepping lower-body work only in a supported form.

kb-stroke-001 (Billinger et al. 2014, AHA/ASA): "choose seated or supported options if balance is poor, have someone
nearby at first". The engine leaves such work out (`Context.allowed`); this check reads any plan (the engine's or a
model's) with the same definition (`coach.planning.supported`): a bench or dumbbell step-up, a lunge or a split squat
is rejected, a step-up holding a rail, a split squat with a hand on a wall or a chair-held hip exercise is not.
"""
from __future__ import annotations

import re

from coach.planning.checks import Bounds, Violation
from coach.planning.supported import NEURO_CONDITIONS, supported_text, unsupported_one_leg
from knowledge.catalog import load_catalog

RULE = 75
# a name outside the catalog that says it is one-leg or stepping lower-body work
ONE_LEG_NAME = re.compile(r"step.?up|lunge|split.squat|bulgarian|single.leg|one.leg|pistol|skater", re.I)


def neuro_profile(conditions: list[str] | tuple[str, ...]) -> bool:
    return bool(NEURO_CONDITIONS & set(conditions))


def _unsupported(e: dict) -> bool:
    """Whether a plan entry is one-leg lower-body work without support."""
    if e.get("kind") == "balance":
        return False
    c = load_catalog().get(str(e.get("id") or ""))
    if c is not None:
        return unsupported_one_leg(c)
    text = f"{e.get('id') or ''} {e.get('name') or ''}"
    return bool(ONE_LEG_NAME.search(text.replace("_", " "))) and not supported_text(text)


def check_neuro(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 75 on every session of a person after a stroke or with Parkinson's or MS."""
    if not neuro_profile(b.profile.conditions):
        return []
    return [Violation(RULE, f"week {w.get('week')} day {s.get('day')}: {e.get('name') or e.get('id')} is one-leg "
                            f"work without support (kb-stroke-001: seated or supported options)")
            for w in weeks for s in w.get("sessions") or [] for e in s.get("exercises") or [] if _unsupported(e)]
