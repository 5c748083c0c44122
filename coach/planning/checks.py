"""PLAN_RULES 19-30 (added after the expert review): hard stops, clearance, heart-rate zones, pregnancy, frequency,
knees, 80/20, balance time, youth, underweight targets, progression over time and evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coach.domain.limits import (BALANCE_BUDGET_SHARE, BALANCE_WEEKLY_MIN, ENDURANCE_VIGOROUS_SHARE, HIIT_MAX_MIN,
                                 OLDER_ADULT_AGE, YOUTH_BELOW_AGE, underweight_target, unsafe_weight_goal)
from coach.planning.measure import (AEROBIC_SHARE, balance_minutes, built_share, is_resistance, label_of, sets_of, top_rpe)
from coach.planning.names import FREQUENCY_AREAS
from coach.domain.profile import Profile
from coach.planning.schedule import week_load
from coach.safety.screening import Screening, rank

PREGNANCY_BARBELL = re.compile(r"barbell|deadlift|back squat|\bbb\b|smith", re.I)
CITED_IDS = re.compile(r"\[([A-Za-z0-9, _-]+)\]")
RULE29_MIN_WEEKS = 8  # progression over time is judged on long plans (`--weeks 12`)


@dataclass(frozen=True)
class Violation:
    """One broken rule: its PLAN_RULES number and what is wrong."""

    rule: int
    message: str

    def __str__(self) -> str:
        return f"rule {self.rule}: {self.message}"


@dataclass(frozen=True)
class Bounds:
    """What the profile and its screening allow, as the week checks need it."""

    profile: Profile
    screening: Screening
    cap: str  # the plan's own cap (light when missing or invalid)
    allowed: str  # the screening's cap
    restricted: bool  # a red flag or stage-2 BP: dose, strength and balance rules relax
    pending: bool  # clearance required: every session light, so the aerobic dose cannot be asked for (rule 20)
    have: set[str] | None  # the user's equipment; None means everything (gym)


def bp_walks_only(b: Bounds) -> bool:
    """Rule 74's case: stage-2 blood pressure awaiting clearance, easy walking only (template.bp_walks_only in the
    engine)."""
    return "stage2" in b.screening.flags and b.pending


def _sessions(weeks: list[dict]) -> list[tuple[Any, dict]]:
    return [(w.get("week"), s) for w in weeks for s in w.get("sessions") or []]


def _full_weeks(weeks: list[dict]) -> list[dict]:
    return [w for w in weeks if not w.get("deload")]


def _hard_stop(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """19: a red flag without recorded clearance → clearance_required and no sessions; 20: pending → all light."""
    v = []
    safety = plan.get("safety") or {}
    if "hard_stop" in b.screening.flags:
        if not safety.get("clearance_required"):
            v.append(Violation(19, "red flag without clearance but clearance_required is false"))
        n = sum(len(w.get("sessions") or []) for w in weeks)
        if n:
            v.append(Violation(19, f"red flag without clearance, yet {n} sessions are planned"))
    if safety.get("clearance_required") or b.pending:
        for wn, s in _sessions(weeks):
            if label_of(s) != "light":
                v.append(Violation(20, f"week {wn} day {s.get('day')}: {label_of(s)} while clearance is pending"))
    return v


def _heart_rate_and_pregnancy(weeks: list[dict], b: Bounds) -> list[Violation]:
    """21: no bpm zones where they do not apply; 22: no barbell lifts at RPE >= 7 in pregnancy."""
    v = []
    p = b.profile
    for wn, s in _sessions(weeks):
        if p.rpe_only and (s.get("intensity") or {}).get("hr_bpm"):
            v.append(Violation(21, f"week {wn} day {s.get('day')}: bpm zones for someone who needs RPE/talk test"))
        if "pregnancy" in p.conditions and top_rpe(s) >= 7:
            for e in s.get("exercises") or []:
                if "barbell" in (e.get("equipment") or []) or PREGNANCY_BARBELL.search(str(e.get("name", ""))):
                    v.append(Violation(22, f"week {wn} day {s.get('day')}: {e.get('name')} at RPE >= 7 in pregnancy"))
    return v


def _area_days(week: dict) -> dict[str, set[int]]:
    days: dict[str, set[int]] = {a: set() for a in FREQUENCY_AREAS}
    for s in week.get("sessions") or []:
        for e in s.get("exercises") or []:
            if sets_of(e) < 2:
                continue
            groups = set(e.get("muscle_groups") or [])
            for area, members in FREQUENCY_AREAS.items():
                if groups & members or "full_body" in groups:
                    days[area].add(s.get("day"))
    return days


def _frequency_and_knee(weeks: list[dict], b: Bounds) -> list[Violation]:
    """23: each area on >= 2 days when >= 2 strength sessions; 24: knee → quadriceps work every full week."""
    v = []
    for w in _full_weeks(weeks):
        sessions = w.get("sessions") or []
        days = _area_days(w)
        if sum(is_resistance(s) for s in sessions) >= 2:
            for area, on in days.items():
                if len(on) < 2:
                    v.append(Violation(23, f"week {w.get('week')}: {area} trained on {len(on)} day(s) < 2"))
        # rule 74 first: stage-2 blood pressure awaiting clearance gets easy walking only, no resistance exercise
        if "knee" in b.profile.injuries and sessions and not days["quadriceps"] and not bp_walks_only(b):
            v.append(Violation(24, f"week {w.get('week')}: no quadriceps work (>= 2 sets) with a knee problem"))
    return v


def _endurance(weeks: list[dict], b: Bounds) -> list[Violation]:
    """25: endurance → at most 30 % of aerobic minutes vigorous, and no hard cardio the day after heavy lifting."""
    if b.profile.goal != "endurance":
        return []
    v = []
    for w in _full_weeks(weeks):
        total = vig = 0.0
        hard_lift: set[int] = set()
        for s in w.get("sessions") or []:
            mins = AEROBIC_SHARE.get(s.get("kind"), 0.0) * float(s.get("minutes") or 0)
            total += mins
            vig += mins if label_of(s) == "vigorous" else 0.0
            if s.get("kind") == "strength" and label_of(s) == "vigorous":
                hard_lift.add(s.get("day"))
        if total and vig / total > ENDURANCE_VIGOROUS_SHARE + 1e-9:
            v.append(Violation(25, f"week {w.get('week')}: {vig / total:.0%} of aerobic minutes vigorous > 30%"))
        for s in w.get("sessions") or []:
            if s.get("kind") in ("aerobic", "hiit") and label_of(s) == "vigorous" and \
                    isinstance(s.get("day"), int) and (s["day"] - 1) in hard_lift:
                v.append(Violation(25, f"week {w.get('week')} day {s['day']}: vigorous cardio after heavy lifting"))
    return v


def _older_balance(weeks: list[dict], b: Bounds) -> list[Violation]:
    """26: older adults' balance minutes in the last full week >= min(60, 20 % of the weekly budget)."""
    p = b.profile
    full = _full_weeks(weeks)
    if p.age < OLDER_ADULT_AGE or b.restricted or not full or not full[-1].get("sessions"):
        return []
    need = min(BALANCE_WEEKLY_MIN, BALANCE_BUDGET_SHARE * p.days_per_week * p.minutes_per_session) \
        * built_share(full[-1], p)
    got = balance_minutes(full[-1])
    return [Violation(26, f"balance {got:g} min < {need:g} in the last full week")] if got + 1e-9 < need else []


