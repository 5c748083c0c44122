"""Red-flag symptoms typed at any moment: stop-and-seek-care first, then the plan capped and coaches told."""
from __future__ import annotations

from coach.events import Reply
from coach.safety.alerts import stop_and_seek_care
from coach.services.alerts import apply_symptoms
from coach.dialogue import onboarding
from coach.dialogue.turn import Turn
from storage import repos
def red_flag(turn: Turn, flags: list[str]) -> list[Reply]:
    """The person mentioned chest pain, fainting, ...: tell them what to do, then record it where consented."""
    replies = [Reply(stop_and_seek_care(turn.lang))]
    if turn.user.consent_at is None:
        return replies  # nothing stored without consent
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "onboarding":
        data = dict(state.data or {})
        prof = data.setdefault("profile", {})
        prof["symptoms"] = sorted(set(prof.get("symptoms", [])) | set(flags))
        repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=state.step, data=data)
        return replies + onboarding.ask_next(turn)
    return replies + apply_symptoms(turn, flags, source="message")
