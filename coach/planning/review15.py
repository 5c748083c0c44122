"""Physician review 15 (docs/plan-rules.md 105-109).

105 where age-formula heart rates do not apply (Profile.rpe_only: atrial fibrillation, a beta-blocker, heart disease,
    pregnancy, COPD) the plan states no age-formula or heart-rate-reserve figure: no session carries `hr_bpm` or
    `pct_hrr`, a stated `hr_max_bpm` is the doctor's, and every bpm figure in the plan's text (reasons, alerts,
    rationale, session notes) is one the person or their doctor gave (the limits text, the resting rate).
106 a doctor's heart-rate ceiling in such a plan is paired with effort: every session note stating it names RPE.
107 a weight-gain target faster than 0.5 % of body weight a week is flagged with the gain rate, cited to
    kb-muscle-gain-energy-001, never with the weight-loss rate (kb-weight-loss-001).
108 a teenager's resistance sessions in the first block - technique first, light loads lifted 15 or more times
    (kb-youth-strength-003: light loads, moderate-to-high repetitions, small steps) - are at most moderate (RPE 6).
109 an adult whose days cannot hold strength work on 2 days a week (kb-frequency-001), or whose days x minutes cannot
    hold WHO's 150 minutes (kb-who-adults-001, kb-who-older-001), is told so in a reason cited to that passage, with
    the minimum that would work (coach/planning/feasibility.py).
"""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS, YOUTH_BELOW_AGE
from coach.planning.checks import Bounds, Violation
from coach.planning.measure import label_of, top_rpe
from coach.planning.gain_rate import GAIN_TAG, gain_too_fast, gains
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


def _gain_rate(plan: dict, b: Bounds) -> list[Violation]:
    p = b.profile
    if not gains(p) or not p.target_weeks:
        return []
    rate = ((p.target_weight_kg or 0) - p.weight_kg) / p.target_weeks
    cited = {c.get("for") for c in (plan.get("safety") or {}).get("reason_citations") or [] if "alert" in c}
    if "weight-loss-rate" in cited:
        return [Violation(107, "a weight-gain target is judged by the weight-loss rate (kb-weight-loss-001)")]
    aims = not cited & {"underweight", "youth-weight"}  # (a target the plan does not aim at has its own alert)
    if aims and gain_too_fast(p, rate) and GAIN_TAG.removeprefix("plan:") not in cited:
        return [Violation(107, f"a gain of {rate:.2f} kg a week is not flagged with the gain rate "
                               "(kb-muscle-gain-energy-001: 0.25-0.5 % of body weight a week)")]
    return []


def _youth_technique(weeks: list[dict], b: Bounds) -> list[Violation]:
    if b.profile.age >= YOUTH_BELOW_AGE:
        return []
    return [Violation(108, f"week {w.get('week')} day {s.get('day')}: a teenager's technique block at "
                           f"{label_of(s)} effort, RPE {top_rpe(s)}")
            for w in weeks if isinstance(w.get("week"), int) and w["week"] <= BLOCK_WEEKS
            for s in w.get("sessions") or [] if s.get("kind") in ("strength", "mixed")
            and (label_of(s) == "vigorous" or top_rpe(s) > 6)]


def _feasible(plan: dict, b: Bounds) -> list[Violation]:
    p, safety = b.profile, plan.get("safety") or {}
    if p.age < 18 or safety.get("hard_stop"):
        return []
    cited = {c.get("for") for c in safety.get("reason_citations") or [] if "reason" in c}
    v = []
    if p.days_per_week < 2 and "frequency" not in cited:
        v.append(Violation(109, "one training day a week and no reason saying strength needs 2 (kb-frequency-001)"))
    if p.days_per_week * p.minutes_per_session < 150 and not cited & {"aerobic-dose", "older-adults"}:
        v.append(Violation(109, f"{p.days_per_week} x {p.minutes_per_session} min cannot hold WHO's 150 minutes and "
                                "no reason says so"))
    return v


def check_review15(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 105-109."""
    return (_no_age_formula(plan, weeks, b) + _ceiling_with_effort(weeks, b) + _gain_rate(plan, b)
            + _youth_technique(weeks, b) + _feasible(plan, b))
