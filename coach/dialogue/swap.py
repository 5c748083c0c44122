"""Swapping an exercise ("can I swap squats for leg press?", "把深蹲换成腿举", "what can I do instead of burpees?").

The exercise must be in the person's plan and the new one must do the same job and be one the planner could choose
for them (coach.planning.swaps); the plan that would result is built and validated before anything is offered.
Then "Swap A for B in your plan? Yes / No": only Yes stores it (profile preferences.swaps) and re-plans. Without a
named replacement, or when it does not fit, the reason and up to three that do.
"""
from __future__ import annotations

import secrets

from coach.dialogue.callbacks import Confirm
from coach.dialogue.turn import Turn
from coach.domain.profile import validate_profile
from coach.events import Button, Reply
from coach.i18n import N_
from coach.intake.sets import Candidate, match_exercise
from coach.intake.intent_exercises import resolve
from coach.intake.swap_request import SwapRequest
from coach.planning import make_context, make_plan, validate_plan
from coach.planning.swaps import MAX_SWAPS, Why, alternatives, why_not
from coach.safety.screening import screen
from coach.services.adjustments import replan
from coach.services.plans import ensure_current_block
from coach.services.profiles import profile_dict, profile_of, save_profile
from coach.services.replaced import replaced
from coach.services.training_log import candidates, display_name
from knowledge.corpus import get_passage
from storage import repos

WHY = {"kind": N_("{new} is a different kind of exercise from {old} (it is not done the same way), so it cannot "
                  "take its place."),
       "ladder": N_("{old} is a step of a loading progression in your plan (it changes as you get stronger), so it "
                    "stays for now."),
       "muscles": N_("{new} trains different muscles from {old}, so your plan would lose what {old} is there for."),
       "equipment": N_("{new} needs equipment your profile doesn't list. If you have it now, tell me (e.g. \"I have "
                       "a gym membership now\")."),
       "injury": N_("{new} loads an area you told me to protect, so I can't put it in your plan."),
       "not_for_you": N_("{new} isn't one I would plan for you right now (your level, a condition or the impact), so "
                         "I'd keep to safer options."),
       "unknown": N_("I don't know {new} well enough to plan it."),
       "same": N_("That is already the exercise in your plan.")}


def _in_plan(turn: Turn, slug: str) -> str | None:
    """The id of the exercise of the current plan the typed name means (None: not in the plan)."""
    plan = ensure_current_block(turn.s, turn.user, turn.today())
    if plan is None:
        return None
    return _meant(slug, [c for c in candidates(plan, turn.today()) if c.tier > 0])


def _meant(slug: str, cands: list[Candidate]) -> str | None:
    """The id among `cands` the typed name means (None: none of them)."""
    words = set(slug.split("_"))  # every word typed is in the name: "pistol squats" is no barbell back squat
    mine = [c for c in cands if words <= set(c.id.split("_")) or c.id.endswith("_" + slug)]
    return match_exercise(slug.replace("_", " "), mine) if mine else None


def _gone(turn: Turn, slug: str) -> str | None:
    """What became of an exercise a plan change already took out ("swapped for X"); None when none did."""
    found = replaced(turn.s, turn.user.id, lambda ids: _meant(slug, [Candidate(x, (display_name(x, "en"),
                                                                                  x.replace("_", " ")), 1)
                                                                     for x in ids]))
    if found is None:
        return None
    old, new = (display_name(x, turn.lang) if x else None for x in found)
    if new is None:
        return turn._("{old} was already taken out of your plan.", old=old)
    return turn._("{old} was already swapped out of your plan for {new}.", old=old, new=new)


def _ctx(turn: Turn):  # noqa: ANN202 - the planning Context
    prof = profile_of(turn.s, turn.user)
    return make_context(prof, screen(prof, turn.lang), turn.lang, 12)


def _options_text(turn: Turn, ctx, old: str) -> str:  # noqa: ANN001
    alts = [display_name(e.id, turn.lang) for e in alternatives(ctx, old)]
    return turn._("Options that do the same job for you: {names}.", names=", ".join(alts)) if alts else \
        turn._("I have no safer option for it right now; tell me what bothers you about it, or ask your coach.")


