"""`fitcoach run`: the Telegram bot (long polling, or a webhook server when WEBHOOK_URL is set)."""
from __future__ import annotations

import sys
from argparse import Namespace

from bot.settings import Settings
from bot.telegram.application import build_application, run_application
from bot.wiring import make_app


def run(args: Namespace, settings: Settings) -> int:
    """Serve Telegram until stopped; exit 2 without TELEGRAM_BOT_TOKEN."""
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach run` "
              "(use `fitcoach chat` to talk to the coach without Telegram)", file=sys.stderr)
        return 2
    _container, coach = make_app(settings)
    run_application(build_application(settings, coach), settings)
    return 0
