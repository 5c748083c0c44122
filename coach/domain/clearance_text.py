"""A doctor's clearance written into a condition ("stent 1 year ago, cleared by cardiologist") is a recorded
clearance: the profile's `clearance` object (`{"by": "cardiologist"}`) is filled from it when not given, so the plan
reads it as the bot's /cleared flow stores it (independent physician review 7: the plan ignored it). A negated or
pending one ("not cleared", "awaiting clearance", "waiting to be cleared") is not a clearance, nor a bare
"cleared" that names neither a doctor nor exercise ("infection cleared").
"""
from __future__ import annotations

import re
from typing import Any

_CLEARED = re.compile(r"\b(?:cleared|approved|signed off)\b(?P<ex>\s+(?:to exercise|for exercise|for training))?"
                      r"(?:\s+(?:by|from)\s+(?:my|a|the|his|her|their)?\s*(?P<by>[a-z][a-z ]{1,30}?))?"
                      r"(?=$|[,.;()]|\s+(?:in|on|at|last|this|with|for|\d))", re.I)
_NOT = re.compile(r"\b(?:not|never|awaiting|waiting|pending|yet to|to be|until|before|needs?|no)\b[^,.;]{0,20}$", re.I)
_ZH = re.compile(r"(医生|心内科医生|心脏科医生|医师)(已经?|已)?(同意|批准|允许)")


def clearance_in(text: str) -> dict | None:
    """{"by": who} when `text` says a doctor cleared the person to exercise, else None."""
    m = _CLEARED.search(text)
    if m and (m.group("by") or m.group("ex")) and not _NOT.search(text[:m.start()]):
        by = (m.group("by") or "").strip() or "doctor"
        return {"by": by}
    z = _ZH.search(text)
    return {"by": z.group(1)} if z else None


def with_clearance_text(data: dict) -> dict:
    """A raw profile with `clearance` filled from a condition that states it, when no clearance is given."""
    if data.get("clearance") is not None:
        return data
    raw: Any = data.get("conditions")
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    found = next((c for x in items if isinstance(x, str) and (c := clearance_in(x))), None)
    return {**data, "clearance": found} if found else data
