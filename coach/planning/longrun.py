"""A trained endurance athlete's long easy run grows (issue 12, physician review item 4; kb-endurance-001).

The long easy session starts a little longer than any other session's cardio and grows by about 10 % a full week
(LONG_RUN_GROWTH) up to the person's session length, with the plan's lighter weeks as recovery weeks (80 % of the last
long run); every other session's cardio stays 15 % shorter, so it stays the longest. Applied to the weeks
after they are built and before the walks on other days are added.
Past the session length, `offer_longer_run` (physician review 5, kb-endurance-004) offers the long run longer on a
day with more time (`extend_to_minutes`), while the planned minutes stay within the session length (PLAN_RULES 2).
"""
from __future__ import annotations

import math

from coach.domain.limits import WEEKLY_RAMP, WEEKLY_RAMP_SLACK_MIN
from coach.planning.context import LOW_IMPACT_INJURIES, Context, Slot
from coach.planning.intervals import easy_before_long
from coach.planning.measure import FACTOR, aerobic_minutes, built_share, label_of
from coach.planning.template import aerobic_requirement
from knowledge.catalog import load_catalog

LONG_RUN_GROWTH = 1.10
RECOVERY_SHARE = 0.8
LONG_RUN_LEAD = 1.15  # the long run's cardio is at least this many times every other session's (rationale.has_long_session)
LONG_RUN_MAX_MIN = 150  # kb-endurance-004 (Daniels): a long run of at most about 2.5 hours
LONG_RUN_WEEK_SHARE = 0.30  # kb-endurance-004 (Daniels): the long run at most ~25-30 % of the week's running
LONG_RUN_LOOKBACK = 4  # weeks: kb-endurance-004 (Frandsen et al. 2025) compares a run with the last 30 days' longest
RUN_WORDS = ("run", "jog")


def running(s: dict) -> bool:
    """Whether a session has running in it (a run, a jog, run-walk intervals; not a walk or a ride): only such a
    session is called a long run (review 11: a 70-minute treadmill walk was the plan's "long_run"; PLAN_RULES 79)."""
    cat = load_catalog()
    for e in s.get("exercises") or []:
        ex = cat.get(str(e.get("id")))
        text = f"{e.get('id', '')} {ex.name.en if ex else e.get('name', '')}".lower()
        if e.get("kind") in ("aerobic", "hiit") and any(w in text for w in RUN_WORDS):
            return True
    return False


def long_key(s: dict) -> str:
    """The flag marking the week's long easy session: `long_run` when it runs, `long_session` otherwise."""
    return "long_run" if running(s) else "long_session"


def long_session(sessions: list[dict]) -> dict | None:
    """The week's marked long easy session, run or not."""
    return next((x for x in sessions if x.get("long_run") or x.get("long_session")), None)


def _cardio(s: dict) -> int:
    return sum(int(e.get("minutes") or 0) for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit")
               and not e.get("sets"))


def _set_minutes(s: dict, minutes: int) -> None:
    """A steady session at `minutes`: its cardio takes what the other exercises leave."""
    others = sum(int(e.get("minutes") or 0) for e in s["exercises"] if e.get("kind") not in ("aerobic", "hiit"))
    cardio = [e for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and not e.get("sets")]
    if not cardio or minutes - others < 10:
        return
    cardio[0]["minutes"] = minutes - others
    s["minutes"] = minutes


def grow_long_run(ctx: Context, slots: list[Slot], weeks: list[dict]) -> None:
    """Rewrites the long easy session's minutes week by week (in place); the other steady sessions stay shorter.
    The long session is marked `long_run` in every week, or `long_session` where it does not run (additions to the
    contract's session)."""
    easy_before_long(slots, weeks)  # no hard day right before the long one (rule 87)
    idx = next((i for i, s in enumerate(slots) if s.long_easy), None)
    if idx is None:
        return
    for w in weeks:
        if idx < len(w["sessions"]):
            w["sessions"][idx][long_key(w["sessions"][idx])] = True
    if not ctx.endurance_athlete or ctx.bridge or ctx.has("pregnancy") or not weeks:
        return
    m = ctx.p.minutes_per_session
    steady = [i for i, s in enumerate(slots) if s.kind == "aerobic" and i != idx]
    other = max((_cardio(s) for w in weeks for i, s in enumerate(w["sessions"]) if i != idx and i not in steady),
                default=0)
    start = _dose_start(ctx, weeks, idx, steady, min(m, max(math.ceil(other * LONG_RUN_LEAD), math.ceil(0.6 * m))))
    if start >= m:
        return  # no room to grow within the session length
    cur, last_full = float(start), start
    recovery: list[tuple[dict, int]] = []
    for w in weeks:
        sessions = w["sessions"]
        if w["deload"]:  # a recovery week: 80 % of the last long run; the other sessions keep their lighter week
            built = sessions[idx]["minutes"]
            _set_minutes(sessions[idx], max(10, min(built, round(last_full * RECOVERY_SHARE))))
            recovery.append((w, built))
            continue
        long_min = min(m, round(cur))
        last_full, cur = long_min, cur * LONG_RUN_GROWTH
        _set_minutes(sessions[idx], long_min)
        for i in steady:
            if sessions[i]["minutes"] > math.floor(long_min / LONG_RUN_LEAD):
                _set_minutes(sessions[i], max(10, math.floor(long_min / LONG_RUN_LEAD)))
    _keep_ramp(idx, weeks, recovery)


