"""A doctor's limits as recorded with a clearance, read for the numbers they change.

coach.domain.limits.doctor_limits reads "light only", "no heavy lifting", a kg ceiling and a heart-rate ceiling;
this adds what cardiologists also write: isometric or straining work to avoid, and an effort ceiling on the Borg
6-20 or the 0-10 scale ("RPE 11-14 Borg" is light-to-moderate, so nothing above moderate).
"""
from __future__ import annotations

import re
from typing import Protocol

from coach.domain.limits import DoctorLimits, doctor_limits
from coach.domain.profile import Profile


class Limited(Protocol):
    """What the limits change in a screening (coach.safety.screening.Screening)."""

    intensity_cap: str
    flags: set[str]
    load_ceiling_kg: float | None
    hr_ceiling: int | None

NO_STRAIN = re.compile(r"isometric|straining|no (heavy )?(resistance|weight)|avoid (heavy )?(weights|straining)", re.I)
RPE_LIMIT = re.compile(r"(?:rpe|borg|effort)\D{0,12}?(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?", re.I)
BORG_LIGHT, BORG_MODERATE = 11, 14  # 6-20 scale: up to 11 is light, 12-14 moderate (ACSM)
CR10_LIGHT, CR10_MODERATE = 4, 6  # 0-10 scale: up to 4 light, 5-6 moderate
LEVELS = ("light", "moderate", "vigorous")


# Borg 6-20 -> 0-10 (kb-rpe-001: 9-11 light, 12-13 moderate ~ 5-6 of 10, 14-17 vigorous ~ 7-8 of 10)
BORG_TO_CR10 = {6: 0, 7: 1, 8: 1, 9: 2, 10: 3, 11: 4, 12: 5, 13: 6, 14: 7, 15: 7, 16: 8, 17: 8, 18: 9, 19: 10, 20: 10}


def borg_on_cr10(text: str | None) -> tuple[str, str] | None:
    """A 6-20 effort limit ("RPE 11-13") and the same on the plan's 0-10 scale ("4-6"), or None."""
    m = RPE_LIMIT.search(text or "")
    if not m:
        return None
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    if not (6 <= lo <= hi <= 20 and hi > 10):
        return None
    borg = f"{lo}-{hi}" if lo != hi else str(hi)
    cr10 = f"{BORG_TO_CR10[lo]}-{BORG_TO_CR10[hi]}" if BORG_TO_CR10[lo] != BORG_TO_CR10[hi] else str(BORG_TO_CR10[hi])
    return borg, cr10


# review 9: what coach.domain.limits.doctor_limits misread or missed - a heart-rate range ("HR 100-115", "between
# 100 and 115": the ceiling is the top), a resting rate named first ("resting HR 70; keep HR under 115"), "don't
# lift anything heavy", "不要提重物", and a weight limit in pounds
_RANGE = r"(\d{2,3})(?:\s*(?:-|–|~|to|and|至|到)\s*(\d{2,3}))?"
HR_BEFORE = re.compile(r"(?:heart[\s-]*rate|\bhr(?:\s*max)?\b|pulse|心率|脉搏)(\D{0,25}?)" + _RANGE, re.I)
HR_AFTER = re.compile(_RANGE + r"\s*(?:bpm|beats|/\s*min|次)", re.I)
RESTING = re.compile(r"rest(?:ing)?\b|静息|安静", re.I)
HR_PLAUSIBLE = (60, 220)
HEAVY = re.compile(r"(?:don'?t|do not|never|avoid|no)\s+(?:lift|carry|push|pull)\w*\s+(?:\w+\s+){0,2}heavy|"
                   r"(?:avoid|no)\s+heavy\s+(?:weights?|loads?|objects?|things)|(?:不|避免|别)[^，。,.;；]{0,4}"
                   r"(?:提|搬|拿|举|抬)[^，。,.;；]{0,3}重", re.I)
POUNDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:lbs?|pounds?|磅)\b", re.I)
KG_PER_LB = 0.4536


def _resting(text: str, start: int, end: int) -> bool:
    """Whether the clause around a heart rate (to a comma, semicolon or full stop) names it a resting rate."""
    before = re.split(r"[，,;；。.]", text[max(0, start - 25):start])[-1]
    after = re.split(r"[，,;；。.]", text[end:end + 20])[0]
    return bool(RESTING.search(before) or re.match(r"\s*(?:bpm\s*)?(?:at|when)\s+rest", after, re.I))


def hr_ceiling(text: str | None) -> int | None:
    """A doctor's heart-rate ceiling (bpm): the first heart rate the text names that is not a resting rate, the top
    of a range; None when it names none."""
    found: list[tuple[int, int]] = []
    for m in HR_BEFORE.finditer(text or ""):
        if not (RESTING.search(m.group(1)) or _resting(text or "", m.start(), m.end())):
            found.append((m.start(), max(int(m.group(2)), int(m.group(3) or 0))))
    for m in HR_AFTER.finditer(text or ""):
        if not _resting(text or "", m.start(), m.end()):
            found.append((m.start(), max(int(m.group(1)), int(m.group(2) or 0))))
    plausible = [bpm for _, bpm in sorted(found) if HR_PLAUSIBLE[0] <= bpm <= HR_PLAUSIBLE[1]]
    return plausible[0] if plausible else None


