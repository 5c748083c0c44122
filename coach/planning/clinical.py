"""Checks that hold a plan to what the cited condition passages and the doctor's limits say (rules 31-37, added
after the second expert review; numbered after PLAN_RULES 30).

31 doctor's limits: a heart-rate ceiling caps every bpm zone and every session states it; "light only" keeps every
   session light; a lifting limit keeps strength sessions light and barbell-free.
32 osteoporosis (kb-osteoporosis-001): no loaded spinal flexion or end-range twisting, resistance on >= 2 days a week,
   back-extensor work every full week.
33 clearance pending (kb-clearance-001): the same light exercises and sets every week as in week 1, and the minutes
   grow by at most 5 a session a week (kb-beginner-001).
34 youth (kb-youth-strength-003): resistance sessions on non-consecutive days.
35 COPD (kb-copd-001): no bpm zones; effort by breathlessness; pursed-lip breathing and intervals in every session;
   no face-down raises for the upper back; walking and cycling when there is a bike, except in the weeks before the
   postnatal check, when walking is all kb-postpartum-001 allows (the more specific passage).
36 aerobic dose kept: added strength sets never eat a session's cardio minutes from one full week to the next.
37 sessions fit their minutes: minutes, or sets x (reps x ~3 s, or the hold, + rest), summed over the exercises.
"""
from __future__ import annotations

import re

from coach.domain.limits import YOUTH_BELOW_AGE
from coach.planning.checks import Bounds, Violation
from coach.planning.context import OSTEOPOROSIS_AVOID, preference_words
from coach.planning.copd_plan import bike_ok
from coach.planning.measure import is_resistance, label_of, session_seconds, sets_of
from coach.planning.postnatal_phase import RECOVERY_END
from coach.planning.schedule import BRIDGE_STEP_MIN
from coach.planning.template import adjacent
from coach.safety.doctor_limits import read_limits

PURSED = re.compile(r"pursed|缩唇", re.I)
PRONE_PULL = re.compile(r"prone_[tywi]_raise|reverse_snow_angel")  # an upright pull always exists (copd_plan)


def _sessions(weeks: list[dict]) -> list[tuple[int, dict]]:
    return [(w.get("week"), s) for w in weeks for s in w.get("sessions") or []]