def _dose_start(ctx: Context, weeks: list[dict], idx: int, steady: list[int], start: int) -> int:
    """The long run's first minutes: from `start` up to the shortest from which every full week still holds PLAN_RULES
    6's aerobic dose once the other steady sessions are cut to stay 15 % shorter (a 4-day week of 30 minutes whose
    long run started at 18 cut a 20-minute ride to 15 and fell below 60 moderate-equivalent minutes)."""
    m = ctx.p.minutes_per_session
    for w in weeks if not ctx.s.restricted else ():
        need = aerobic_requirement(ctx.p) * built_share(w, ctx.p)
        while not w["deload"] and start < m and _dose_at(w, idx, steady, start) < need:
            start += 1
    return start


def _dose_at(w: dict, idx: int, steady: list[int], long_min: int) -> float:
    """Moderate-equivalent aerobic minutes of week `w` with a long run of `long_min` (grow_long_run's cuts)."""
    total = aerobic_minutes(w)
    for i in [idx, *steady]:
        s = w["sessions"][i]
        new = long_min if i == idx else min(s["minutes"], max(10, math.floor(long_min / LONG_RUN_LEAD)))
        total += (new - s["minutes"]) * FACTOR[label_of(s)]
    return total


def _keep_ramp(idx: int, weeks: list[dict], recovery: list[tuple[dict, int]]) -> None:
    """A recovery week's long run gives back minutes (up to what the lighter week had) where the week after it would
    otherwise rise by more than PLAN_RULES 13 allows."""
    for w, built in recovery:
        nxt = next((x for x in weeks if x["week"] == w["week"] + 1), None)
        if nxt is None:
            continue
        total = sum(s["minutes"] for s in w["sessions"])
        need = math.ceil((sum(s["minutes"] for s in nxt["sessions"]) - WEEKLY_RAMP_SLACK_MIN) / WEEKLY_RAMP - total)
        if need > 0:
            _set_minutes(w["sessions"][idx], min(built, w["sessions"][idx]["minutes"] + need))


def offer_longer_run(ctx: Context, weeks: list[dict]) -> None:
    """Once the long run has reached the session length, its session says how much longer it may go on a day with
    more time (`extend_to_minutes`, in place): about 10 % a full week over the longest long run of the last four
    weeks (Frandsen et al. 2025: single runs > 10 % over the month's longest raised overuse injuries), at most
    LONG_RUN_MAX_MIN and LONG_RUN_WEEK_SHARE of the week's running (Daniels), and within the week's minutes the
    person offered (days x minutes). Recovery weeks offer nothing. The session's own minutes stay within the
    session length (PLAN_RULES 2)."""
    p = ctx.p
    if not ctx.endurance_athlete or ctx.bridge or ctx.has("pregnancy") or ctx.s.clearance_required \
            or LOW_IMPACT_INJURIES & ctx.injuries:  # an injured leg or back: no run past the session length
        return
    m, budget = p.minutes_per_session, p.days_per_week * p.minutes_per_session
    done: list[int] = []  # each week's long run, with its extension
    for w in weeks:
        s = long_session(w["sessions"])
        if s is None:
            return
        reach = s["minutes"]
        if not w["deload"] and s["minutes"] >= m and done:
            others = sum(_cardio(x) for x in w["sessions"] if x is not s)
            caps = (math.floor(max(done[-LONG_RUN_LOOKBACK:]) * LONG_RUN_GROWTH), LONG_RUN_MAX_MIN,
                    math.floor(LONG_RUN_WEEK_SHARE / (1 - LONG_RUN_WEEK_SHARE) * others),
                    budget - sum(x["minutes"] for x in w["sessions"]) + s["minutes"])
            reach = max(s["minutes"], 5 * (min(caps) // 5))
            if reach >= s["minutes"] + 5:
                s["extend_to_minutes"] = reach
                s["notes"] = (s.get("notes", "") + " " + (ctx._(
                    "Long run: if you have more time on this day (a weekend day suits it), you may go up to {n} "
                    "minutes at the same easy pace, longer than your other sessions; otherwise {m} minutes is fine. "
                    "Never run more than about 10 % longer than your longest run of the last four weeks.",
                    n=reach, m=s["minutes"]) if s.get("long_run") else ctx._(
                    "Long session: if you have more time on this day (a weekend day suits it), you may go up to {n} "
                    "minutes at the same easy pace; otherwise {m} minutes is fine. Never go more than about 10 % "
                    "longer than your longest session of the last four weeks.", n=reach, m=s["minutes"]))).strip()
        done.append(reach)
