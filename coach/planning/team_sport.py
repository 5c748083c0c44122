"""A teenager's own sport counts (physician review 11, hard error 9: a 15-year-old footballer's aerobic days were
35-60 minute walks, with no vigorous day at all).

WHO 2020 (kb-youth-dose-001): vigorous aerobic activity on at least 3 days a week, and "school sport, club training
... count toward the daily hour, so a plan should add to what the teen already does rather than replace it"; ball
sports load bone. kb-sport-001: plan hard practice or matches as part of the week's load.
Who: a teenager (13-17) who is active and names a team or racket sport among their likes (named_sports), whose
plan may reach vigorous effort, with nothing pending or restricting and no blood thinner (contact sport,
kb-anticoagulants-001).
What: from week 2 (week 1 stays moderate, PLAN_RULES 5) the cardio-only sessions, up to 3 a week, are the sport:
training or a game at vigorous effort once the plan's cap for the week allows it (people new to training: after the
first 8 weeks, PLAN_RULES 39), an easier skills session at moderate before that and in the lighter weeks; a week
without practice that day has intervals instead (the note says so). With a leg injury or a growth-plate condition
(Osgood-Schlatter, Sever's: kb-osgood-001, a break of 2-4 weeks from running and kicking, a gradual return with the
knee pain at 2 out of 10 or less) the sport comes back after the first block, under the pain rule.
"""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.context import LOW_IMPACT_INJURIES, Context, bleeding_risk
from coach.planning.sessions import exercise_json, intensity
from knowledge.catalog import load_catalog

SPORT_ID = "team_sport_session"
SPORT_DAYS = 3  # kb-youth-dose-001: vigorous on at least 3 days a week
FIRST_WEEK = 2  # week 1 moderate (PLAN_RULES 5)
RETURN_WEEK = BLOCK_WEEKS + 1  # an injured leg: after kb-osgood-001's 2-4 weeks away from running and kicking
GROWTH_CONDITIONS = ("osgood", "sever", "sinding")


# a liked sport (as the person writes it, lower case, or the search word context.preference_words makes of it) ->
# the sport whose note applies
SPORT_WORDS: dict[str, str] = {
    "football": "team", "soccer": "team", "basketball": "team", "volleyball": "team", "handball": "team",
    "rugby": "team", "tennis": "racket", "badminton": "racket", "squash": "racket", "table tennis": "racket",
    "padel": "racket", "hike": "hiking", "hiking": "hiking", "trekking": "hiking", "swim": "swimming",
    "swimming": "swimming", "pool": "swimming", "cycl": "cycling", "bike": "cycling", "cycling": "cycling",
}


def named_sports(ctx: Context) -> list[str]:
    """The sports the person names among their likes, in the order they name them."""
    out: list[str] = []
    for like in ctx.p.preferences.likes:
        key = like.strip().lower()
        sport = SPORT_WORDS.get(key) or next((v for k, v in SPORT_WORDS.items() if len(k) > 3 and k in key), None)
        if sport and sport not in out:
            out.append(sport)
    return out


def _sports(ctx: Context) -> list[str]:
    return [s for s in named_sports(ctx) if s in ("team", "racket")]


def applies(ctx: Context) -> bool:
    p, s = ctx.p, ctx.s
    return bool(ctx.youth and p.currently_active is True and _sports(ctx) and ctx.cap == "vigorous"
                and not (s.restricted or s.clearance_required or ctx.bridge or ctx.has("hard_stop")
                         or ctx.has("pregnancy") or bleeding_risk(p) or ctx.frail))


def first_week(ctx: Context) -> int:
    hurt = LOW_IMPACT_INJURIES & ctx.injuries or any(w in c for c in ctx.p.conditions for w in GROWTH_CONDITIONS)
    return RETURN_WEEK if hurt else FIRST_WEEK


def _cardio_only(s: dict) -> bool:
    """A cardio session (a teenager's may carry a vigorous block, youth.py: the sport is that work)."""
    return s["kind"] == "aerobic" and all(e.get("kind") in ("aerobic", "hiit") and not e.get("sets")
                                          for e in s["exercises"])


def _note(ctx: Context, light: bool) -> str:
    if light:
        return ctx._("Your sport at an easier effort: a skills session or practice (passing, technique, light "
                     "play), at a pace you can still talk at.")
    text = ctx._("Your sport is one of your vigorous days (WHO: something hard enough to make talking difficult on at "
                 "least 3 days a week): your team's training or a game. On a week without practice here, do 6-8 x "
                 "1 min fast running or a small-sided game with 2 min easy between, after a 10-minute warm-up.")
    if LOW_IMPACT_INJURIES & ctx.injuries or any(w in c for c in ctx.p.conditions for w in GROWTH_CONDITIONS):
        text += " " + ctx._("Play within your injury's pain rule in the notes above; if the pain goes past it, "
                            "stop for the day and tell your coach.")
    return text


def sport_days(ctx: Context, weeks: list[dict]) -> bool:
    """The cardio-only sessions of the weeks from first_week become the sport (in place); True when any did."""
    if not applies(ctx):
        return False
    entry_of = load_catalog()[SPORT_ID]
    changed = False
    for w in weeks:
        if w["week"] < first_week(ctx):
            continue
        for s in [x for x in w["sessions"] if _cardio_only(x)][:SPORT_DAYS]:
            # the plan's own cap for the week (people new to training: moderate for the first 8 weeks, rule 39)
            label = "moderate" if w["deload"] or ctx.week_cap(w["week"]) != "vigorous" else "vigorous"
            s["exercises"] = [exercise_json(entry_of, ctx, minutes=s["minutes"])]
            s["intensity"] = intensity(label, ctx.p, aerobic=True)
            s["notes"] = _note(ctx, label != "vigorous")
            s["sport"] = True
            changed = True
    return changed


def reason(ctx: Context) -> str:
    hard = max(first_week(ctx), next((w for w in range(1, 13) if ctx.week_cap(w) == "vigorous"), 13))
    return ctx._("Your sport counts: from week {n} your cardio days are your sport's training or games, easier "
                 "skills sessions at first and, from week {hard}, the vigorous days teenagers need on at least 3 "
                 "days a week (WHO 2020); your other practice and matches count toward them too. Plan hard games "
                 "away from the day before a hard leg session.", n=first_week(ctx), hard=hard)
