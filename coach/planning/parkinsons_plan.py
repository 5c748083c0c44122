"""Parkinson's disease in the sessions (kb-parkinsons-001: Parkinson's Foundation / ACSM 2021, Osborne et al. 2022).

- Cardio the person likes and the passage names (dance, cycling: a recumbent or stationary bike) replaces the
  sessions' walking cardio, where the catalog has it, the person owns what it needs and nothing excludes it; the
  passage also counts brisk walking, so without such a liking the walking stays.
- After a fall or when unsteady (the passage: balance work next to a counter or with someone nearby, seated or
  recumbent cardio): dancing is done next to a counter or with someone nearby, with small steps and slow turns, and
  seated on an unsteady day.
- Every session says to train in "on" time, when the medicines work well, and to rise slowly (light-headedness on
  standing).
"""
from __future__ import annotations

from coach.i18n import N_
from coach.planning.context import Context, matches
from coach.planning.sessions import exercise_json
from coach.safety.parkinsons import unsteady
from knowledge.catalog import Exercise, available, load_catalog

PD_CARDIO = ("dancing", "recumbent_bike_ride", "stationary_bike_ride")  # the passage's dance and cycling
WALKING = {"walking", "brisk_walking"}
ON_TIME = N_("Parkinson's: train in your \"on\" time, when your medicines are working well, and rise slowly from "
             "sitting or lying.")
DANCE_SAFE = N_("Dancing: next to a sturdy counter or with someone nearby, small steps and slow turns at first; on "
                "an unsteady day, dance seated (arms and marching).")


def liked_cardio(ctx: Context) -> Exercise | None:
    """The passage-named cardio the person likes, owns what it needs for and may do (None: none)."""
    cat = load_catalog()
    words = ctx.likes + tuple(w[:-1] for w in ctx.likes if w.endswith("e") and len(w) > 3)  # "dance": dancing
    for ex_id in PD_CARDIO:
        e = cat.get(ex_id)
        if e is not None and words and matches(e, words) and available(e, ctx.equipment) and ctx.allowed(e):
            return e
    return None


def _note(s: dict, text: str) -> None:
    s["notes"] = (str(s.get("notes") or "") + " " + text).strip()


def parkinsons_sessions(ctx: Context, weeks: list[dict]) -> None:
    """Liked dance or cycling as the sessions' cardio, and the "on" time note (in place; see the docstring)."""
    if "parkinsons" not in ctx.s.flags:
        return
    liked = liked_cardio(ctx)
    for w in weeks:
        for s in w["sessions"]:
            swapped = False
            if liked is not None:
                for i, e in enumerate(s["exercises"]):
                    if e.get("id") in WALKING and e.get("minutes"):
                        dose = {k: e[k] for k in ("minutes", "rpe") if k in e}
                        s["exercises"][i] = exercise_json(liked, ctx, **dose)
                        swapped = True
            if swapped and liked.id == "dancing" and unsteady(ctx.p):
                _note(s, ctx._(DANCE_SAFE))
            _note(s, ctx._(ON_TIME))
