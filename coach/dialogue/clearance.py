"""/cleared: record that a doctor has seen the person and cleared them (who, when, any limits), then re-plan.

A plan held back by a warning sign (red-flag symptoms, very high blood pressure) stays empty, or light, until
this is recorded; the engine then builds a light-to-moderate plan that honours the limits given.
"""
from __future__ import annotations

import re

from coach.domain.profile import ProfileError
from coach.events import Button, Reply
from coach.i18n import N_
from coach.intake.answers import error_text, is_skip, yes_no
from coach.services.adjustments import replan
from coach.services.profiles import profile_dict, save_profile
from coach.dialogue import plan as plan_feature
from coach.dialogue.callbacks import Clearance
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos

MAX_TEXT = 200
# "my doctor checked me and said I'm fine to exercise", "医生说没问题，可以运动了": a clearance told in words
_DOCTOR = re.compile(r"(?<![a-z])(?:doctors?|dr|gp|cardiologist|physician|specialist|consultant|obstetrician|"
                     r"midwife|nurse)(?![a-z])|医生|大夫|医师", re.I)
_CLEARED = re.compile(r"(?<![a-z])(?:clear(?:ed)?|fine\s+to\s+(?:exercise|train|work\s*out)|ok(?:ay)?\s+to\s+"
                      r"(?:exercise|train)|can\s+(?:exercise|train|work\s*out)|allowed|go\s+ahead|green\s+light|"
                      r"all\s+clear|said\s+i'?m\s+(?:fine|ok(?:ay)?)|nothing\s+wrong)(?![a-z])|同意|允许|没问题|没事|"
                      r"可以(?:正常)?(?:运动|锻炼|训练|练)|放行", re.I)
_NOT = re.compile(r"(?<![a-z])(?:not|never|no)(?![a-z])|n't|不(?:同意|允许|可以|能|让)|别", re.I)
_ASKING = re.compile(r"[?？]\s*$|^\s*(?:can|could|should|would|is|does|do|what|how|why|when|if)(?![a-z])|吗|呢",
                     re.I)


def in_words(turn: Turn, text: str) -> list[Reply] | None:
    """A doctor's clearance told in plain words while the plan waits for one: confirm it; None otherwise."""
    if not (_DOCTOR.search(text) and _CLEARED.search(text)) or _NOT.search(text) or _ASKING.search(text):
        return None
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None or not ((plan.data or {}).get("safety") or {}).get("clearance_required"):
        return None
    data = {"by": turn._("your doctor"), "limits": " ".join(text.split())[:MAX_TEXT]}
    repos.users.set_dialogue(turn.s, turn.user.id, flow="clearance", step="confirm", data=data)
    return [_confirm_question(turn, data)]


@router.command("cleared", help=N_("tell me a doctor has cleared you to exercise"), needs="plan", order=25)
def cleared(turn: Turn, arg: str) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="clearance", step="by", data={})
    if arg.strip():
        return answer(turn, arg, {}, "by")
    return [Reply(turn._("Good to hear you have seen a doctor. Who cleared you (e.g. \"Dr Li, my GP\")?"))]


@router.flow("clearance")
def answer(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    """Who cleared the person, then any limits they gave, then a confirmation."""
    text = " ".join(text.split())[:MAX_TEXT]
    data = dict(data or {})
    if step == "by":
        if not text or is_skip(text):
            return [Reply(turn._("Please tell me who cleared you, e.g. \"my cardiologist\"."))]
        data["by"] = text
        repos.users.set_dialogue(turn.s, turn.user.id, flow="clearance", step="limits", data=data)
        return [Reply(turn._("Did they give you any limits (e.g. \"keep it light for a month\", \"no heavy lifting\")? "
                             "Send them, or 'none'."))]
    if step == "limits":
        data["limits"] = "" if is_skip(text) or yes_no(text) is False or text.lower() in ("none", "无", "没有") else text
        repos.users.set_dialogue(turn.s, turn.user.id, flow="clearance", step="confirm", data=data)
        return [_confirm_question(turn, data)]
    yn = yes_no(text)
    if yn is None:
        return [_confirm_question(turn, data)]
    return _finish(turn, data) if yn else _drop(turn)


def _confirm_question(turn: Turn, data: dict) -> Reply:
    limits = data.get("limits") or turn._("none")
    return Reply(turn._("I'll record: cleared by {by} today; limits: {limits}. Save?", by=data.get("by", ""),
                        limits=limits),
                 buttons=[[Button(turn._("Yes"), Clearance(True).encode()), Button(turn._("No"), Clearance(False).encode())]])


@router.callback(Clearance, needs="plan")
def button(turn: Turn, cb: Clearance) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow != "clearance" or state.step != "confirm":
        return [Reply(turn._("That button has expired."))]
    return _finish(turn, state.data or {}) if cb.confirm else _drop(turn)


def _drop(turn: Turn) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return [Reply(turn._("Nothing was changed."))]


def _finish(turn: Turn, data: dict) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    current = profile_dict(turn.s, turn.user)
    record = {"by": data.get("by", ""), "date": turn.today().isoformat(), "limits": data.get("limits", "")}
    try:
        save_profile(turn.s, turn.user, {**current, "clearance": record}, "clearance recorded")
    except ProfileError as exc:
        return [Reply(error_text(turn.lang, exc))]
    reason = turn._("A doctor's clearance was recorded ({by}), so the plan was rebuilt.", by=record["by"])
    new = replan(turn, rule="clearance", reason=reason, tags=("plan:clearance", "plan:screening"),
                 change={"clearance": True}, start=turn.today())
    if new is None:
        return [Reply(reason)]
    return [Reply(turn._("Saved."))] + plan_feature.plan_summary(turn, new.data)
