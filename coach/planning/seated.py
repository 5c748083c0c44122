"""Seated cardio on the person's own bike when balance is poor (physician review 11, hard error 1: a stroke survivor
with a walking aid and falls walked 35 minutes in his sessions and 4 x 30 minutes alone on the other days while his
own bike was never used).

kb-stroke-001 (AHA/ASA, Billinger et al. 2014): aerobic work such as walking, treadmill, stationary or recumbent
cycling; "choose seated or supported options if balance is poor, have someone nearby at first"; flexibility work for
range of movement. Who: a neurological condition (stroke, Parkinson's, MS: context.Context.neuro) with poor balance
(a walking aid, falls or frailty: context.Context.frail) who owns a bike the catalog can seat them on (recumbent or
stationary). What: the sessions' cardio is the recumbent (back-supported) or stationary bike (exercises.Picker), the
walk on the days without a session becomes a ride of the same minutes (a short walk with the aid and someone nearby
still counts), and the stretching of a mobility goal covers both sides, the weaker side too.
"""
from __future__ import annotations

from coach.planning.context import Context
from knowledge.catalog import available, load_catalog

SEATED = ("recumbent_bike_ride", "stationary_bike_ride")  # back support first


def seated_bike(ctx: Context) -> str | None:
    """The seated bike this person rides for cardio, None when the rule does not apply."""
    if not (ctx.neuro and ctx.frail) or ctx.has("hard_stop"):
        return None
    cat = load_catalog()
    return next((i for i in SEATED if i in cat and available(cat[i], ctx.equipment) and ctx.allowed(cat[i])), None)


def seated_rank(ctx: Context, exercise_id: str) -> int:
    """The picker's order key: the seated bikes first (recumbent, then stationary) for whom the rule applies."""
    if seated_bike(ctx) is None:
        return 0
    return SEATED.index(exercise_id) if exercise_id in SEATED else len(SEATED)


def _ride_text(ctx: Context, walk: dict) -> str:
    pace = ctx._("at an easy pace") if walk.get("label") == "light" else ctx._("at a pace you can talk at")
    text = ctx._("On the {n} days without a session: {m} minutes on your bike, seated and supported, {pace}, with "
                 "someone nearby at first; a short walk with your walking aid and someone with you counts too.",
                 n=walk["days"], m=walk["minutes"], pace=pace)
    if walk.get("add_on"):
        text += " " + walk["add_on"]["text"]
    return text


def seated_days(ctx: Context, weeks: list[dict]) -> bool:
    """The walks on the days without a session become seated rides (in place); and a mobility goal's stretches say
    both sides, the weaker one too. True when anything changed."""
    if seated_bike(ctx) is None:
        return False
    changed = False
    for w in weeks:
        walk = w.get("daily_activity")
        if walk and walk.get("activity") == "walking" and walk.get("minutes"):
            w["daily_activity"] = walk = {k: v for k, v in walk.items() if k != "or"}
            walk["activity"] = "cycling"
            walk["text"] = _ride_text(ctx, walk)
            changed = True
        for s in w["sessions"]:
            if any(e.get("kind") == "mobility" for e in s["exercises"]):
                note = ctx._("Stretch both sides, the weaker side too: move it slowly through its range, with your "
                             "other hand or a helper guiding it if needed, to mild tightness and never pain.")
                if note not in s.get("notes", ""):
                    s["notes"] = (s.get("notes", "") + " " + note).strip()
                    changed = True
    return changed
