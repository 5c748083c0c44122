"""Weeks since giving birth, read from how a condition was written ("8 weeks postpartum", "caesarean_8_weeks",
"产后8周", "3 months postnatal"): the plan after birth follows them (kb-postpartum-001, ACOG 2020, Goom 2019)."""
from __future__ import annotations

import re
from typing import Any

from coach.domain.vocab import CONDITION_ALIASES, POSTPARTUM_CONDITIONS, condition_code

MAX_WEEKS = 104
# a number and its unit, in English or Chinese ("8 weeks", "8_wk", "3 months", "10 days", "8周", "两个月" is not read)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*[_\s-]?\s*(weeks?|wks?|w|周|星期|months?|mos?|个月|月|days?|天)(?![a-z])", re.I)
_PER_WEEK = {"day": 1 / 7, "天": 1 / 7, "month": 52 / 12, "mo": 52 / 12, "月": 52 / 12}


def _unit_weeks(unit: str) -> float:
    u = unit.lower().rstrip("s")
    if u.startswith("d") or u == "天":
        return _PER_WEEK["day"]
    if u.startswith("mo") or u.endswith("月"):
        return _PER_WEEK["month"]
    return 1.0


def _normal(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def birth_code(text: str) -> str | None:
    """The postpartum-type condition a text names, also when Chinese words run into an amount ("产后8周" ->
    postpartum, "剖宫产后6周" -> caesarean: the longest word found)."""
    code = condition_code(_normal(text))
    if code in POSTPARTUM_CONDITIONS:
        return code
    words = [w for w, c in CONDITION_ALIASES.items() if not w.isascii() and w in text and c in POSTPARTUM_CONDITIONS]
    return CONDITION_ALIASES[max(words, key=len)] if words else None


def _about_birth(text: str) -> bool:
    return birth_code(text) is not None


def weeks_in_condition(text: str) -> int | None:
    """The weeks since birth a postpartum-type condition states ("8 weeks postpartum" -> 8), None when it names no
    amount or is not about giving birth."""
    if not _about_birth(text):
        return None
    m = _AMOUNT.search(text.replace("_", " "))
    if m is None:
        return None
    weeks = int(float(m.group(1)) * _unit_weeks(m.group(2)))
    return weeks if 0 <= weeks <= MAX_WEEKS else None


def weeks_from_conditions(conditions: Any) -> int | None:
    """The first amount of weeks since birth stated in a profile's raw conditions."""
    items = [conditions] if isinstance(conditions, str) else conditions if isinstance(conditions, list) else []
    return next((w for x in items if isinstance(x, str) and (w := weeks_in_condition(x)) is not None), None)


def with_birth_weeks(data: dict) -> dict:
    """A raw profile with weeks_since_birth filled from its conditions when not given, and a Chinese condition that
    ran into its amount ("产后8周") written as the code it names."""
    if data.get("weeks_since_birth") is not None:
        return data
    weeks = weeks_from_conditions(data.get("conditions"))
    if weeks is None:
        return data
    raw = data.get("conditions")
    items = [raw] if isinstance(raw, str) else list(raw)
    fixed = [birth_code(x) or x if isinstance(x, str) and weeks_in_condition(x) is not None else x for x in items]
    return {**data, "weeks_since_birth": weeks, "conditions": fixed}
