"""Review 9 (a sports physician's review of an asthmatic's, a cardiac patient's and a frail 82-year-old's plans):
the checks of rules 70-71 (docs/plan-rules.md).

70 a doctor's heart-rate ceiling (coach.safety.doctor_limits.read_limits: "keep heart rate under 115", "HR below
   115 bpm", "max heart rate 120", "心率不超过115", a range's top, not a resting rate): no session's bpm zone or
   stated `hr_max_bpm` above it, and where it sits below where vigorous effort starts (kb-hrr-001: 60 % HRR, or
   kb-hrr-002: 77 % of HRmax without a resting rate or where zones do not apply) no vigorous label, no RPE 7 or
   more, no interval exercise (below moderate's start too: every session light).
71 asthma or exercise-induced bronchoconstriction: the plan's reasons carry the session routine of kb-asthma-005
   (reliever, longer warm-up, triggers, what to do when symptoms start), cited to it.
"""
from __future__ import annotations

from coach.planning.checks import Bounds, Violation
from coach.planning.measure import LABELS, label_of, top_rpe
from coach.planning.notes import ASTHMA_LIKE
from coach.safety.doctor_limits import ceiling_cap, read_limits

INTERVAL_WORDS = ("interval", "hiit", "sprint", "strides", "tabata")
# every session's intensity states the ceiling as `hr_max_bpm` (zones.state_ceiling): required once
# engine.make_plan runs that pass (engine.py is not review 9's to edit; see docs/plan-rules.md 70)
REQUIRE_STATED = True


def _vigorous_work(s: dict) -> str | None:
    """What in the session is vigorous (a label, an RPE of 7+, a peak RPE, an interval exercise), or None."""
    inten = s.get("intensity") or {}
    if label_of(s) == "vigorous":
        return "a vigorous label"
    if top_rpe(s) >= 7 or max(inten.get("peak_rpe") or [0]) >= 7:
        return "RPE 7 or more"
    for e in s.get("exercises") or []:
        text = f"{e.get('id', '')} {e.get('name', '')}".lower()
        if any(w in text for w in INTERVAL_WORDS) or max(e.get("rpe") or [0]) >= 7 and e.get("minutes"):
            return f"interval work ({e.get('name')})"
    return None


def _ceiling(weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    bpm = read_limits(p.clearance.limits if p.clearance else None).hr_bpm
    if not bpm:
        return []
    cap = ceiling_cap(p, bpm)
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            inten = s.get("intensity") or {}
            zone, stated = inten.get("hr_bpm"), inten.get("hr_max_bpm")
            if zone and max(zone) > bpm:
                v.append(Violation(70, f"{where}: zone up to {max(zone)} bpm above the doctor's {bpm}"))
            if stated is None and REQUIRE_STATED:
                v.append(Violation(70, f"{where}: the doctor's {bpm} bpm is not in the session's intensity"))
            if stated is not None and stated > bpm:
                v.append(Violation(70, f"{where}: hr_max_bpm {stated} above the doctor's {bpm}"))
            if cap and LABELS.index(label_of(s)) > LABELS.index(cap):
                v.append(Violation(70, f"{where}: {label_of(s)} although {bpm} bpm leaves only {cap} effort"))
            elif cap:
                what = _vigorous_work(s)
                if what:
                    v.append(Violation(70, f"{where}: {what} although {bpm} bpm sits below vigorous effort"))
    return v


def _asthma(plan: dict, b: Bounds) -> list[Violation]:
    p = b.profile
    if "hard_stop" in b.screening.flags or not any(ASTHMA_LIKE.search(c.replace("_", " ")) for c in p.conditions):
        return []
    cited = {c.get("for") for c in (plan.get("safety") or {}).get("reason_citations") or []}
    if "asthma-routine" not in cited:
        return [Violation(71, "asthma: no reliever / warm-up / trigger / symptom routine cited to kb-asthma-005")]
    return []


def check_review9(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 70-71."""
    return _ceiling(weeks, b) + _asthma(plan, b)