def answer(turn: Turn, req: SwapRequest) -> list[Reply] | None:
    """The swap checked and offered, or why not with what would fit; None for a dislike said before any plan."""
    if profile_of(turn.s, turn.user) is None or ensure_current_block(turn.s, turn.user, turn.today()) is None:
        return None if req.dislike else [Reply(turn._("Once you have a plan, I can swap its exercises for you."))]
    old = _in_plan(turn, req.old)
    if old is None and (gone := _gone(turn, req.old)) is not None:
        return [Reply(gone)]
    if old is None:
        named = resolve(req.old)
        shown = display_name(named.id, turn.lang) if named and turn.lang == "zh" else req.old.replace("_", " ")
        return [Reply(turn._("{old} isn't in your plan, so there is nothing to swap.", old=shown[:1].upper() + shown[1:]))]
    ctx = _ctx(turn)
    new = resolve(req.new, sorted(ctx.equipment)) if req.new else None
    if new is None:
        return [Reply(_options_text(turn, ctx, old))]
    why: Why | None = why_not(ctx, old, new.id)
    if why is None:
        return _propose(turn, old, new.id)
    names = {"old": display_name(old, turn.lang), "new": display_name(new.id, turn.lang)}
    return [Reply(turn._(WHY[why], **names) + "\n" + _options_text(turn, ctx, old))]


def _propose(turn: Turn, old: str, new: str) -> list[Reply]:
    current = profile_dict(turn.s, turn.user)
    prefs = dict(current.get("preferences") or {})
    swaps = {k: v for k, v in (prefs.get("swaps") or {}).items() if k != old and v != old}
    swaps[old] = new
    if len(swaps) > MAX_SWAPS:
        return [Reply(turn._("You have {n} swaps already; that's the most I keep. Start again with /plan if the plan "
                             "no longer suits you.", n=MAX_SWAPS))]
    prefs["swaps"] = swaps
    candidate = {**current, "preferences": prefs}
    prof = validate_profile(candidate)
    plan = make_plan(prof, 12, lang=turn.lang)
    if validate_plan(plan, prof, kb_lookup=get_passage) or not _swapped(plan, new):
        return [Reply(turn._("Swapping that would break one of your plan's safety or dose rules, so I kept it.") +
                      "\n" + _options_text(turn, _ctx(turn), old))]
    token = secrets.token_hex(3)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="confirm", step="swap",
                             data={"swap": [old, new], "preferences": prefs, "token": token,
                                   "at": turn.now().isoformat()})
    text = turn._("Swap {old} for {new} in your plan from now on? Same sets, reps and effort.",
                  old=display_name(old, turn.lang), new=display_name(new, turn.lang))
    return [Reply(text, buttons=[[Button(turn._("Yes"), Confirm(True, token).encode()),
                                  Button(turn._("No"), Confirm(False, token).encode())]])]


def _swapped(plan: dict, new: str) -> bool:
    return any(e.get("id") == new for w in plan.get("weeks") or [] for s in w.get("sessions") or []
               for e in s.get("exercises") or [])


def decide(turn: Turn, yes: bool, data: dict) -> list[Reply]:
    """Yes: the swap stored and the plan recomputed (an adjustment with its reason); No: nothing changes."""
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    old, new = data["swap"]
    names = {"old": display_name(old, turn.lang), "new": display_name(new, turn.lang)}
    if not yes:
        return [Reply(turn._("OK, your plan keeps {old}.", **names))]
    current = profile_dict(turn.s, turn.user)
    save_profile(turn.s, turn.user, {**current, "preferences": data["preferences"]}, f"swap: {old} -> {new}")
    reason = turn._("You asked to swap {old} for {new}.", **names)
    plan = replan(turn, rule="exercise_swap", reason=reason, tags=("plan:progression",),
                  change={"swap": {old: new}})
    if plan is None or not _swapped(plan.data or {}, new):
        return [Reply(turn._("Saved, but {new} doesn't fit this block of your plan; it comes in when it does.",
                             **names))]
    return [Reply(turn._("Done: {new} replaces {old} in your plan, with the same sets, reps and effort. See /today.",
                         **names))]
