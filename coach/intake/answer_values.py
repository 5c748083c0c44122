"""Numbers answering one question: a bare "75" to "what do you weigh?", "3 months", "twice", "by March"."""
from __future__ import annotations

import re
from typing import Any

from coach.intake.context import Ctx
from coach.intake.lexicon_en import MONTHS, TIMES_WORDS
from coach.intake.numbers import DNUM, NUM, F, number, round_half_up
from coach.intake.scalars import NUMERIC_FIELDS
from coach.intake.times import month_deadline, weeks_between
from coach.intake.units import CMUNIT, DURUNIT, HOURS, OTHER_UNIT_AFTER, WEIGHT_UNITS, WUNIT, WUNIT_ALT, weeks_per

_RX_ANSWER_NUM = re.compile(rf"(?P<sign>[-+])?\s*(?P<n>{NUM})", F)
_RX_ANSWER_RANGE = re.compile(rf"(?P<a>{DNUM})\s*(?:-|to|or|~|到|至|或)\s*(?P<b>{DNUM})", F)
_RX_ANSWER_DURATION = re.compile(rf"(?P<n>{NUM}|an?|one)\s*-?\s*(?:个)?\s*(?:多)?\s*"
                                 rf"(?P<u>{DURUNIT}|月|星期|礼拜|周|年|天)", F)
_RX_ANSWER_MONTH = re.compile(r"(?<![a-z])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])", F)
_RX_ANSWER_DAILY = re.compile(r"(?<![a-z])(?:every\s*day|daily|each\s+day)(?![a-z])|每天|天天", F)
_RX_ANSWER_TIMES = re.compile(r"(?<![a-z])(" + "|".join(TIMES_WORDS) + r")(?![a-z])", F)
_RX_ANSWER_LOSS = re.compile(r"(?<![a-z])(?:lose|drop|shed|cut|down)(?![a-z])|减|瘦|掉", F)
_RX_ANSWER_WEIGHT_UNIT = re.compile(rf"\s*({WUNIT_ALT})(?![a-z])", F)
_ANSWER_UNITS: dict[str, re.Pattern[str]] = {  # unit words that may follow a bare number in an answer
    name: re.compile(rf"\s*(?:{unit})", F) for name, unit in {
        "weight_kg": WUNIT, "target_weight_kg": WUNIT, "target_delta_kg": WUNIT, "height_cm": CMUNIT,
        "age": r"years?|yrs?|岁|周岁", "resting_hr": r"bpm|次", "body_fat_pct": r"%|percent",
        "sleep_hours": rf"{HOURS}|个?小时", "minutes_per_session": r"minutes?|mins?|min|分钟",
        "days_per_week": r"days?|times?|x|天|次", "target_weeks": r"weeks?|wks?|周|星期",
        "bp_systolic": r"mm\s*hg", "bp_diastolic": r"mm\s*hg",
    }.items()
}


_OTHER_MEASURE = re.compile(r"(?<![a-z])(?:glucose|sugar|bmi|bp|blood|pressure|kg|kilos?|lbs?|pounds?|cm|bpm|hr|heart|"
                            r"pulse|sleep|hours?|minutes?|mmol|percent)(?![a-z])|%|血糖|血压|体重|身高|心率|公斤|斤|厘米|睡|小时|分钟",
                            re.I)


# a number right after these words is a goal ("maybe get to 190", "减到60"): it answers no other question
_TARGET_CUE_BEFORE = re.compile(r"(?:(?<![a-z])(?:get|go|come|drop|slim|back)\s+(?:back\s+)?(?:down\s+|up\s+)?to|"
                                r"(?<![a-z])(?:reach|hit|goal(?:\s+is)?|target(?:\s+is)?|aim(?:ing)?\s+for|lose|drop|"
                                r"shed|gain)|减到|瘦到|降到|目标(?:是)?|减|瘦)\s*(?:about|around|like|maybe|~)?\s*$", re.I)
_TARGET_FIELDS = frozenset({"weight_kg", "target_weight_kg", "target_delta_kg"})


def _bare_answer(name: str, ctx: Ctx) -> Any | None:
    """The first number in an answer, in the field's canonical unit (or in its own unit if it has one)."""
    t = ctx.text
    m = _RX_ANSWER_NUM.search(t)
    n = number(m["n"]) if m else None
    if m is None or n is None:
        return None
    if name not in _TARGET_FIELDS and _TARGET_CUE_BEFORE.search(t[max(0, m.start() - 24):m.start()]):
        return None  # "lose the gut, maybe get to 190" to the sleep question: a goal, not 190 hours
    unit_rx = _ANSWER_UNITS.get(name)
    if OTHER_UNIT_AFTER.match(t, m.end()) and not (unit_rx and unit_rx.match(t, m.end())):
        return None  # "180 cm" does not answer a weight question
    rng = _RX_ANSWER_RANGE.match(t, m.start("n"))
    if name == "sleep_hours" and rng:
        n = (float(rng["a"]) + float(rng["b"])) / 2
    if name == "target_delta_kg" and (m["sign"] == "-" or _RX_ANSWER_LOSS.search(t)):
        n = -abs(n)
    if name in ("weight_kg", "target_weight_kg", "target_delta_kg"):
        unit = _RX_ANSWER_WEIGHT_UNIT.match(t, m.end())
        return round(n * (WEIGHT_UNITS[unit.group(1)] if unit else 1.0), 1)
    if name == "height_cm":
        return round(n * 100 if n < 3 else n, 1)
    if name == "age" and (n != int(n) or _OTHER_MEASURE.search(t, max(0, m.start() - 8), m.end() + 6)):
        return None  # "血糖测了15.6", "my BMI is 31": a measurement, not an age
    return round_half_up(n) if NUMERIC_FIELDS[name] is int else round(n, 2)


def _answer_weeks(ctx: Ctx) -> int | None:
    """"3 months", "半年", "March" as an answer to "by when?"."""
    m = _RX_ANSWER_DURATION.search(ctx.text)
    if m:
        n = 1.0 if m["n"] in ("a", "an", "one") else number(m["n"])
        per = weeks_per(m["u"])
        if n is not None and per is not None:
            return round_half_up(n * per)
    month = _RX_ANSWER_MONTH.search(ctx.text)
    if month:
        target = month_deadline(ctx.today, MONTHS[month.group(1)], None, None, None)
        return weeks_between(ctx.today, target) if target else None
    return None


def answer_number(name: str, ctx: Ctx, found: dict[str, Any]) -> Any | None:
    """A numeric answer: what extract found, else a bare duration/frequency/month, else a bare number."""
    if name in found:
        return found[name]
    t = ctx.text
    if name == "target_weeks":
        weeks = _answer_weeks(ctx)
        if weeks is not None or _RX_ANSWER_MONTH.search(t):
            return weeks
    if name == "days_per_week":
        if _RX_ANSWER_DAILY.search(t):
            return 7
        times = _RX_ANSWER_TIMES.search(t)
        if times:
            return TIMES_WORDS[times.group(1)]
    if name == "target_delta_kg" and "target_weight_kg" in found:
        return None  # "get down to 70" names a weight, not a change
    return _bare_answer(name, ctx)
