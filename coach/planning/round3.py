"""Checks added after the third expert review (numbered after the project's rules 31-37).

38 labels say what kb-rpe-001 / kb-hrr-001 say: a vigorous session is RPE 7 or more and 60 % HRR or more, a moderate
   one 40-59 % HRR (with a bpm zone, up to ACSM's 76 % HRmax where a low resting heart rate puts that higher,
   kb-hrr-002), a light one under 40 %; no heart-rate target range wider than 15 points of HRR.
39 people new to exercise or inactive (kb-overload-001): nothing vigorous in the first 8 weeks, and from one week to
   the next a session raises at most one of its effort label, its length and its sets per exercise.
40 frailty (80+, frailty, falls, a walking aid): no floor work, lunges, split or single-leg squats, jumps, and week 1's
   balance work starts at the bottom of kb-balance-001's ladder (no tandem or one-leg stance); a one-leg stand comes
   only from the third block (week 9) and next to a support.
"""
from __future__ import annotations

import re

from coach.domain.profile import Profile
from coach.domain.vocab import FRAILTY_CONDITIONS
from coach.planning.checks import Bounds, Violation
from coach.planning.context import FRAIL_AGE
from coach.planning.falls import ONE_LEG_FROM_WEEK
from coach.planning.measure import label_of, sets_of
from coach.planning.round4 import check_round4
from coach.planning.zones import MODERATE_TOP_PCT_HRMAX, karvonen, pct_hrr_at
from coach.safety.screening import rank

BANDS = {"light": (0, 39), "moderate": (40, 59), "vigorous": (60, 89)}
MAX_ZONE_WIDTH = 15
EARLY_WEEKS = 8
NOT_FOR_FRAIL = re.compile(r"lunge|split.squat|single.leg.(squat|deadlift|stand)|pistol|jump|hop|burpee|plank|"
                           r"push.up(?<!wall.push.up)|cat.cow|bird.dog|(?<!pelvic.)floor|lying|supine|prone|kneeling|nordic", re.I)
SUPPORTED = re.compile(r"support|扶", re.I)
NOT_WEEK_ONE = re.compile(r"(?<!semi.)tandem|single.leg|one.leg|eyes.closed", re.I)


def _moderate_top(p: Profile | None) -> int:
    """Moderate's top in % HRR: 59, or ACSM's 76 % HRmax (kb-hrr-002) where a low resting HR puts it higher."""
    if p is None or p.resting_hr is None:
        return BANDS["moderate"][1]
    return max(BANDS["moderate"][1], pct_hrr_at(p, MODERATE_TOP_PCT_HRMAX))


def _labels(weeks: list[dict], p: Profile | None = None) -> list[Violation]:
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            inten, label = s.get("intensity") or {}, label_of(s)
            rpe, pct = inten.get("rpe") or [0, 0], inten.get("pct_hrr")
            lo, hi = BANDS[label] if label != "moderate" or not inten.get("hr_bpm") else (40, _moderate_top(p))
            where = f"week {w.get('week')} day {s.get('day')}"
            if label == "vigorous" and rpe[0] < 7:
                v.append(Violation(38, f"{where}: vigorous at RPE {rpe[0]}-{rpe[1]} (vigorous is 7-8)"))
            if pct and not (lo <= pct[0] and pct[1] <= hi):
                v.append(Violation(38, f"{where}: {label} at {pct[0]}-{pct[1]} % HRR"))
            if pct and pct[1] - pct[0] > MAX_ZONE_WIDTH:
                v.append(Violation(38, f"{where}: a {pct[0]}-{pct[1]} % HRR range is wider than {MAX_ZONE_WIDTH}"))
    return v


def _per_exercise(s: dict) -> int:
    return max((sets_of(e) for e in s.get("exercises") or []), default=0)


def _one_change(weeks: list[dict], b: Bounds) -> list[Violation]:
    if not b.profile.is_beginner_or_inactive:
        return []
    v = [Violation(39, f"week {w.get('week')} day {s.get('day')}: vigorous within the first {EARLY_WEEKS} weeks")
         for w in weeks[:EARLY_WEEKS] for s in w.get("sessions") or [] if label_of(s) == "vigorous"]
    for prev, w in zip(weeks, weeks[1:]):
        if w.get("deload") or prev.get("deload"):
            continue
        for a, s in zip(prev.get("sessions") or [], w.get("sessions") or []):
            if a.get("lighter") or s.get("lighter"):
                continue  # a check-in's lighter day, and the plan going back to normal after it
            changes = [rank(label_of(s)) > rank(label_of(a)), (s.get("minutes") or 0) > (a.get("minutes") or 0),
                       _per_exercise(s) > _per_exercise(a)]
            if sum(changes) > 1:
                v.append(Violation(39, f"week {w.get('week')} day {s.get('day')}: effort, length and sets "
                                       f"{changes} rise together"))
    return v


def _supported_one_leg(e: dict, week: int) -> bool:
    """kb-balance-001's last stance, for a frail person only from the third block and next to a support."""
    return e.get("id") == "single_leg_stand" and e.get("kind") == "balance" and week >= ONE_LEG_FROM_WEEK and \
        bool(SUPPORTED.search(str(e.get("holds") or "")))


def _frail(weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    if p.age < FRAIL_AGE and not set(p.conditions) & set(FRAILTY_CONDITIONS):
        return []
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                text = f"{e.get('id', '')} {e.get('name', '')}".replace("_", " ")
                bad = NOT_FOR_FRAIL.search(text) and not str(e.get("id", "")).startswith(("seated_", "standing_",
                                                                                            "wall_", "chair_")) \
                    and not _supported_one_leg(e, int(w.get("week") or 1))
                if bad or (w.get("week") == 1 and e.get("kind") == "balance" and NOT_WEEK_ONE.search(text)):
                    v.append(Violation(40, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} for a frail "
                                           f"person"))
    return v


def ceiling_below_moderate(p: Profile) -> bool:
    """A doctor's heart-rate ceiling that leaves no whole bpm of the moderate band (zones.cap_zone, the engine's own
    reading of the limits): the sessions are light, so no moderate dose is asked for."""
    from coach.planning.zones import cap_zone  # (zones reads the limits as the engine does)

    if p.resting_hr is None or not p.clearance or not p.clearance.limits:
        return False
    band = {"label": "moderate", "rpe": [4, 5], "hr_bpm": [karvonen(p.age, p.resting_hr, BANDS["moderate"][0]),
                                                           karvonen(p.age, p.resting_hr, BANDS["moderate"][1])]}
    cap_zone(band, p)
    return band["label"] == "light"


def check_round3(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 38-40, and round 4's 41-42."""
    return _labels(weeks, b.profile) + _one_change(weeks, b) + _frail(weeks, b) + check_round4(weeks, b)
