"""The weekly template: FITT-VP choices per goal and level, session kinds, their days and their focus."""
from __future__ import annotations

import itertools
import math

from coach.domain.limits import (ENDURANCE_VIGOROUS_SHARE, HIIT_MAX_MIN, MODERATE_EQUIVALENT, OTHER_GOAL_AEROBIC_MIN,
                                 WEEKLY_AEROBIC_TARGET_MIN, YOUTH_STRENGTH_DAYS)
from coach.domain.profile import Profile
from coach.planning.context import Context, Slot
from coach.planning.asked import asked_days
from coach.safety.screening import lower, rank

FACTOR = MODERATE_EQUIVALENT  # moderate-equivalent minutes per minute at each intensity
AEROBIC_GOALS = ("fat_loss", "endurance", "general_health")
# conditions for which aerobic exercise is itself the treatment (kb-hypertension-001, kb-diabetes, kb-pregnancy-001,
# kb-copd-001, kb-cvd, kb-lower-back-003): the sessions carry more of the 150 minutes, the walks the rest
# (not osteoporosis: there resistance work is the treatment, kb-osteoporosis-001; the walks bring its cardio)
AEROBIC_TREATMENT = {"hypertension", "type2_diabetes", "pregnancy", "copd", "heart_disease", "osteoarthritis",
                     "stroke", "atrial_fibrillation"}
TREATMENT_SHARE = 0.6  # of the weekly time budget (rather than half) goes to cardio
LONG_EASY_SHARE = 0.75  # endurance: the other steady sessions at this share of the length, so the long one stands out
RESISTANCE = ("strength", "mixed")
LIFTER_DAYS = 5  # a trained lifter offered 5 days lifts on all 5 (upper/lower), with cardio as a short add-on
LIFTER_LAYOUT = [1, 2, 4, 5, 7]  # lower Mon and Thu, upper Tue, Fri and Sun (template._upper_lower_week)
DAY_LAYOUT = {1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 5, 6], 6: [1, 2, 3, 4, 5, 6],
              7: [1, 2, 3, 4, 5, 6, 7]}


def aerobic_requirement(p: Profile) -> float:
    """PLAN_RULES 6: moderate-equivalent minutes the last full week must reach (half the budget the person gave,
    also when rule 82's rest day took a session away: the other sessions carry it, as mixed sessions)."""
    budget = asked_days(p) * p.minutes_per_session
    if p.goal in AEROBIC_GOALS:
        return min(WEEKLY_AEROBIC_TARGET_MIN, budget / 2)
    return min(OTHER_GOAL_AEROBIC_MIN, budget / 4)


def aerobic_aim(p: Profile) -> float:
    """What the engine aims the sessions' cardio at: rule 6's requirement, or more of the budget where aerobic
    exercise is the treatment (the walks on other days bring the rest)."""
    if p.goal in AEROBIC_GOALS and (AEROBIC_TREATMENT & set(p.conditions) or "lower_back" in p.injuries):
        return min(WEEKLY_AEROBIC_TARGET_MIN, p.days_per_week * p.minutes_per_session * TREATMENT_SHARE)
    return aerobic_requirement(p)


def hiit_minutes(m: int) -> int:
    """An interval session's length within an m-minute budget."""
    return min(m, HIIT_MAX_MIN)


def aerobic_dose(kinds: list[str], labels: list[str], m: int, shares: list[float] | None = None) -> float:
    """Moderate-equivalent minutes of a week where every session lasts m minutes (times its share, PLAN_RULES 6)."""
    total = 0.0
    for i, (kind, label) in enumerate(zip(kinds, labels)):
        if kind == "aerobic":
            total += m * (shares[i] if shares else 1.0) * FACTOR[label]
        elif kind == "hiit":
            total += hiit_minutes(m) * FACTOR[label]
        elif kind == "mixed":
            total += 0.5 * m * FACTOR[label]
    return total


def vigorous_share(kinds: list[str], labels: list[str], m: int) -> float:
    """The share of aerobic minutes that is vigorous (mixed sessions count half), PLAN_RULES 25."""
    total = vig = 0.0
    for kind, label in zip(kinds, labels):
        mins = {"aerobic": m, "hiit": hiit_minutes(m), "mixed": 0.5 * m}.get(kind, 0.0)
        total += mins
        vig += mins if label == "vigorous" else 0.0
    return vig / total if total else 0.0


