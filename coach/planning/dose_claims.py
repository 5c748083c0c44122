"""The numbers the rationale quotes about a week's dose, each computed from the built week it names (issue 12,
physician review 5, finding 2: "14 + 120 is not 74", "422 moderate minutes working toward 150-300" in a week that
already held more, "21 minutes of balance" beside "2.3 hours by week 12").

- Cardio: the minutes of the cardio exercises in the week's sessions as they are, and what they are worth in
  moderate-intensity minutes (PLAN_RULES 6: a vigorous minute counts as two, a light one as half); the walks on the
  days without a session are added at their own label's weight (an easy walk counts half everywhere); WHO's
  150-300 minutes are compared with the sessions' own dose only (review 13: "within WHO" was claimed on walks the
  sessions do not hold), and the walks then say what they would add.
- Balance: the sessions' balance exercises plus the home practice on the other days (measure.weekly_balance, the
  figure the falls reason quotes), with the week named.
"""
from __future__ import annotations

from coach.domain.limits import MODERATE_EQUIVALENT as FACTOR
from coach.planning.context import Context
from coach.planning.feasibility import sessions_cannot_reach_who
from coach.planning.measure import balance_minutes, weekly_balance

WHO_RANGE = (150, 300)  # WHO 2020: moderate-intensity minutes a week for adults


def _cardio(week: dict) -> list[tuple[float, str]]:
    """(minutes, session label) of each cardio exercise of the week's sessions."""
    return [(float(e["minutes"]), s["intensity"]["label"]) for s in week["sessions"] for e in s["exercises"]
            if e.get("kind") in ("aerobic", "hiit") and e.get("minutes") and not e.get("sets")]


def cardio_minutes(week: dict) -> int:
    """The week's cardio minutes in the sessions, as they are."""
    return int(round(sum(m for m, _ in _cardio(week))))


def moderate_equivalent(week: dict) -> int:
    """What the sessions' cardio is worth in moderate-intensity minutes (PLAN_RULES 6)."""
    return int(round(sum(m * FACTOR[label] for m, label in _cardio(week))))


def walk_equivalent(week: dict) -> int:
    """What the walks on the days without a session are worth in moderate-intensity minutes (0 if optional)."""
    walk = week.get("daily_activity") or {}
    if not walk or walk.get("optional"):
        return 0
    return int(round(walk["total_minutes"] * FACTOR[walk.get("label") or "moderate"]))


def week_total(week: dict) -> int:
    """Sessions plus walks, in moderate-intensity minutes: the figure compared with WHO's range."""
    return moderate_equivalent(week) + walk_equivalent(week)


def sessions_sentence(ctx: Context, week: dict, youth: bool = False) -> str:
    """How much cardio the named week's sessions hold, and what it is worth when not all of it is moderate."""
    _, k = ctx._, week["week"]
    raw, eq = cardio_minutes(week), moderate_equivalent(week)
    if youth:
        return _("By week {k} the plan's cardio adds up to about {a} minutes; WHO asks teenagers for an average of 60 "
                 "minutes of activity a day, so active play, sport and walking or cycling to school count toward the "
                 "rest.", k=k, a=raw)
    if raw == eq:
        return _("By week {k} the cardio in your sessions adds up to about {a} moderate-intensity minutes.", k=k, a=eq)
    if raw > WHO_RANGE[1]:  # above the range as they are: no doubled figure (a tempo run's easy minutes are not hard)
        return _("By week {k} your sessions hold about {m} minutes of cardio, part of it at a hard effort.", k=k,
                 m=raw)
    return _("By week {k} your sessions hold about {m} minutes of cardio, worth about {a} moderate-intensity minutes "
             "(a vigorous minute counts as two, a light one as half).", k=k, m=raw, a=eq)


def walk_sentence(ctx: Context, week: dict) -> str:
    """The walks on the days without a session, and the week's total computed from the same numbers."""
    _, walk = ctx._, week["daily_activity"]
    total = week_total(week)
    if walk["days"] == 1 and (walk.get("label") or "moderate") == "moderate":  # review 13: "each of the 1 days"
        return _("A {m}-minute walk on the day without a session adds about {w} minutes, bringing the week to about "
                 "{total} moderate-intensity minutes.", m=walk["minutes"], w=walk["total_minutes"], total=total)
    if (walk.get("label") or "moderate") == "moderate":
        return _("A {m}-minute walk on each of the {n} days without a session adds about {w} minutes, bringing the "
                 "week to about {total} moderate-intensity minutes.", m=walk["minutes"], n=walk["days"],
                 w=walk["total_minutes"], total=total)
    return _("An easy {m}-minute walk on each of the {n} days without a session adds about {w} minutes; easy walking "
             "counts about half, so that is worth about {we}, bringing the week to about {total} moderate-intensity "
             "minutes.", m=walk["minutes"], n=walk["days"], w=walk["total_minutes"], we=walk_equivalent(week),
             total=total)


def who_sentence(ctx: Context, week: dict) -> str:
    """The sessions' own dose against WHO's 150-300 minutes: short of it, within it, or already above it (the walks
    on the days without a session are said after it, as what they add: review 13, rule 88)."""
    _, total = ctx._, moderate_equivalent(week)
    lo, hi = WHO_RANGE
    if total < lo and sessions_cannot_reach_who(ctx):  # (the time asked for cannot hold it: feasibility_notes)
        return _("That is still short of the {lo}-{hi} minutes a week that WHO recommends, and the time you have "
                 "for the sessions cannot hold it (see the safety notes for the minimum that would).", lo=lo, hi=hi)
    if total < lo:
        return _("That is still short of the {lo}-{hi} minutes a week that WHO recommends; the plan works toward it.",
                 lo=lo, hi=hi)
    if total <= hi:
        return _("That is within the {lo}-{hi} minutes a week that WHO recommends.", lo=lo, hi=hi)
    return _("That is already above the {lo}-{hi} minutes a week that WHO recommends for health; the extra serves "
             "your training goal.", lo=lo, hi=hi)


def balance_sentence(ctx: Context, week: dict, harder: bool) -> str:
    """The named week's balance minutes, sessions plus home practice (the figure the falls reason quotes)."""
    _, k = ctx._, week["week"]
    total, in_sessions = weekly_balance(week), balance_minutes(week)
    home = total - in_sessions
    text = _("By week {k} the plan holds about {m} minutes of balance work a week ({s} in the sessions, {h} at home "
             "on the other days) to help prevent falls.", k=k, m=int(round(total)), s=int(round(in_sessions)),
             h=int(round(home))) if home >= 1 else \
        _("By week {k} the plan holds about {m} minutes of balance work a week to help prevent falls.", k=k,
          m=int(round(total)))
    return text + (" " + _("The balance exercises keep getting harder every four weeks.") if harder else "")

