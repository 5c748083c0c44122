"""`fitcoach chat`: the same coach in a terminal; buttons become numbered options; works with piped stdin."""
from __future__ import annotations

import asyncio
import getpass
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from coach.config import Settings
from coach.messages import Button, Incoming, Reply


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
        for b in self.options:  # typing an option's label works (and wins over its number: "5" hours is 5)
            if text and text.lower() == b.label.lower().removeprefix("✅ ").strip():
                return Incoming(user_key=self.user_key, channel="cli", callback=b.data)
        if re.fullmatch(r"\d{1,2}", text) and self.options and 1 <= int(text) <= len(self.options):
            return Incoming(user_key=self.user_key, channel="cli", callback=self.options[int(text) - 1].data)
        return Incoming(user_key=self.user_key, channel="cli", text=text)

    def turn(self, line: str) -> None:
        inc = self.incoming(line)
        if not inc.text and not inc.callback:
            return
        try:
            replies = self.coach.handle(inc)
        except Exception:  # noqa: BLE001 - a bug must not end the session or print a trace
            import logging

            logging.getLogger(__name__).exception("turn failed")
            replies = [Reply("Sorry, something went wrong on my side. Please try again.")]
        for r in replies:
            self.print_reply(r)


async def _main(settings: Settings, user: str | None, scheduler: bool) -> int:
    from bot.app import make_app

    container, coach = make_app(settings)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", user or getpass.getuser() or "me")[:40]
    term = Terminal(coach, f"cli:{name}", settings.data_dir)
    sched = None
    if scheduler:
        from bot.scheduler import start_scheduler
        from bot.sender import PrintSender
        from storage import repo

        with container.session() as s:
            u, _ = repo.get_or_create_user(s, term.user_key, channel="cli", timezone=settings.default_timezone)
            uid = u.id
        sched = start_scheduler(coach, PrintSender(term.print_reply), user_ids=[uid])
    interactive = sys.stdin.isatty()
    if interactive:
        print("FitCoach — type /start to begin, /help for commands, Ctrl-D to quit.\n")
    loop = asyncio.get_running_loop()
    try:
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            await asyncio.to_thread(term.turn, line)
    finally:
        if sched is not None:
            sched.shutdown(wait=False)
        container.engine.dispose()
    return 0


def run_chat(settings: Settings, *, user: str | None = None, scheduler: bool = True) -> int:
    """Entry point of `fitcoach chat`."""
    try:
        return asyncio.run(_main(settings, user, scheduler))
    except KeyboardInterrupt:
        print()
        return 0
