"""Messages the coach could not place, and a bare "skip" with no question open (after the first plan).

"skip" then means today's session: skipping it is offered with a button (nothing is logged until it is pressed);
on a rest day, or once today is logged, the reply says there is nothing to skip. A message not understood twice in
a row is not answered with the same "not sure" again: the main choices come as buttons instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from coach.dialogue.callbacks import CallbackData, LogStatus, _word
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply, rows
from coach.i18n import N_
from coach.render import KIND_NAMES
from coach.services.plans import session_on
from storage import repos

NOT_SURE = N_("I'm not sure I understood. You can ask me about training, or use /help to see what I can do.")
SKIP = re.compile(r"^\s*(?:skip|skip\s+(?:it|this|that)|/skip|pass|跳过|跳过吧|略过|不练了)\s*[.!。！~]*\s*$", re.I)
MISS_WINDOW = timedelta(minutes=30)  # a miss longer ago than this does not count towards the next one
CHOICES = {"today": N_("Today's session"), "plan": N_("This week's plan"), "log": N_("Log a workout"),
           "checkin": N_("Check in"), "progress": N_("My progress"), "help": N_("All commands")}


@dataclass(frozen=True)
class Menu(CallbackData):
    """One of the main choices offered after messages not understood: runs that command."""

    prefix: ClassVar[str] = "menu"
    cmd: str

    @classmethod
    def parse(cls, parts: list[str]) -> "Menu | None":
        if len(parts) != 1 or _word(parts[0]) not in CHOICES:
            return None
        return cls(parts[0])


def choices(turn: Turn) -> list[list[Button]]:
    return rows([Button(turn._(label), Menu(cmd).encode()) for cmd, label in CHOICES.items()], 2)


@router.callback(Menu, needs="plan")
def menu_button(turn: Turn, cb: Menu) -> list[Reply]:
    cmd = router.commands.get(cb.cmd)
    if cmd is None:  # pragma: no cover - every choice is a registered command
        return [Reply(turn._("That button has expired."))]
    if repos.users.get_dialogue(turn.s, turn.user.id).flow not in ("idle", "confirm"):
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")  # as the typed command would
    return cmd.handler(turn, "")


def first(turn: Turn, text: str) -> list[Reply] | None:
    """Before a message is read: the count of misses in a row is taken off the state (an understood message ends the
    run); a bare "skip" is answered here (None: read the message as usual)."""
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "idle" and state.step == "unclear":
        data = state.data or {}
        if _recent(turn, data.get("at")):
            turn.misses = int(data.get("misses") or 0)
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return skip_today(turn) if SKIP.match(text) else None


def _recent(turn: Turn, at: object) -> bool:
    try:
        return turn.now() - datetime.fromisoformat(str(at)) <= MISS_WINDOW
    except (TypeError, ValueError):
        return False


def checked(turn: Turn, reply: Reply) -> Reply:
    """The knowledge answer as it is, unless it is the "not sure" one: counted, and from the second in a row on,
    replaced by the main choices (only with no question open: a flow's own question is asked again after it)."""
    if reply.text != turn._(NOT_SURE) or turn.s is None:
        return reply
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow != "idle" or repos.plans.active_plan(turn.s, turn.user.id) is None:
        return reply
    misses = getattr(turn, "misses", 0) + 1
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle", step="unclear",
                             data={"misses": misses, "at": turn.now().isoformat()})
    if misses < 2:
        return reply
    return Reply(turn._("I still didn't understand that, sorry. Here are the main things I can do: tap one, or ask "
                        "me a training question in a few words."), buttons=choices(turn))


def skip_today(turn: Turn) -> list[Reply]:
    """"skip" with no question open: skipping today's session, offered with a button (nothing logged yet)."""
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None:
        return [Reply(turn._(NOT_SURE))]
    today = turn.today()
    info = session_on(plan, today)
    if info.session is None:
        return [Reply(turn._("Today is a rest day, so there is no session to skip. Tap one of these, or just tell me "
                             "what you need."), buttons=choices(turn))]
    if repos.workouts.latest_log_on(turn.s, turn.user.id, today) is not None:
        return [Reply(turn._("Today's session is already logged, so there is nothing to skip. Tap one of these, or "
                             "just tell me what you need."), buttons=choices(turn))]
    kind = turn._(KIND_NAMES.get(info.session.get("kind"), "Session"))
    return [Reply(turn._("Do you want to skip today's session ({kind}, {m} min)? Nothing is logged until you tap "
                         "the button. Skipping once is fine; the plan carries on.", kind=kind,
                         m=info.session.get("minutes")),
                  buttons=[[Button(turn._("Yes, skip today"), LogStatus("skipped").encode()),
                            Button(turn._("No, show today's session"), Menu("today").encode())]])]