def shortened(minutes: int, share: float) -> int:
    """A steady session cut to `share` of its length, in whole 5 minutes (never below 10)."""
    return max(10, 5 * math.floor(minutes * share / 5))


def strength_minutes(sets: int, rest_s: int) -> float:
    """Estimated minutes one strength exercise takes (45 s a set plus rest, and a changeover)."""
    return sets * (45 + rest_s) / 60 + 0.5


# ------------------------------------------------------------------------------------------- session kinds


def layout(ctx: Context) -> list[int]:
    """The training days: the usual layout, or for teenagers one that fits 3 strength days apart (1, 3, 5 ...)."""
    d = ctx.p.days_per_week
    days = DAY_LAYOUT[d] if not (_trained_lifter(ctx) and d == LIFTER_DAYS) else LIFTER_LAYOUT
    if ctx.youth and max_apart(days) < min(d, YOUTH_STRENGTH_DAYS):
        days = sorted([1, 3, 5] + [x for x in (6, 7, 2, 4) if x not in (1, 3, 5)][:d - 3])
    return days


def max_apart(days: list[int]) -> int:
    """The most of `days` that can be chosen with no two consecutive (Sunday-Monday included)."""
    return max(n for n in range(1, len(days) + 1)
               if any(not any(adjacent(a, b) for a, b in itertools.combinations(c, 2))
                      for c in itertools.combinations(days, n)))


def _resistance_count(ctx: Context, d: int) -> int:
    goal = ctx.p.goal
    if ctx.youth and goal != "mobility":  # WHO: 3 days a week; kb-youth-strength-003: on non-consecutive days
        return min(d, YOUTH_STRENGTH_DAYS, max_apart(layout(ctx)))
    if ctx.frail:  # the chair-based full-body programme on at least 2 days (kb-falls-001), never two days running
        return max(min(d, 2), min(_goal_resistance(goal, d), max_apart(layout(ctx))))
    if ctx.has("osteoporosis"):  # kb-osteoporosis-001: resistance training at least 2 days a week
        return max(min(d, 2), _goal_resistance(goal, d))
    if ctx.endurance_athlete:  # kb-concurrent-001: endurance is the priority, lifting kept short: twice a week
        return min(d, 2)
    if _trained_lifter(ctx) and d == LIFTER_DAYS:  # 5 lifting days (upper/lower), cardio as a short add-on
        return LIFTER_DAYS
    return _goal_resistance(goal, d)


def _trained_lifter(ctx: Context) -> bool:
    """Trained adults under 65 building muscle, active, nothing pending (lifters.is_lifter, which this module cannot
    import): with 5 or more days they lift on 5 (kb-frequency-001, kb-hypertrophy-001: volume spread over the week)."""
    return (ctx.p.goal == "muscle_gain" and ctx.level in ("intermediate", "advanced") and ctx.p.currently_active is not
            False and not (ctx.older or ctx.youth or ctx.frail) and not ctx.has("pregnancy")
            and not ctx.s.clearance_required and not ctx.s.restricted)


def _goal_resistance(goal: str, d: int) -> int:
    if goal == "muscle_gain":
        return min(d, 4)
    if goal == "mobility":
        return 1 if d <= 2 else 2
    if goal == "fat_loss":
        return min(d, 3 if d >= 5 else 2)
    return min(d, 3 if d >= 6 else 2)


def _hiit_ok(ctx: Context, kinds: list[str]) -> bool:
    """One vigorous interval session for trained people who may go vigorous and whose goal calls for it."""
    return (rank(ctx.cap) >= rank("vigorous") and not ctx.beginner and not ctx.older
            and ctx.p.goal in ("fat_loss", "endurance") and kinds.count("aerobic") >= 2
            and not ctx.low_impact and not ctx.s.flags & {"pregnancy", "rpe_only"})


def bp_walks_only(ctx: Context) -> bool:
    """Resting blood pressure at 160/100 or above (stage 2) and not yet cleared: kb-hypertension-001 says to get a
    medical evaluation and bring it under control before starting an exercise programme, so until then the plan is
    easy walking only, no strength block (review 9: lifting sessions beside the plan's own 'see a doctor first')."""
    return ctx.has("stage2") and ctx.s.clearance_required and not ctx.has("hard_stop")


