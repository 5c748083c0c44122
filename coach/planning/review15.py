"""Physician review 15 (docs/plan-rules.md 105-109).

105 where age-formula heart rates do not apply (Profile.rpe_only: atrial fibrillation, a beta-blocker, heart disease,
    pregnancy, COPD) the plan states no age-formula or heart-rate-reserve figure: no session carries `hr_bpm` or
    `pct_hrr`, a stated `hr_max_bpm` is the doctor's, and every bpm figure in the plan's text (reasons, alerts,
    rationale, session notes) is one the person or their doctor gave (the limits text, the resting rate).
106 a doctor's heart-rate ceiling in such a plan is paired with effort: every session note stating it names RPE.
"""
from __future__ import annotations

from coach.planning.checks import Bounds, Violation
from coach.planning.hr_policy import allowed_bpm, stated_bpm


def _texts(plan: dict, weeks: list[dict]) -> list[tuple[str, str]]:
    safety = plan.get("safety") or {}
    out = [("reasons", str(r)) for r in safety.get("reasons") or []]
    out += [("alerts", str(a)) for a in safety.get("alerts") or []]
    out.append(("rationale", str(plan.get("rationale") or "")))
    for w in weeks:
        for s in w.get("sessions") or []:
            out.append((f"week {w.get('week')} day {s.get('day')}", str(s.get("notes") or "")))
    return out


def _no_age_formula(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    p = b.profile
    if not p.rpe_only:
        return []
    v, ok = [], allowed_bpm(p)
    for w in weeks:
        for s in w.get("sessions") or []:
            inten, where = s.get("intensity") or {}, f"week {w.get('week')} day {s.get('day')}"
            if inten.get("hr_bpm") or inten.get("pct_hrr"):
                v.append(Violation(105, f"{where}: a heart-rate zone where age formulas do not apply"))
            if inten.get("hr_max_bpm") is not None and inten["hr_max_bpm"] not in ok:
                v.append(Violation(105, f"{where}: hr_max_bpm {inten['hr_max_bpm']} is not the doctor's figure"))
    for where, text in _texts(plan, weeks):
        bad = sorted(stated_bpm(text) - ok)
        if bad:
            v.append(Violation(105, f"{where}: states {bad[0]} bpm, an age-formula figure where they do not apply"))
    return v


def _ceiling_with_effort(weeks: list[dict], b: Bounds) -> list[Violation]:
    p, bpm = b.profile, b.screening.hr_ceiling
    if not p.rpe_only or not bpm:
        return []
    return [Violation(106, f"week {w.get('week')} day {s.get('day')}: the doctor's {bpm} bpm without RPE beside it")
            for w in weeks for s in w.get("sessions") or []
            if bpm in stated_bpm(str(s.get("notes") or "")) and "RPE" not in str(s.get("notes") or "")]


def check_review15(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 105-106."""
    return _no_age_formula(plan, weeks, b) + _ceiling_with_effort(weeks, b)
