"""`fitcoach chat`: the same coach in a terminal; buttons become numbered options; works with piped stdin."""
from __future__ import annotations

import asyncio
import getpass
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


from bot.scheduler import Dispatcher, SendResult, start_scheduler
from bot.settings import Settings
from bot.wiring import Container, make_app
from coach.dialogue import Coach
from coach.events import Button, Incoming, Reply
from coach.services.accounts import terminal_user

log = logging.getLogger(__name__)


class Terminal:
    """Reads one message a line, prints replies; remembers the last options so '2' presses option 2."""

    def __init__(self, coach: Any, user_key: str, data_dir: Path, out: TextIO = sys.stdout) -> None:
        self.coach = coach
        self.user_key = user_key
        self.data_dir = data_dir
        self.out = out
        self.options: list[Button] = []

    def print_reply(self, reply: Reply) -> None:
        if reply.text:
            print(reply.text, file=self.out)
        if reply.photo is not None:
            path = self.data_dir / f"progress-{time.strftime('%Y%m%d-%H%M%S')}.png"
            path.write_bytes(reply.photo)
            print(f"[chart saved to {path}]", file=self.out)
        if reply.document is not None:
            path = self.data_dir / reply.document_name
            path.write_bytes(reply.document)
            print(f"[file saved to {path}]", file=self.out)
        buttons = reply.flat_buttons()
        if buttons:
            self.options = buttons
            for i, b in enumerate(buttons, 1):
                print(f"  {i}. {b.label}", file=self.out)
        print(file=self.out)
        self.out.flush()

    def incoming(self, line: str) -> Incoming:
        text = line.strip()
        for b in self.options:  # typing an option's label works (and wins over its number: "5" hours is 5); a
            # label typed at a pick-several list is an answer in words ("dumbbells"), as on Telegram, not a tick
            if text and not b.toggle and text.lower() == b.label.lower().removeprefix("✅ ").strip():
                return Incoming(user_key=self.user_key, channel="cli", callback=b.data)
        if re.fullmatch(r"\d{1,2}", text) and self.options and 1 <= int(text) <= len(self.options):
            return Incoming(user_key=self.user_key, channel="cli", callback=self.options[int(text) - 1].data)
        return Incoming(user_key=self.user_key, channel="cli", text=text)

    def turn(self, line: str) -> None:
        inc = self.incoming(line)
        if not inc.text and not inc.callback:
            return
        self.options = []  # a number answers the options just shown, never those of an older question
        try:
            replies = self.coach.handle(inc)
        except Exception:  # noqa: BLE001 - a bug must not end the session or print a trace
            log.exception("turn failed")
            replies = [Reply("Sorry, something went wrong on my side. Please try again.")]
        for r in replies:
            self.print_reply(r)


class PrintSender:
    """The terminal's sender for scheduled messages: prints them with numbered options."""

    def __init__(self, printer: Callable[[Reply], None]) -> None:
        self.printer = printer

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        """Print one scheduled message; a terminal never refuses one."""
        self.printer(reply)
        return SendResult("sent", 1)


def read_line(stream: Any = None) -> str:
    """One line of input ('' at end): bytes that are not UTF-8 become U+FFFD instead of ending the session."""
    stream = stream or sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (tests)
        return stream.readline()
    return buffer.readline().decode("utf-8", "replace")


def _start_scheduler(container: Container, coach: Coach, term: Terminal) -> Dispatcher:
    """Scheduled workouts and check-ins for this terminal's user only, printed between turns."""
    with container.session() as s:
        uid = terminal_user(s, term.user_key, container.settings.default_timezone)
    return start_scheduler(coach, PrintSender(term.print_reply), user_ids=[uid])


async def _main(settings: Settings, user: str | None, scheduler: bool) -> int:
    if hasattr(sys.stdout, "reconfigure"):  # a reply must print whatever the terminal's encoding
        sys.stdout.reconfigure(errors="replace")
    container, coach = make_app(settings)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", user or getpass.getuser() or "me")[:40]
    term = Terminal(coach, f"cli:{name}", settings.data_dir)
    sched = _start_scheduler(container, coach, term) if scheduler else None
    log.info("terminal chat started (scheduler %s)", "on" if scheduler else "off")
    if sys.stdin.isatty():
        print("FitCoach — type /start to begin, /help for commands, Ctrl-D to quit.\n")
    loop = asyncio.get_running_loop()
    try:
        while True:
            line = await loop.run_in_executor(None, read_line)
            if not line:
                break
            await asyncio.to_thread(term.turn, line)
    finally:
        if sched is not None:
            await sched.stop(grace=2.0)
        container.engine.dispose()
    return 0


def run_chat(settings: Settings, *, user: str | None = None, scheduler: bool = True) -> int:
    """Entry point of `fitcoach chat`."""
    try:
        return asyncio.run(_main(settings, user, scheduler))
    except KeyboardInterrupt:
        print()
        return 0
