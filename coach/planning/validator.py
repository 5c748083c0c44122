"""The plan validator: checks any plan (the engine's or a model's) against PLAN_RULES and the screening."""
from __future__ import annotations

import re
from typing import Any

from coach.domain.limits import OLDER_ADULT_AGE, max_weekly_change_kg, ramp_ceiling
from coach.domain.profile import Profile
from coach.planning.checks import Bounds, Violation, check_new_rules
from coach.planning.clinical import check_clinical
from coach.planning.round3 import check_round3, ceiling_below_moderate
from coach.planning.goals import planned_for
from coach.planning.intervals import check_intervals
from coach.planning.quality import check_quality
from coach.planning.hard_errors import check_hard_errors, light_phase
from coach.planning.heavy import check_heavy
from coach.planning.review8 import check_review8
from coach.planning.review9 import check_review9
from coach.planning.review15 import check_review15
from coach.planning.review9_lead import check_review9_lead
from coach.planning.review11_text import check_review11_text
from coach.planning.written_in import check_written_in
from coach.planning.neuro import check_neuro
from coach.planning.diastasis_return import check_staged_return
from coach.planning.bp_loads import check_bp_loads
from coach.planning.bleeding import check_free_weights
from coach.planning.grip import check_grip
from coach.planning.sleep_check import check_sleep
from coach.planning.ankle_balance import check_ankle_balance
from coach.planning.joint_precautions import check_joint_precautions
from coach.planning.shoulder_press import check_presses
from coach.planning.climb import check_first_rungs
from coach.planning.drills import check_drills
from coach.planning.owned import check_owned
from coach.planning.late_pregnancy import check_late_pregnancy
from coach.planning.postnatal_core import check_postnatal_core
from coach.planning.ramp import check_ramp
from coach.planning.rest_floor import check_rests
from coach.planning.dose_floor import check_dose_floor
from coach.planning.rest_day import check_rest_day, with_rest_day
from coach.planning.run_checks import check_runs
from coach.planning.trained import check_trained
from coach.planning.measure import (FACTOR, LABELS, aerobic_minutes, built_share, has_sets, is_balance, is_resistance, label_of,
                                    loaded_groups, regions, sets_of)
from coach.planning.names import BALANCE_WORDS, EQUIPMENT_WORDS, INJURY_WORDS, moderate_at_most, name_implies
from coach.planning.template import aerobic_requirement
from coach.safety.screening import rank, screen
from knowledge.catalog import load_catalog

KINDS = ("strength", "aerobic", "hiit", "mobility", "balance", "mixed")
# kept importable from here: other modules and tests read them as validator facts
__all__ = ["BALANCE_WORDS", "EQUIPMENT_WORDS", "FACTOR", "INJURY_WORDS", "KINDS", "LABELS", "Violation",
           "aerobic_minutes", "is_balance", "is_resistance", "name_implies", "validate_plan"]
_is_balance = is_balance  # the name older tests use

def _user_equipment(p: Profile) -> set[str] | None:
    """None means everything (gym)."""
    eq = set(p.equipment)
    return None if "gym" in eq else eq


