"""Turn latency and throughput of the Telegram mouth against the fake Bot API, next to a bare PTB echo bot.

Goals: non-LLM turn p99 <= 50 ms and <= 1.5x the echo bot; updates/second with 50 concurrent users reported.
A free-text turn (intent classification + value extraction + the feature's answer, each message new so the
embedding cache never helps) is measured the same way, and the understanding step alone in process.
The /today and echo turns are measured interleaved (each bot on its own fake server, alternating turns), so
machine noise falls on both alike; with 400 turns each, p99 is the 5th-slowest turn (the 3rd with 200).
    .venv/bin/python bench/turn_bench.py [--turns 400] [--users 50] [--per-user 10]
"""
from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _common import ms, pct

from cryptography.fernet import Fernet
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.wiring import make_coach
from coach.intake.intent import classify
from knowledge.catalog import load_catalog
from bot.telegram.application import build_application
from bot.settings import load_settings
from bot.wiring import build
from tests.factories import make_user
from tests.fakes.telegram_api import FakeTelegram


async def measure(fake: FakeTelegram, chats: list[int], text: str, turns: int, gap: float = 0.06) -> list[float]:
    """Latency from update to sendMessage, one turn at a time, below Telegram's 30 messages/s."""
    lat = []
    for i in range(turns):
        await asyncio.sleep(gap)
        chat = chats[i % len(chats)]
        mark = fake.mark()
        t0 = time.perf_counter()
        fake.user_message(chat, text)
        await fake.wait_for(lambda m, c=chat: m.get("chat", {}).get("id") == c and "message_id" in m, timeout=10,
                            since=mark)
        lat.append(time.perf_counter() - t0)
    return lat


async def measure_pair(ours: tuple[FakeTelegram, str], echo: tuple[FakeTelegram, str], chats: list[int], turns: int,
                       gap: float = 0.06) -> tuple[list[float], list[float]]:
    """Both bots, each on its own fake server, one turn each in alternating order: the same conditions for both.

    On a noisy machine a slow minute then costs both bots alike instead of whichever one was being measured.
    """
    lat: tuple[list[float], list[float]] = ([], [])
    for i in range(turns):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for k in order:
            fake, text = (ours, echo)[k]
            lat[k].extend(await measure(fake, [chats[i % len(chats)]], text, 1, gap))
    return lat


def free_texts(n: int) -> list[str]:
    """n different free-text messages: how-to questions, settings in words, facts, feedback, in both languages."""
    names = [(e.name.en, e.name.zh) for e in load_catalog().values()]
    forms = ("how do I do the {en}?", "{zh}怎么做？", "please send my workouts at {h}:{m:02d} instead",
             "I weigh {kg} kg now", "my knee hurt during the {en} today", "今天的{zh}太轻松了")
    out = []
    for i in range(n):
        en, zh = names[i % len(names)]
        out.append(forms[i % len(forms)].format(en=en.lower(), zh=zh, h=6 + i % 4, m=i % 60, kg=60 + i % 30))
    return out


async def measure_texts(fake: FakeTelegram, chats: list[int], texts: list[str], gap: float = 0.06) -> list[float]:
    lat = []
    for i, text in enumerate(texts):
        lat.extend(await measure(fake, [chats[i % len(chats)]], text, 1, gap))
    return lat


def understanding_only(texts: list[str]) -> list[float]:
    """classify() alone (intent + values), in process."""
    lat = []
    for text in texts:
        t0 = time.perf_counter()
        classify(text + " ")  # a fresh string: no embedding cache hit
        lat.append(time.perf_counter() - t0)
    return lat


async def throughput(fake: FakeTelegram, chats: list[int], text: str, per_user: int) -> float:
    want = len(chats) * per_user
    start = len(fake.sent())
    t0 = time.perf_counter()
    for _ in range(per_user):
        for c in chats:
            fake.user_message(c, text)
    while len(fake.sent()) - start < want:
        await asyncio.sleep(0.005)
    return want / (time.perf_counter() - t0)


