"""Aerobic dose and week-to-week progression after the weeks are built (issue 12, independent review 3).

- Adult fat loss (no limiting condition): the walks on the days without a session grow by 5 minutes a week (up to
  FAT_LOSS_WALK_MAX each) until the week reaches FAT_LOSS_AEROBIC_AIM_MIN (250) moderate-equivalent minutes; with
  short sessions (3 x 30 min) the sessions alone cannot reach ACSM's 200-300 (Donnelly et al. 2009,
  kb-weight-loss-002).
- Trained people (intermediate or advanced, with lighter weeks): every full week of a block carries more than the
  one before it - the second week of each block adds a set to the first main lift (lifters have their heavy week
  there instead), the third a set to the first two (where the session still fits), and a
  trained endurance athlete's steady runs grow by 5 minutes a full week (kept shorter than the long run) and the
  interval session adds a bout each week of the block (kb-overload-001; the lighter weeks stay lower, kb-deload-001).
- Easy aerobic work says what easy means by the talk test (you can speak in full sentences) for runners and anyone on
  a beta-blocker, whose heart rate does not follow effort (kb-beta-blockers-001, kb-endurance-001).
"""
from __future__ import annotations

import math
import re

from coach.domain.limits import (BLOCK_WEEKS, FAT_LOSS_AEROBIC_AIM_MIN, WEEKLY_AEROBIC_TARGET_MIN, WEEKLY_RAMP,
                                 WEEKLY_RAMP_SLACK_MIN)
from coach.planning.advice import walk_text
from coach.planning.context import Context
from coach.planning.hints import ride_text
from coach.planning.longrun import offer_longer_run
from coach.planning.measure import session_seconds
from coach.planning.periodise import applies as lifter_periodised
from coach.planning.quality import TWO_QUALITY_SHARE, add_tempo, cardio_room
from coach.planning.rationale import FACTOR, honest_aerobic
from coach.planning.schedule import CARDIAC
from knowledge.catalog import load_catalog

