"""The weekly template: FITT-VP choices per goal and level, session kinds, their days, and the weekly ramp."""
from __future__ import annotations

import itertools
import math

from coach.domain.limits import (HIIT_MAX_MIN, MODERATE_EQUIVALENT, OTHER_GOAL_AEROBIC_MIN,
                                 WEEKLY_AEROBIC_TARGET_MIN)
from coach.planning.context import Context, Slot
from coach.domain.profile import Profile
from coach.safety.screening import lower, rank

FACTOR = MODERATE_EQUIVALENT  # moderate-equivalent minutes per minute at each intensity
AEROBIC_GOALS = ("fat_loss", "endurance", "general_health")
RESISTANCE = ("strength", "mixed")
DAY_LAYOUT = {1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 5, 6], 6: [1, 2, 3, 4, 5, 6],
              7: [1, 2, 3, 4, 5, 6, 7]}


def aerobic_requirement(p: Profile) -> float:
    """PLAN_RULES 6: moderate-equivalent minutes the last full week must reach."""
    budget = p.days_per_week * p.minutes_per_session
    if p.goal in AEROBIC_GOALS:
        return min(WEEKLY_AEROBIC_TARGET_MIN, budget / 2)
    return min(OTHER_GOAL_AEROBIC_MIN, budget / 4)


def hiit_minutes(m: int) -> int:
    """An interval session's length within an m-minute budget."""
    return min(m, HIIT_MAX_MIN)


def aerobic_dose(kinds: list[str], labels: list[str], m: int) -> float:
    """Moderate-equivalent minutes of a week where every session lasts m minutes."""
    total = 0.0
    for kind, label in zip(kinds, labels):
        if kind == "aerobic":
            total += m * FACTOR[label]
        elif kind == "hiit":
            total += hiit_minutes(m) * FACTOR[label]
        elif kind == "mixed":
            total += 0.5 * m * FACTOR[label]
    return total


def strength_scheme(ctx: Context) -> dict:
    """Sets, reps, rest and RPE by training status (ACSM: 2-4 sets of 8-12; 10-15 for beginners and older adults)."""
    if ctx.level == "beginner":
        return {"sets": [2, 3, 3], "reps": "10-15", "rest_s": 60, "deload_sets": 2}
    if ctx.level == "intermediate":
        return {"sets": [3, 3, 3], "reps": "8-12", "rest_s": 90, "deload_sets": 2}
    return {"sets": [3, 3, 4], "reps": "8-12" if ctx.p.goal != "muscle_gain" else "6-12", "rest_s": 120,
            "deload_sets": 2}


def strength_minutes(sets: int, rest_s: int) -> float:
    """Estimated minutes one strength exercise takes (45 s a set plus rest, and a changeover)."""
    return sets * (45 + rest_s) / 60 + 0.5


# ------------------------------------------------------------------------------------------- session kinds


def _resistance_count(goal: str, d: int) -> int:
    if goal == "muscle_gain":
        return min(d, 4)
    if goal == "mobility":
        return 1 if d <= 2 else 2
    if goal == "fat_loss":
        return min(d, 3 if d >= 5 else 2)
    return min(d, 3 if d >= 6 else 2)


def _base_kinds(ctx: Context) -> list[str]:
    """Resistance sessions first, then the filler kind; mixed sessions where time or goal call for them."""
    p, d, m = ctx.p, ctx.p.days_per_week, ctx.p.minutes_per_session
    n_res = _resistance_count(p.goal, d)
    filler = "mobility" if p.goal == "mobility" else "aerobic"
    kinds = ["strength"] * n_res + [filler] * (d - n_res)
    if p.goal == "mobility" or d == 1 or (p.goal == "fat_loss" and d * m < 300) or (p.goal == "endurance" and m >= 40):
        kinds = ["mixed" if k == "strength" else k for k in kinds]
    # one vigorous interval session for trained people who may go vigorous
    hiit_ok = (rank(ctx.cap) >= rank("vigorous") and not ctx.beginner and not ctx.older
               and p.goal in ("fat_loss", "endurance") and kinds.count("aerobic") >= 2
               and not ctx.low_impact and not ctx.s.flags & {"pregnancy"})
    if hiit_ok:
        kinds[kinds.index("aerobic")] = "hiit"
    return kinds


def _label_for(ctx: Context, kind: str, aero_label: str) -> str:
    if kind == "hiit":
        return "vigorous"
    if kind in RESISTANCE:
        return lower(ctx.cap, "vigorous" if ctx.level in ("intermediate", "advanced") and not ctx.beginner
                     else "moderate")
    if kind == "mobility":
        return "light"
    return aero_label


def _convert_one(kinds: list[str], labels: list[str], goal: str, aero_label: str, res_req: int) -> bool:
    """Turn one session toward aerobic work (extra mobility, then strength → mixed, ...); False when none can."""
    for i, k in enumerate(kinds):
        if k == "mobility" and kinds.count("mobility") > (1 if goal == "mobility" else 0):
            kinds[i], labels[i] = "aerobic", aero_label
            return True
    for i, k in enumerate(kinds):
        if k == "strength":
            kinds[i] = "mixed"
            return True
    for i, k in enumerate(kinds):
        if k == "mobility":
            kinds[i], labels[i] = "aerobic", aero_label
            return True
    n_resist = sum(k in RESISTANCE for k in kinds)
    for i, k in enumerate(kinds):
        if k == "mixed" and n_resist > res_req:
            kinds[i], labels[i] = "aerobic", aero_label
            return True
    return False


