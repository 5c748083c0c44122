"""Progression over the weeks: session minutes, sets, deloads and balance time week by week.

How load rises (kb-beginner-001, kb-progression, kb-deload-001):
- People new to exercise, inactive, older or waiting for (or just given) medical clearance start at 10-20 minutes
  a session and add 5-10 minutes a session from week to week, at most 15 % + 10 minutes of weekly time (inside
  PLAN_RULES 13's 25 % + 10, so check-in adjustments still fit), until their session length is reached; the start
  is raised only as far as the aerobic dose (rule 6) needs by week 12 (plans are always built over 12 weeks, so a
  4-week block is weeks 1-4 of the 12-week plan; rule 6 prorates the dose while sessions are still building). Trained people start at 90-95 % and reach it by week 3.
- Once their sessions are full length, people new to exercise step from RPE 4-5 to 5-6 and (under 65, over 17) add a
  fourth set, each in a week of its own, spread so the load rises every 1-2 weeks (`late_steps`).
- Sets rise with time: beginners 2 sets in weeks 1-2, 3 from week 3 (4th: see above; others 4 from week 9); trained
  people 3 sets, 4 from week 5; teenagers stay at 1-3 sets (NSCA / Lloyd 2014).
- Intensity rises in graded steps, one per 4-week block and never past the cap (coach.planning.sessions.STEPS):
  moderate (RPE 5-6, 40-59 % HRR) -> entry vigorous (RPE 6-7, 55-69 %) -> vigorous (RPE 7-8, 60-89 %).
- Deloads every 4th week (80 % of the minutes, 2 sets, moderate at most) for everyone already training, older,
  young or with a condition too; not for beginners or inactive people training moderately (kb-deload-001: they
  "may not need formal deloads") nor while clearance is pending.

The load measure (PLAN_RULES 29), computed by `week_load`: moderate-equivalent aerobic minutes + 3 x the week's
strength sets + balance minutes + the sum of each session's top RPE; the walks and home balance add-on on the other
days (`daily_activity`, unless optional) count as aerobic and balance minutes.
"""
from __future__ import annotations

import itertools
import math

from coach.domain.limits import (BALANCE_BUDGET_SHARE, BALANCE_WEEKLY_MIN, BLOCK_WEEKS, START_SESSION_MIN,
                                 START_STEP_MIN, WEEKLY_RAMP_SLACK_MIN)
from coach.planning.loads import moderate_loads
from coach.planning.context import Context, Slot, youth_eccentric
from coach.planning.names import moderate_at_most
from coach.planning.template import aerobic_dose, aerobic_requirement
from coach.safety.screening import lower, rank

TRAINED_RAMP = (0.9, 0.95)  # weeks 1 and 2 of trained people; full from week 3
# an active pregnant woman keeps her training at a moderate effort and the first block's sets; her minutes build over
# the first block instead (kb-pregnancy-001: continue, building up gradually)
PREGNANCY_RAMP = (0.8, 0.85, 0.9)
# a gradual start grows by at most 15 % + 10 minutes a week, leaving room under the 25 % ramp (PLAN_RULES 13) for
# the check-in adjustments that add up to 10 % to cardio the person handled well
START_RAMP = 1.15
DELOAD_FACTOR = 0.8
# frail people: weekly balance minutes (sessions + the home add-on) by block, building to ACSM's neuromotor >= 60 min
# a week by the third block (kb-falls-001: balance work that builds toward ~3 h a week)
FRAIL_BALANCE_STEPS = (30, 45, 60)
# frail people training on 5+ days have few days left for the home balance add-on: more of the sessions is balance
FRAIL_BALANCE_SHARE = 0.4
BRIDGE_STEP_MIN, BRIDGE_EVERY = 5, 2  # clearance pending: 5 more light minutes a session every two weeks
CARDIAC_RAMP = 1.10  # heart disease, AF, pacemaker: at most ~10 % more weekly time a week
CARDIAC = {"heart_disease", "atrial_fibrillation", "pacemaker"}
POSTNATAL_RETURN_END = 12  # weeks after a birth: the graded return (postnatal_phase.RETURN_END)


