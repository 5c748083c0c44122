"""Heart-rate zones: HRmax, Karvonen targets, a doctor's ceiling and a trained endurance athlete's easy zone."""
from __future__ import annotations

import math
from collections.abc import Callable

from coach.domain.profile import Profile
from coach.safety.doctor_limits import read_limits

BAND_FLOOR = {"light": 30, "moderate": 40, "vigorous": 60}  # % HRR where each label starts (kb-hrr-001)
LOWER_LABEL = {"vigorous": "moderate", "moderate": "light"}
LABEL_RPE = {"light": (3, 4), "moderate": (5, 6)}
# a trained endurance athlete's hard interval bouts: kb-hiit-001 puts them at about 90 % HRmax (90-95 % in 4 x 4),
# kb-hrr-001's vigorous band runs to 89 % HRR; RPE 8-9 of 10 (hard to very hard)
HARD_BOUT_PCT_HRR = (80, 89)
HARD_BOUT_RPE = (8, 9)
MAX_WIDTH = 14  # points of HRR (a range someone can follow; rounding keeps it within 15)
EASY_PCT_HRR = (50, 59)  # a trained endurance athlete's easy runs, at least (kb-hrr-001's upper moderate band)
ZONE1_TOP_PCT_HRMAX = 72  # the top of zone 1 on the five-zone scale (kb-endurance-003)
MODERATE_TOP_PCT_HRMAX = 76  # ACSM's moderate band in % HRmax: 64-76 % (kb-hrr-002)


def hr_max(age: int) -> float:
    """Tanaka et al. 2001: HRmax = 208 - 0.7 x age."""
    return 208 - 0.7 * age


def karvonen(age: int, resting: int, pct: float) -> int:
    """Target heart rate by the Karvonen formula for a % of heart-rate reserve."""
    return round(resting + pct / 100 * (hr_max(age) - resting))


def pct_hrr_at(p: Profile, pct_hrmax: float) -> int:
    """The % of heart-rate reserve at a % of HRmax (resting HR known), rounded down."""
    assert p.resting_hr is not None
    return math.floor((pct_hrmax / 100 * hr_max(p.age) - p.resting_hr) / (hr_max(p.age) - p.resting_hr) * 100)


def easy_zone(out: dict, p: Profile) -> None:
    """A trained endurance athlete's easy running: from 50 % HRR (not near walking heart rate) to the top of zone 1,
    72 % of HRmax (kb-endurance-003: Seiler 2010, Haugen et al. 2021), or 59 % HRR where that is higher. A low resting
    heart rate puts 72 % HRmax above 59 % HRR (48 bpm at 34: 62 %); still moderate by ACSM's 64-76 % HRmax
    (kb-hrr-002, rule 38)."""
    top = EASY_PCT_HRR[1] if p.resting_hr is None else \
        min(EASY_PCT_HRR[0] + MAX_WIDTH, max(EASY_PCT_HRR[1], pct_hrr_at(p, ZONE1_TOP_PCT_HRMAX)))
    out["pct_hrr"] = [EASY_PCT_HRR[0], top]
    if p.resting_hr is not None:
        out["hr_bpm"] = [karvonen(p.age, p.resting_hr, EASY_PCT_HRR[0]), karvonen(p.age, p.resting_hr, top)]
        cap_zone(out, p)


def athlete_zone(out: dict, p: Profile, kind: str) -> None:
    """A trained endurance athlete: easy sessions in the easy zone, interval sessions at the hard-bout zone."""
    if out["label"] == "moderate" and out["pct_hrr"]:
        easy_zone(out, p)
    elif kind == "hiit" and out["label"] == "vigorous" and not p.rpe_only:
        out["rpe"] = list(HARD_BOUT_RPE)
        if out["pct_hrr"]:
            out["pct_hrr"] = list(HARD_BOUT_PCT_HRR)
            if p.resting_hr is not None:
                out["hr_bpm"] = [karvonen(p.age, p.resting_hr, pct) for pct in HARD_BOUT_PCT_HRR]
                cap_zone(out, p)


def interval_note(_: Callable[..., str], athlete: bool) -> str:
    """How hard the bouts of an interval session feel."""
    if athlete:
        return _("Intervals: hard bouts feel 8-9 out of 10 (only a few words at a time); recover fully between them.")
    return _("Intervals: hard bouts feel 7-8 out of 10; recover fully between them.")


def cap_zone(out: dict, p: Profile) -> None:
    """A doctor's heart-rate ceiling caps the zone; the %HRR is recomputed so the two still agree (PLAN_RULES 12), and
    the label follows the zone down when the ceiling sits below its band (rule 38), never wider than 15 points."""
    ceiling = read_limits(p.clearance.limits if p.clearance else None).hr_bpm
    lo, hi = out["hr_bpm"]
    if not ceiling or hi <= ceiling or p.resting_hr is None:
        return
    rest, reserve = p.resting_hr, hr_max(p.age) - p.resting_hr
    hi = max(rest + 2, ceiling)
    top = (hi - rest) / reserve * 100
    pct = lambda bpm: (bpm - rest) / reserve * 100  # noqa: E731
    while True:
        while out["label"] != "light" and top < BAND_FLOOR[out["label"]]:
            out["label"] = LOWER_LABEL[out["label"]]
            out["rpe"] = list(LABEL_RPE[out["label"]])
        floor = BAND_FLOOR[out["label"]] if out["label"] != "light" else 0
        lo = karvonen(p.age, rest, max(floor, top - MAX_WIDTH, 1))
        while round(pct(lo)) < floor and lo < hi - 1:  # (a rounded bpm below the band's floor)
            lo += 1
        lo = min(lo, hi - 1)
        if out["label"] == "light" or round(pct(lo)) >= floor:
            break
        top = floor - 1e-6  # no whole bpm of the band fits under the ceiling: the band below (rule 38)
    out["hr_bpm"] = [lo, hi]
    # whole percents inside the band: the floor of the top, so a ceiling at 39.7 % stays "light" (0-39), rule 38
    out["pct_hrr"] = [max(1, round(pct(lo))), max(1, min(math.floor(top + 1e-9), math.floor(pct(hi) + 1e-9)))]


def state_ceiling(p: Profile, weeks: list[dict]) -> None:
    """A doctor's heart-rate ceiling as a number in every session's intensity (`hr_max_bpm`, rule 70), also where
    the plan judges effort by RPE and the talk test (beta-blockers, heart disease) or has no resting rate for zones:
    the ceiling is no longer only in the notes. In place; nothing without a ceiling."""
    ceiling = read_limits(p.clearance.limits if p.clearance else None).hr_bpm
    if not ceiling:
        return
    for w in weeks:
        for s in w.get("sessions") or []:
            inten = s.setdefault("intensity", {})
            inten["hr_max_bpm"] = ceiling
            if inten.get("hr_bpm") and max(inten["hr_bpm"]) > ceiling:
                cap_zone(inten, p)
