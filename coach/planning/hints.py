"""Advice text that follows the person's own rules (physician review 11: the sessions kept the rules, the words beside
them did not).

- Cycling (PLAN_RULES 42): for whom a stationary bike only (coach.safety.indoor), the walk's ride option says so.
- Loading hints (PLAN_RULES 80): frail people, fragile bones, 65 and over and teenagers never improvise a load with a
  filled backpack: older, frail or osteoporotic people take 1-2 kg held at the chest (kb-falls-001, Vivifrail), heavier
  only supervised (kb-osteoporosis-004); teenagers a load their coach has checked (NSCA 2009 youth position).
- The home balance add-on (PLAN_RULES 80) names the stance the week's sessions hold (kb-balance-001: move to the next
  level only when the current one feels steady), never a harder one ("standing on one leg" in week 1).
- A light start (PLAN_RULES 73): in the weeks before the first session above light (COPD's light weeks, kb-copd-001)
  the walks on the other days are light too, at an easy pace (advice.light_start_walks).
"""
from __future__ import annotations

from coach.i18n import N_
from coach.planning.context import BALANCE_LADDER, Context, bleeding_risk
from coach.planning.measure import label_of
from coach.safety.indoor import indoor_cycling_only
from knowledge.catalog import load_catalog


def ride_text(ctx: Context) -> str:
    """The walk's ride option: a stationary bike for whom road cycling is ruled out (rule 42)."""
    if ctx.has("pregnancy"):
        return ctx._("If you prefer, ride a stationary bike for the same minutes at the same pace (not outdoors while "
                     "you are pregnant).")
    if indoor_cycling_only(ctx.p):
        return ctx._("If you prefer, ride a stationary bike for the same minutes at the same pace (indoors, not on "
                     "the road).")
    if bleeding_risk(ctx.p):  # kb-anticoagulants-001: cycling can be done, wearing a cycle helmet
        return ctx._("If you prefer, ride your bike for the same minutes at the same pace, wearing a helmet.")
    return ctx._("If you prefer, ride your bike for the same minutes at the same pace.")


def careful_loading(ctx: Context) -> bool:
    """Frail, fragile bones, 65 and over, or still growing: loads come from a held weight, never a filled backpack."""
    return ctx.frail or ctx.older or ctx.youth or ctx.has("osteoporosis") or "osteoporosis" in ctx.p.conditions


# the bodyweight double progression (lifting_notes.BODYWEIGHT_PROGRESSION) for the careful: a light weight at the
# chest (kb-falls-001), heavier only supervised (kb-osteoporosis-004); frail people follow their own loading step
CAREFUL_BODYWEIGHT = N_(
    "No weights needed to progress: when every set reaches the top of the rep range at RPE {rpe} or less, make the "
    "movement harder next time instead (push-ups against a lower surface, wall then kitchen counter then a sturdy "
    "chair or bench; a slow 3-second lowering; a 2-second pause at the hardest point; for squats and step-ups, a light "
    "weight held at your chest, 1-2 kg or a full water bottle) and go back to the bottom of the range. Heavier loading "
    "only with a physiotherapist or qualified coach supervising.")
FRAIL_BODYWEIGHT = N_(
    "No weights needed to progress: when every set reaches the top of the rep range at RPE {rpe} or less, make the "
    "movement harder next time instead (push-ups against a lower surface, wall then kitchen counter then a sturdy "
    "chair or bench; a slow 3-second lowering; a 2-second pause at the hardest point) and go back to the bottom of the "
    "range. The chair stands follow their own strength step below.")
# the knee's loaded block (lifting_notes.KNEE_LOADED_NOTE) and third sit-to-stand step (advice.SIT_TO_STAND_STEPS)
CAREFUL_KNEE_LOADED = N_(
    "Knee: the sit-to-stands now hold a light weight at your chest (1-2 kg at first, a small dumbbell or a full water "
    "bottle; heavier only with a physiotherapist or qualified coach supervising), and from week 9 you step up onto the "
    "bottom stair or a low step holding the rail, a higher step once 12 feel easy. Add load or height only while knee "
    "pain stays mild and settles within a day.")