def heavier_block(ctx: Context, week: int) -> bool:
    """Trained people's third block: heavier loads in a lower rep range (kb-overload-001: overload keeps rising);
    not within 12 weeks of a birth (kb-postpartum-001: a graded return at light to moderate effort, RPE 4-5,
    coach.planning.postnatal_phase's return phase)."""
    w0 = ctx.p.weeks_since_birth
    return ctx.level in ("intermediate", "advanced") and week > 2 * BLOCK_WEEKS and not ctx.s.flags & {
        "pregnancy", "hypertension", "known_disease", "no_heavy_lifting"} and not (
        "postpartum" in ctx.s.flags and w0 is not None and w0 + week <= POSTNATAL_RETURN_END)


def strength_scheme(ctx: Context) -> dict:
    """Sets, reps, rest and RPE by training status (ACSM: 2-4 sets of 8-12; 10-15 for beginners and older adults)."""
    if ctx.level == "beginner":
        return {"sets": [2, 2, 3], "reps": "10-15", "rest_s": 60, "deload_sets": 2}
    if ctx.level == "intermediate":
        return {"sets": [3, 3, 3], "reps": "8-12", "rest_s": 90, "deload_sets": 2}
    heavy_end = ctx.p.goal == "muscle_gain" and not moderate_loads(ctx.s.flags)  # rule 85: high BP keeps 8-12
    return {"sets": [3, 3, 3], "reps": "6-12" if heavy_end else "8-12", "rest_s": 120,
            "deload_sets": 2}


def sets_for(ctx: Context, week: int, deload: bool, effort_rises: bool | None = None) -> int:
    """Sets per exercise in `week` (before any hypertrophy extra); `effort_rises` says whether this session's effort
    steps up in the third block (default: the plan's, Context.intensity_rises)."""
    rises = ctx.intensity_rises if effort_rises is None else effort_rises
    scheme = strength_scheme(ctx)
    if deload:
        return scheme["deload_sets"]
    if ctx.bridge:  # light until cleared: week 1's sets, only the minutes grow (rule 33, kb-clearance-001)
        return scheme["sets"][0]
    base = scheme["sets"][min(week, 3) - 1]
    if "pregnancy" in ctx.s.flags:
        return base  # pregnancy holds the first block's volume; each block starts with a re-check (kb-pregnancy-006)
    if ctx.endurance_athlete:  # short lifting (about 16-24 sets a week): 2 sets, 3 from the second block
        return 2 if week <= BLOCK_WEEKS else 3
    if ctx.level != "beginner" and week > BLOCK_WEEKS:
        return base + 1  # trained people: a fourth set from the second block
    if ctx.late is not None:  # people new to exercise: the fourth set in its own week once sessions are full length
        return base + 1 if 0 < ctx.late_week("sets") <= week else base
    if ctx.level == "beginner" and not (ctx.older or ctx.youth or rises) and week > 2 * BLOCK_WEEKS:
        # novices: a fourth set in the third block (teenagers stay at 1-3 sets, NSCA / Lloyd 2014); where the effort
        # steps up in that block instead, sets stay (kb-overload-001: one change at a time)
        return base + 1
    return base


def _fourth_set(ctx: Context) -> bool:
    """Whether a novice's sets may go to 4 (adults under 65; teenagers stay at 1-3 sets, NSCA / Lloyd 2014)."""
    return ctx.level == "beginner" and not (ctx.older or ctx.youth) and "pregnancy" not in ctx.s.flags


def _steps_up(ctx: Context, slot: Slot) -> bool:
    """Whether the slot's effort steps up past the first-block cap (walking stays moderate, exercises.walking_cap)."""
    walking = (slot.kind in ("aerobic", "mixed") and slot.cardio is not None and moderate_at_most(slot.cardio.id)
               and slot.hard is None)
    return not walking and rank(lower(slot.label, ctx.cap)) > rank(lower(slot.label, ctx.first_cap))