def _doctor_limits(weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    lim = read_limits(p.clearance.limits if p.clearance else None)
    v = []
    for wn, s in _sessions(weeks):
        where = f"week {wn} day {s.get('day')}"
        bpm = (s.get("intensity") or {}).get("hr_bpm")
        if lim.hr_bpm and bpm and max(bpm) > lim.hr_bpm:
            v.append(Violation(31, f"{where}: zone up to {max(bpm)} bpm above the doctor's {lim.hr_bpm}"))
        if lim.hr_bpm and str(lim.hr_bpm) not in str(s.get("notes") or ""):
            v.append(Violation(31, f"{where}: the doctor's {lim.hr_bpm} bpm ceiling is not stated"))
        if lim.light and label_of(s) != "light":
            v.append(Violation(31, f"{where}: {label_of(s)} although the doctor said light only"))
        if lim.no_heavy_lifting and s.get("kind") == "strength" and label_of(s) != "light":
            v.append(Violation(31, f"{where}: {label_of(s)} resistance work despite the doctor's lifting limit"))
        if lim.no_heavy_lifting and any("barbell" in (e.get("equipment") or []) for e in s.get("exercises") or []):
            v.append(Violation(31, f"{where}: barbell work despite the doctor's lifting limit"))
    return v


def _osteoporosis(weeks: list[dict], b: Bounds) -> list[Violation]:
    if "osteoporosis" not in b.profile.conditions or b.restricted:
        return []
    v = []
    for wn, s in _sessions(weeks):
        for e in s.get("exercises") or []:
            if OSTEOPOROSIS_AVOID.search(f"{e.get('id', '')} {e.get('name', '')}"):
                v.append(Violation(32, f"week {wn} day {s.get('day')}: {e.get('name')} flexes or twists the spine"))
    for w in weeks:
        sessions = w.get("sessions") or []
        if w.get("deload") or not sessions:
            continue
        n_res = sum(is_resistance(s) for s in sessions)
        if n_res < min(2, b.profile.days_per_week):
            v.append(Violation(32, f"week {w.get('week')}: resistance on {n_res} day(s) < 2 with osteoporosis"))
        if not any("lower_back" in (e.get("muscle_groups") or []) and sets_of(e) >= 1
                   for s in sessions for e in s.get("exercises") or []):
            v.append(Violation(32, f"week {w.get('week')}: no back-extensor work with osteoporosis"))
    return v


def _bridge(weeks: list[dict], b: Bounds) -> list[Violation]:
    """33: clearance pending → the same exercises and sets every week as in week 1; only the minutes may grow, by at
    most 5 a session from one week to the next, never falling (kb-beginner-001 within kb-clearance-001's light)."""
    if not b.pending or not weeks:
        return []

    def shape(w: dict) -> list:
        return [(s.get("day"), [e.get("id") for e in s.get("exercises") or [] if sets_of(e)])
                for s in w.get("sessions") or []]

    def sets(w: dict) -> list[int]:
        return [sets_of(e) for s in w.get("sessions") or [] for e in s.get("exercises") or [] if sets_of(e)]
    first = shape(weeks[0])
    v = [Violation(33, f"week {w.get('week')} changes its exercises while clearance is pending")
         for w in weeks[1:] if shape(w) != first]
    v += [Violation(33, f"week {w.get('week')}: sets differ from week 1's while clearance is pending")
          for w in weeks[1:] if shape(w) == first and sets(w) != sets(weeks[0])]  # (review 11: a 3rd set in week 10)
    for prev, w in zip(weeks, weeks[1:]):
        for a, s in zip(prev.get("sessions") or [], w.get("sessions") or []):
            grow = (s.get("minutes") or 0) - (a.get("minutes") or 0)
            if not 0 <= grow <= BRIDGE_STEP_MIN:
                v.append(Violation(33, f"week {w.get('week')} day {s.get('day')}: minutes change by {grow} while "
                                       f"clearance is pending"))
    return v


def _youth_days(weeks: list[dict], b: Bounds) -> list[Violation]:
    if b.profile.age >= YOUTH_BELOW_AGE:
        return []
    v = []
    for w in weeks:
        days = sorted(s.get("day") for s in w.get("sessions") or [] if is_resistance(s) and isinstance(s.get("day"), int))
        for i, a in enumerate(days):
            for c in days[i + 1:]:
                if adjacent(a, c):
                    v.append(Violation(34, f"week {w.get('week')}: resistance on consecutive days {a} and {c}"))
    return v


def _copd(weeks: list[dict], b: Bounds) -> list[Violation]:
    """35: no bpm zones; every session says pursed-lip breathing and intervals; no face-down upper-back raise; with a
    bike, a week of 2+ cardio sessions both walks and cycles (pulmonary rehabilitation, coach.planning.copd_plan)."""
    p = b.profile
    if "copd" not in p.conditions:
        return []
    v = [Violation(35, f"week {wn} day {s.get('day')}: bpm zones with COPD (use breathlessness)")
         for wn, s in _sessions(weeks) if (s.get("intensity") or {}).get("hr_bpm")]
    for wn, s in _sessions(weeks):
        if not PURSED.search(str(s.get("notes") or "")):
            v.append(Violation(35, f"week {wn} day {s.get('day')}: no pursed-lip breathing or intervals with COPD"))
        v += [Violation(35, f"week {wn} day {s.get('day')}: {e.get('name')} lies face down with COPD")
              for e in s.get("exercises") or [] if sets_of(e) and PRONE_PULL.search(str(e.get("id")))]
    if not bike_ok(p) or any("walk" in w for w in preference_words(p.preferences.dislikes)):
        return v
    for w in weeks:
        if _before_postnatal_check(b, int(w.get("week") or 0)):
            continue
        modes = [str(e.get("id")) for s in w.get("sessions") or [] if s.get("kind") in ("aerobic", "mixed")
                 for e in s.get("exercises") or [] if e.get("kind") == "aerobic" and not e.get("sets")]
        if len(modes) >= 2 and not (any("walk" in m for m in modes) and any("bike" in m for m in modes)):
            v.append(Violation(35, f"week {w.get('week')}: {modes}: COPD cardio should walk and cycle"))
    return v


def _before_postnatal_check(b: Bounds, week: int) -> bool:
    """Plan week `week` falls before the postnatal check (up to week 6 after the birth; while clearance is pending
    the plan keeps week 1's: rule 33): kb-postpartum-001 allows gentle walking only, so rule 35's cycling waits."""
    flags, w0 = b.screening.flags, b.profile.weeks_since_birth
    return "postpartum" in flags and "hard_stop" not in flags and w0 is not None \
        and w0 + (1 if b.pending else week) <= RECOVERY_END


def _aerobic_kept(weeks: list[dict]) -> list[Violation]:
    """36: the cardio minutes of a day's session never fall from one full week to the next (sets must not eat them)."""
    v = []
    prev: dict[int, tuple[float, float]] = {}
    for w in weeks:
        if w.get("deload"):
            continue
        now = {s.get("day"): (float(s.get("minutes") or 0),
                              sum(float(e.get("minutes") or 0) for e in s.get("exercises") or []
                                  if e.get("kind") in ("aerobic", "hiit") and not e.get("sets")))
               for s in w.get("sessions") or []}
        for day, (length, mins) in now.items():  # a shorter session (re-entry after a deload) may have less
            if day in prev and length >= prev[day][0] and mins + 1e-9 < prev[day][1]:
                v.append(Violation(36, f"week {w.get('week')} day {day}: cardio falls from {prev[day][1]:g} to "
                                       f"{mins:g} min"))
        prev = now
    return v


def _at_floor(s: dict, b: Bounds) -> bool:
    """A session at the person's full length already run as a circuit of 2-set movements (rules 7 and 23 forbid
    less): the length asked for is shorter than the session's work."""
    res = [e for e in s.get("exercises") or [] if isinstance(e.get("sets"), int)]
    return float(s.get("minutes") or 0) >= b.profile.minutes_per_session and bool(res) \
        and all(e["sets"] <= 2 and not e.get("rest_s") for e in res)


def _fits(weeks: list[dict], b: Bounds) -> list[Violation]:
    """37: a session's work fits its minutes: the sum of its exercises' minutes, or sets x (reps x ~3 s, or the
    hold, + rest), is at most the session's minutes (measure.session_seconds)."""
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            need = session_seconds(s) / 60
            if need > float(s.get("minutes") or 0) + 1e-6 and not _at_floor(s, b):
                v.append(Violation(37, f"week {w.get('week')} day {s.get('day')}: {need:.1f} min of work in a "
                                       f"{s.get('minutes')}-min session"))
    return v


def check_clinical(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 31-37."""
    return (_fits(weeks, b) + _aerobic_kept(weeks) + _doctor_limits(weeks, b) + _osteoporosis(weeks, b) + _bridge(weeks, b) + _youth_days(weeks, b)
            + _copd(weeks, b))
