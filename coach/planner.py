"""The FITT-VP engine: a profile and its screening in, a validated multi-week plan (CONTRACTS.md) out.

Numbers come from rules here, never from a model. The weekly template (which days, which kinds, which
exercises) is built once; weeks then vary minutes, sets and effort (ramp, progression, deload).
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from coach.i18n import t
from coach.profile import Profile
from coach.screening import LEVELS, Screening, lower, rank, screen
from coach.validate import name_implies
from knowledge.catalog import EQUIPMENT as EQUIPMENT_ALL
from knowledge.catalog import Exercise, options

# ACSM intensity bands (Guidelines 11th ed.): %HRR and RPE on the 0-10 scale (WHO 2020: moderate 5-6, vigorous 7-8)
INTENSITY: dict[str, dict[str, list[int]]] = {
    "light": {"rpe": [3, 4], "pct_hrr": [30, 39]},
    "moderate": {"rpe": [5, 6], "pct_hrr": [40, 59]},
    "vigorous": {"rpe": [7, 8], "pct_hrr": [60, 80]},
}
FACTOR = {"light": 0.5, "moderate": 1.0, "vigorous": 2.0}
AEROBIC_GOALS = ("fat_loss", "endurance", "general_health")
DAY_LAYOUT = {1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 5, 6], 6: [1, 2, 3, 4, 5, 6],
              7: [1, 2, 3, 4, 5, 6, 7]}
EXEMPT_GROUPS = {"core", "calves"}
MAX_WEEKS = 12

# Slot recipes: (region, preferred patterns in order). Full-body A/B alternate; splits when days are adjacent.
RECIPES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "full_a": [("lower", ("squat", "lunge", "bridge")), ("push", ("horizontal_push", "vertical_push")),
               ("pull", ("horizontal_pull", "vertical_pull", "rear_delt")), ("lower", ("hinge", "bridge", "lunge")),
               ("core", ("anti_extension", "anti_rotation", "anti_lateral_flexion")),
               ("push", ("vertical_push", "chest_fly", "triceps")), ("pull", ("vertical_pull", "rear_delt", "biceps")),
               ("lower", ("calf", "lunge", "hip_abduction"))],
    "full_b": [("lower", ("hinge", "bridge", "lunge")), ("pull", ("vertical_pull", "horizontal_pull", "rear_delt")),
               ("push", ("vertical_push", "horizontal_push")), ("lower", ("lunge", "squat", "bridge")),
               ("core", ("anti_rotation", "anti_lateral_flexion", "anti_extension")),
               ("pull", ("horizontal_pull", "biceps", "scapular")), ("push", ("horizontal_push", "triceps")),
               ("lower", ("hip_abduction", "calf", "knee_flexion"))],
    "lower": [("lower", ("squat", "lunge", "bridge")), ("lower", ("hinge", "bridge", "knee_flexion")),
              ("lower", ("lunge", "squat", "bridge")), ("core", ("anti_extension", "anti_rotation")),
              ("lower", ("calf", "hip_abduction", "knee_extension")), ("lower", ("knee_flexion", "hip_adduction", "bridge")),
              ("core", ("anti_lateral_flexion", "anti_rotation", "trunk_extension"))],
    "upper": [("push", ("horizontal_push", "vertical_push")), ("pull", ("horizontal_pull", "vertical_pull")),
              ("push", ("vertical_push", "chest_fly", "horizontal_push")), ("pull", ("vertical_pull", "rear_delt", "horizontal_pull")),
              ("core", ("anti_rotation", "anti_extension", "anti_lateral_flexion")),
              ("pull", ("biceps", "rear_delt", "scapular")), ("push", ("triceps", "chest_fly"))],
}
# steady cardio, most broadly useful first (indoor fallbacks such as marching last)
CARDIO_ORDER = ("brisk_walking", "outdoor_bike", "stationary_bike", "elliptical", "rowing_machine", "breaststroke",
                "freestyle", "treadmill_incline", "treadmill_walk", "jogging", "running", "power_walk", "walking",
                "water_walking", "recumbent_bike", "dancing", "hiking", "stair_climb", "water_aerobics",
                "shadow_boxing")
WORDS_FOR_PREF = {
    "running": ("run", "jog"), "jogging": ("run", "jog"), "cycling": ("bike", "cycl"), "biking": ("bike", "cycl"),
    "swimming": ("swim", "pool", "water"), "walking": ("walk",), "hiking": ("hike", "hiking"),
    "dancing": ("danc",), "rowing": ("row",), "yoga": ("yoga",), "boxing": ("box",), "stairs": ("stair",),
    "jumping": ("jump",), "burpees": ("burpee",), "elliptical": ("elliptical",),
}


class PlanError(ValueError):
    """The planner could not honour the request (bad weeks, etc.)."""


@dataclass
class Slot:
    """One training day of the weekly template."""

    day: int
    kind: str  # strength | aerobic | hiit | mobility | balance | mixed
    focus: str = "full_a"  # full_a | full_b | lower | upper (resistance sessions)
    label: str = "moderate"
    exercises: list[dict] = field(default_factory=list)
    cardio: Exercise | None = None
    strength_share: float = 1.0  # part of a mixed session given to resistance work
    balance: list[Exercise] = field(default_factory=list)
    mobility: list[Exercise] = field(default_factory=list)


@dataclass
class Context:
    p: Profile
    s: Screening
    lang: str
    cap: str
    level: str
    beginner: bool
    older: bool
    low_impact: bool
    equipment: set[str]
    injuries: set[str]
    dislikes: tuple[str, ...]
    likes: tuple[str, ...]
    reasons: list[str] = field(default_factory=list)

    def _(self, msgid: str, **kw: Any) -> str:
        return t(self.lang, msgid, **kw)


# ------------------------------------------------------------------------------------------- helpers


def hr_max(age: int) -> float:
    """Tanaka et al. 2001: HRmax = 208 - 0.7 x age."""
    return 208 - 0.7 * age


def karvonen(age: int, resting: int, pct: float) -> int:
    """Target heart rate by the Karvonen formula for a % of heart-rate reserve."""
    return round(resting + pct / 100 * (hr_max(age) - resting))


def intensity(label: str, p: Profile, *, aerobic: bool) -> dict:
    """The contract's intensity object; heart-rate targets only for aerobic work with a known resting HR."""
    band = INTENSITY[label]
    out: dict[str, Any] = {"label": label, "rpe": list(band["rpe"]), "pct_hrr": None, "hr_bpm": None}
    if aerobic:
        out["pct_hrr"] = list(band["pct_hrr"])
        if p.resting_hr is not None:
            out["hr_bpm"] = [karvonen(p.age, p.resting_hr, band["pct_hrr"][0]),
                             karvonen(p.age, p.resting_hr, band["pct_hrr"][1])]
    return out