def _passage_tags(cid: str, kb_lookup: Any) -> set[str] | None:
    passage = kb_lookup(cid) if kb_lookup is not None else None
    tags = getattr(passage, "tags", None)
    return set(tags) if tags is not None else None


def _youth_and_targets(plan: dict, b: Bounds, kb_lookup: Any) -> list[Violation]:
    """27: youth → a youth passage cited and any weight-loss target flagged; 28: targets below BMI 18.5 flagged."""
    v = []
    p = b.profile
    alerts = " ".join(str(a) for a in (plan.get("safety") or {}).get("alerts") or [])
    cites = [c for c in plan.get("citations") or [] if isinstance(c, dict)]
    if p.age < YOUTH_BELOW_AGE:
        def youth(c: dict) -> bool:
            tags = _passage_tags(str(c.get("id")), kb_lookup)
            if tags is not None:
                return any(t_.startswith("plan:youth") for t_ in tags)
            return "youth" in str(c.get("id")) or any("youth" in f for f in c.get("for") or [])
        if not any(youth(c) for c in cites):
            v.append(Violation(27, "no youth passage cited for someone under 18"))
        if p.target_weight_kg is not None and p.target_weight_kg < p.weight_kg and \
                not re.search(r"weight|体重", alerts, re.I):
            v.append(Violation(27, "a teenager's weight-loss target is not flagged"))
    why = unsafe_weight_goal(p.age, p.sex, p.height_cm, p.weight_kg, p.goal, p.target_weight_kg)
    if why and plan.get("goal") == "fat_loss":
        v.append(Violation(27 if why == "youth" else 28, "an unsafe weight goal is still planned as fat loss"))
    if underweight_target(p.height_cm, p.target_weight_kg) and not re.search(r"18\.5|underweight|偏瘦|过低", alerts):
        v.append(Violation(28, f"target {p.target_weight_kg:g} kg is below BMI 18.5 and not flagged"))
    return v


