"""The conversation, once for every mouth: a small dispatcher in front of one module per feature.

`Dialogue.handle` opens a session, finds the person and routes the event: a button to its registered callback,
`/name` to its command, typed text to the open flow (onboarding, check-in, ...) or to free-text understanding.
Features register themselves with `coach.dialogue.router.router`; importing them below is what registers them.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any


from coach.events import Incoming, Reply
from coach.i18n import norm_lang
from coach.dialogue import inbound
from coach.dialogue.router import Command, router
from coach.dialogue.turn import Notifier, Turn
from coach.dialogue import (  # noqa: F401 - each import registers a feature with the router
    general, consent, onboarding, plan, today, log, checkin, readings, profile, progress, settings, privacy, groups,
    safety, ask, clearance, coaching, group_chat, imports,
)
from storage import repos
from coach.services.clock import utcnow
from coach.services.profiles import profile_of
from coach.intake import mentions_red_flag
_HAN = re.compile(r"[\u4e00-\u9fff]")


class Dialogue:
    """Handles one Incoming at a time; every turn reads and writes its state through storage."""

    def __init__(self, container: Any, *, clock: Callable[[], datetime] | None = None, agent: Any = None,
                 notifier: Notifier | None = None) -> None:
        self.c = container
        self.clock = clock or utcnow
        self.agent = agent
        self.notifier = notifier  # (user id, text) -> None, for messages to other people (group coaches)

    def is_quick(self, inc: Incoming) -> bool:
        """Whether this event is one of the cheap, read-only kinds a mouth may answer on its event loop."""
        if inc.callback:
            route = router.callbacks.get(inc.callback.split(":", 1)[0].split(".", 1)[0])
            return bool(route and route.quick)
        text = (inc.text or "").strip()
        if not text.startswith("/"):
            return False
        cmd = router.commands.get(text[1:].partition(" ")[0].split("@", 1)[0].lower())
        return bool(cmd and cmd.quick)

    def handle(self, inc: Incoming, *, read_only: bool = False) -> list[Reply]:
        """Process one event and return the replies (never raises for bad input).

        read_only=True: the turn may only read; if it needs to write, storage.db.WriteRefused is raised before
        anything is written and the caller runs it again without the flag.
        """
        if inbound.too_long(inc):  # refused before any work on it: no input can make a turn slow
            return [inbound.too_long_reply(inc)]
        inc = inbound.clean(inc)
        with self.c.session(read_only=read_only) as s:
            user, _created = repos.users.get_or_create_user(
                s, inc.user_key, channel=inc.channel, chat_id=inc.chat_id,
                language=norm_lang(inc.language_hint) if inc.language_hint else
                ("zh" if inc.text and _HAN.search(inc.text) else "en"),
                timezone=self.c.settings.default_timezone)
            if not user.active:
                repos.users.update_user(s, user, active=True)
            if (inc.text and user.language != "zh" and len(_HAN.findall(inc.text)) >= 2
                    and repos.profiles.current_profile(s, user.id) is None):
                repos.users.update_user(s, user, language="zh")  # someone writing Chinese before setup: answer in Chinese
            turn = self.turn(s, user)
            turn.sender_name = inc.sender_name
            return route(turn, inc)

    def turn(self, s: Any, user: Any) -> Turn:
        return Turn(s, user, self.clock, self.agent, self.notifier, self.c)

    # the mouths' and the scheduler's ways in, besides handle()
    def today_reply(self, s: Any, user: Any, *, scheduled: bool = False) -> Reply | None:
        """Today's session with the log buttons (None on a rest day when scheduled)."""
        return today.today_reply(self.turn(s, user), scheduled=scheduled)

    def kb_answer(self, user: Any, text: str) -> Reply:
        """The deterministic answer to a question: the best knowledge passage, quoted with its source."""
        return ask.kb_answer(Turn(None, user, self.clock, self.agent, self.notifier, self.c), text)  # type: ignore[arg-type]

    def open_checkin(self, s: Any, user: Any) -> Reply:
        """Open a check-in and return its first question (the scheduler sends it on check-in days)."""
        return checkin.start(self.turn(s, user))[0]

    def group_command(self, user_key: str, chat_id: int, title: str, cmd: str, arg: str) -> list[Reply]:
        """Commands typed in a group chat (without the chat's word on admins); never answers with personal data."""
        return group_chat.handle(self, group_chat.GroupEvent(user_key, chat_id, title, f"/{cmd} {arg}".strip())).group


