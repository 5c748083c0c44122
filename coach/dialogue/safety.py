"""Red-flag symptoms typed at any moment: stop-and-seek-care first, then the plan capped and coaches told.

A question about a symptom ("what if the chest tightness comes back?") gets the same advice and changes nothing.
"""
from __future__ import annotations

from coach.events import Reply
from coach.intake.amend import breath_on_exertion
from coach.intake.answers import yes_no
from coach.intake.others import about_someone_else
from coach.safety.alerts import if_it_happens, stop_and_seek_care
from coach.services.alerts import apply_symptoms
from coach.services.profiles import profile_dict, save_profile
from coach.dialogue import onboarding
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos

BREATH_FLOW = "breath_check"


def exertion_breath(turn: Turn, text: str, flags: list[str]) -> list[Reply] | None:
    """Out of breath on exertion ("a bit out of breath on hills"): expected, so advice and one question, not a stop;
    the warning sign is breathlessness at rest or on mild exertion (ACSM 2015; in pregnancy before exertion or at
    rest, ACOG, kb-pregnancy-007). None when it is not that (another symptom, at rest, severe, someone else)."""
    if turn.user.consent_at is None or set(flags) - {"shortness_of_breath"} or not breath_on_exertion(text) \
            or about_someone_else(text):
        return None
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "onboarding":
        return None
    repos.users.set_dialogue(turn.s, turn.user.id, flow=BREATH_FLOW, step="ask")
    if "pregnancy" not in (profile_dict(turn.s, turn.user) or {}).get("conditions", []):
        # kb-warning-signs-003: "out of breath on a hill is expected"; the sign is breathlessness at rest or on mild
        # exertion, or out of proportion to the effort (ACSM 2015, kb-screening-001)
        return [Reply(turn._("Getting out of breath on hills or when you push harder is expected, and on its own it is "
                             "no reason to stop: slow down until you can speak in full sentences again and carry on "
                             "at that pace. [kb-warning-signs-003]")),
                Reply(turn._("One check: are you short of breath at rest or with light effort (a slow walk, getting "
                             "dressed), far more than the effort explains, or with chest pain, dizziness, fainting or "
                             "a racing heart? (yes / no) Those are the signs to stop for and see a doctor. "
                             "[kb-screening-001]"))]
    return [Reply(turn._("Getting out of breath on hills or when you push harder is common in pregnancy, and on its own "
                         "it is no reason to stop: slow down until you can speak in full sentences again (the talk "
                         "test) and carry on at that pace. Your plan stays as it is. [kb-pregnancy-008]")),
            Reply(turn._("One check: are you ever short of breath before you start or at rest, or does it come with "
                         "chest pain, dizziness, a racing heart or a painful swollen calf? (yes / no) Those are the "
                         "signs to stop for and call your maternity team. [kb-pregnancy-007]"))]


@router.flow(BREATH_FLOW)
def breath_answer(turn: Turn, text: str, data: dict, step: str) -> list[Reply] | None:
    """Yes: the warning sign, with its stop; no: carry on; anything else is read as any other message."""
    yes = yes_no(text)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    if yes is None:
        return None
    if yes:
        return red_flag(turn, ["shortness_of_breath"])
    return [Reply(turn._("Good: then keep training at a pace where you can still talk. Tell me straight away if you "
                         "ever feel breathless before you start or at rest."))]


def symptom_question(turn: Turn) -> list[Reply]:
    """What to do if a warning symptom happens, without stopping the plan (nothing is recorded)."""
    return [Reply(if_it_happens(turn.lang))]


def red_flag(turn: Turn, flags: list[str]) -> list[Reply]:
    """The person mentioned chest pain, fainting, ...: tell them what to do, then record it where consented."""
    if turn.user.consent_at is None:
        return [Reply(stop_and_seek_care(turn.lang, symptoms=flags))]  # nothing stored (or read) without consent
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    known = (state.data or {}).get("profile") if state.flow == "onboarding" else profile_dict(turn.s, turn.user)
    replies = [Reply(stop_and_seek_care(turn.lang, profile=known or {}, symptoms=flags))]
    if state.flow == "onboarding":
        data = dict(state.data or {})
        prof = data.setdefault("profile", {})
        prof["symptoms"] = sorted(set(prof.get("symptoms", [])) | set(flags))
        repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=state.step, data=data)
        return replies + onboarding.ask_next(turn)
    _void_clearance(turn)
    return replies + apply_symptoms(turn, flags, source="message")


def _void_clearance(turn: Turn) -> None:
    """A red flag reported after a clearance is not covered by it: hard stop again until a new /cleared."""
    current = profile_dict(turn.s, turn.user)
    if current and current.get("clearance"):
        fresh = {k: v for k, v in current.items() if k != "clearance"}
        save_profile(turn.s, turn.user, fresh, "clearance voided: red flag reported after it")
