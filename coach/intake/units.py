"""Units in messages: weight, length and duration words with their exact factors to canonical units.

Canonical units are the profile's: kg, cm, weeks. Factors are exact (1 lb = 0.45359237 kg, 1 in = 2.54 cm).
"""
from __future__ import annotations

import re

from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.numbers import F

LB_KG = 0.45359237
IN_CM = 2.54
JIN_KG = 0.5
STONE_LB = 14
WEEKS_PER_MONTH = 52 / 12
KG_PER_UNIT = {"kg": 1.0, "lb": LB_KG, "jin": JIN_KG}
WEEKS_PER_UNIT = {"day": 1 / 7, "week": 1, "month": WEEKS_PER_MONTH, "year": 52}

WEIGHT_UNITS: dict[str, float] = {w: KG_PER_UNIT[u] for w, u in {**en.WEIGHT_UNITS, **zh.WEIGHT_UNITS}.items()}
DURATION_WEEKS: dict[str, float] = {w: WEEKS_PER_UNIT[u] for w, u in {**en.DURATIONS, **zh.DURATIONS}.items()}
CM_UNITS = en.CM_UNITS + zh.CM_UNITS
M_UNITS = en.M_UNITS + zh.M_UNITS

# regex fragments (longest unit first, so "kgs" is not read as "kg" + "s")
WUNIT_ALT = "|".join(re.escape(u) for u in sorted(WEIGHT_UNITS, key=len, reverse=True))
WUNIT = rf"(?:{WUNIT_ALT})(?![a-z])"
CMUNIT = "(?:" + "|".join(CM_UNITS) + r")(?![a-z])"
MUNIT = "(?:" + "|".join(M_UNITS) + r")(?![a-z\d])"
DURUNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)(?![a-z])"
HOURS = r"(?:hours?|hrs?|hr|h)(?![a-z])"
ANY_WEIGHT_UNIT = re.compile(rf"(?<=[\d\s多来])({WUNIT_ALT})(?![a-z])", F)
IMPERIAL_HEIGHT = re.compile(r"\d\s*(?:'|ft(?![a-z])|feet|foot)|inches", F)
# a bare number must not carry another unit (it would belong to another field)
OTHER_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|/|:\d|x(?![a-z])|times?(?![a-z])|days?(?![a-z])|weeks?(?![a-z])|wks?(?![a-z])|"
    r"months?(?![a-z])|years?(?![a-z])|yrs?(?![a-z])|y/?o(?![a-z])|hours?(?![a-z])|hrs?(?![a-z])|"
    r"h(?![a-z])|min|sec|sessions?|reps?(?![a-z])|sets?(?![a-z])|km|k(?![a-z])|mi(?![a-z])|miles?|"
    r"steps?|cal|kcal|bpm|mm|cm|m(?![a-z])|meters?|metres?|ft|feet|foot|in(?:ch|ches)?(?![a-z])|'|\"|"
    r"kg|kilo|lbs?|pounds?|st(?![a-z])|stone|次|天|周|星期|个|月|年|岁|小时|分|公里|千米|米|组|步|卡|斤|"
    r"公斤|千克|厘米|公分|点|号|日|\.\d)", F)


def to_kg(n: float, unit: str | None) -> float:
    """Kilograms for `n` of a weight unit word (kg when no unit is given), rounded to 0.1."""
    return round(n * (WEIGHT_UNITS[unit] if unit else 1.0), 1)


def feet_inches_to_cm(feet: float, inches: float) -> float:
    """5 ft 11 in -> 180.3 cm."""
    return round((feet * 12 + inches) * IN_CM, 1)


def stone_to_kg(stone: float, pounds: float) -> float:
    """11 st 4 lb -> 71.7 kg."""
    return round((stone * STONE_LB + pounds) * LB_KG, 1)


def weeks_per(unit: str) -> float | None:
    """Weeks in one duration unit word ("months", "月"), or None for an unknown word."""
    return DURATION_WEEKS.get(unit.rstrip("s") if unit[0].isascii() else unit) or DURATION_WEEKS.get(unit)