def validate_plan(plan: Any, profile: Profile, *, kb_lookup: Any = None) -> list[Violation]:
    """Every rule the plan breaks, as Violations (empty list = clean)."""
    if not isinstance(plan, dict):
        return [Violation(1, "plan is not an object")]
    weeks = plan.get("weeks")
    if not isinstance(weeks, list) or not weeks:
        return [Violation(1, "plan has no weeks")]
    v: list[Violation] = []
    profile = with_rest_day(planned_for(plan, profile))
    if plan.get("horizon_weeks") != len(weeks):
        v.append(Violation(1, f"horizon_weeks {plan.get('horizon_weeks')} != {len(weeks)} weeks"))
    bounds = _check_safety(plan.get("safety") or {}, profile, v)
    prev_total: float | None = None
    for wi, week in enumerate(weeks):
        v.extend(_check_week(week, wi, bounds))
        total = sum(float(s.get("minutes") or 0) for s in week.get("sessions") or [])
        wn = week.get("week", wi + 1)
        if prev_total is not None and not week.get("deload") and total > ramp_ceiling(prev_total) + 1e-9:
            v.append(Violation(13, f"week {wn}: {total:g} min > 125% of week {wn - 1} ({prev_total:g}) + 10"))
        prev_total = total
        v.extend(_check_week_totals(week, wn, bounds))
    v.extend(_check_recovery(weeks))
    v.extend(_check_dose(weeks, profile, bounds.restricted or bounds.pending or bounds.allowed == "light"
                         or ceiling_below_moderate(profile) or light_phase(weeks)))
    v.extend(check_new_rules(plan, weeks, bounds, kb_lookup))
    v.extend(check_clinical(weeks, bounds))
    v.extend(check_round3(weeks, bounds))
    v.extend(check_quality(weeks, bounds))
    v.extend(check_heavy(weeks, bounds))
    v.extend(check_ramp(weeks, bounds))
    v.extend(check_rests(weeks, bounds))
    v.extend(check_owned(weeks, bounds))  # rules 59-60 (review 7: what people own)
    v.extend(check_late_pregnancy(weeks, bounds))  # rule 56
    v.extend(check_postnatal_core(weeks, bounds))  # rules 57-58
    v.extend(check_trained(weeks, bounds))  # rules 53-55 (review 7)
    v.extend(check_hard_errors(plan, weeks, bounds))  # rules 61-66 (review 7: hard errors)
    v.extend(check_review8(plan, weeks, bounds))  # rules 67-69 (review 8: hard errors)
    v.extend(check_review9(plan, weeks, bounds))  # rules 70-71 (review 9: HR ceiling, asthma routine)
    v.extend(check_review15(plan, weeks, bounds))  # rules 105-106 (review 15: heart-rate policy)
    v.extend(check_review9_lead(plan, weeks, bounds))  # rules 73-74 (review 9: walk pace, stage-2 BP walks)
    v.extend(check_rest_day(plan, weeks, bounds))  # rule 82: a beginner's full rest day (review 12)
    v.extend(check_review11_text(plan, weeks, bounds))  # rules 42, 73, 80-81 on the text (review 11)
    v.extend(check_staged_return(weeks, bounds))  # rule 84 (review 12: staged barbell return, diastasis)
    v.extend(check_bp_loads(weeks, bounds))  # rule 85: moderate loads with high blood pressure
    v.extend(_check_avoid(plan, weeks, bounds))  # rules 100-104 (review 15: avoid lists, ankle, sleep)
    v.extend(check_free_weights(weeks, bounds, str(plan.get("language") or profile.language or "en")))  # rule 92
    v.extend(check_joint_precautions(plan, weeks, bounds))  # rule 95 (review 14: a new joint's precautions)
    v.extend(check_presses(weeks, bounds))  # rule 96 (review 14: no near-maximal wall push-up or painful press)
    v.extend(check_dose_floor(plan, weeks, bounds))  # rules 6 (clearance pending) and 88 (review 13: dose claims)
    v.extend(check_first_rungs(weeks, bounds))  # rule 91 (review 13: body-weight ladders climb)
    v.extend(check_drills(weeks))  # rule 89 (review 13: timed drills in rounds of their holds)
    v.extend(check_neuro(weeks, bounds))  # rule 75 (review 11: supported one-leg work after a stroke, PD, MS)
    v.extend(check_runs(weeks))  # rule 79 (review 11: a session called a run runs)
    v.extend(check_intervals(weeks, bounds))  # rule 87
    v.extend(check_written_in(plan, weeks, bounds))  # rules 76-77 (review 11: warning signs, written-in conditions)
    v.extend(_check_citations(plan, kb_lookup))
    v.extend(_check_rationale(plan))
    v.extend(_check_target(plan.get("safety") or {}, profile))
    return v


