"""Falls prevention for frail and older people (issue 12, physician review 5): the balance dose and its challenge.

Dose (kb-falls-001, Sherrington 2017/2019: programmes with ~3 h a week of balance-challenging exercise prevent the
most falls): for frail people the week's balance work (sessions + the daily home practice) builds every two weeks
from ~45 minutes toward 180 by week 12. The home practice on the days without a session is split into 2-3 short
bouts and never longer than the person's own session length a day (the time they said they have), at most
HOME_MAX a day; where that stops short of ~3 h, the plan says so once and how to get there (FALLS_GAP).

Challenge (kb-balance-001: narrow the base of support, use the hands less, move the body's weight): the balance
exercises themselves step up by block - feet apart/together → semi-tandem → tandem → one leg, always next to a
support (the hands come off in stages, advice.FALL_RISK_STAGES) - and the third block adds head turns, reaching
and a second task. Frail people reach the supported one-leg stand only in the third block (rule 40). Nothing
changes while clearance is pending (rules 33 and 41).
"""
from __future__ import annotations

import math

from coach.domain.limits import BLOCK_WEEKS
from coach.i18n import N_
from coach.planning.context import Context
from coach.planning.measure import balance_minutes, weekly_balance
from knowledge.catalog import Exercise, load_catalog, safe_for
from knowledge.corpus import by_tag

FRAIL_AIM = (45, 180)  # weekly balance minutes in weeks 1-2 ... weeks 11-12, a step every two weeks
EVIDENCE_WEEKLY = 180  # kb-falls-001: about 3 hours a week
HOME_MAX = 40  # the home practice a day, in 2-3 bouts
HOME_MIN = 5
HOME_START = 10  # the most a day in weeks 1-2
HOME_FLOOR = 20
BALANCE_BLOCK_MIN = 2  # PLAN_RULES 37: balance blocks never below 2 minutes
BOUTS_FROM = 15  # from this many minutes a day the home practice is split into short bouts
# block 2 and block 3 successors (kb-balance-001's stance ladder; weight shifts become side steps along a counter)
STEPS: dict[str, tuple[str, str]] = {
    "feet_apart_stance": ("feet_together_stance", "semi_tandem_stance"),
    "feet_together_stance": ("semi_tandem_stance", "tandem_stance"),
    "semi_tandem_stance": ("tandem_stance", "single_leg_stand"),
    "tai_chi_weight_shifts": ("sideways_walking", "sideways_walking"),
}
ONE_LEG_FROM_WEEK = 2 * BLOCK_WEEKS + 1  # frail people: a supported one-leg stand from the third block only
CHALLENGE = N_("Balance, harder now: while you hold each stance, turn your head slowly from side to side, reach "
               "forward and to the side, or count backwards in threes; keep one hand near the support.")
FALLS_GAP = N_("Falls prevention works best with about 3 hours of balance practice a week; this plan builds to about "
               "{h} hours by week 12 within the time you gave. To get closer: add 5-10 minutes of balance practice "
               "on your session days too (for example standing heel to toe at the kitchen counter while the kettle "
               "boils), or a few more minutes on the other days.")


FALLS_DOSE = N_("Balance practice in this plan: about {a} minutes a week in week 1, building to about {b} minutes a "
                "week by week 12 ({s} in your sessions and {h} at home, in short bouts on the days without a "
                "session), toward the roughly 3 hours a week that prevented the most falls in the studies.")


