"""The full deterministic sweep (>= 10,000 events), in a file of its own so that pytest-xdist (`--dist loadfile`)
runs it beside the 20,000 random events of test_fuzz.py rather than after them."""
from __future__ import annotations

import pytest

from tests.fuzz.test_fuzz import _sweep, driver, finish, sweep_events  # noqa: F401 - fixture


@pytest.mark.slow
def test_sweep_10000(driver):
    assert len(sweep_events()) >= 10_000
    _sweep(driver, 1)
    finish(driver, "sweep", 10_000)