def _check_avoid(plan: dict, weeks: list, bounds: Bounds) -> list[Violation]:
    """Rules 100-102 (wrist and elbow: the passages' avoid lists, straps, the "left out" sentence), 103 (balance on
    an injured ankle) and 104 (short sleep brings the alert and advice)."""
    return check_grip(plan, weeks, bounds) + check_ankle_balance(weeks, bounds) + check_sleep(plan, bounds)


def _check_safety(safety: dict, profile: Profile, v: list[Violation]) -> Bounds:
    """PLAN_RULES 1 and 4 on the safety object; returns what the week checks compare against."""
    scr = screen(profile, "en")
    cap = safety.get("intensity_cap")
    if cap not in LABELS:
        v.append(Violation(1, f"safety.intensity_cap {cap!r} is not a label"))
        cap = "light"
    allowed = scr.intensity_cap
    if scr.clearance_required and not safety.get("clearance_required"):
        v.append(Violation(4, "screening requires medical clearance but clearance_required is false"))
    if rank(cap) > rank(allowed):
        v.append(Violation(4, f"intensity_cap {cap} is above what screening allows ({allowed})"))
    # a red flag (symptoms, BP at the red-flag level) or BP at the clearance level restricts the plan
    return Bounds(profile=profile, screening=scr, cap=cap, allowed=allowed, restricted=scr.restricted,
                  pending=scr.clearance_required, have=_user_equipment(profile))


def _check_week(week: dict, wi: int, b: Bounds) -> list[Violation]:
    """PLAN_RULES 1-5, 9, 10 and 12 on one week's sessions."""
    v: list[Violation] = []
    p = b.profile
    wn = week.get("week", wi + 1)
    sessions = week.get("sessions") or []
    if week.get("week") != wi + 1:
        v.append(Violation(1, f"week {wi + 1} is numbered {week.get('week')}"))
    days = [s.get("day") for s in sessions]
    if any(not isinstance(d, int) or not 1 <= d <= 7 for d in days) or len(set(days)) != len(days):
        v.append(Violation(1, f"week {wn}: days must be distinct integers 1-7, got {days}"))
    if len(sessions) > p.days_per_week:
        v.append(Violation(2, f"week {wn}: {len(sessions)} sessions > {p.days_per_week} days"))
    for s in sessions:
        v.extend(_check_session(s, wn, b))
    v.extend(_check_hinges(sessions, wn))
    return v


def _check_hinges(sessions: list[dict], wn: Any) -> list[Violation]:
    """Rule 43 (issue #12): hip hinges (deadlift patterns) on at most 2 days a week, with 48 h between."""
    catalog = load_catalog()
    days = sorted({s.get("day") for s in sessions for e in s.get("exercises") or []
                   if getattr(catalog.get(e.get("id", "")), "pattern", None) == "hinge"})
    if len(days) > 2:
        return [Violation(43, f"week {wn}: hip hinges on {len(days)} days {days} (at most 2 a week)")]
    if len(days) == 2 and isinstance(days[0], int) and (days[1] - days[0]) % 7 in (1, 6):
        return [Violation(43, f"week {wn}: hip hinges on consecutive days {days} (48 h between)")]
    return []


def _check_session(s: dict, wn: Any, b: Bounds) -> list[Violation]:
    v: list[Violation] = []
    p, d, kind = b.profile, s.get("day"), s.get("kind")
    if kind not in KINDS:
        v.append(Violation(1, f"week {wn} day {d}: kind {kind!r}"))
    mins = s.get("minutes")
    if not isinstance(mins, (int, float)) or mins <= 0:
        v.append(Violation(1, f"week {wn} day {d}: minutes {mins!r}"))
    elif mins > p.minutes_per_session:
        v.append(Violation(2, f"week {wn} day {d}: {mins} min > {p.minutes_per_session} min per session"))
    lab = label_of(s)
    if any(e.get("kind") == "hiit" for e in s.get("exercises") or []):
        kind, lab = "hiit", "vigorous"  # an interval exercise makes the session vigorous, whatever its label says
    if rank(lab) > rank(b.cap):
        v.append(Violation(3, f"week {wn} day {d}: {lab} above the plan's cap {b.cap}"))
    if rank(lab) > rank(b.allowed):
        v.append(Violation(4, f"week {wn} day {d}: {lab} above what screening allows ({b.allowed})"))
    if wn == 1 and p.is_beginner_or_inactive and (lab == "vigorous" or kind == "hiit"):
        v.append(Violation(5, f"week 1 day {d}: vigorous/HIIT for a beginner or inactive person"))
    v.extend(_check_heart_rate(s, p, wn))
    v.extend(_check_walking_label(s, lab, wn))
    for e in s.get("exercises") or []:
        v.extend(_check_exercise(e, p, b.have, wn, d))
    return v


