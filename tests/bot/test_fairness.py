"""Fairness between people through the real PTB Application and the fake Bot API: while one person sends six
4,000-character messages, another person's /today is not queued behind them: it is answered while A's turns are
still running, faster than one of A's turns. (Milliseconds depend on the machine's load; they are printed here and
measured in bench/turn_bench.py, not asserted.)"""
from __future__ import annotations

import asyncio
import statistics
import time
from datetime import date

import pytest

from tests.factories import make_user

A, B = 301, 302
LONG = ("Yesterday I walked to work, then after lunch I did some stretching and a little yoga at home, "
        "and in the evening I went for an easy bike ride with friends around the lake. ")


def _long_message(i: int) -> str:
    return (f"Day {i}: " + LONG * 40)[:4000]


async def _reply_time(h, chat: int, text: str) -> float:
    """Seconds from the update being offered to the bot until its first reply reaches the Bot API."""
    mark = h.fake.mark()
    t0 = time.perf_counter()
    h.fake.user_message(chat, text)
    await h.fake.wait_for(lambda m: m.get("chat", {}).get("id") == chat and "message_id" in m, timeout=60, since=mark)
    return time.perf_counter() - t0


def _replies_to(h, chat: int, since: int) -> list[dict]:
    return [m for m in h.fake._observed[since:] if m.get("chat", {}).get("id") == chat and "message_id" in m]


@pytest.mark.slow
async def test_one_persons_long_messages_do_not_delay_another_persons_reply(harness):
    h = harness
    for chat in (A, B):
        await asyncio.to_thread(make_user, h.container, f"tg:{chat}", start=date.today(), chat_id=chat)
    await _reply_time(h, A, "hi")
    solo = [await _reply_time(h, B, "/today") for _ in range(7)]

    a_mark = h.fake.mark()
    t_a = time.perf_counter()
    for i in range(6):
        h.fake.user_message(A, _long_message(i))
    await asyncio.sleep(0.3)  # A's first long turn is running
    loaded = []
    for _ in range(5):
        loaded.append(await _reply_time(h, B, "/today"))
        await asyncio.sleep(0.1)
    answered_during_b = len(_replies_to(h, A, a_mark))
    deadline = time.perf_counter() + 240
    while time.perf_counter() < deadline:  # A's six turns: done once six replies came and then nothing for 2 s
        n = len(_replies_to(h, A, a_mark))
        await asyncio.sleep(2.0)
        if n >= 6 and len(_replies_to(h, A, a_mark)) == n:
            break
    a_total = time.perf_counter() - t_a - 2.0
    a_busy = answered_during_b < len(_replies_to(h, A, a_mark))
    solo_ms, loaded_ms = statistics.median(solo) * 1000, statistics.median(loaded) * 1000
    print(f"\n[fairness] B /today alone: median {solo_ms:.1f} ms (max {max(solo) * 1000:.1f}); while A sends 6 x 4,000 "
          f"characters: median {loaded_ms:.1f} ms (max {max(loaded) * 1000:.1f}); A's six turns took {a_total:.1f} s; "
          f"A still busy during B's turns: {a_busy}")
    assert a_busy, "A's long turns ended before B was measured: the test measured nothing"
    a_turn = a_total / 6
    assert statistics.median(loaded) < a_turn / 2, (loaded, a_total)  # B's usual reply: not behind even one A turn
    assert max(loaded) < 2 * a_turn, (loaded, a_total)  # none waited behind A's backlog of six