def _base_kinds(ctx: Context) -> list[str]:
    """Resistance sessions first, then the filler kind; mixed sessions where time or goal call for them."""
    p, d, m = ctx.p, ctx.p.days_per_week, ctx.p.minutes_per_session
    if bp_walks_only(ctx):
        return ["aerobic"] * d
    n_res = _resistance_count(ctx, d)
    filler = "mobility" if p.goal == "mobility" else "aerobic"
    kinds = ["strength"] * n_res + [filler] * (d - n_res)
    if p.goal == "mobility" or d == 1 or (p.goal == "fat_loss" and d * m < 300) or (p.goal == "endurance" and m >= 40):
        kinds = ["mixed" if k == "strength" else k for k in kinds]
    if ctx.bridge:  # clearance pending: light minutes count half, so every lifting session carries its walk (rule 6)
        kinds = ["mixed" if k == "strength" else k for k in kinds]
    if _hiit_ok(ctx, kinds):
        kinds[kinds.index("aerobic")] = "hiit"
    return kinds


def _label_for(ctx: Context, kind: str, aero_label: str) -> str:
    if kind == "hiit":
        return "vigorous"
    if kind == "mobility":
        return lower(ctx.cap, "light")
    if kind in RESISTANCE:
        top = "vigorous" if (ctx.level in ("intermediate", "advanced") or ctx.youth
                             or rank(ctx.cap) > rank(ctx.first_cap)) else "moderate"
        if ctx.s.flags & {"pregnancy"} or (kind == "mixed" and ctx.p.goal == "endurance"):
            top = "moderate"  # no heavy lifting in pregnancy; endurance keeps its hard minutes for intervals
        if "no_heavy_lifting" in ctx.s.flags:  # light loads; a mixed session's cardio keeps its own effort
            top = "light" if kind == "strength" else lower(top, "moderate")
        return lower(ctx.cap, top)
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


def _dose_labels(ctx: Context, kinds: list[str], labels: list[str]) -> list[str]:
    """The labels the aerobic dose may count on: the first block's, and a mixed session's cardio moderate at most."""
    return [lower(lab, lower(ctx.first_cap, "moderate") if k == "mixed" else ctx.first_cap)
            for k, lab in zip(kinds, labels)]


def choose_kinds(ctx: Context) -> tuple[list[str], list[str]]:
    """Session kinds and labels for the week, by goal, screening and budget (before placement on days)."""
    p, d, m = ctx.p, ctx.p.days_per_week, ctx.p.minutes_per_session
    aero_label = lower(ctx.cap, "moderate")
    res_req = 0 if p.goal == "mobility" else (1 if d == 1 else 2)
    kinds = _base_kinds(ctx)
    labels = [_label_for(ctx, k, aero_label) for k in kinds]
    if p.goal == "endurance" and "hiit" in kinds and vigorous_share(kinds, labels, m) > ENDURANCE_VIGOROUS_SHARE:
        i = kinds.index("hiit")  # 80/20: the interval session would make too much of the week hard
        kinds[i], labels[i] = "aerobic", aero_label
    need = aerobic_aim(p)
    # the dose must hold from the first block, whose labels are capped lower (weeks build over the 12-week horizon);
    # a mixed session's cardio counts as moderate: it may be walking, which never turns vigorous (names.moderate_at_most)
    while aerobic_dose(kinds, _dose_labels(ctx, kinds, labels), m) < need and _convert_one(kinds, labels, p.goal, aero_label, res_req):
        labels = [lab if k not in RESISTANCE else _label_for(ctx, k, aero_label) for k, lab in zip(kinds, labels)]
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
    """Isolated resistance days are full-body (A/B alternating); adjacent runs alternate lower/upper.

    With two or more resistance days this trains legs, hips, pushing and pulling on at least two days each
    (PLAN_RULES 23) while no muscle group works two days running (rule 8).
    """
    res_days = [s.day for s in ordered if s.kind in RESISTANCE]
    full_count = 0
    for s in ordered:
        if s.kind not in RESISTANCE:
            continue
        if not [r for r in res_days if r != s.day and adjacent(r, s.day)]:
            s.focus = "full_a" if full_count % 2 == 0 else "full_b"
            full_count += 1
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
    _upper_lower_week(res_days, slots)