def late_steps(ctx: Context, slots: list[Slot], minutes: list[int]) -> dict[str, int]:
    """People new to exercise, once sessions reach their full length: the changes left, a moderate effort step (RPE
    4-5 → 5-6, 40-49 → 45-59 % HRR) and a fourth set, each in a week of its own, spread so the load rises every 1-2
    weeks (kb-beginner-001: add a little every 1-2 weeks, then raise intensity gradually; kb-overload-001: one
    change at a time). The effort step comes before the first vigorous week, or not at all."""
    weeks = len(minutes)
    full = minutes.index(max(minutes)) + 1
    fixed = {w for w in range(full + 1, weeks + 1) if sets_for(ctx, w, False) > sets_for(ctx, w - 1, False)}
    if ctx.intensity_rises and any(_steps_up(ctx, slot) for slot in slots) and ctx.lift_week > full:
        fixed.add(ctx.lift_week)  # the first vigorous week (where walking keeps every session moderate, it is not)
    wanted = (["effort"] if rank(ctx.first_cap) >= rank("moderate") else []) + (["sets"] if _fourth_set(ctx) else [])
    free = [w for w in range(full + 1, weeks + 1) if w not in fixed]
    lift = ctx.lift_week if ctx.intensity_rises else weeks + 1
    best: tuple[tuple[int, int, int], dict[str, int]] = ((weeks + 1 - full, 0, 0), {})
    for n in range(1, len(wanted) + 1):
        for names in itertools.combinations(wanted, n):
            for at in itertools.permutations(free, n):
                chosen = dict(zip(names, at))
                if chosen.get("effort", 0) >= lift:
                    continue
                marks = sorted({full, weeks + 1} | fixed | set(at))
                score = (max(b - a for a, b in zip(marks, marks[1:])), -n, sum(at))
                best = min(best, (score, chosen), key=lambda x: x[0])
    return best[1]


def deload_weeks(ctx: Context, weeks: int) -> set[int]:
    """Every 4th week for people already training, older, young or with a condition too; none for beginners or
    inactive people training moderately (kb-deload-001: they "may not need formal deloads") nor while clearance is
    pending (light weeks that only get a little longer)."""
    if ctx.p.is_beginner_or_inactive or ctx.bridge or ctx.s.restricted or weeks < BLOCK_WEEKS:
        return set()
    return {w for w in range(BLOCK_WEEKS, weeks + 1, BLOCK_WEEKS)}


def set_rises(ctx: Context, weeks: int) -> set[int]:
    """The weeks in which sets per exercise or the effort go up (session length then holds: one change at a
    time, kb-overload-001)."""
    out = {w for w in range(2, weeks + 1) if sets_for(ctx, w, False) > sets_for(ctx, w - 1, False)}
    if ctx.intensity_rises and ctx.lift_week <= weeks:
        out.add(ctx.lift_week)
    return out