def frail_week_aim(week: int) -> float:
    """Frail people's weekly balance minutes in `week`: 45 → 180 by week 11, one step every two weeks."""
    lo, hi = FRAIL_AIM
    return lo + (hi - lo) * min(5, (week - 1) // 2) / 5


def home_cap(minutes_per_session: int) -> int:
    """The most home balance practice a day by week 11: the person's own session length (at least HOME_FLOOR, the
    earlier plans' 20), at most HOME_MAX."""
    return max(HOME_FLOOR, min(HOME_MAX, minutes_per_session))


def home_limit(minutes_per_session: int, week: int) -> int:
    """The most home practice a day in `week`: from HOME_START up to home_cap by week 11, a step every two weeks (so
    it keeps rising to the end rather than reaching its cap early)."""
    cap = home_cap(minutes_per_session)
    return math.ceil(HOME_START + (cap - HOME_START) * min(5, (week - 1) // 2) / 5)


def frail_home_minutes(ctx: Context, week: int, days: int, in_sessions: float, floor: float) -> int:
    """Minutes of the frail home add-on a day (a minute of it is back-extensor work): what brings the week to its
    aim (at least `floor`, rule 44's step), within home_limit."""
    target = max(frail_week_aim(week), floor)
    need = max(0.0, target - in_sessions)
    cap = home_limit(ctx.p.minutes_per_session, week)
    if floor > in_sessions + days * (cap - 1):  # rule 44's floor comes first (never below the earlier plans)
        cap = home_cap(ctx.p.minutes_per_session)
    return max(HOME_MIN, min(cap, math.ceil(need / max(1, days)) + 1))


def home_text(ctx: Context, minutes: int) -> str:
    """The frail home add-on in words; longer practice comes in short bouts through the day."""
    if minutes < BOUTS_FROM:
        return ctx._("At home on those days too: {m} minutes of balance next to a sturdy support and back-extensor "
                     "work (standing back extensions at a wall, shoulder-blade squeezes).", m=minutes)
    return ctx._("At home on those days too: {m} minutes of balance next to a sturdy support, in 2-3 short bouts "
                 "through the day (the stances of your sessions, at the kitchen counter), including a minute of "
                 "back-extensor work (standing back extensions at a wall, shoulder-blade squeezes).", m=minutes)


def balance_step(ctx: Context, e: Exercise, week: int) -> Exercise:
    """The balance exercise `e` stepped up for the block of `week` (frail and older people; not while clearance is
    pending); `e` itself where no step applies or fits."""
    block = min(2, (week - 1) // BLOCK_WEEKS)
    if not block or ctx.bridge or not (ctx.frail or ctx.older) or e.id not in STEPS:
        return e
    cat = load_catalog()
    for cand in reversed(STEPS[e.id][:block]):
        x = cat.get(cand)
        if x is None or (x.id == "single_leg_stand" and week < ONE_LEG_FROM_WEEK):
            continue
        if set(x.muscle_groups) <= set(e.muscle_groups) | {"glutes"} and safe_for(x, ctx.injuries) \
                and ctx.allowed(x):
            return x
    return e


def challenge_notes(ctx: Context, exercises: list[dict], week: int) -> list[str]:
    """Third block: head turns, reaching and a second task during the stances (kb-balance-001)."""
    if week < ONE_LEG_FROM_WEEK or ctx.bridge or not (ctx.frail or ctx.older):
        return []
    if not any(e.get("kind") == "balance" and e.get("holds") for e in exercises):
        return []
    return [ctx._(CHALLENGE)]


def add_falls_gap(ctx: Context, safety: dict, weeks: list[dict]) -> None:
    """Frail people whose time stops short of ~3 h a week of balance by week 12: one reason saying so and how to get
    closer, cited to kb-falls-001 (PLAN_RULES 30)."""
    if not ctx.frail or ctx.bridge or ctx.has("hard_stop") or len(weeks) < 12:
        return
    add_falls_dose(ctx, safety, weeks)
    weekly = weekly_balance(weeks[11])
    passage = by_tag("plan:falls", ctx.lang)
    if weekly >= EVIDENCE_WEEKLY - 10 or passage is None:
        return
    safety["reasons"] = safety["reasons"] + [ctx._(FALLS_GAP, h=f"{weekly / 60:.1f}")]
    safety.setdefault("reason_citations", []).append({"reason": len(safety["reasons"]) - 1, "id": passage.id,
                                                      "for": "falls"})


def _cardio(s: dict) -> list[dict]:
    """The session's timed cardio entries (PLAN_RULES 36 counts these)."""
    return [e for e in s["exercises"]
            if e.get("kind") in ("aerobic", "hiit") and not e.get("sets") and e.get("minutes")]


def _blocks(s: dict) -> list[dict]:
    return [e for e in s["exercises"] if e.get("kind") == "balance" and not e.get("sets") and e.get("minutes")]


def keep_cardio(weeks: list[dict]) -> None:
    """PLAN_RULES 36: a session's balance blocks grow with the week's nominal minutes (schedule.balance_minutes), so
    a session that stays the same length could lose a cardio minute to them; the balance blocks give it back (never
    below BALANCE_BLOCK_MIN each, or the shortest block the day had last week), in place. The session's balance
    then still holds at least last week's minutes."""
    prev: dict[int, tuple[float, float, float]] = {}
    for w in weeks:
        if w["deload"]:
            continue
        now = {}
        for s in w["sessions"]:
            cardio, before = _cardio(s), prev.get(s["day"])
            short = before[1] - sum(e["minutes"] for e in cardio) if before and s["minutes"] >= before[0] else 0
            floor = min(BALANCE_BLOCK_MIN, before[2]) if before else BALANCE_BLOCK_MIN
            for e in sorted(_blocks(s), key=lambda e: -e["minutes"]):
                take = min(short, e["minutes"] - floor) if cardio else 0
                if take > 0:
                    e["minutes"] -= take
                    cardio[0]["minutes"] += take
                    short -= take
            now[s["day"]] = (s["minutes"], sum(e["minutes"] for e in cardio),
                             min((e["minutes"] for e in _blocks(s)), default=BALANCE_BLOCK_MIN))
        prev = now


def add_falls_dose(ctx: Context, safety: dict, weeks: list[dict]) -> None:
    """Review 13: the week's balance minutes (sessions + the daily home blocks, measure.weekly_balance) in week 1 and
    week 12, stated as one reason cited to kb-falls-001 (its build-up toward about 3 hours a week)."""
    passage = by_tag("plan:falls", ctx.lang)
    if passage is None:
        return
    first, last = weekly_balance(weeks[0]), weekly_balance(weeks[11])
    home = last - balance_minutes(weeks[11])
    safety["reasons"] = safety["reasons"] + [ctx._(FALLS_DOSE, a=round(first), b=round(last),
                                                   s=round(last - home), h=round(home))]
    safety.setdefault("reason_citations", []).append({"reason": len(safety["reasons"]) - 1, "id": passage.id,
                                                      "for": "falls"})