def _check_walking_label(s: dict, lab: str, wn: Any) -> list[Violation]:
    """PLAN_RULES 38: a steady or mixed session whose cardio is all walking is moderate at most (kb-rpe-001,
    kb-hrr-001: brisk walking is RPE 5-6, under 60 % HRR), so it may not be labelled vigorous."""
    cardio = [e.get("id", "") for e in s.get("exercises") or [] if e.get("kind") == "aerobic"]
    if lab == "vigorous" and s.get("kind") in ("aerobic", "mixed") and cardio and all(map(moderate_at_most, cardio)):
        return [Violation(38, f"week {wn} day {s.get('day')}: labelled vigorous but its cardio is walking "
                              f"({', '.join(cardio)}), which is moderate")]
    return []


def _check_week_totals(week: dict, wn: Any, b: Bounds) -> list[Violation]:
    """PLAN_RULES 7 (full weeks) and 11 (balance for older adults, every week)."""
    v: list[Violation] = []
    p = b.profile
    if not week.get("deload"):
        v.extend(_check_strength(week, p, b.restricted, wn))
    if p.age >= OLDER_ADULT_AGE and not b.restricted:
        n_bal = sum(is_balance(s) for s in week.get("sessions") or [])
        if n_bal < min(3, p.days_per_week):
            v.append(Violation(11, f"week {wn}: balance work in {n_bal} sessions < {min(3, p.days_per_week)}"))
    return v


def _check_dose(weeks: list[dict], p: Profile, restricted: bool) -> list[Violation]:
    """PLAN_RULES 6: the aerobic dose of the last non-deload week."""
    full = [w for w in weeks if not w.get("deload")]
    if not full or restricted:
        return []
    need = aerobic_requirement(p) * built_share(full[-1], p)
    got = aerobic_minutes(full[-1])
    if got + 1e-9 < need:
        return [Violation(6, f"last full week has {got:g} moderate-equivalent aerobic minutes < {need:g}")]
    return []


def _check_citations(plan: dict, kb_lookup: Any) -> list[Violation]:
    """PLAN_RULES 14: at least two distinct citations, each resolving when a lookup is given."""
    v: list[Violation] = []
    ids = {c.get("id") for c in plan.get("citations") or [] if isinstance(c, dict)}
    if len(ids) < 2:
        v.append(Violation(14, f"{len(ids)} distinct citations < 2"))
    if kb_lookup is not None:
        for cid in ids:
            if kb_lookup(cid) is None:
                v.append(Violation(14, f"citation {cid} does not resolve"))
    return v


def _check_rationale(plan: dict) -> list[Violation]:
    """PLAN_RULES 15: a rationale of at least a couple of sentences."""
    rat = plan.get("rationale") or ""
    if not isinstance(rat, str) or len(re.findall(r"[.!?。！？]", rat)) < 2 or len(rat) < 60:
        return [Violation(15, "rationale must be at least a couple of plain sentences")]
    return []


