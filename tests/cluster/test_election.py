"""One scheduler among processes: the holder of the PostgreSQL advisory lock runs the job; another takes over when
it stops or dies; `fitcoach run --no-scheduler` / FITCOACH_SCHEDULER=false keep a process out."""
from __future__ import annotations

from collections import Counter

import pytest

from bot.scheduler import Leadership, start_scheduler
from storage.db import make_engine, migrate
from tests.cluster.pg import fresh_database


@pytest.fixture
def pg_engines():
    """Two processes' engines on a PostgreSQL database of this module's own."""
    url = fresh_database("fitcoach_test_election")
    engines = make_engine(url), make_engine(url)
    migrate(engines[0])
    yield engines
    for eng in engines:
        eng.dispose()


def test_one_holder_and_a_takeover_when_it_stops_or_dies(pg_engines):
    first, second = Leadership(pg_engines[0]), Leadership(pg_engines[1])
    assert first.check() is True and second.check() is False
    assert first.check() is True and second.check() is False  # still the holder, each minute
    first.release()  # a clean stop
    assert second.check() is True and first.check() is False
    second._conn.invalidate()  # the holder dies: its connection, and the lock with it, are gone
    assert first.check() is True
    assert second.check() is False  # the dead connection is noticed; the lock is the other's now
    first.release()


def test_the_sqlite_process_is_its_own_scheduler(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    assert Leadership(eng).check() and Leadership(eng).check()
    eng.dispose()


class _Coach:
    def __init__(self, engine) -> None:  # noqa: ANN001
        self.c = type("C", (), {"engine": engine})()


async def test_only_the_holder_queues(pg_engines, monkeypatch):
    runs: Counter = Counter()

    def fake_enqueue(coach, now, **kw):  # noqa: ANN001, ANN003 - stands in for queueing the due deliveries
        runs[id(coach)] += 1
        return 0

    async def no_senders(*a, **kw) -> None:  # noqa: ANN002, ANN003 - every process sends; this test is the queueing
        return None

    monkeypatch.setattr("bot.scheduler.delivery.enqueue_due", fake_enqueue)
    monkeypatch.setattr("bot.scheduler.drain", no_senders)
    coaches = [_Coach(e) for e in pg_engines]
    leaders = [Leadership(e) for e in pg_engines]
    scheds = [start_scheduler(c, None, leadership=lead) for c, lead in zip(coaches, leaders)]
    try:
        for _ in range(3):  # three minutes' ticks, both processes
            for sched in scheds:
                await sched.enqueue()
        assert len(runs) == 1 and list(runs.values())[0] >= 3  # one process queued every tick (and at its start),
        # the other never
    finally:
        for sched in scheds:
            await sched.stop(grace=1)