async def echo_bot(fake: FakeTelegram) -> Application:
    async def echo(update: Update, context) -> None:  # noqa: ANN001
        await update.effective_message.reply_text(update.effective_message.text)

    app = Application.builder().token(fake.token).base_url(fake.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    return app


async def stop(app: Application) -> None:
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def main(args: argparse.Namespace) -> None:
    fake, echo_fake = FakeTelegram(), FakeTelegram(token="456:ECHO")
    await fake.start()
    await echo_fake.start()
    with tempfile.TemporaryDirectory() as d:
        settings = load_settings(fitcoach_data_dir=Path(d), fitcoach_encryption_key=Fernet.generate_key().decode(),
                                 telegram_bot_token=fake.token, telegram_api_base_url=fake.root_url,
                                 chroma_path=Path(d) / "chroma")
        container = build(settings)
        today = datetime.now(timezone.utc).date()
        chats = [9000 + i for i in range(args.users)]
        for c in chats:
            make_user(container, f"tg:{c}", start=today, chat_id=c)
        coach = make_coach(container)
        app = build_application(settings, coach, start_scheduler=False)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        echo = await echo_bot(echo_fake)
        await measure_pair((fake, "/today"), (echo_fake, "hello"), chats, 20)  # warm-up
        ours, base = await measure_pair((fake, "/today"), (echo_fake, "hello"), chats, args.turns)
        help_ = await measure(fake, chats, "/help", args.turns)
        classify("warm up the model")
        free = await measure_texts(fake, chats, free_texts(args.turns))
        understand = understanding_only(free_texts(args.turns)[::-1])
        ups = await throughput(fake, chats, "/today", args.per_user)
        echo_ups = await throughput(echo_fake, chats, "hello", args.per_user)
        await stop(echo)
        await stop(app)
        raw = build_application(settings, coach, start_scheduler=False, rate_limiter=False)
        await raw.initialize()
        await raw.start()
        await raw.updater.start_polling(poll_interval=0, timeout=1)
        raw_ups = await throughput(fake, chats, "/today", args.per_user)
        raw_lat = await measure(fake, chats, "/today", args.turns)
        await stop(raw)
        container.engine.dispose()
    await echo_fake.stop()
    await fake.stop()
    print(f"/today turn (DB read, plan render, keyboard): p50 {ms(pct(ours, 50))}, p99 {ms(pct(ours, 99))}")
    print(f"/help turn: p50 {ms(pct(help_, 50))}, p99 {ms(pct(help_, 99))}")
    print(f"free-text turn (intent + extraction + answer, new text each turn): p50 {ms(pct(free, 50))}, "
          f"p99 {ms(pct(free, 99))}; understanding alone in process: p50 {ms(pct(understand, 50))}, "
          f"p99 {ms(pct(understand, 99))} (goal p99 <= 50 ms)")
    print(f"/today without PTB's AIORateLimiter (like the bare echo bot): p50 {ms(pct(raw_lat, 50))}, "
          f"p99 {ms(pct(raw_lat, 99))}")
    print(f"bare PTB echo bot (turns interleaved with the /today turns): p50 {ms(pct(base, 50))}, "
          f"p99 {ms(pct(base, 99))}")
    print(f"ratio to echo: p50 {pct(ours, 50) / pct(base, 50):.2f}x, p99 {pct(ours, 99) / pct(base, 99):.2f}x "
          f"(goal <= 1.5x and p99 <= 50 ms)")
    print(f"throughput with {args.users} concurrent users: {ups:.0f} updates/s with the production rate limiter "
          f"(Telegram allows ~30 messages/s); handler capacity without it {raw_ups:.0f} updates/s; "
          f"echo bot {echo_ups:.0f} updates/s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=400)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--per-user", type=int, default=10)
    asyncio.run(main(ap.parse_args()))