def choose_kinds(ctx: Context) -> tuple[list[str], list[str]]:
    """Session kinds and labels for the week, by goal, screening and budget (before placement on days)."""
    p, d, m = ctx.p, ctx.p.days_per_week, ctx.p.minutes_per_session
    if ctx.s.restricted:  # red flag or stage 2: gentle aerobic, mobility and balance only, until cleared
        kinds = [("aerobic" if i % 2 == 0 else ("balance" if ctx.older else "mobility")) for i in range(d)]
        return kinds, [lower(ctx.cap, "light")] * d
    aero_label = lower(ctx.cap, "moderate")
    res_req = 0 if p.goal == "mobility" else (1 if d == 1 else 2)
    kinds = _base_kinds(ctx)
    labels = [_label_for(ctx, k, aero_label) for k in kinds]
    need = aerobic_requirement(p)
    while aerobic_dose(kinds, labels, m) < need and _convert_one(kinds, labels, p.goal, aero_label, res_req):
        pass
    return kinds, labels


# ------------------------------------------------------------------------------------------- days


def adjacent(a: int, b: int) -> bool:
    """Consecutive days of the week (Sunday and Monday too)."""
    return abs(a - b) == 1 or {a, b} == {1, 7}


def _resistance_days(days: list[int], n: int) -> tuple[int, ...]:
    """The n days with the fewest adjacent pairs (the first such combination)."""
    best: tuple[int, ...] = tuple(days[:n])
    best_cost = None
    for combo in itertools.combinations(days, n):
        cost = sum(adjacent(a, b) for a, b in itertools.combinations(combo, 2))
        if best_cost is None or cost < best_cost:
            best, best_cost = combo, cost
    return best


def _set_focus(ordered: list[Slot], slots: dict[int, Slot]) -> None:
    """Isolated resistance days are full-body (A/B alternating); adjacent runs alternate lower/upper."""
    res_days = [s.day for s in ordered if s.kind in RESISTANCE]
    full_count = 0
    for s in ordered:
        if s.kind not in RESISTANCE:
            continue
        if not [r for r in res_days if r != s.day and adjacent(r, s.day)]:
            s.focus = "full_a" if full_count % 2 == 0 else "full_b"
            full_count += 1
    # 2-colour each run of adjacent resistance days
    seen: set[int] = set()
    for s in ordered:
        if s.kind not in RESISTANCE or s.day in seen:
            continue
        run, stack = [], [s.day]
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            run.append(d)
            stack.extend(r for r in res_days if r not in seen and adjacent(r, d))
        if len(run) > 1:
            for j, d in enumerate(sorted(run)):
                slots[d].focus = "lower" if j % 2 == 0 else "upper"


def place(kinds: list[str], labels: list[str], days: list[int]) -> list[Slot]:
    """Put resistance sessions on days with the fewest adjacent pairs, then the rest in order."""
    res_idx = [i for i, k in enumerate(kinds) if k in RESISTANCE]
    other_idx = [i for i, k in enumerate(kinds) if k not in RESISTANCE]
    best = _resistance_days(days, len(res_idx))
    slots: dict[int, Slot] = {}
    for day, i in zip(best, res_idx):
        slots[day] = Slot(day=day, kind=kinds[i], label=labels[i])
    free = [d for d in days if d not in slots]
    # spread hiit away from other hard days: put it on the free day with the fewest resistance neighbours
    order = sorted(other_idx, key=lambda i: 0 if kinds[i] == "hiit" else 1)
    for i in order:
        if kinds[i] == "hiit":
            day = min(free, key=lambda d: (sum(adjacent(d, r) for r in best), d))
        else:
            day = free[0]
        free.remove(day)
        slots[day] = Slot(day=day, kind=kinds[i], label=labels[i])
    ordered = [slots[d] for d in sorted(slots)]
    _set_focus(ordered, slots)
    return ordered


# ------------------------------------------------------------------------------------------- weeks


def week_factors(weeks: int, beginner: bool) -> list[tuple[float, bool]]:
    """(minutes factor, deload) per week: ramp up to full by week 3, a lighter 4th week in every block."""
    ramp = [0.8, 0.9] if beginner else [0.9, 0.95]  # 0.8 x 1.25 = 1: the full week stays within the 25 % ramp
    out: list[tuple[float, bool]] = []
    for w in range(1, weeks + 1):
        deload = weeks >= 4 and w % 4 == 0
        if deload:
            out.append((0.8, True))
        elif w <= 2:
            out.append((ramp[w - 1], False))
        else:
            out.append((1.0, False))
    # the last non-deload week is the one the doses are measured on: it gets the full budget
    last = max(i for i, (_, d) in enumerate(out) if not d)
    out[last] = (1.0, False)
    return out


def session_minutes(m: int, factor: float) -> int:
    """Scaled session length, rounded up to 5 minutes (never below 10 or above the budget)."""
    if factor >= 1.0:
        return m
    return max(10, min(m, 5 * math.ceil(m * factor / 5)))