def _words(items: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        key = item.strip().lower()
        out.extend(WORDS_FOR_PREF.get(key, (key.rstrip("s"),)) if key else ())
    return tuple(w for w in out if w)


def _matches(ex: Exercise, words: tuple[str, ...]) -> bool:
    text = (ex.id + " " + ex.name.en).lower()
    return any(w in text for w in words)


def make_context(p: Profile, s: Screening, lang: str) -> Context:
    beginner = p.is_beginner_or_inactive or s.restricted or "clearance" in s.flags
    cap = s.intensity_cap
    if beginner or s.clearance_required:
        cap = lower(cap, "moderate")
    level = "beginner" if (beginner or p.age >= 65 or s.restricted) else (p.experience or "beginner")
    low_impact = bool(p.injuries and {"knee", "ankle", "hip", "lower_back"} & set(p.injuries)) or beginner \
        or p.age >= 65 or bool({"osteoporosis", "osteoarthritis", "pregnancy"} & set(p.conditions)) \
        or "high_bmi" in s.flags or s.restricted
    return Context(p=p, s=s, lang=lang, cap=cap, level=level, beginner=beginner, older=p.age >= 65,
                   low_impact=low_impact, equipment=set(p.equipment), injuries=set(p.injuries),
                   dislikes=_words(p.preferences.dislikes), likes=_words(p.preferences.likes))


# ------------------------------------------------------------------------------------------- weekly template


def aerobic_requirement(p: Profile) -> float:
    """PLAN_RULES 6: moderate-equivalent minutes the last full week must reach."""
    budget = p.days_per_week * p.minutes_per_session
    return min(150, budget / 2) if p.goal in AEROBIC_GOALS else min(60, budget / 4)


def hiit_minutes(m: int) -> int:
    return min(m, 30)


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


def choose_kinds(ctx: Context) -> tuple[list[str], list[str]]:
    """Session kinds and labels for the week, by goal, screening and budget (before placement on days)."""
    p, d, m = ctx.p, ctx.p.days_per_week, ctx.p.minutes_per_session
    cap = ctx.cap
    if ctx.s.restricted:  # red flag or stage 2: gentle aerobic, mobility and balance only, until cleared
        label = lower(cap, "light") if "red_flag" in ctx.s.flags else lower(cap, "light")
        kinds = [("aerobic" if i % 2 == 0 else ("balance" if ctx.older else "mobility")) for i in range(d)]
        return kinds, [label] * d
    aero_label = lower(cap, "moderate")
    res_req = 0 if p.goal == "mobility" else (1 if d == 1 else 2)
    if p.goal == "muscle_gain":
        n_res = min(d, 4)
    elif p.goal == "mobility":
        n_res = 1 if d <= 2 else 2
    elif p.goal == "fat_loss":
        n_res = min(d, 3 if d >= 5 else 2)
    else:
        n_res = min(d, 3 if d >= 6 else 2)
    filler = "mobility" if p.goal == "mobility" else "aerobic"
    kinds = ["strength"] * n_res + [filler] * (d - n_res)
    if p.goal == "mobility" or d == 1 or (p.goal == "fat_loss" and d * m < 300) or (p.goal == "endurance" and m >= 40):
        kinds = ["mixed" if k == "strength" else k for k in kinds]
    # one vigorous interval session for trained people who may go vigorous
    hiit_ok = (rank(cap) >= rank("vigorous") and not ctx.beginner and not ctx.older
               and p.goal in ("fat_loss", "endurance") and kinds.count("aerobic") >= 2
               and not ctx.low_impact and not ctx.s.flags & {"pregnancy"})
    if hiit_ok:
        kinds[kinds.index("aerobic")] = "hiit"
    labels = []
    for k in kinds:
        if k == "hiit":
            labels.append("vigorous")
        elif k in ("strength", "mixed"):
            labels.append(lower(cap, "vigorous" if ctx.level in ("intermediate", "advanced") and not ctx.beginner
                                else "moderate"))
        elif k == "mobility":
            labels.append("light")
        else:
            labels.append(aero_label)
    need = aerobic_requirement(p)

    def convert() -> bool:
        for i, k in enumerate(kinds):
            if k == "mobility" and kinds.count("mobility") > (1 if p.goal == "mobility" else 0):
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
        n_resist = sum(k in ("strength", "mixed") for k in kinds)
        for i, k in enumerate(kinds):
            if k == "mixed" and n_resist > res_req:
                kinds[i], labels[i] = "aerobic", aero_label
                return True
        return False

    while aerobic_dose(kinds, labels, m) < need and convert():
        pass
    return kinds, labels


def _adjacent(a: int, b: int) -> bool:
    return abs(a - b) == 1 or {a, b} == {1, 7}


def place(kinds: list[str], labels: list[str], days: list[int]) -> list[Slot]:
    """Put resistance sessions on days with the fewest adjacent pairs, then the rest in order."""
    res_idx = [i for i, k in enumerate(kinds) if k in ("strength", "mixed")]
    other_idx = [i for i, k in enumerate(kinds) if k not in ("strength", "mixed")]
    best: tuple[int, ...] = tuple(days[: len(res_idx)])
    best_cost = None
    for combo in itertools.combinations(days, len(res_idx)):
        cost = sum(_adjacent(a, b) for a, b in itertools.combinations(combo, 2))
        if best_cost is None or cost < best_cost:
            best, best_cost = combo, cost
    slots: dict[int, Slot] = {}
    for day, i in zip(best, res_idx):
        slots[day] = Slot(day=day, kind=kinds[i], label=labels[i])
    free = [d for d in days if d not in slots]
    # spread hiit away from other hard days: put it on the free day with the fewest resistance neighbours
    order = sorted(other_idx, key=lambda i: 0 if kinds[i] == "hiit" else 1)
    for i in order:
        if kinds[i] == "hiit":
            day = min(free, key=lambda d: (sum(_adjacent(d, r) for r in best), d))
        else:
            day = free[0]
        free.remove(day)
        slots[day] = Slot(day=day, kind=kinds[i], label=labels[i])
    ordered = [slots[d] for d in sorted(slots)]
    # focus: isolated resistance days are full-body (A/B alternating); adjacent runs alternate lower/upper
    res_days = [s.day for s in ordered if s.kind in ("strength", "mixed")]
    full_count = 0
    for s in ordered:
        if s.kind not in ("strength", "mixed"):
            continue
        neighbours = [r for r in res_days if r != s.day and _adjacent(r, s.day)]
        if not neighbours:
            s.focus = "full_a" if full_count % 2 == 0 else "full_b"
            full_count += 1
    # 2-colour each run of adjacent resistance days
    seen: set[int] = set()
    for s in ordered:
        if s.kind not in ("strength", "mixed") or s.day in seen:
            continue
        run, stack = [], [s.day]
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            run.append(d)
            stack.extend(r for r in res_days if r not in seen and _adjacent(r, d))
        if len(run) > 1:
            for j, d in enumerate(sorted(run)):
                slots[d].focus = "lower" if j % 2 == 0 else "upper"
    return ordered


# ------------------------------------------------------------------------------------------- exercise choice


class Picker:
    """Chooses catalog exercises for the user: safe, available, level-appropriate, varied."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.used: dict[str, int] = {}
        self.has_gear = bool(ctx.equipment - {"bike", "treadmill", "pool"})
        self.usable = set(EQUIPMENT_ALL) if "gym" in ctx.equipment else set(ctx.equipment)

    def _candidates(self, *, region: str | None = None, kind: str | None = None, low_impact: bool = False) -> list[Exercise]:
        c = self.ctx
        items = options(c.equipment, c.injuries, region=region, kind=kind, max_level=c.level,
                        low_impact_only=low_impact)
        return [e for e in items if not _matches(e, c.dislikes) and not (name_implies(e.name.en) - self.usable)]

    def strength(self, region: str, patterns: tuple[str, ...], taken: set[str], forbidden: set[str]) -> Exercise | None:
        best, best_score = None, math.inf
        for e in self._candidates(region=region, kind="strength"):
            if e.id in taken or (set(e.muscle_groups) - EXEMPT_GROUPS) & forbidden:
                continue
            if e.measure == "minutes":
                continue
            score = (patterns.index(e.pattern) * 10) if e.pattern in patterns else 40
            if self.has_gear and not e.equipment:
                score += 4  # loadable work first when the user owns equipment
            if self.has_gear and e.equipment == ["bands"] and self.ctx.equipment - {"bands", "bike", "treadmill", "pool"}:
                score += 2  # free weights and machines before bands when both are there
            if self.ctx.level == "advanced" and e.level == "beginner":
                score += 2
            if self.ctx.level == "intermediate" and e.level == "beginner":
                score += 1
            if self.ctx.low_impact and e.impact == "high":
                score += 50
            score += 3 * self.used.get(e.id, 0)
            if score < best_score:
                best, best_score = e, score
        if best is not None:
            self.used[best.id] = self.used.get(best.id, 0) + 1
        return best

    def cardio(self, *, vigorous: bool = False, nth: int = 0) -> Exercise | None:
        c = self.ctx
        items = self._candidates(kind="aerobic", low_impact=c.low_impact)
        if not items:
            items = self._candidates(kind="aerobic", low_impact=True)
        if not items:
            return None

        def score(e: Exercise) -> tuple:
            liked = _matches(e, c.likes)
            uses_gear = bool(set(e.equipment) & (c.equipment | ({"bike", "treadmill", "pool", "machines"} if "gym" in c.equipment else set())))
            order = next((i for i, key in enumerate(CARDIO_ORDER) if e.id.startswith(key)), len(CARDIO_ORDER))
            return (0 if liked else 1, 0 if uses_gear else 1, 0 if e.impact == "low" else 1, order)

        ranked = sorted(items, key=score)
        pick = ranked[nth % min(len(ranked), 2)]
        self.used[pick.id] = self.used.get(pick.id, 0) + 1
        return pick

    def intervals(self) -> Exercise | None:
        """A cyclic interval exercise (timed, no sets) for a HIIT session, else None."""
        c = self.ctx
        items = [e for e in self._candidates(kind="hiit", low_impact=c.low_impact)
                 if e.measure == "minutes" and not e.muscle_groups]
        if not items:
            return None
        items.sort(key=lambda e: (0 if _matches(e, c.likes) else 1, 0 if e.equipment else 1, e.impact != "low"))
        return items[0]

    def balance(self, n: int) -> list[Exercise]:
        items = self._candidates(kind="balance", low_impact=True) or self._candidates(kind="balance")
        items.sort(key=lambda e: (self.used.get(e.id, 0), 0 if "balance" in e.name.en.lower() else 1))
        out = items[:n]
        for e in out:
            self.used[e.id] = self.used.get(e.id, 0) + 1
        return out

    def mobility(self, n: int) -> list[Exercise]:
        items = self._candidates(kind="mobility", low_impact=True) or self._candidates(kind="mobility")
        items.sort(key=lambda e: self.used.get(e.id, 0))
        out = items[:n]
        for e in out:
            self.used[e.id] = self.used.get(e.id, 0) + 1
        return out


def _estimate_strength_minutes(sets: int, rest_s: int) -> float:
    return sets * (45 + rest_s) / 60 + 0.5


def strength_scheme(ctx: Context) -> dict:
    """Sets, reps, rest and RPE by training status (ACSM: 2-4 sets of 8-12; 10-15 for beginners and older adults)."""
    if ctx.level == "beginner":
        return {"sets": [2, 3, 3], "reps": "10-15", "rest_s": 60, "deload_sets": 2}
    if ctx.level == "intermediate":
        return {"sets": [3, 3, 3], "reps": "8-12", "rest_s": 90, "deload_sets": 2}
    return {"sets": [3, 3, 4], "reps": "8-12" if ctx.p.goal != "muscle_gain" else "6-12", "rest_s": 120,
            "deload_sets": 2}


def fill_template(ctx: Context, slots: list[Slot]) -> None:
    """Pick exercises for every slot, keeping muscle groups apart on consecutive days."""
    picker = Picker(ctx)
    scheme = strength_scheme(ctx)
    m = ctx.p.minutes_per_session
    full_sets = max(scheme["sets"])
    warm = 5 if m >= 20 else 2
    cool = 5 if m >= 30 else 2
    loaded: dict[int, set[str]] = {}
    cardio_n = 0
    for slot in slots:
        if slot.kind in ("strength", "mixed"):
            forbidden = set()
            for other_day, groups in loaded.items():
                if _adjacent(other_day, slot.day):
                    forbidden |= groups
            # days not yet filled that are adjacent and will also be resistance: reserve by focus (split)
            avail = m - warm - cool
            if slot.kind == "mixed":
                slot.strength_share = 0.5 if ctx.p.goal not in ("muscle_gain",) else 0.6
                avail = avail * slot.strength_share
            per = _estimate_strength_minutes(full_sets, scheme["rest_s"])
            n = max(3, min(8, int(avail // per)))
            if slot.kind == "mixed":  # half the time is cardio: a short strength block of 3-5 exercises
                n = max(3, min(n, 4 if ctx.older else 5))
            elif m < 30:
                n = max(3, min(n, 4 if ctx.older else 5))
            recipe = RECIPES[slot.focus]
            taken: set[str] = set()
            chosen: list[Exercise] = []
            for region, patterns in itertools.islice(itertools.cycle(recipe), len(recipe) * 2):
                if len(chosen) >= n:
                    break
                e = picker.strength(region, patterns, taken, forbidden)
                if e is None:
                    continue
                taken.add(e.id)
                chosen.append(e)
            slot.exercises = [{"_ex": e} for e in chosen]
            loaded[slot.day] = set().union(*[set(e.muscle_groups) for e in chosen]) - EXEMPT_GROUPS
            if slot.kind == "mixed":
                slot.cardio = picker.cardio(nth=cardio_n)
                cardio_n += 1
        elif slot.kind == "hiit":
            slot.cardio = picker.intervals() or picker.cardio(vigorous=True, nth=cardio_n)
        elif slot.kind == "aerobic":
            slot.cardio = picker.cardio(nth=cardio_n)
            cardio_n += 1
        if slot.kind == "mobility":
            slot.mobility = picker.mobility(5 if m >= 30 else 3)
        if slot.kind == "balance":
            slot.balance = picker.balance(4 if m >= 30 else 3)
        if ctx.older and slot.kind != "balance":
            slot.balance = picker.balance(2)
        if slot.kind in ("strength", "mixed", "aerobic") and ctx.p.goal == "mobility":
            slot.mobility = picker.mobility(2)


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


def _ex_json(e: Exercise, ctx: Context, **fields: Any) -> dict:
    name = e.name.en
    if e.kind == "balance" and "balance" not in name.lower():
        name += " (balance)"  # say what it is for: the person (and any reader of the plan) sees balance work
    out: dict[str, Any] = {"id": e.id, "name": name}
    if ctx.lang == "zh":
        out["name_zh"] = e.name.zh
    out.update(fields)
    out["muscle_groups"] = list(e.muscle_groups)
    out["equipment"] = list(e.equipment)
    out["kind"] = e.kind
    return out


def _hold_text(ctx: Context, e: Exercise) -> str:
    side = ctx._(" each side") if e.per_side else ""
    if e.measure == "reps":
        return ctx._("2 rounds of 8-10 slow reps{side}", side=side)
    return ctx._("2-4 holds of 20-30 s{side}", side=side)


def build_session(ctx: Context, slot: Slot, week: int, minutes: int, deload: bool, ramp_index: int) -> dict:
    """One session of one week: exercises with sets/minutes, intensity and notes."""
    scheme = strength_scheme(ctx)
    sets = scheme["deload_sets"] if deload else scheme["sets"][min(ramp_index, 2)]
    label = slot.label
    if deload or (week == 1 and ctx.beginner):
        label = lower(label, "moderate")
    if week == 1 and slot.kind == "hiit":
        label = "vigorous"
    exercises: list[dict] = []
    notes: list[str] = []
    warm = 5 if minutes >= 20 else 2
    # minutes taken by the 2-minute balance and mobility add-ons of this session
    extra_blocks = 2 * len(slot.balance) + (2 * len(slot.mobility) if slot.kind != "mobility" else 0)
    if slot.kind in ("strength", "mixed"):
        for item in slot.exercises:
            e: Exercise = item["_ex"]
            reps = scheme["reps"] if e.measure == "reps" else "20-40 s"
            if e.per_side:
                reps += ctx._(" each side")
            exercises.append(_ex_json(e, ctx, sets=sets, reps=reps, rest_s=scheme["rest_s"]))
        if slot.kind == "mixed" and slot.cardio is not None:
            strength_min = sum(_estimate_strength_minutes(sets, scheme["rest_s"]) for _ in slot.exercises)
            cardio_min = max(5, int(minutes - warm - strength_min - extra_blocks))
            exercises.append(_ex_json(slot.cardio, ctx, minutes=cardio_min))
        notes.append(ctx._("Warm up {warm} min with easy cardio and dynamic moves; cool down and stretch at the end.",
                           warm=warm))
        notes.append(ctx._("Double progression: when every set reaches the top of the rep range at RPE 8 or less, "
                           "add a little load next time and go back to the bottom of the range."))
        if "hypertension" in ctx.s.flags or "known_disease" in ctx.s.flags:
            notes.append(ctx._("Breathe out as you lift and never hold your breath."))
    elif slot.kind in ("aerobic", "hiit") and slot.cardio is not None:
        if slot.kind == "hiit":
            minutes = min(minutes, hiit_minutes(ctx.p.minutes_per_session))
            fields: dict[str, Any] = {"minutes": minutes - extra_blocks}
            if slot.cardio.kind != "hiit":
                fields["intervals"] = ctx._("after a 10-min warm-up: 6-8 x 1 min hard / 2 min easy")
            exercises.append(_ex_json(slot.cardio, ctx, **fields))
            notes.append(ctx._("Intervals: hard bouts feel 7-8 out of 10; recover fully between them."))
        else:
            exercises.append(_ex_json(slot.cardio, ctx, minutes=max(5, minutes - extra_blocks)))
            notes.append(ctx._("Start the first 5 minutes easy and finish with 5 easy minutes; you should be able to "
                               "talk but not sing."))
    elif slot.kind == "mobility":
        each = max(2, (minutes - extra_blocks) // max(1, len(slot.mobility)))
        for e in slot.mobility:
            exercises.append(_ex_json(e, ctx, minutes=each, holds=_hold_text(ctx, e)))
        notes.append(ctx._("Move slowly into each position until you feel mild tension, never pain."))
    elif slot.kind == "balance":
        each = max(2, minutes // max(1, len(slot.balance)))
        for e in slot.balance:
            exercises.append(_ex_json(e, ctx, minutes=each, holds=_hold_text(ctx, e)))
        notes.append(ctx._("Practise near a wall or sturdy chair for support."))
    if slot.balance and slot.kind != "balance":
        for e in slot.balance:
            exercises.append(_ex_json(e, ctx, minutes=2, holds=_hold_text(ctx, e)))
        notes.append(ctx._("Balance work helps prevent falls: stand near support."))
    if slot.mobility and slot.kind != "mobility":
        for e in slot.mobility:
            exercises.append(_ex_json(e, ctx, minutes=2, holds=_hold_text(ctx, e)))
    aerobic_like = slot.kind in ("aerobic", "hiit", "mixed")
    inten = intensity(label, ctx.p, aerobic=aerobic_like)
    if inten["hr_bpm"]:
        notes.append(ctx._("Heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve).",
                           lo=inten["hr_bpm"][0], hi=inten["hr_bpm"][1], plo=inten["pct_hrr"][0],
                           phi=inten["pct_hrr"][1]))
    if deload:
        notes.append(ctx._("Lighter week: fewer sets and easier effort so your body can adapt."))
    if ctx.s.clearance_required:
        notes.append(ctx._("Until a doctor clears you, keep every session light."))
    return {"day": slot.day, "kind": slot.kind, "minutes": int(minutes), "intensity": inten,
            "exercises": exercises, "notes": " ".join(notes)}


def build_weeks(ctx: Context, slots: list[Slot], weeks: int) -> list[dict]:
    m = ctx.p.minutes_per_session
    out = []
    prev_total: int | None = None
    ramp_index = 0
    for w, (factor, deload) in enumerate(week_factors(weeks, ctx.beginner), start=1):
        minutes = session_minutes(m, factor)
        total = minutes * len(slots)
        if prev_total is not None and not deload and total > 1.25 * prev_total + 10:
            minutes = max(10, min(m, int((1.25 * prev_total + 10) // len(slots))))
            total = minutes * len(slots)
        sessions = [build_session(ctx, slot, w, minutes, deload, ramp_index) for slot in slots]
        prev_total = sum(s["minutes"] for s in sessions)
        ramp_index = ramp_index if deload else ramp_index + 1
        out.append({"week": w, "deload": deload, "sessions": sessions})
    return out


# ------------------------------------------------------------------------------------------- citations, rationale


def safe_rate_kg_week(weight_kg: float) -> float:
    """The safe weekly change: about 1 % of body weight, rounded down to 0.1 kg."""
    return math.floor(0.01 * weight_kg * 10) / 10


def target_alert(p: Profile, lang: str) -> tuple[str | None, float | None]:
    """PLAN_RULES 16: flag targets faster than 1 % of body weight a week, with the safe rate."""
    if p.target_weight_kg is None or not p.target_weeks:
        return None, None
    delta = p.target_weight_kg - p.weight_kg
    rate = abs(delta) / p.target_weeks
    limit = 0.01 * p.weight_kg
    if rate <= limit + 1e-9 or abs(delta) < 0.1:
        return None, rate
    safe = safe_rate_kg_week(p.weight_kg)
    weeks_needed = math.ceil(abs(delta) / safe)
    return t(lang, "Your target of {target} kg in {weeks} weeks means {rate} kg a week, faster than the safe rate of "
             "about 1% of body weight: at most {safe} kg per week. At that rate it takes about {need} weeks.",
             target=f"{p.target_weight_kg:g}", weeks=p.target_weeks, rate=f"{rate:.1f}", safe=f"{safe:g}",
             need=weeks_needed), rate


def citations_for(ctx: Context, slots: list[Slot], has_target_alert: bool) -> list[dict]:
    from knowledge.corpus import by_tag

    tags: list[str] = []
    p = ctx.p
    if ctx.s.restricted:
        tags += ["plan:red-flags", "plan:screening"]
    tags += list(ctx.s.cite_tags)
    if p.age < 18:
        tags.append("plan:youth")
    tags.append("plan:older-adults" if ctx.older else "plan:aerobic-dose")
    if ctx.older:
        tags.append("plan:falls")
    if any(s.kind in ("strength", "mixed") for s in slots):
        tags.append("plan:strength-fitt")
        tags.append("plan:double-progression")
    if any(s.kind == "mixed" for s in slots):
        tags.append("plan:mixed-sessions")
    if any(s.kind == "hiit" for s in slots):
        tags.append("plan:hiit")
    if p.resting_hr is not None:
        tags.append("plan:intensity-hrr")
    tags.append("plan:rpe")
    tags.append("plan:progression")
    tags.append("plan:deload")
    if p.goal == "endurance":
        tags.append("plan:endurance-distribution")
    if p.goal == "mobility":
        tags.append("plan:flexibility")
    for inj in p.injuries:
        tags.append("plan:injury-" + inj.replace("_", "-"))
    if has_target_alert or p.target_weight_kg is not None:
        tags.append("plan:weight-loss-rate")
    if p.sleep_hours is not None and p.sleep_hours < 7:
        tags.append("plan:recovery-sleep")
    out: list[dict] = []
    seen: set[str] = set()
    for tag in tags:
        passage = by_tag(tag, ctx.lang)
        if passage is None or passage.id in seen:
            continue
        seen.add(passage.id)
        out.append({"id": passage.id, "title": passage.title, "source": passage.source, "for": tag.removeprefix("plan:")})
    return out


def rationale(ctx: Context, weeks: list[dict], cites: list[dict]) -> str:
    """Plain-words explanation that points at the citations."""
    _ = ctx._
    p = ctx.p

    def cite(*keys: str) -> str:
        ids = [c["id"] for c in cites if c["for"] in keys]
        return f" [{', '.join(ids)}]" if ids else ""

    last = [w for w in weeks if not w["deload"]][-1]
    n = len(last["sessions"])
    aer = sum(s["minutes"] * FACTOR[s["intensity"]["label"]] * (0.5 if s["kind"] == "mixed" else 1)
              for s in last["sessions"] if s["kind"] in ("aerobic", "hiit", "mixed"))
    res = sum(1 for s in last["sessions"] if s["kind"] in ("strength", "mixed"))
    parts = [_("This plan gives you {n} sessions a week of up to {m} minutes, as you asked.", n=n,
               m=p.minutes_per_session)]
    if ctx.s.restricted:
        parts.append(_("Because of what the health screening found, it stays light until a doctor clears you.")
                     + cite("red-flags", "screening", "bp-bands", "hypertension"))
    else:
        parts.append(_("By the last full week your cardio adds up to about {a} moderate-intensity minutes, working "
                       "toward the 150-300 minutes a week that WHO recommends.", a=int(round(aer)))
                     + cite("aerobic-dose", "older-adults"))
        if res:
            parts.append(_("{r} sessions a week train your muscles, covering legs, pushing, pulling and core, because "
                           "strength work on at least two days a week is recommended.", r=res)
                         + cite("strength-fitt"))
    if ctx.s.reasons:
        parts.append(_("Safety first: {reasons}", reasons=" ".join(ctx.s.reasons))
                     + cite("screening", "hypertension", "diabetes", "heart-disease", "pregnancy", "asthma",
                            "osteoporosis", "osteoarthritis"))
    if ctx.beginner and not ctx.s.restricted:
        parts.append(_("You start at a moderate effort and build up gradually, with no high-intensity intervals at "
                       "first.") + cite("beginner-start"))
    if ctx.older:
        parts.append(_("Balance exercises are part of most sessions to help prevent falls.") + cite("falls", "older-adults"))
    if p.injuries:
        parts.append(_("Exercises that load your {areas} in risky ways are left out and replaced by safer ones.",
                       areas=", ".join(_(i.replace("_", " ")) for i in p.injuries))
                     + cite(*["injury-" + i.replace("_", "-") for i in p.injuries]))
    if any(w["deload"] for w in weeks):
        parts.append(_("Weekly time rises gradually and every fourth week is lighter so you recover and adapt.")
                     + cite("progression", "deload"))
    else:
        parts.append(_("Weekly time rises gradually so your body can adapt.") + cite("progression"))
    if p.resting_hr is not None and not ctx.s.restricted:
        parts.append(_("Heart-rate zones use the Karvonen formula with your resting heart rate.") + cite("intensity-hrr"))
    return " ".join(parts)


# ------------------------------------------------------------------------------------------- entry point


def make_plan(p: Profile, weeks: int = 4, *, lang: str | None = None, screening: Screening | None = None) -> dict:
    """The plan JSON of CONTRACTS.md for a validated profile."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise PlanError(f"weeks: {weeks} is out of range (accepted 1–{MAX_WEEKS} weeks)")
    lang = lang or p.language or "en"
    s = screening or screen(p, lang)
    ctx = make_context(p, s, lang)
    kinds, labels = choose_kinds(ctx)
    slots = place(kinds, labels, DAY_LAYOUT[p.days_per_week])
    fill_template(ctx, slots)
    plan_weeks = build_weeks(ctx, slots, weeks)
    alert, _rate = target_alert(p, lang)
    safety = s.to_json()
    safety["intensity_cap"] = ctx.cap
    if ctx.cap != s.intensity_cap and ctx.beginner and not s.restricted:
        safety["reasons"] = safety["reasons"] + [t(lang, "New or returning to exercise: moderate intensity at most "
                                                         "for this first block.")]
    if alert:
        safe = safe_rate_kg_week(p.weight_kg)
        if lang != "en":  # the numbers also in the contract's units, whatever the language
            alert += f" (safe rate: at most {safe:g} kg per week)"
        safety["alerts"] = safety["alerts"] + [alert]
        safety["target_rate"] = {"requested_kg_per_week": round(_rate or 0.0, 2), "safe_kg_per_week": safe}
    cites = citations_for(ctx, slots, alert is not None)
    plan = {"goal": p.goal, "horizon_weeks": weeks, "safety": safety, "weeks": plan_weeks,
            "citations": [{k: c[k] for k in ("id", "title", "source")} for c in cites], "language": lang}
    plan["rationale"] = rationale(ctx, plan_weeks, cites)
    return plan


def plan_for(data: dict, weeks: int = 4) -> dict:
    """Validate a raw profile dict and plan it (raises ProfileError/PlanError)."""
    from coach.profile import validate_profile

    return make_plan(validate_profile(data), weeks)


__all__ = ["make_plan", "plan_for", "PlanError", "hr_max", "karvonen", "INTENSITY", "FACTOR", "LEVELS",
           "aerobic_requirement"]
