"""Checks 61-66: the independent physician review 7's hard errors, each a general rule (docs/plan-rules.md, "Review 7:
hard errors"; the engine side is coach.planning.careful and coach.safety.starts).

61 Known heart disease: without a recorded clearance, clearance_required and every session light (kb-cardiac-rehab-001:
   light until rehab or the cardiologist's clearance); with one, nothing above moderate, week 1 at most 3 sets of an
   exercise and at most 30 minutes of one cardio exercise, and from one full week to the next a session raises at most
   one of its effort label, its minutes and its sets.
62 Inactive adults with a higher-risk marker (60+, BMI >= 35, a chronic condition, a clearance): nothing vigorous in
   any week, and no full week in which a session gets harder (label or RPE) while the week's minutes (sessions and
   walks) rise.
63 Rests, one change at a time: from one full week to the next, an exercise's rest (under 120 s) falls only in a
   session whose minutes, effort and every exercise's sets and repetitions are otherwise the same (unless even the week
   before's rests and sets would not fit the session's minutes: rule 37 first).
64 A hard stop gives no effort target (Borg, RPE, % HRR) in its reasons or alerts; COPD without a hard stop or pending
   clearance starts light (week 1) and cites kb-copd-001 for the doctor's review and pulmonary rehabilitation.
65 Osteoporosis: no loaded multi-joint lift (barbell, dumbbells, kettlebell, machine) at 10 repetitions or fewer as
   the plan's default (kb-osteoporosis-004: heavier lifting only with a qualified coach, offered in the notes).
66 Muscle gain (adults): cardio after lifting in the same session is at most 20 minutes and not vigorous
   (kb-concurrent-001; teenagers keep WHO's vigorous blocks, kb-youth-dose-001).
"""
from __future__ import annotations

import copy
import re

from coach.planning.careful import (FIRST_CARDIO_MIN, FIRST_SETS, POST_LIFT_CARDIO_MIN, after_lifting, fallen_rests,
                                    heavy_bone_lift, same_but_rests)
from coach.domain.limits import YOUTH_BELOW_AGE
from coach.planning.checks import Bounds, Violation
from coach.planning.measure import LABELS, label_of, session_seconds, sets_of
from coach.planning.ramp import _total, harder
from coach.safety.starts import risk_markers


EFFORT_TARGET = re.compile(r"borg|\brpe\s*\d|\d\s*%\s*(of )?(hrr|heart-rate reserve)|心率储备", re.I)


def _full_pairs(weeks: list[dict]) -> list[tuple[dict, dict]]:
    full = [w for w in weeks if not w.get("deload")]
    return list(zip(full, full[1:]))


def _same_day(a: dict, w: dict) -> list[tuple[dict, dict]]:
    days = {s.get("day"): s for s in a.get("sessions") or []}
    return [(days[s.get("day")], s) for s in w.get("sessions") or [] if s.get("day") in days
            and not s.get("lighter") and not days[s.get("day")].get("lighter")]


def _heart(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    if "heart_disease" not in p.conditions or "hard_stop" in b.screening.flags:
        return []
    sessions = [(w.get("week"), s) for w in weeks for s in w.get("sessions") or []]
    if not p.cleared:
        v = [] if (plan.get("safety") or {}).get("clearance_required") else [
            Violation(61, "heart disease without a recorded clearance: clearance_required is false")]
        return v + [Violation(61, f"week {wk} day {s.get('day')}: {label_of(s)} before clearance (light only)")
                    for wk, s in sessions if label_of(s) != "light"]
    v = [Violation(61, f"week {wk} day {s.get('day')}: vigorous after clearance (moderate at most)")
         for wk, s in sessions if label_of(s) == "vigorous"]
    for s in (weeks[0].get("sessions") or []) if weeks else []:
        for e in s.get("exercises") or []:
            if sets_of(e) > FIRST_SETS or e.get("kind") == "aerobic" and (e.get("minutes") or 0) > \
                    FIRST_CARDIO_MIN:
                v.append(Violation(61, f"week 1 day {s.get('day')}: {e.get('name')} is not a gradual start"))
    for a, w in _full_pairs(weeks):
        for x, s in _same_day(a, w):
            rises = [LABELS.index(label_of(s)) > LABELS.index(label_of(x)), (s.get("minutes") or 0) > (x.get(
                "minutes") or 0), max(map(sets_of, s.get("exercises") or []), default=0) > max(
                map(sets_of, x.get("exercises") or []), default=0)]
            if sum(rises) > 1:
                v.append(Violation(61, f"week {w.get('week')} day {s.get('day')}: two changes at once"))
    return v


def _careful(weeks: list[dict], b: Bounds) -> list[Violation]:
    if not risk_markers(b.profile, b.screening):
        return []
    v = [Violation(62, f"week {w.get('week')} day {s.get('day')}: vigorous for an inactive higher-risk start")
         for w in weeks for s in w.get("sessions") or [] if label_of(s) == "vigorous"]
    for a, w in _full_pairs(weeks):
        if harder(w, a) and _total(w) > _total(a):
            v.append(Violation(62, f"week {w.get('week')}: effort and minutes rise together ({_total(a)} -> "
                                   f"{_total(w)} min)"))
    return v


def _rests(weeks: list[dict]) -> list[Violation]:
    v = []
    for a, w in _full_pairs(weeks):
        for x, s in _same_day(a, w):
            fallen = fallen_rests(s, x)
            if fallen and not same_but_rests(s, x) and _could_hold(s, x, fallen):
                e, rest = fallen[0]
                v.append(Violation(63, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} rests "
                                       f"{e.get('rest_s')} s after {rest} s while the session changes otherwise"))
    return v