def _progression(weeks: list[dict], b: Bounds) -> list[Violation]:
    """29: on long plans, the last full week carries more load than week 2 (schedule.week_load).

    Not while clearance is pending: kb-clearance-001 says not to start a training programme, so the plan repeats a
    light week until the person is cleared (checked by rule 33)."""
    full = _full_weeks(weeks)
    if b.pending or len(weeks) < RULE29_MIN_WEEKS or not any(w.get("sessions") for w in weeks) or len(full) < 3:
        return []
    p = b.profile
    if "pregnancy" in p.conditions and p.currently_active is True and not p.is_beginner_or_inactive:
        return []  # rule 90: an active, trained pregnant woman keeps her fitness (kb-pregnancy-001/-005), minutes held
    first, last = week_load(weeks[1]), week_load(full[-1])
    if last > first or _no_room(weeks[1], full[-1], b):
        return []
    return [Violation(29, f"load of the last full week {last:g} <= week 2's {first:g}")]


def _no_room(early: dict, week: dict, b: Bounds) -> bool:
    """Whether load can no longer rise: every session at the person's length (an interval session at its own
    HIIT_MAX_MIN) and at the same or a higher intensity than in week 2 (the cap or the session's kind allow no
    further step; added sets no longer fit the minutes, rule 37: a harder label, a loaded variation or heavier
    repetitions take the time more sets would)."""
    sessions, before = week.get("sessions") or [], early.get("sessions") or []
    full = min(b.profile.minutes_per_session, HIIT_MAX_MIN)
    return bool(sessions) and len(sessions) == len(before) and all(
        float(s.get("minutes") or 0) >= (full if s.get("kind") == "hiit" else b.profile.minutes_per_session)
        for s in sessions) and all(rank(label_of(s)) >= rank(label_of(x)) for s, x in zip(sessions, before))


def _evidence(plan: dict, kb_lookup: Any) -> list[Violation]:
    """30: every citation supports what it is cited for (the passage carries the topic's tag)."""
    v = []
    cites = {str(c.get("id")): c for c in plan.get("citations") or [] if isinstance(c, dict)}
    for cid, c in cites.items():
        tags = _passage_tags(cid, kb_lookup)
        for topic in c.get("for") or []:
            if tags is not None and f"plan:{topic}" not in tags:
                v.append(Violation(30, f"{cid} is cited for {topic} but does not cover it"))
    for rc in (plan.get("safety") or {}).get("reason_citations") or []:
        tags = _passage_tags(str(rc.get("id")), kb_lookup)
        if tags is not None and f"plan:{rc.get('for')}" not in tags:
            v.append(Violation(30, f"{rc.get('id')} does not cover the reason it supports ({rc.get('for')})"))
    for group in CITED_IDS.findall(str(plan.get("rationale") or "")):
        for cid in (x.strip() for x in group.split(",")):
            if cid.startswith("kb-") and cid not in cites:
                v.append(Violation(30, f"the rationale cites {cid}, which is not among the citations"))
    return v


def check_new_rules(plan: dict, weeks: list[dict], b: Bounds, kb_lookup: Any) -> list[Violation]:
    """PLAN_RULES 19-30."""
    return (_hard_stop(plan, weeks, b) + _heart_rate_and_pregnancy(weeks, b) + _frequency_and_knee(weeks, b)
            + _endurance(weeks, b) + _older_balance(weeks, b) + _youth_and_targets(plan, b, kb_lookup)
            + _progression(weeks, b) + _evidence(plan, kb_lookup))
