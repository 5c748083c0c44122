"""`fitcoach chat [--user NAME] [--no-scheduler]`: the coach in this terminal."""
from __future__ import annotations

from argparse import Namespace

from bot.settings import Settings
from bot.terminal import run_chat


def run(args: Namespace, settings: Settings) -> int:
    """Talk to the coach on stdin/stdout until end of input."""
    return run_chat(settings, user=args.user, scheduler=not args.no_scheduler)
