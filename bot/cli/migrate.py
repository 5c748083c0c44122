"""`fitcoach migrate`: apply pending database migrations and print the revision."""
from __future__ import annotations

from argparse import Namespace

from bot.settings import Settings
from bot.wiring import build
from coach.services.admin import current_revision


def run(args: Namespace, settings: Settings) -> int:
    """Migrate (building the container does it) and report where the schema stands."""
    container = build(settings)
    print(f"database at revision {current_revision(container.engine)}")
    return 0
