"""A strength session's minutes match its listed work (physician review 12, hard error 1: an "84-minute strength"
session listing 8 exercises x 2 sets, about 25-35 minutes of work, the rest of the time unaccounted for).

The listed work is measure.session_seconds (sets x the low end of the repetitions x ~3 s, plus the rests); the top of
the repetition ranges takes up to a quarter longer, and the session's notes add a 5-minute warm-up and a cool-down.
A beginner's or inactive person's strength session stated longer than that is cut to it (the week's other sessions keep their minutes); the limit
is the day's longest listed work across the plan, so a session's length does not rise with its sets (rule 39).

83 strength time: a beginner's or inactive person's strength session's stated minutes are at most the listed work x 1.25 plus 10 minutes (warm-up
   and cool-down), rounded up, of the longest strength session on that day of the week in the plan.
"""
from __future__ import annotations

import math

from coach.domain.limits import YOUTH_BELOW_AGE
from coach.domain.profile import Profile
from coach.planning.checks import Bounds, Violation
from coach.planning.measure import session_seconds

RULE_STRENGTH_TIME = 83
RANGE_SHARE = 1.25  # the top of a 10-15 or 8-12 repetition range takes about a quarter longer than its low end
WARM_COOL_MIN = 10  # the notes' 5-minute warm-up and the cool-down and stretch


def work_limit(s: dict) -> int | None:
    """The most minutes a strength session's listed work accounts for; None for other sessions or no timed work."""
    if s.get("kind") != "strength":
        return None
    seconds = session_seconds(s)
    if seconds <= 0:
        return None
    return math.ceil(seconds / 60 * RANGE_SHARE) + WARM_COOL_MIN


def day_limits(weeks: list[dict]) -> dict:
    """Each day's limit: the longest work its strength sessions list in any week of the plan (one length per day, so
    a session's length never rises together with its sets, rule 39)."""
    out: dict = {}
    for w in weeks:
        for s in w.get("sessions") or []:
            limit = work_limit(s)
            if limit is not None:
                out[s.get("day")] = max(limit, out.get(s.get("day"), 0))
    return out


def padded(p: Profile) -> bool:
    """Whose strength sessions the plan pads with time: beginners and inactive people (the gradual start), and
    teenagers, whose sets the youth guidance keeps low (review 15: a 15-year-old's "85-minute" sessions held about
    40 minutes of work; kb-youth-strength-003)."""
    return p.is_beginner_or_inactive or p.age < YOUTH_BELOW_AGE


def fit_strength_minutes(p: Profile, weeks: list[dict]) -> list[dict]:
    """In place: a strength session stated longer than its day's listed work (and warm-up, cool-down) is cut to it
    (beginners and inactive people, whose sessions the gradual start pads with time)."""
    if not padded(p):
        return weeks
    limits = day_limits(weeks)
    for w in weeks:
        for s in w["sessions"]:
            if work_limit(s) is not None and s["minutes"] > limits[s.get("day")]:
                s["minutes"] = limits[s.get("day")]
    return weeks


def check_strength_time(weeks: list[dict], b: Bounds) -> list[Violation]:
    """83: no strength session of a beginner or inactive person stated longer than its day's listed work."""
    if b is not None and not padded(b.profile):
        return []
    limits, v = day_limits(weeks), []
    for w in weeks:
        for s in w.get("sessions") or []:
            limit = limits.get(s.get("day")) if work_limit(s) is not None else None
            if limit is not None and isinstance(s.get("minutes"), (int, float)) and s["minutes"] > limit:
                v.append(Violation(RULE_STRENGTH_TIME, f"week {w.get('week')} day {s.get('day')}: a {s['minutes']}-"
                                                       f"minute strength session lists about {limit} minutes of work"))
    return v