def read_limits(text: str | None) -> DoctorLimits:
    """coach.domain.limits.doctor_limits with the heart-rate ceiling read by hr_ceiling, "don't lift anything
    heavy" as no heavy lifting and a limit in pounds as its kilograms (rounded down to half a kilogram)."""
    lim = doctor_limits(text)
    if not text:
        return lim
    kg = lim.load_kg
    pounds = POUNDS.search(text)
    if kg is None and pounds:
        kg = int(float(pounds.group(1)) * KG_PER_LB * 2) / 2
    return lim._replace(hr_bpm=hr_ceiling(text), load_kg=kg,
                        no_heavy_lifting=lim.no_heavy_lifting or kg is not None or bool(HEAVY.search(text)))


def no_strain(text: str | None) -> bool:
    """Whether the limits rule out heavy, isometric or straining resistance work."""
    return bool(text and NO_STRAIN.search(text))


def rpe_limit_cap(text: str | None) -> str | None:
    """The intensity label an effort ceiling allows, or None when the text gives none."""
    m = RPE_LIMIT.search(text or "")
    if not m:
        return None
    top = int(m.group(2) or m.group(1))
    borg = "borg" in (text or "").lower() or top > 10
    light, moderate = (BORG_LIGHT, BORG_MODERATE) if borg else (CR10_LIGHT, CR10_MODERATE)
    return "light" if top <= light else "moderate" if top <= moderate else None


def apply_limits(p: Profile, s: Limited) -> None:
    """A doctor's limits change the numbers whether or not clearance was required (kb-clearance-001: "so the plan
    can follow them"): light only, no heavy lifting (and a load ceiling), a heart-rate ceiling, an effort ceiling."""
    text = p.clearance.limits if p.clearance else None
    lim = read_limits(text)
    if lim.light:
        s.intensity_cap = "light"
        s.flags.add("doctor_light")
    if lim.no_heavy_lifting or no_strain(text):
        s.flags.update({"no_heavy_lifting", "doctor_no_heavy"})  # (doctor_no_heavy: the doctor said it)
    rpe_cap = rpe_limit_cap(text)
    if rpe_cap:
        s.intensity_cap = min(s.intensity_cap, rpe_cap, key=LEVELS.index)
        s.flags.add("doctor_light" if rpe_cap == "light" else "doctor_moderate")
    s.load_ceiling_kg, s.hr_ceiling = lim.load_kg, lim.hr_bpm
    hr_cap = ceiling_cap(p, lim.hr_bpm)
    if hr_cap:  # review 9 (rule 70): no vigorous or interval work the doctor's heart-rate ceiling would not allow
        s.intensity_cap = min(s.intensity_cap, hr_cap, key=LEVELS.index)
        s.flags.add("hr_ceiling_cap")


# kb-hrr-001 / kb-hrr-002 (ACSM): moderate from 40 % of heart-rate reserve, vigorous from 60 %; without a resting
# rate (or where age formulas do not apply) ACSM's matching bands in % of HRmax: moderate 64-76 %, vigorous 77-95 %
HRR_FLOOR = {"moderate": 40, "vigorous": 60}
HRMAX_FLOOR = {"moderate": 64, "vigorous": 77}


def band_floor_bpm(p: Profile, label: str) -> int:
    """The heart rate where `label` ("moderate" or "vigorous") starts for this person: Karvonen from a resting rate
    when zones apply, else ACSM's % of HRmax; HRmax = 208 - 0.7 x age (Tanaka et al. 2001, as in
    coach.planning.zones.hr_max)."""
    hr_max = 208 - 0.7 * p.age
    if p.resting_hr is not None and not p.rpe_only:
        return round(p.resting_hr + HRR_FLOOR[label] / 100 * (hr_max - p.resting_hr))
    return round(HRMAX_FLOOR[label] / 100 * hr_max)


def ceiling_cap(p: Profile, bpm: int | None) -> str | None:
    """The highest label a doctor's heart-rate ceiling leaves room for: "moderate" when it sits below where vigorous
    effort starts, "light" when below moderate too; None when it leaves vigorous (or there is no ceiling)."""
    if not bpm:
        return None
    if p.rpe_only:  # a beta-blocker (the ceiling was set on the medicine, whose heart-rate response no age formula
        return "moderate"  # predicts, kb-beta-blockers-001), AF, heart disease, pregnancy: no age-formula threshold is
    # computed (review 15, rule 105); no vigorous work, the effort limit leads
    if bpm < band_floor_bpm(p, "moderate"):
        return "light"
    return "moderate" if bpm < band_floor_bpm(p, "vigorous") else None