def _check_target(safety: dict, p: Profile) -> list[Violation]:
    """PLAN_RULES 16: a target faster than the safe rate must be flagged with a weekly figure."""
    if p.target_weight_kg is None or not p.target_weeks:
        return []
    rate = abs(p.target_weight_kg - p.weight_kg) / p.target_weeks
    if rate > max_weekly_change_kg(p.weight_kg) + 1e-9:
        alerts = " ".join(str(a) for a in safety.get("alerts") or [])
        if not re.search(r"(per week|a week|/week|每周)", alerts) or not re.search(r"\d", alerts):
            return [Violation(16, f"target rate {rate:.2f} kg/week > 1% body weight is not flagged with a safe rate")]
    return []


def _check_heart_rate(s: dict, p: Profile, wn: int) -> list[Violation]:
    inten = s.get("intensity") or {}
    pct, bpm = inten.get("pct_hrr"), inten.get("hr_bpm")
    if not pct or not bpm or p.resting_hr is None:
        return []
    out = []
    hrmax_options = (208 - 0.7 * p.age, 220 - p.age, 207 - 0.7 * p.age)
    for pc, b in zip(pct, bpm):
        ok = any(abs(p.resting_hr + pc / 100 * (hm - p.resting_hr) - b) <= 6 for hm in hrmax_options)
        if not ok:
            out.append(Violation(12, f"week {wn} day {s.get('day')}: {b} bpm does not match {pc}% HRR"))
    return out


def _check_exercise(e: dict, p: Profile, have: set[str] | None, wn: int, d: Any) -> list[Violation]:
    out: list[Violation] = []
    name = str(e.get("name", ""))
    if has_sets(e) and sets_of(e) > 0 and "sets" in e and not isinstance(e.get("sets"), int):
        out.append(Violation(1, f"week {wn} day {d}: {name}: sets must be an integer"))
    eq = set(e.get("equipment") or [])
    if have is not None:
        missing = eq - have - {"none"}
        if missing:
            out.append(Violation(9, f"week {wn} day {d}: {name} needs {sorted(missing)}"))
        for item in sorted(name_implies(name) - have):
            out.append(Violation(9, f"week {wn} day {d}: the name {name!r} implies {item}"))
    for inj in p.injuries:
        pat = INJURY_WORDS.get(inj)
        if pat and pat.search(name + " " + str(e.get("id", "")).replace("_", " ")):
            out.append(Violation(10, f"week {wn} day {d}: {name} is unsafe with a {inj.replace('_', ' ')} injury"))
    return out


def _check_strength(week: dict, p: Profile, restricted: bool, wn: int) -> list[Violation]:
    if p.goal == "mobility" or restricted:
        return []
    need = 1 if p.days_per_week == 1 else 2
    res = [s for s in week.get("sessions", []) if is_resistance(s)]
    out = []
    if len(res) < need:
        out.append(Violation(7, f"week {wn}: {len(res)} resistance sessions < {need}"))
    covered: set[str] = set()
    for s in res:
        for e in s.get("exercises", []):
            if sets_of(e) >= 2:
                covered |= regions(set(e.get("muscle_groups") or []))
            elif has_sets(e):
                out.append(Violation(7, f"week {wn} day {s.get('day')}: {e.get('name')} has fewer than 2 sets"))
    if len(covered) < 3:
        out.append(Violation(7, f"week {wn}: resistance work covers {sorted(covered)} (< 3 of lower/push/pull/core)"))
    return out


def _check_recovery(weeks: list[dict]) -> list[Violation]:
    """PLAN_RULES 8, on the calendar: day 7 of a week and day 1 of the next are consecutive too."""
    out = []
    timeline: dict[int, tuple[int, int, set[str]]] = {}
    for wi, week in enumerate(weeks):
        for s in week.get("sessions", []):
            d = s.get("day")
            if isinstance(d, int):
                timeline[wi * 7 + d] = (wi + 1, d, loaded_groups(s))
    for t_, (wn, d, groups) in sorted(timeline.items()):
        nxt = timeline.get(t_ + 1)
        if nxt and groups & nxt[2]:
            out.append(Violation(8, f"week {wn} day {d} and week {nxt[0]} day {nxt[1]} both load "
                                    f"{sorted(groups & nxt[2])}"))
    return out
