"""Command entry points; each imports its heavy dependencies only when run."""
from __future__ import annotations

import sys
from argparse import Namespace


def _settings_or_exit():  # noqa: ANN202
    from coach.config import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        print(f"fitcoach: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def plan(args: Namespace) -> int:
    from bot.cli.plan_cmd import run_plan

    return run_plan(args)


def kb(args: Namespace) -> int:
    from bot.cli.kb_cmd import run_kb

    return run_kb(args, _settings_or_exit())


def ingest(args: Namespace) -> int:
    from bot.cli.kb_cmd import run_ingest

    return run_ingest(_settings_or_exit())


def migrate_cmd(args: Namespace) -> int:
    from coach.container import build

    c = build(_settings_or_exit())
    from storage.db import current_revision

    print(f"database at revision {current_revision(c.engine)}")
    return 0


def chat(args: Namespace) -> int:
    from bot.terminal import run_chat

    return run_chat(_settings_or_exit(), user=args.user, scheduler=not args.no_scheduler)


def run(args: Namespace) -> int:
    settings = _settings_or_exit()
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach run` "
              "(use `fitcoach chat` to talk to the coach without Telegram)", file=sys.stderr)
        return 2
    from bot.telegram_app import run_bot

    return run_bot(settings)


def dispatch(args: Namespace) -> int:
    settings = _settings_or_exit()
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach dispatch`", file=sys.stderr)
        return 2
    from bot.dispatch_cmd import run_dispatch

    return run_dispatch(settings, once=args.once)
