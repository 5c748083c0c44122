"""The fuzz driver's turn bound: a file turn over it is timed again, and one that is over it both times is slow."""
from __future__ import annotations

import time
from types import SimpleNamespace

from tests.fuzz import driver as drv


class _Files:
    """Sends a document and spends the CPU given for each call, in order."""

    def __init__(self, costs: list[float]) -> None:
        self.costs = costs

    def handle(self, _inc):
        end = time.process_time() + self.costs.pop(0)
        while time.process_time() < end:
            pass
        return [SimpleNamespace(document=b"%PDF", photo=None, text="")]


def _driver(costs: list[float]) -> drv.Driver:
    d = drv.Driver.__new__(drv.Driver)
    d.coach, d.tally = _Files(costs), drv.Tally()
    return d


def test_a_file_turn_over_the_bound_both_times_is_slow():
    d = _driver([1.05, 1.05])
    d.send("tg:1", text="/export", kind="command")
    assert len(d.tally.slow) == 1 and len(d.tally.retimed) == 1


def test_a_file_turn_over_the_bound_once_is_timed_again_and_not_slow():
    d = _driver([1.05, 0.02])
    d.send("tg:1", text="/export", kind="command")
    assert d.tally.slow == [] and "again" in d.tally.retimed[0]


def test_a_file_turn_under_the_bound_is_timed_once():
    d = _driver([0.02])
    d.send("tg:1", text="/export", kind="command")
    assert d.tally.slow == [] and d.tally.retimed == [] and len(d.tally.exports) == 1