Coach = Dialogue  # the name the mouths and the tests have always used


def command_menu_entries(lang: str) -> list[tuple[str, str]]:
    """(command, description) for every listed command in `lang`: the source of Telegram's command menu."""
    return router.menu(lang)


def route(turn: Turn, inc: Incoming) -> list[Reply]:
    """Send one event to the handler that owns it."""
    text = (inc.text or "").strip()
    if inc.callback:
        return _callback(turn, inc.callback)
    if text.startswith("/"):
        name, _, arg = text[1:].partition(" ")
        return run_command(turn, name.split("@", 1)[0].lower(), arg.strip())
    if not text:
        return []
    flags = mentions_red_flag(text)
    if flags:  # out of breath on hills in pregnancy is expected: advice and a question, not a stop
        return safety.exertion_breath(turn, text, flags) or safety.red_flag(turn, flags)
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if turn.user.consent_at is None:
        trainer = coaching.trainer_answer(turn, text)  # "I'm a personal trainer": coaching needs no health data
        if trainer is not None:
            return [trainer] + consent.start(turn)
        return consent.answer(turn, text) if state.flow == "consent" else consent.start(turn)
    handler = router.flows.get(state.flow)
    if handler is not None:
        replies = handler(turn, text, state.data or {}, state.step)
        if replies is not None:  # None: the flow read the message as no answer to its question
            return replies
    return turn.before + ask.free_text(turn, text)


def run_command(turn: Turn, name: str, arg: str) -> list[Reply]:
    """A /command, once what it needs (consent, a finished profile) is there."""
    cmd = router.commands.get(name) or Command(name, general.unknown, None, "plan", False, 0)
    if cmd.needs == "nothing":
        return cmd.handler(turn, arg)
    if name in coaching.FOR_COACHES and arg.strip() and coaching.coaches_a_group(turn):
        return coaching.FOR_COACHES[name](turn, arg)  # a coach's "/progress Ana": no health data of theirs needed
    if turn.user.consent_at is None:
        return consent.start(turn)
    turn.before.extend(log.settle(turn))  # "done", then /progress before the effort question: the session counts
    if cmd.needs == "plan":
        if repos.plans.active_plan(turn.s, turn.user.id) is None:  # a plan exists only after a complete profile
            return [Reply(turn._("Let's finish your profile first."))] + onboarding.resume(turn, greet=False)
        if repos.users.get_dialogue(turn.s, turn.user.id).flow not in ("idle", "paused_onboarding", "confirm"):
            repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return turn.before + cmd.handler(turn, name if cmd.handler is general.unknown else arg)


def _callback(turn: Turn, raw: str) -> list[Reply]:
    """A button press, decoded and range-checked before its handler sees it."""
    found = router.route_callback(raw)
    if found is None:
        return [Reply(turn._("That button has expired."))]
    route_, data = found
    if route_.needs != "nothing":
        if turn.user.consent_at is None:
            return consent.start(turn)
        if route_.needs in ("profile", "plan") and profile_of(turn.s, turn.user) is None:
            return consent.start(turn)
    if route_.handler not in LOG_BUTTONS:  # another button before the effort answer: the session still counts
        turn.before.extend(log.settle(turn))
    return turn.before + route_.handler(turn, data)


LOG_BUTTONS = (log.status_button, log.rpe_button, log.top_button, log.pain_button)
