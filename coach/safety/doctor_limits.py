"""A doctor's limits as recorded with a clearance, read for the numbers they change.

coach.domain.limits.doctor_limits reads "light only", "no heavy lifting", a kg ceiling and a heart-rate ceiling;
this adds what cardiologists also write: isometric or straining work to avoid, and an effort ceiling on the Borg
6-20 or the 0-10 scale ("RPE 11-14 Borg" is light-to-moderate, so nothing above moderate).
"""
from __future__ import annotations

import re
from typing import Protocol

from coach.domain.limits import doctor_limits
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
    lim = doctor_limits(text)
    if lim.light:
        s.intensity_cap = "light"
        s.flags.add("doctor_light")
    if lim.no_heavy_lifting or no_strain(text):
        s.flags.add("no_heavy_lifting")
    rpe_cap = rpe_limit_cap(text)
    if rpe_cap:
        s.intensity_cap = min(s.intensity_cap, rpe_cap, key=LEVELS.index)
        s.flags.add("doctor_light" if rpe_cap == "light" else "doctor_moderate")
    s.load_ceiling_kg, s.hr_ceiling = lim.load_kg, lim.hr_bpm
