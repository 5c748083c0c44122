"""`fitcoach ingest`: (re)build the knowledge index; idempotent and fast when nothing changed."""
from __future__ import annotations

from argparse import Namespace

from bot.settings import Settings, ensure_data_dir, index_config
from knowledge.index import ingest


def run(args: Namespace, settings: Settings) -> int:
    """Ingest the passages and print what was added, updated or removed."""
    ensure_data_dir(settings)
    report = ingest(index_config(settings))
    print(f"knowledge index: {report.summary()}")
    for label, ids in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        if ids and len(ids) <= 20:
            print(f"  {label}: {', '.join(ids)}")
    return 0