FAT_LOSS_WALK_MAX = 45  # minutes of one walk on a day without a session
FAT_LOSS_WALK_STEP = 5  # more minutes a walk a full week
ACTIVE_WALK_MAX = 45  # an active person's walk: at most 45 minutes and the session length
WEEKLY_AEROBIC_UPPER_MIN = 300  # WHO 2020: 150-300 moderate minutes a week; the walks grow toward the upper end
MAIN_LIFTS = {"squat", "hinge", "lunge", "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}
EXTRA_SET_WEEK_OF_BLOCK = 2  # 0-based: weeks 3, 7, 11 add a set to the main lifts
STEADY_STEP = 5
LONG_RUN_LEAD = 1.15  # longrun.LONG_RUN_LEAD: the long run stays the longest
RUNNERS_WORDS = ("run", "jog")
BOUTS = re.compile(r"(\d+)-(\d+)( ?组? [x×] )")  # the zh text: "6-8组 × 1分钟高强度 / 2分钟轻松"
WORK_REST = re.compile(r"[x×] (\d+) ?(?:min hard|分钟高强度) / (\d+)(?:-\d+)? ?(?:min easy|分钟轻松)")
HARD_SHARE = 0.2  # 80/20: at most a fifth of the aerobic minutes hard (kb-endurance-001)
WARM_UP = re.compile(r"(\d+)-min warm-up|热身 ?(\d+) ?分钟")


def fat_loss_walks(ctx: Context, weeks: list[dict]) -> None:
    """Adult fat loss without a limiting condition: walks that bring the week toward 250 minutes (in place)."""
    p = ctx.p
    if (p.goal != "fat_loss" or ctx.youth or ctx.older or ctx.frail or ctx.s.clearance_required or ctx.s.restricted
            or ctx.has("hard_stop") or ctx.has("pregnancy") or CARDIAC & set(p.conditions)
            or p.days_per_week * p.minutes_per_session < 90 or any("walk" in w for w in ctx.dislikes)):
        return
    prev = 0
    for w in weeks:
        walk = w.get("daily_activity")
        if not walk or walk.get("optional") or walk.get("label") != "moderate":
            continue
        if w["deload"]:
            each = max(walk["minutes"], min(prev, walk["minutes"] + FAT_LOSS_WALK_STEP)) if prev else walk["minutes"]
        else:
            missing = max(0.0, FAT_LOSS_AEROBIC_AIM_MIN - honest_aerobic(w))
            need = 5 * math.ceil(missing / walk["days"] / 5)
            grow = prev + FAT_LOSS_WALK_STEP if prev else walk["minutes"]
            each = max(walk["minutes"], prev, min(FAT_LOSS_WALK_MAX, need, grow))
            prev = each
        if each != walk["minutes"]:
            w["daily_activity"] = walk = dict(walk)  # a kept walk can be the same object as last week's
            _set_walk(ctx, walk, each)


def active_walks(ctx: Context, weeks: list[dict]) -> None:
    """Someone already active, with nothing pending or restricting (a cyclist with rate-controlled AF, an active
    older adult): the walks on the days without a session bring every week to WHO's 150 moderate-equivalent minutes
    from the start (each at most ACTIVE_WALK_MAX and the session length), not only once the sessions are full
    length; they never shrink from one full week to the next, and once the sessions stop growing they add 5 minutes
    every second week toward WHO's 300 (in place)."""
    p = ctx.p
    if (p.currently_active is not True or ctx.youth or ctx.frail or ctx.s.clearance_required or ctx.s.restricted
            or ctx.has("hard_stop") or ctx.has("pregnancy") or "cleared" in ctx.s.flags
            or p.days_per_week * p.minutes_per_session < 90 or any("walk" in w for w in ctx.dislikes)):
        return
    prev, last_sessions, flat = 0, 0, 0
    top = min(ACTIVE_WALK_MAX, p.minutes_per_session)
    for w in weeks:
        walk = w.get("daily_activity")
        if not walk or walk.get("optional") or walk.get("label") != "moderate":
            continue
        structured = honest_aerobic(w)
        missing = max(0.0, WEEKLY_AEROBIC_TARGET_MIN - structured)
        need = min(top, 5 * math.ceil(missing / walk["days"] / 5))
        each = max(walk["minutes"], need, 0 if w["deload"] else prev)
        if not w["deload"]:
            sessions = sum(s["minutes"] for s in w["sessions"])
            # once the sessions stop growing, 5 more minutes a walk every second week, toward WHO's 300
            flat = flat + 1 if prev and sessions <= last_sessions else 0
            if flat and flat % 2 == 0 and each + 5 <= top and \
                    structured + walk["days"] * (each + 5) <= WEEKLY_AEROBIC_UPPER_MIN:
                each += 5
            prev, last_sessions = each, sessions
        if each != walk["minutes"]:
            w["daily_activity"] = walk = dict(walk)  # a kept walk can be the same object as last week's
            _set_walk(ctx, walk, each)


def liked_ride(ctx: Context, weeks: list[dict]) -> None:
    """Someone who likes cycling and has a bike (or a gym): the walk on the other days may be a ride of the same
    minutes at the same pace (in place)."""
    if not any(w in like for like in ctx.likes for w in ("cycl", "bike", "biking")) or \
            not ctx.equipment & {"bike", "gym"}:
        return
    for w in weeks:
        walk = w.get("daily_activity")
        if walk and walk.get("activity") == "walking" and not walk.get("or"):
            w["daily_activity"] = walk = dict(walk)  # a kept walk can be the same object as last week's
            walk["or"] = "cycling"
            walk["text"] += " " + ride_text(ctx)  # a stationary bike for whom the road is ruled out (rule 42)


def _set_walk(ctx: Context, walk: dict, each: int) -> None:
    walk["minutes"], walk["total_minutes"] = each, each * walk["days"]
    text = walk_text(ctx, walk["days"], each, walk.get("label") or "moderate")
    if walk.get("add_on"):
        text += " " + walk["add_on"]["text"]
    walk["text"] = text


def _trained(ctx: Context, weeks: list[dict]) -> bool:
    return (ctx.level in ("intermediate", "advanced") and not ctx.ramps and not ctx.bridge
            and not ctx.has("pregnancy") and any(w["deload"] for w in weeks))


def block_progression(ctx: Context, weeks: list[dict]) -> None:
    """Trained people: no flat full weeks between the lighter weeks (in place)."""
    if not _trained(ctx, weeks):
        return
    cat = load_catalog()
    heavy_week = lifter_periodised(ctx)  # lifters' second week is already the heavy week (periodise)
    for w in weeks:  # endurance athletes keep their short lifting (16-24 sets a week): they progress by running
        k = (w["week"] - 1) % BLOCK_WEEKS
        extra = {1: 0 if heavy_week else 1, EXTRA_SET_WEEK_OF_BLOCK: 2}.get(k, 0)
        if ctx.endurance_athlete or w["deload"] or not extra:
            continue
        for s in w["sessions"]:
            mains = [e for e in s["exercises"] if isinstance(e.get("sets"), int) and e["sets"] >= 2
                     and getattr(cat.get(str(e.get("id"))), "pattern", None) in MAIN_LIFTS][:extra]
            for e in mains:
                e["sets"] += 1
                if session_seconds(s) > 60 * s["minutes"]:
                    e["sets"] -= 1
    if ctx.endurance_athlete:
        _steady_runs(weeks)
        add_tempo(ctx, weeks)  # an advanced athlete's second hard session (quality.py)
        _interval_bouts(weeks, ctx.p.minutes_per_session)
        offer_longer_run(ctx, weeks)


def _cardio(s: dict) -> list[dict]:
    return [e for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and not e.get("sets")]


def _steady_runs(weeks: list[dict]) -> None:
    """A trained endurance athlete's steady sessions (not the long one): 5 more minutes each full week, up to what
    keeps them 15 % shorter than the week's long run and within the session length."""
    prev: dict[int, int] = {}
    before = 0
    for w in weeks:
        sessions = w["sessions"]
        total, room = sum(s["minutes"] for s in sessions), None
        if before:  # PLAN_RULES 13: the week's minutes stay within 125 % of the week before + 10
            room = math.floor(WEEKLY_RAMP * before + WEEKLY_RAMP_SLACK_MIN) - total
        before = total
        if w["deload"]:
            continue
        steady = [s for s in sessions if s["kind"] == "aerobic" and len(_cardio(s)) == 1
                  and len(s["exercises"]) == 1]
        if len(steady) < 2:
            return
        long_run = max(steady, key=lambda s: s["minutes"])
        ceiling = math.floor(long_run["minutes"] / LONG_RUN_LEAD)
        for s in steady:
            if s is long_run:
                continue
            day, now = s["day"], s["minutes"]
            want = min(ceiling, max(now, prev.get(day, 0) + STEADY_STEP)) if day in prev else now
            if room is not None:
                want = min(want, now + max(0, room))
            if want > now:
                room = None if room is None else room - (want - now)
                before += want - now
                _cardio(s)[0]["minutes"] += want - now
                s["minutes"] = want
            prev[day] = max(s["minutes"], prev.get(day, 0))


def _interval_bouts(weeks: list[dict], most: int) -> None:
    """The interval session's bouts: the low end of the block's range in its first week and one more each week
    after (one past a narrow range's top in the third week), so the hard work grows within the block; the session
    gets the minutes its warm-up, bouts and recoveries need, up to the session length (`most`) and within
    PLAN_RULES 13."""
    before = 0
    for w in weeks:
        total = sum(s["minutes"] for s in w["sessions"])
        room = math.floor(WEEKLY_RAMP * before + WEEKLY_RAMP_SLACK_MIN) - total if before else 0
        before = total
        if w["deload"]:
            continue
        k = (w["week"] - 1) % BLOCK_WEEKS
        for s in w["sessions"]:
            for e in s["exercises"]:
                m = BOUTS.search(str(e.get("intervals") or ""))
                if not m:
                    continue
                lo, hi = int(m.group(1)), int(m.group(2))
                n = min(hi if hi - lo >= 2 else hi + 1, lo + k)
                text = e["intervals"]
                grow = min(max(0, _interval_need(text, n) - s["minutes"]), most - s["minutes"], room,
                           _easy_room(w))
                if grow > 0 and isinstance(e.get("minutes"), int):
                    e["minutes"] += grow
                    s["minutes"] += grow
                    room -= grow
                    before += grow
                while n > lo and _interval_need(text, n) > max(s["minutes"], _interval_need(text, lo)):
                    n -= 1  # only the bouts the session has time for
                e["intervals"] = text[:m.start()] + f"{n}{m.group(3)}" + text[m.end():]


def _easy_room(week: dict) -> int:
    """Minutes the interval session may grow while vigorous minutes stay within HARD_SHARE's 80/20, or
    TWO_QUALITY_SHARE in a week with a tempo run as well (counted as PLAN_RULES 25 counts them: aerobic and hiit
    sessions whole, mixed half)."""
    total = vig = 0.0
    hard = 0
    for s in week["sessions"]:
        mins = {"aerobic": 1.0, "hiit": 1.0, "mixed": 0.5}.get(s["kind"], 0.0) * s["minutes"]
        total += mins
        vig += mins if s["intensity"]["label"] == "vigorous" else 0.0
        hard += s["intensity"]["label"] == "vigorous"
    if hard >= 2:  # also counting the tempo run's whole run (quality.cardio_room)
        return max(0, min(math.floor((TWO_QUALITY_SHARE * total - vig) / (1 - TWO_QUALITY_SHARE)), cardio_room(week)))
    return max(0, math.floor((HARD_SHARE * total - vig) / (1 - HARD_SHARE)))


def _interval_need(text: str, n: int) -> int:
    """Minutes a session of n bouts needs: the warm-up, each bout and its (shortest) recovery, 5 to cool down."""
    m = WORK_REST.search(text)
    warm = WARM_UP.search(text)
    if not m:
        return 0
    return (int(warm.group(1) or warm.group(2)) if warm else 10) + n * (int(m.group(1)) + int(m.group(2))) + 5


def talk_test(ctx: Context, weeks: list[dict]) -> None:
    """Easy or moderate aerobic work: the talk test said next to it, for runners and anyone on a beta-blocker."""
    runner = ctx.endurance_athlete or any(word in like for like in ctx.likes for word in RUNNERS_WORDS)
    if not (runner or "beta_blocker" in ctx.p.medications) or ctx.has("hard_stop"):
        return
    note = ctx._("Easy means you can still speak in full sentences (the talk test); slow down if you cannot.")
    for w in weeks:
        for s in w["sessions"]:
            if s["kind"] in ("aerobic", "mixed") and s["intensity"]["label"] in ("light", "moderate") \
                    and _cardio(s) and note not in s.get("notes", ""):
                s["notes"] = (s.get("notes", "") + " " + note).strip()


def weekly_aerobic(week: dict) -> float:
    """The week's moderate-equivalent aerobic minutes with the walks on the other days (unless optional)."""
    walk = week.get("daily_activity") or {}
    extra = 0.0 if walk.get("optional") else walk.get("total_minutes", 0) * FACTOR.get(walk.get("label"), 1.0)
    return honest_aerobic(week) + extra
