"""Helpers shared by the benchmarks (run them from the repository root with the project's venv)."""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def rss_mb() -> float:
    import psutil

    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def median(values: list[float]) -> float:
    return statistics.median(values)


def fitcoach_bin() -> str:
    return str(Path(sys.executable).parent / "fitcoach")