def _upper_lower_week(res_days: list[int], slots: dict[int, Slot]) -> None:
    """A trained lifter's 5 lifting days (LIFTER_LAYOUT: Mon, Tue, Thu, Fri, Sun) split upper and lower: the upper
    body on 3 days, the legs and hips on 2, 48 h or more apart (kb-frequency-001, rule 23); no two neighbouring days
    share a focus (rule 8), and each lower day comes before the upper days next to it, so its squats and deadlifts
    are chosen first and the upper days keep their rows off the lower back and hips. The short cardio add-ons
    (mixed sessions) go to upper days, where they leave the legs fresh for their own days (kb-concurrent-001)."""
    if len(res_days) != LIFTER_DAYS:
        return
    for lows in itertools.combinations(sorted(res_days), 2):
        focus = {d: "lower" if d in lows else "upper" for d in res_days}
        pairs = [(a, b) for a, b in itertools.combinations(sorted(res_days), 2) if adjacent(a, b)]
        if all(focus[a] != focus[b] for a, b in pairs) and all(
                min(a, b) in lows for a, b in pairs):
            break
    else:
        return
    # each kind moves with its own label (a lifting limit keeps strength light while a mixed session's cardio is not)
    kinds = sorted(((slots[d].kind, slots[d].label) for d in res_days), key=lambda k: k[0] != "mixed")
    ups = [d for d in sorted(res_days) if focus[d] == "upper"]
    for d in ups + [d for d in sorted(res_days) if d not in ups]:
        slots[d].focus, (slots[d].kind, slots[d].label) = focus[d], kinds.pop(0)


def _hard_day(slot: Slot) -> bool:
    return slot.kind in RESISTANCE and slot.label == "vigorous"


def place(kinds: list[str], labels: list[str], days: list[int]) -> list[Slot]:
    """Resistance on days with the fewest adjacent pairs; intervals never the day after heavy lifting."""
    res_idx = [i for i, k in enumerate(kinds) if k in RESISTANCE]
    other_idx = [i for i, k in enumerate(kinds) if k not in RESISTANCE]
    best = _resistance_days(days, len(res_idx))
    slots: dict[int, Slot] = {}
    for day, i in zip(best, res_idx):
        slots[day] = Slot(day=day, kind=kinds[i], label=labels[i])
    free = [d for d in days if d not in slots]
    hard = [d for d, s in slots.items() if _hard_day(s)]
    order = sorted(other_idx, key=lambda i: 0 if kinds[i] == "hiit" else 1)
    for i in order:
        kind, label = kinds[i], labels[i]
        if kind == "hiit":
            after_hard = {d for d in free if any(adjacent(d, h) and (d - h) % 7 == 1 for h in hard)}
            ok = [d for d in free if d not in after_hard] or free
            day = min(ok, key=lambda d: (sum(adjacent(d, r) for r in best), d))
            if day in after_hard:  # nowhere else: the intervals become a steady session
                kind, label = "aerobic", lower(label, "moderate")
        else:
            day = free[0]
        free.remove(day)
        slots[day] = Slot(day=day, kind=kind, label=label)
    ordered = [slots[d] for d in sorted(slots)]
    _set_focus(ordered, slots)
    return ordered


def mark_long_easy(ctx: Context, slots: list[Slot]) -> None:
    """Endurance: the last steady aerobic session of the week is the long easy one (80/20, kb-endurance-001); the
    other steady sessions are shorter so that it really is the longest, when the aerobic dose still holds (otherwise
    no session is called long)."""
    if ctx.p.goal != "endurance" or ctx.bridge:  # pending clearance: every light walk as long as rule 33 allows
        return
    steady = [s for s in slots if s.kind == "aerobic"]
    if len(steady) < 2 or ctx.p.minutes_per_session < 30 or ctx.older:  # older: balance blocks share the session
        return
    m = ctx.p.minutes_per_session
    short = shortened(m, LONG_EASY_SHARE) / m
    shares = [short if s.kind == "aerobic" and s is not steady[-1] else 1.0 for s in slots]
    labels = [lower(s.label, ctx.first_cap) for s in slots]
    if aerobic_dose([s.kind for s in slots], labels, m, shares) < aerobic_requirement(ctx.p) + 5:
        return
    for s, share in zip(slots, shares):
        s.share = share
    steady[-1].long_easy = True
    steady[-1].label = lower(steady[-1].label, "moderate")
