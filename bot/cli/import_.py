"""`fitcoach import FILE --user NAME`: readings from a device or app export, with a progress bar and a summary."""
from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from tqdm import tqdm

from bot.settings import Settings
from bot.wiring import build
from coach.services.imports import ImportRefused, UnknownFormat, import_for, summary_text


def user_key(name: str) -> str:
    """The terminal user NAME is "cli:NAME"; a full key ("tg:123") is taken as it is."""
    return name if name.startswith(("cli:", "tg:")) else f"cli:{name}"


def run(args: Namespace, settings: Settings) -> int:
    """Import FILE for --user; exit 2 with one line for a missing file, an unknown format or an unknown user."""
    path = Path(args.file)
    if not path.is_file():
        print(f"fitcoach: no such file: {args.file}", file=sys.stderr)
        return 2
    container = build(settings)
    bar = tqdm(total=100, unit="%", desc="importing", file=sys.stderr, disable=args.quiet,
               bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")

    def progress(fraction: float) -> None:
        bar.update(round(fraction * 100) - bar.n)

    try:
        with container.session() as s:
            user, summary = import_for(s, user_key(args.user), path, progress=progress)
            lang = user.language
    except (ImportRefused, UnknownFormat) as exc:
        bar.close()
        print(f"fitcoach: {exc}", file=sys.stderr)
        return 2
    finally:
        container.engine.dispose()
    bar.close()
    print(summary_text(lang, summary))
    return 0
