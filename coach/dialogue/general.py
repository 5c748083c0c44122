"""/help, /cancel and /skip: the commands about the conversation itself."""
from __future__ import annotations

from coach.events import Reply
from coach.i18n import N_
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
@router.command("help", help=N_("what I can do"), needs="nothing", quick=True, order=1)
def help_(turn: Turn, arg: str) -> list[Reply]:
    return [Reply(help_text(turn))]


def help_text(turn: Turn) -> str:
    """Every registered command in the person's language, then how free text works."""
    lines = [turn._("Here is what I can do:")] + router.help_lines(turn.lang)
    lines.append(turn._("You can also just write to me: corrections like \"actually I'm 78 kg\", or "
                        "questions like \"how many days a week should I lift?\"."))
    return "\n".join(lines)


@router.command("cancel", help=N_("leave the current step"), needs="nothing", order=90)
def cancel(turn: Turn, arg: str) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "onboarding":
        repos.users.set_dialogue(turn.s, turn.user.id, flow="paused_onboarding", step=state.step, data=state.data)
        return [Reply(turn._("Stopped. Your answers so far are kept; send /start to continue."))]
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return [Reply(turn._("Cancelled."))]


@router.command("skip", needs="nothing")
def skip(turn: Turn, arg: str) -> list[Reply]:
    """/skip answers the open question of onboarding or a check-in with 'skip'."""
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    handler = router.flows.get(state.flow) if state.flow in ("onboarding", "checkin") else None
    return handler(turn, "skip", state.data or {}, state.step) if handler else []


def unknown(turn: Turn, name: str) -> list[Reply]:
    return [Reply(turn._("I don't know /{cmd}. Try /help.", cmd=name[:30]))]
