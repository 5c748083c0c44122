"""Group chats: a burst is spread so no 60 s window holds more than 20 sends."""
from __future__ import annotations

import collections

from bot.telegram.sender import take_group_slot


def test_a_burst_of_45_into_one_group_never_puts_more_than_20_in_any_minute():
    times: collections.deque = collections.deque()
    slots = [take_group_slot(times, 0.0, 20) for _ in range(45)]
    assert slots == sorted(slots)
    for i, start in enumerate(slots):
        in_window = [x for x in slots[i:] if x < start + 60]
        assert len(in_window) <= 20, f"{len(in_window)} sends in the minute from t={start}"
    assert slots[19] == 0.0 and slots[20] == 60.0 and slots[40] == 120.0


def test_slots_free_up_as_time_passes():
    times: collections.deque = collections.deque()
    for _ in range(20):
        take_group_slot(times, 0.0, 20)
    assert take_group_slot(times, 61.0, 20) == 61.0
