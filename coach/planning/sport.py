"""Sports the person names (physician review: stated sport aims were ignored; individualisation).

One pass after every other pass of the engine (make_plan calls `sport_plans` once, before the citations and the
rationale are written):
- walk-to-run (walk_run.py): a beginner who wants to run gets a Couch to 5K-style walk-run progression;
- strength sports (strength_sport.py): a trained powerlifter or weightlifter gets the competition lifts twice a week;
- other named sports (football, tennis, basketball, hiking, swimming, cycling...): a note on what the plan's sessions
  do for that sport (kb-sport-001).
Each change adds its reason to the plan's safety reasons with the passage that supports it (PLAN_RULES 30) and returns
the citation tags the plan must carry.
"""
from __future__ import annotations

import copy
from typing import Callable

from coach.planning import owned_cardio, return_run, seated, strength_sport, team_sport, walk_run
from coach.planning.context import Context
from coach.planning.team_sport import SPORT_WORDS, named_sports  # noqa: F401 (kept importable from here)
from knowledge.corpus import by_tag

SKIPPED_RULES = {30}  # reason citations: the sport reasons and their citations are added after the check
WALK_RUN_TAGS = ("plan:walk-run", "plan:long-run")


def _sport_text(ctx: Context, sport: str) -> str:
    _ = ctx._
    return {
        "team": _("For your sport (football, basketball and other team games): single-leg strength, landings and "
                  "changes of direction matter, so keep the lunges, step-ups and calf and hip work; play or train "
                  "your sport on the lighter days, not the day before a hard leg session."),
        "racket": _("For racket sports: shoulder and upper-back work (rows, rear raises) protects the shoulder you "
                    "hit with, and lunges train the reach; play on the lighter days, not the day before a hard leg "
                    "session."),
        "hiking": _("For hiking: step-ups, lunges, loaded carries and walks on hills or stairs train what a trail "
                    "asks for; carry a light backpack on some walks and make one walk a week longer."),
        "swimming": _("For swimming: the pulling and shoulder work supports your stroke; if you have a pool, a "
                      "swim can replace a steady cardio session at the same effort and minutes."),
        "cycling": _("For cycling: the squats, lunges and hip work build the legs for climbs, and the core and "
                     "back work help you hold your position on the bike."),
    }[sport]


def _add_reason(ctx: Context, safety: dict, text: str, tag: str) -> None:
    if text in safety["reasons"]:
        return
    safety["reasons"] = safety["reasons"] + [text]
    passage = by_tag(tag, ctx.lang)
    if passage is not None:
        safety.setdefault("reason_citations", []).append(
            {"reason": safety["reasons"].index(text), "id": passage.id, "for": tag.removeprefix("plan:")})


def _problems(ctx: Context, weeks: list[dict], safety: dict) -> set[str]:
    """What the plan validator finds in these weeks (citations and rationale left out: they are written later)."""
    from coach.planning.validator import validate_plan  # (the validator imports planning modules; asked here only)
    plan = {"goal": ctx.p.goal, "horizon_weeks": len(weeks), "safety": safety, "weeks": weeks, "citations": [],
            "rationale": "", "language": ctx.lang}
    return {str(v) for v in validate_plan(plan, ctx.p) if v.rule not in SKIPPED_RULES}


def _guarded(ctx: Context, weeks: list[dict], safety: dict, change: Callable[[Context, list[dict]], bool],
             applies: Callable[[Context], bool]) -> bool:
    """Applies `change` to the weeks (in place) only if it breaks no plan rule the weeks kept before: a change that
    would (another rule of the planner left no room for it) is left out, and the weeks stay as they were. Nothing is
    copied for people it does not apply to (the copy was ~40 % of every plan's time, bench/plan_bench.py)."""
    if not applies(ctx):
        return False
    trial = copy.deepcopy(weeks)
    if not change(ctx, trial):
        return False
    if _problems(ctx, trial, safety) - _problems(ctx, weeks, safety):
        return False
    weeks[:] = [w.update(t) or w for w, t in zip(weeks, trial)]  # (the same week objects: plan_weeks shares them)
    return True


def sport_plans(ctx: Context, weeks: list[dict], safety: dict) -> list[str]:
    """Applies the sport rules to the weeks (in place) and the reasons to `safety`; returns the citation tags."""
    if ctx.has("hard_stop") or not weeks:
        return []
    tags: list[str] = []
    if _guarded(ctx, weeks, safety, walk_run.walk_to_run, walk_run.applies):
        _add_reason(ctx, safety, walk_run.reason(ctx), "plan:walk-run")
        tags += WALK_RUN_TAGS
    if _guarded(ctx, weeks, safety, return_run.return_to_run, return_run.applies):
        area = return_run.return_area(ctx) or "ankle"
        _add_reason(ctx, safety, return_run.reason(ctx), return_run.RETURN_CRITERIA[area])
        tags += [return_run.RETURN_CRITERIA[area], "plan:ankle-balance", "plan:walk-run"]
    if _guarded(ctx, weeks, safety, strength_sport.competition_lifts, strength_sport.applies):
        _add_reason(ctx, safety, strength_sport.reason(ctx), "plan:powerlifting")
        tags.append("plan:powerlifting")
    if _guarded(ctx, weeks, safety, team_sport.sport_days, team_sport.applies):
        _add_reason(ctx, safety, team_sport.reason(ctx), "plan:youth-dose")
        tags.append("plan:youth-dose")
    if _guarded(ctx, weeks, safety, seated.seated_days, lambda c: seated.seated_bike(c) is not None):
        tags.append("plan:stroke")
    if _guarded(ctx, weeks, safety, owned_cardio.owned_rides, owned_cardio.applies):
        tags.append("plan:fat-loss-dose")
    for sport in named_sports(ctx):
        if sport == "cycling" and not ctx.equipment & {"bike", "gym"}:
            continue
        _add_reason(ctx, safety, _sport_text(ctx, sport), "plan:sport-specific")
        tags.append("plan:sport-specific")
    return list(dict.fromkeys(tags))
