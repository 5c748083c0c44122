"""The free-text part of bench/turn_bench.py: messages of six kinds, each new, through Telegram and alone in process."""
from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Awaitable, Callable

from _common import ms, pct

from coach.intake.intent import classify
from knowledge.catalog import load_catalog
from tests.fakes.telegram_api import FakeTelegram

Post = Callable[[dict], Awaitable[int]]


async def measure(fake: FakeTelegram, chats: list[int], text: str, turns: int, gap: float = 0.06,
                  post: Post | None = None) -> list[float]:
    """Latency from update to sendMessage, one turn at a time, below Telegram's 30 messages/s; with `post`, each
    update is POSTed to a webhook instead of offered to getUpdates."""
    lat = []
    for i in range(turns):
        await asyncio.sleep(gap)
        chat = chats[i % len(chats)]
        mark = fake.mark()
        t0 = time.perf_counter()
        update = fake.user_message(chat, text)
        if post is not None:
            await post(update)
        await fake.wait_for(lambda m, c=chat: m.get("chat", {}).get("id") == c and "message_id" in m, timeout=10,
                            since=mark)
        lat.append(time.perf_counter() - t0)
    return lat


KINDS = ("how-to en", "how-to zh", "settings en", "reading en", "pain en (re-plans)", "feedback zh")
REPLANS = KINDS.index("pain en (re-plans)")


def free_texts(n: int) -> list[str]:
    """n different free-text messages, kind i % 6 (KINDS): how-to questions, settings in words, readings, pain,
    feedback, in both languages. No two are the same, so no turn is an embedding-cache hit."""
    names = [(e.name.en, e.name.zh) for e in load_catalog().values()]
    forms = ("how do I do the {en}?", "{zh}怎么做？", "please send my workouts at {h}:{m:02d} instead",
             "I weigh {kg} kg now", "my knee hurt during the {en} today", "今天的{zh}太轻松了")
    out = []
    for i in range(n):
        en, zh = names[i % len(names)]
        j = i // len(forms)  # the message's number within its kind
        out.append(forms[i % len(forms)].format(en=en.lower(), zh=zh, h=6 + (j // 60) % 4, m=j % 60,
                                                kg=60 + round(0.7 * j % 30, 1)))
    return out


async def measure_texts(fake: FakeTelegram, chats: list[int], texts: list[str], gap: float = 0.06) -> list[float]:
    lat = []
    for i, text in enumerate(texts):
        lat.extend(await measure(fake, [chats[i % len(chats)]], text, 1, gap))
    return lat


def understanding_only(texts: list[str]) -> tuple[list[float], list[float]]:
    """classify() alone (intent + values), in process: wall and CPU time per message (the process's CPU time:
    ONNX Runtime may run part of it on a second thread)."""
    lat, cpu = [], []
    for text in texts:
        t0, c0 = time.perf_counter(), time.process_time()
        classify(text + " ")  # a fresh string: no embedding cache hit
        lat.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return lat, cpu


class Pauses:
    """The garbage collector's full (generation 2) collections while it is on: how many, and the longest."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._start = 0.0

    def __enter__(self) -> "Pauses":
        gc.callbacks.append(self._on_gc)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        elif info["generation"] == 2:
            self.full.append(time.perf_counter() - self._start)

    def line(self) -> str:
        return f"{len(self.full)} full GC pauses, longest {ms(max(self.full, default=0.0))}"


async def free_text_figures(fake: FakeTelegram, chats: list[int], turns: int) -> list[str]:
    """Free-text turns through Telegram (per kind, with the process's CPU per turn next to /help's), then the
    understanding step alone in process."""
    cpu0 = time.process_time()
    help_ = await measure(fake, chats, "/help", turns)
    help_cpu = (time.process_time() - cpu0) / turns
    texts = free_texts(turns)
    assert len(set(texts)) == len(texts)
    cpu0 = time.process_time()
    with Pauses() as pauses:
        free = await measure_texts(fake, chats, texts)
    free_cpu = (time.process_time() - cpu0) / turns
    wall, cpu = understanding_only(texts[::-1])
    rest = [x for i, x in enumerate(free) if i % len(KINDS) != REPLANS]
    out = [f"/help turn: p50 {ms(pct(help_, 50))}, p99 {ms(pct(help_, 99))}; CPU of this process (bot, PTB and the "
           f"fake Bot API) {ms(help_cpu)} per turn",
           f"free-text turn (intent + extraction + answer, new text each turn): p50 {ms(pct(free, 50))}, "
           f"p99 {ms(pct(free, 99))}; without the pain reports' re-plan p50 {ms(pct(rest, 50))}, p99 "
           f"{ms(pct(rest, 99))}; CPU {ms(free_cpu)} per turn; {pauses.line()}"]
    for k, kind in enumerate(KINDS):
        lat = free[k::len(KINDS)]
        out.append(f"  {kind:<19} p50 {ms(pct(lat, 50))}, p99 {ms(pct(lat, 99))}, max {ms(max(lat))}")
    out.append(f"understanding alone (intent + extraction) in process: p50 {ms(pct(wall, 50))}, p99 "
               f"{ms(pct(wall, 99))}; CPU p50 {ms(pct(cpu, 50))}, p99 {ms(pct(cpu, 99))} (goal p99 <= 50 ms)")
    return out


def load_line(when: str) -> str:
    one, five, _ = os.getloadavg()
    return f"load average {when}: {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


