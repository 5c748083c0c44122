"""`fitcoach rekey`: re-encrypt every stored value under the first key, so an older key can be dropped."""
from __future__ import annotations

from argparse import Namespace

from bot.settings import Settings
from bot.wiring import build, rekey_storage


def run(args: Namespace, settings: Settings) -> int:
    """Rotate every encrypted cell to the first key of FITCOACH_ENCRYPTION_KEY and print how many per table."""
    container = build(settings)
    try:
        counts = rekey_storage(container)
    finally:
        container.engine.dispose()
    total = sum(counts.values())
    detail = ", ".join(f"{t}: {n}" for t, n in sorted(counts.items()))
    print(f"re-encrypted {total} values under the first key" + (f" ({detail})" if total else ""))
    print("the older keys can now be removed from FITCOACH_ENCRYPTION_KEY")
    return 0
