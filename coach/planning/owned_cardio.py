"""The person's own cardio equipment toward the fat-loss dose when walking is disliked (physician review 11: a
57-year-old with a BMI of 38 who dislikes walking and owns a bike reached about 130 aerobic minutes a week, her bike
never used).

kb-weight-loss-002 (ACSM, Donnelly et al. 2009): under 150 minutes a week of moderate activity gives minimal weight
loss; build toward 150, then toward 250-300 (45-60 minutes on most days, in shorter bouts if needed).
kb-obesity-003 / kb-osteoarthritis-002: stationary or recumbent cycling is joint-friendly.
Who: an adult whose goal is fat loss, who dislikes walking (so the plan has no walks on the other days,
engine._add_walks) and owns a bike, with the gates of aerobic.fat_loss_walks (not older, frail or a teenager, nothing
pending or restricting, no heart condition, at least 90 minutes a week of sessions).
What: rides on the days without a session (at most RIDE_DAYS), RIDE_START minutes in week 1, 5 more a full week up to
RIDE_MAX, only in weeks whose sessions grow neither longer nor harder and within 20 % more minutes a week (PLAN_RULES
51 and 62, ramp.py), until
the week reaches 250 moderate minutes; a lighter week keeps the last rides.
"""
from __future__ import annotations

import math

from coach.domain.limits import FAT_LOSS_AEROBIC_AIM_MIN
from coach.planning.context import Context
from coach.planning.ramp import harder
from coach.planning.rationale import honest_aerobic
from coach.planning.schedule import CARDIAC
from coach.safety.indoor import indoor_cycling_only
from knowledge.catalog import available, load_catalog

RIDE_ID = "stationary_bike_ride"
RIDE_DAYS = 3
RIDE_START, RIDE_STEP, RIDE_MAX = 10, 5, 45  # aerobic.FAT_LOSS_WALK_MAX: the same ceiling as a fat-loss walk
RAMP_MAX = 1.20  # ramp.RAMP_MAX (PLAN_RULES 51)


def applies(ctx: Context) -> bool:
    p, s = ctx.p, ctx.s
    bike = load_catalog().get(RIDE_ID)
    return bool(p.goal == "fat_loss" and any("walk" in d for d in ctx.dislikes) and bike is not None
                and available(bike, ctx.equipment) and ctx.allowed(bike) and not any(
                    w in d for d in ctx.dislikes for w in ("bike", "cycl"))
                and not (ctx.youth or ctx.older or ctx.frail or s.clearance_required or s.restricted
                         or ctx.has("hard_stop") or ctx.has("pregnancy") or CARDIAC & set(p.conditions))
                and p.days_per_week * p.minutes_per_session >= 90 and p.days_per_week < 7)


def _text(ctx: Context, days: int, minutes: int) -> str:
    if indoor_cycling_only(ctx.p):
        return ctx._("On the {n} days without a session: a {m}-minute ride on a stationary bike at a pace you can "
                     "talk at.", n=days, m=minutes)
    return ctx._("On the {n} days without a session: a {m}-minute ride on your bike at a pace you can talk at "
                 "(indoors, or a flat, quiet route).", n=days, m=minutes)


def _sessions(w: dict) -> int:
    return sum(int(s["minutes"]) for s in w["sessions"])


def owned_rides(ctx: Context, weeks: list[dict]) -> bool:
    """Rides on the days without a session toward 250 minutes a week (in place); True when any were added."""
    if not applies(ctx):
        return False
    days = min(RIDE_DAYS, 7 - ctx.p.days_per_week)
    each, prev = RIDE_START, None
    for w in weeks:
        if w.get("daily_activity") and w["daily_activity"].get("minutes"):
            return False  # walks or another activity are planned already
        if not w["deload"] and prev is not None:
            aim = max(0.0, FAT_LOSS_AEROBIC_AIM_MIN - honest_aerobic(w))
            need = RIDE_STEP * math.ceil(aim / days / RIDE_STEP)
            room = math.floor((RAMP_MAX * (_sessions(prev) + days * each) - _sessions(w)) / days)
            if _sessions(w) <= _sessions(prev) and not harder(w, prev) and need > each:  # one change at a time
                each = max(each, min(each + RIDE_STEP, RIDE_MAX, need, room))
        extra = w.get("daily_activity") or {}
        text = _text(ctx, days, each) + (" " + extra["add_on"]["text"] if extra.get("add_on") else "")
        w["daily_activity"] = {**extra, "days": days, "minutes": each, "label": "moderate", "activity": "cycling",
                               "total_minutes": days * each, "text": text}
        prev = w if not w["deload"] else prev
    return True
