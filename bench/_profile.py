"""Profiling switches for the bot process of turn_bench.py --webhook (BENCH_PROFILE=FILE in its environment):
SIGUSR1 starts cProfile (CPU time of the main thread, where the turns run) and counts the SQL statements the engine sends, SIGUSR2 stops, writes FILE (pstats) and
prints the statement count to FILE + ".sql.txt"; the bench sends them around the updates/s run (--profile FILE)."""
from __future__ import annotations

import cProfile
import collections
import signal
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine


def install(engine: Engine, out: str) -> None:
    prof = cProfile.Profile(time.thread_time)  # the main thread's CPU time, not the waits
    counts: collections.Counter[str] = collections.Counter()
    on = [False]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        if on[0]:
            counts[" ".join(statement.split())[:160]] += 1

    def start(*_: object) -> None:
        counts.clear()
        on[0] = True
        prof.enable()

    def stop(*_: object) -> None:
        prof.disable()
        on[0] = False
        prof.dump_stats(out)
        Path(out + ".sql.txt").write_text("".join(f"{n:7d}  {s}\n" for s, n in counts.most_common()))

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