def _could_hold(s: dict, x: dict, fallen: list[tuple[dict, int]]) -> bool:
    """The session fits its minutes with the week before's rests and no set above the week before's (else the plan
    keeps it as built: rule 37 comes first)."""
    trial = copy.deepcopy(s)
    before = {e.get("id"): e for e in x.get("exercises") or []}
    rests = {e.get("id"): rest for e, rest in fallen}
    for e in trial.get("exercises") or []:
        if e.get("id") in rests:
            e["rest_s"] = rests[e.get("id")]
        if isinstance(e.get("sets"), int) and e.get("id") in before and isinstance(before[e["id"]].get("sets"), int):
            e["sets"] = min(e["sets"], before[e["id"]]["sets"])
    return session_seconds(trial) <= 60 * float(trial.get("minutes") or 0)


def _hard_stop_and_copd(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    safety = plan.get("safety") or {}
    if "hard_stop" in b.screening.flags:
        return [Violation(64, f"a hard stop with an effort target: {text[:60]}...")
                for text in (safety.get("reasons") or []) + (safety.get("alerts") or []) if EFFORT_TARGET.search(text)]
    if "copd" not in b.profile.conditions or b.pending:
        return []
    v = [Violation(64, f"COPD: week 1 day {s.get('day')} is {label_of(s)} (start light)")
         for s in (weeks[0].get("sessions") or []) if weeks and label_of(s) != "light"]
    if not any(c.get("id") == "kb-copd-001" for c in safety.get("reason_citations") or []):
        v.append(Violation(64, "COPD: no reason cites kb-copd-001 (doctor's review, pulmonary rehabilitation)"))
    return v


def _bones(weeks: list[dict], b: Bounds) -> list[Violation]:
    if "osteoporosis" not in b.profile.conditions:
        return []
    return [Violation(65, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} {e.get('reps')} by default "
                          f"(heavier only with a qualified coach)")
            for w in weeks for s in w.get("sessions") or [] for e in s.get("exercises") or [] if heavy_bone_lift(e)]


def _post_lift(weeks: list[dict], b: Bounds) -> list[Violation]:
    if b.profile.goal != "muscle_gain" or b.profile.age < YOUTH_BELOW_AGE:  # teenagers: WHO's vigorous blocks
        return []
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in after_lifting(s):
                hrr = (s.get("intensity") or {}).get("pct_hrr") or [0, 0]
                rpe = e.get("rpe") or (s.get("intensity") or {}).get("rpe") or [0, 0]
                if (e.get("minutes") or 0) > POST_LIFT_CARDIO_MIN or hrr[1] >= 60 or max(rpe) >= 7:
                    v.append(Violation(66, f"week {w.get('week')} day {s.get('day')}: {e.get('minutes')} min of "
                                           f"{e.get('name')} after lifting, not short and moderate"))
    return v


def check_hard_errors(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 61-66."""
    return (_heart(plan, weeks, b) + _careful(weeks, b) + _rests(weeks) + _hard_stop_and_copd(plan, weeks, b)
            + _bones(weeks, b) + _post_lift(weeks, b))


def light_phase(weeks: list[dict]) -> bool:
    """The plan's last full week is all light (COPD's light start in a short plan, rule 64): rule 6's moderate dose is
    not asked of it, as for a plan kept light while clearance is pending."""
    full = [w for w in weeks if not w.get("deload") and w.get("sessions")]
    return bool(full) and all(label_of(s) == "light" for s in full[-1]["sessions"])