def _ramp_minutes(m: int, n: int, start: int, weeks: int, cardiac: bool = False,
                  hold: frozenset[int] = frozenset()) -> list[int]:
    """Per-session minutes of a gradual start: +5-10 minutes a week within the weekly ramp, up to m; heart patients
    add at most about 10 % a week (kb-cardiac-rehab-001, kb-cvd-001: build up gradually over weeks). In the `hold`
    weeks (sets rise) the minutes stay where they were (kb-overload-001: change one variable at a time)."""
    step = START_STEP_MIN if m - start > 20 else 5
    factor, slack = (CARDIAC_RAMP, 0) if cardiac else (START_RAMP, WEEKLY_RAMP_SLACK_MIN)
    out: list[int] = []
    prev_total: float | None = None
    cur = start
    for w in range(1, weeks + 1):
        if w > 1 and w not in hold:
            ceiling = int((factor * (prev_total or 0) + slack) // n)
            cur = max(cur, min(m, cur + step, ceiling))
        out.append(cur)
        prev_total = cur * n
    return out


def bridge_minutes(start: int, m: int, weeks: int, cardiac: bool = False) -> list[int]:
    """Per-session minutes while clearance is pending (PLAN_RULES 20, rule 33): every session stays light, the sets
    and exercises stay as they are, and only the duration grows, by BRIDGE_STEP_MIN every BRIDGE_EVERY weeks up to
    the session length (kb-beginner-001: start with 10-20 minutes and add 5-10 minutes every 1-2 weeks; kb-clearance-001:
    light activity while you wait, no added intensity); heart patients add at most ~10 % of weekly time a week."""
    out, cur = [], start
    for w in range(1, weeks + 1):
        if w > 1 and (w - 1) % BRIDGE_EVERY == 0:
            step = BRIDGE_STEP_MIN if not cardiac else min(BRIDGE_STEP_MIN, int(cur * (CARDIAC_RAMP - 1)))
            cur = min(m, cur + max(0, step))
        out.append(max(cur, start))
    return out


ACTIVE_START_SHARE = 0.6  # already active but new to structured training: start at ~60 % of the session length
ACTIVE_START_SHARE_OLDER = 0.5  # an active older adult or heart patient: about half the session length


def _active_start(ctx: Context) -> int:
    """Someone already active (a teenager playing sport, an adult who walks, cycles or plays) but new to structured
    training starts from what they already do, not at the sedentary 10-20 minutes (kb-beginner-001 is for inactive
    people): ~60 % of the session length, ~50 % for an older adult or a stable heart condition with no clearance
    pending (rate-controlled AF, ACSM 2015: active and asymptomatic people continue at moderate intensity); not for
    frail people, pregnancy, or anyone waiting for or just given clearance."""
    p = ctx.p
    if p.currently_active is not True or ctx.frail or ctx.s.clearance_required or ctx.s.restricted \
            or "cleared" in ctx.s.flags or "pregnancy" in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return 0
    if ctx.older or CARDIAC & set(p.conditions):
        return 5 * math.ceil(ACTIVE_START_SHARE_OLDER * p.minutes_per_session / 5)
    return 5 * round(ACTIVE_START_SHARE * p.minutes_per_session / 5)


def _start_for(m: int) -> int:
    """10-20 minutes: 20 when sessions are long enough to grow from it, 10 minutes less than m otherwise."""
    if m >= START_SESSION_MIN + 10:
        return START_SESSION_MIN
    return max(10, min(m, m - 10)) if m > 10 else m


def _work_floor(ctx: Context, slots: list[Slot]) -> int:
    """The shortest session that still holds its fixed work (PLAN_RULES 37): the main movements at 2 sets in a
    circuit (~30 s a set, twice for one side at a time), a mixed session's 5 cardio minutes and older adults'
    4 balance minutes."""
    keep = ctx.main_count
    floor = 0.0
    for slot in slots:
        if slot.kind not in ("strength", "mixed"):
            continue
        mains = [youth_eccentric(ctx, item["_ex"], 1) or item["_ex"] for item in slot.exercises[:keep]]
        fixed = sum(2 * 30 * (2 if e.per_side else 1) for e in mains) / 60
        fixed += max(4, 2 * len(slot.balance)) if slot.balance else 0  # balance blocks never below 2 min each
        mixed = slot.kind == "mixed" and slot.cardio is not None
        need = math.ceil(fixed + (5 if mixed else 2))
        # a mixed session's cardio share grows with its length (sessions._mixed_cardio): find where all of it fits
        while mixed and fixed + max(5, math.floor((need - 5) * (1 - slot.strength_share))) > need:
            need += 1
        floor = max(floor, need)
    return math.ceil(floor)


def session_minutes(ctx: Context, slots: list[Slot], weeks: int) -> list[tuple[int, bool]]:
    """(minutes per session, deload) for every week of the plan."""
    m, n = ctx.p.minutes_per_session, max(1, len(slots))
    deloads = deload_weeks(ctx, weeks)
    low = min(m, _work_floor(ctx, slots))  # never shorter than the session's own work
    if ctx.bridge:  # clearance pending: light sessions that only get a little longer (bridge_minutes)
        start = max(low, _start_for(m))
        if ctx.older:  # room for the older adult's balance minutes (at most half a session, PLAN_RULES 26)
            start = min(m, max(start, 2 * math.ceil(balance_target(ctx) / n)))
        return [(x, False) for x in bridge_minutes(start, m, weeks, bool(CARDIAC & set(ctx.p.conditions)))]
    if ctx.ramps:
        ctx.late = {} if ctx.p.is_beginner_or_inactive and not deloads else None  # set below (late_steps)
        need = aerobic_requirement(ctx.p) if not ctx.s.restricted else 0.0
        kinds = [s.kind for s in slots]
        labels = [lower(s.label, ctx.week_cap(weeks)) for s in slots]
        start = max(low, _start_for(m), _active_start(ctx))
        if ctx.frail and m <= START_SESSION_MIN:  # a frail person's short session is the start: sets and loads rise
            start = m
        # heart patients add ~10 % a week, unless already active with nothing pending (they continue, not start)
        cardiac = bool(CARDIAC & set(ctx.p.conditions)) and not _active_start(ctx)
        hold = frozenset(set_rises(ctx, weeks))
        while True:
            mins = _ramp_minutes(m, n, start, weeks, cardiac, hold)
            if cardiac:
                break  # the cardiac ramp is not hurried to reach a dose; rule 6 prorates while sessions build
            if start >= m or aerobic_dose(kinds, labels, mins[-1]) >= need:
                break
            start = min(m, start + 5)
        if ctx.late is not None:
            ctx.late = late_steps(ctx, slots, mins)
        return [(max(10, low, min(x, 5 * math.ceil(x * DELOAD_FACTOR / 5))), True) if w in deloads else (x, False)
                for w, x in enumerate(mins, start=1)]
    out = []
    ramp = PREGNANCY_RAMP if ctx.has("pregnancy") else TRAINED_RAMP
    for w in range(1, weeks + 1):
        if w in deloads:
            out.append((min(m, max(10, low, 5 * math.ceil(m * DELOAD_FACTOR / 5))), True))
        elif w <= len(ramp) and w < weeks:
            out.append((min(m, max(10, low, 5 * math.ceil(m * ramp[w - 1] / 5))), False))
        else:
            out.append((m, False))
    return out


def balance_target(ctx: Context) -> int:
    """Older adults' weekly balance minutes by the last full week: min(60, 20 % of the budget), PLAN_RULES 26;
    half of that share after a stroke or with Parkinson's or MS (kb-stroke-001: balance work near a support)."""
    if not (ctx.older or ctx.frail or ctx.neuro_balance):
        return 0
    budget = ctx.p.days_per_week * ctx.p.minutes_per_session
    share = FRAIL_BALANCE_SHARE if ctx.frail and ctx.p.days_per_week >= 5 else BALANCE_BUDGET_SHARE
    if not (ctx.older or ctx.frail):  # neurological only: a short block each session, the rest for the goal
        share = BALANCE_BUDGET_SHARE / 2
    return math.ceil(min(BALANCE_WEEKLY_MIN, share * budget)) + 1


def balance_minutes(ctx: Context, n_sessions: int, minutes: int, full_minutes: int) -> int:
    """Balance minutes in one session of `minutes` (growing with the session toward the weekly target; for frail
    people the home add-on on the other days brings each block's step, advice.home_balance)."""
    target = balance_target(ctx)
    if not target or not n_sessions:
        return 0
    each = math.ceil(target / n_sessions * min(1.0, minutes / max(1, full_minutes)))
    if ctx.frail and ctx.p.days_per_week >= 5:  # few days left for the home add-on: a seventh of 60 min from week 1
        each = max(each, math.ceil(FRAIL_BALANCE_STEPS[-1] / 7))
    return max(4, min(each, minutes // 2))


def balance_stage(week: int) -> int:
    """0, 1, 2: how hard the balance exercises are in this block (support → fingertip → no support)."""
    return min(2, (week - 1) // BLOCK_WEEKS)


def week_load(week: dict) -> float:
    """PLAN_RULES 29's load of a week: aerobic moderate-equivalent minutes + 3 x sets + balance minutes + top RPEs.
    The walks and the home balance add-on on the days without a session (`daily_activity`) are part of the week's
    aerobic and balance minutes."""
    factor = {"light": 0.5, "moderate": 1.0, "vigorous": 2.0}
    load = 0.0
    for s in week.get("sessions", []):
        inten = s.get("intensity") or {}
        lab = inten.get("label") if inten.get("label") in factor else "moderate"
        share = {"aerobic": 1.0, "hiit": 1.0, "mixed": 0.5}.get(s.get("kind"), 0.0)
        load += share * float(s.get("minutes") or 0) * factor[lab]
        for e in s.get("exercises", []):
            sets = e.get("sets")
            load += 3 * sets if isinstance(sets, int) else 0
            if e.get("kind") == "balance" and s.get("kind") != "balance":
                load += float(e.get("minutes") or 0)
        if s.get("kind") == "balance":
            load += float(s.get("minutes") or 0)
        load += max(inten.get("rpe") or [0])
    daily = week.get("daily_activity") or {}
    if daily and not daily.get("optional"):
        days = int(daily.get("days") or 0)
        load += days * float(daily.get("minutes") or 0) * factor.get(daily.get("label"), 1.0)
        load += days * float((daily.get("add_on") or {}).get("balance_minutes") or 0)
    return load


def one_change(before: list[dict], now: list[dict]) -> None:
    """People new to exercise: in a week whose sessions get longer or harder, sets per exercise stay where they were
    (a set the last, shorter session could not fit waits a week): kb-overload-001, change one variable at a time."""
    for a, b in zip(before, now):
        top = max((e["sets"] for e in a["exercises"] if isinstance(e.get("sets"), int)), default=None)
        harder = rank(b["intensity"]["label"]) > rank(a["intensity"]["label"])
        if top is None or (b["minutes"] <= a["minutes"] and not harder):
            continue
        for e in b["exercises"]:
            if isinstance(e.get("sets"), int) and e["sets"] > top:
                e["sets"] = top
