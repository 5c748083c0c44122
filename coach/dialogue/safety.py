"""Red-flag symptoms typed at any moment: stop-and-seek-care first, then the plan capped and coaches told.

A question about a symptom ("what if the chest tightness comes back?") gets the same advice and changes nothing.
"""
from __future__ import annotations

from coach.events import Reply
from coach.safety.alerts import if_it_happens, stop_and_seek_care
from coach.services.alerts import apply_symptoms
from coach.services.profiles import profile_dict, save_profile
from coach.dialogue import onboarding
from coach.dialogue.turn import Turn
from storage import repos
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