YOUTH_KNEE_LOADED = N_(
    "Knee: the sit-to-stands now hold a dumbbell or kettlebell at your chest, a load your coach has checked, and from "
    "week 9 you step up onto the bottom stair or a low step holding the rail, a higher step once 12 feel easy. Add "
    "load or height only while knee pain stays mild and settles within a day.")
CAREFUL_SQUAT_STEP = N_(
    "Squats: once that feels easy and pain-free, hold a light weight at your chest (1-2 kg or a full water bottle) at "
    "the same pain-free depth; heavier only with a physiotherapist or qualified coach supervising.")
YOUTH_SQUAT_STEP = N_(
    "Squats: once that feels easy and pain-free, hold a dumbbell or kettlebell at your chest, a load your coach has "
    "checked, at the same pain-free depth.")
CAREFUL_KNEE_RATIONALE = N_(
    "The squats to a chair or box get harder block by block (a light weight held at your chest from week 5, 1-2 kg at "
    "first and heavier only supervised; a step-up onto a low step holding a rail from week 9), each step only while "
    "knee pain stays mild and settles within a day.")


def loading_text(ctx: Context, default: str, careful: str, youth: str | None = None, **kw: object) -> str:
    """`default` translated, or its careful (or teenage) variant for whom a backpack load is ruled out."""
    if ctx.youth and youth is not None:
        return ctx._(youth, **kw)
    return ctx._(careful if careful_loading(ctx) else default, **kw)


def session_stances(week: dict) -> list[str]:
    """The stances of the balance ladder the week's sessions hold, easiest first."""
    ids = {e.get("id") for s in week.get("sessions") or [] for e in s.get("exercises") or []}
    return [x for x in BALANCE_LADDER if x in ids]


def home_balance_text(ctx: Context, week: dict, minutes: int) -> str:
    """An older adult's home balance add-on at the steps the sessions hold this week (kb-balance-001)."""
    stances = session_stances(week)
    if not stances:
        return ctx._("At home on those days too: {m} minutes of balance practice next to a sturdy support (for "
                     "example standing with your feet apart, then together, holding the support).", m=minutes)
    cat = load_catalog()
    names = ("、" if ctx.lang == "zh" else ", ").join(cat[x].name[ctx.lang].lower() for x in stances)
    return ctx._("At home on those days too: {m} minutes of balance practice next to a sturdy support, at the steps "
                 "your sessions hold this week ({stances}), holding on as in the sessions; a harder stance only once "
                 "these feel steady.", m=minutes, stances=names)


def light_start_weeks(weeks: list[dict]) -> int:
    """How many weeks a plan starts with every session light, before a later week's sessions go above light (0 when
    the whole plan is light or it starts above light). A session made lighter by an adjustment (`lighter`, the
    check-ins' lighter week) is a recovery week's, not a light start's: its week ends the count, so the walks the plan
    already had keep their pace."""
    n = 0
    for w in weeks:
        sessions = w.get("sessions") or []
        if sessions and any(label_of(s) != "light" or s.get("lighter") for s in sessions):
            return n
        n += 1
    return 0


def restate_home_balance(ctx: Context, weeks: list[dict]) -> None:
    """The home balance add-on restated at the stances each week's sessions hold once every pass has run: later passes
    (late pregnancy's supported stances, swaps) may ease a session's stance after the add-on was written, and a
    carried add-on keeps an earlier week's words (rule 80, kb-balance-001; minutes unchanged; in place)."""
    for w in weeks:
        walk = w.get("daily_activity") or {}
        add_on = walk.get("add_on") or {}
        if add_on.get("kind") != "balance":
            continue
        text = home_balance_text(ctx, w, add_on["minutes"])
        if text != add_on["text"]:
            w["daily_activity"] = {**walk, "add_on": {**add_on, "text": text},
                                   "text": str(walk.get("text", "")).replace(add_on["text"], text)}
