"""Turn latency and throughput of the Telegram mouth against the fake Bot API, next to a bare PTB echo bot.

Goals: non-LLM turn p99 <= 50 ms and <= 1.5x the echo bot; updates/second with 50 concurrent users reported.
A free-text turn (intent classification + value extraction + the feature's answer, each message new so the
embedding cache never helps) is measured the same way, per kind of message (a pain report re-plans the week: that
is the answer, not understanding), and the understanding step alone in process, wall and CPU time (the machine is
shared: the load average is printed, and CPU time is what the code itself costs).
The /today and echo turns are measured interleaved (each bot on its own fake server, alternating turns), so
machine noise falls on both alike; with 400 turns each, p99 is the 5th-slowest turn (the 3rd with 200).
    .venv/bin/python bench/turn_bench.py [--turns 400] [--users 50] [--per-user 10]

--webhook measures webhook mode through the update inbox instead (what a production process does: the update is
POSTed to the webhook server, stored in the inbox and committed before the 200, taken by an inbox worker, answered;
replies not rate-limited), next to a bare PTB echo bot on PTB's own webhook server (no inbox, no database):
p99 update -> reply one turn at a time, and updates/s of one process with 50 users posting at once from
load-generator processes of their own (bench/_webhook_load.py), with the bot process's CPU time per update.
BENCH_BEFORE_16=1 runs the bot with PTB's HTTPXRequest and asyncio's own loop (as before issue #16's work): an A/B.
    .venv/bin/python bench/turn_bench.py --webhook [--database-url postgresql://postgres@127.0.0.1:5432/EMPTY_DB]
--profile FILE profiles the bot process during the updates/s run: cProfile of its main thread into FILE and the SQL
statements its engine sent into FILE.sql.txt (bench/_profile.py), or, with BENCH_PY_SPY=PATH_TO_PY_SPY,OUT, py-spy's
samples (GIL holder, raw stacks) into OUT instead (py-spy is not a dependency: install it where you like).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _common import ms, pct
from _turn_text import Post, free_text_figures, load_line, measure

from cryptography.fernet import Fernet
from telegram import Update
from telegram.ext import Application, MessageHandler, filters
from telegram.request import HTTPXRequest

import httpx
import psutil

from bot.ops import Warmth
from bot.telegram.webhook import SECRET_HEADER, webhook_path
from bot.wiring import make_app, make_coach
from bot.telegram.application import build_application, run_application
from bot.telegram.request import AiohttpRequest
from bot.settings import load_settings
from bot.wiring import build
from tests.factories import make_user
from tests.conftest import free_port
from tests.fakes.telegram_api import FakeTelegram

SECRET = "bench-secret"
STALL_S = 15.0


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
        Warmth(container).start().join()  # `fitcoach run`'s warm-up: model, index, intent model; heap frozen
        app = build_application(settings, coach, start_scheduler=False)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        echo = await echo_bot(echo_fake)
        await measure_pair((fake, "/today"), (echo_fake, "hello"), chats, 20)  # warm-up
        start_load = load_line("at the start")
        ours, base = await measure_pair((fake, "/today"), (echo_fake, "hello"), chats, args.turns)
        free_lines = await free_text_figures(fake, chats, args.turns)
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
    print(f"{start_load}; {load_line('at the end')}")
    print(f"/today turn (DB read, plan render, keyboard): p50 {ms(pct(ours, 50))}, p99 {ms(pct(ours, 99))}")
    print("\n".join(free_lines))
    print(f"/today without PTB's AIORateLimiter (like the bare echo bot): p50 {ms(pct(raw_lat, 50))}, "
          f"p99 {ms(pct(raw_lat, 99))}")
    print(f"bare PTB echo bot (turns interleaved with the /today turns): p50 {ms(pct(base, 50))}, "
          f"p99 {ms(pct(base, 99))}")
    print(f"ratio to echo: p50 {pct(ours, 50) / pct(base, 50):.2f}x, p99 {pct(ours, 99) / pct(base, 99):.2f}x "
          f"(goal <= 1.5x and p99 <= 50 ms)")
    print(f"throughput with {args.users} concurrent users: {ups:.0f} updates/s with the production rate limiter "
          f"(Telegram allows ~30 messages/s); handler capacity without it {raw_ups:.0f} updates/s; "
          f"echo bot {echo_ups:.0f} updates/s")


def poster(client: httpx.AsyncClient, url: str) -> Post:
    async def post(update: dict) -> int:
        r = await client.post(url, json=update, headers={SECRET_HEADER: SECRET})
        return r.status_code

    return post


async def webhook_latency(fake: FakeTelegram, post: Post, chats: list[int], text: str, turns: int,
                          gap: float = 0.02) -> list[float]:
    """From the POST of an update to its reply at the Bot API, one turn at a time."""
    return await measure(fake, chats, text, turns, gap, post=post)


async def webhook_throughput(fake: FakeTelegram, url: str, chats: list[int], text: str, per_user: int, pid: int,
                             loaders: int, workdir: str, profile: bool = False) -> tuple[float, float]:
    """Every user posts per_user updates, each after the previous one's 200 (Telegram's per-chat order), from
    `loaders` load-generator processes (bench/_webhook_load.py); the fake Bot API stays in this process and counts the
    replies. Returns updates/s (first POST to last reply) and the bot process's CPU seconds per update; with
    `profile`, the bot process (started with BENCH_PROFILE) is profiled during the run (bench/_profile.py)."""
    n = len(chats) * per_user
    users = [[fake.user_message(c, text) for _ in range(per_user)] for c in chats]
    go_at = time.time() + 3.0  # the generators start (imports, JSON) before then, while the bot is idle
    procs = []
    for k in range(loaders):
        job = Path(workdir) / f"load-{k}.json"
        job.write_text(json.dumps({"url": url, "secret": SECRET, "users": users[k::loaders]}))
        procs.append(subprocess.Popen([sys.executable, str(Path(__file__).with_name("_webhook_load.py")), str(job),
                                       repr(go_at)], stdout=subprocess.PIPE))
    bot = psutil.Process(pid)
    start = len(fake.sent())
    await asyncio.sleep(max(0.0, go_at - time.time()))
    spy = None
    if profile and os.environ.get("BENCH_PY_SPY"):  # sampled instead: BENCH_PY_SPY=path/to/py-spy,OUT (raw stacks)
        exe, out = os.environ["BENCH_PY_SPY"].split(",")
        spy = subprocess.Popen([exe, "record", "-p", str(pid), "-r", "250", "--gil", "-f", "raw", "-o", out],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elif profile:
        bot.send_signal(signal.SIGUSR1)
    cpu0, t0 = sum(bot.cpu_times()[:2]), time.perf_counter()
    got, last = 0, t0
    while got < n and time.perf_counter() - last < STALL_S:  # a reply that never comes (a bot's send failed)
        await asyncio.sleep(0.002)
        if len(fake.sent()) - start > got:
            got, last = len(fake.sent()) - start, time.perf_counter()
    cpu = sum(bot.cpu_times()[:2]) - cpu0
    if profile and spy is None:
        bot.send_signal(signal.SIGUSR2)
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(30)
    for proc in procs:
        out, _ = await asyncio.to_thread(proc.communicate)
        counts = json.loads(out)
        assert counts["bad"] == 0, counts
    if got < n:
        print(f"  ({fake.token}: {n - got} of {n} replies missing after {STALL_S:.0f} s without one)")
    return got / max(last - t0, 1e-9), cpu / max(1, got)


def echo_server(port: int, base_url: str) -> None:
    """A bare PTB echo bot on PTB's own webhook server (no inbox, no database), run as its own process."""

    async def echo(update: Update, context) -> None:  # noqa: ANN001
        await update.effective_message.reply_text(update.effective_message.text)

    app = Application.builder().token("456:ECHO").base_url(base_url).concurrent_updates(True).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_webhook(listen="127.0.0.1", port=port, url_path="hook", secret_token=SECRET,
                    webhook_url="https://echo.example.test/hook")


def bot_server() -> None:
    """`fitcoach run` in webhook mode (settings from the environment) without the reply rate limiter."""
    settings = load_settings()
    container, coach = make_app(settings)
    if os.environ.get("BENCH_PROFILE"):
        from _profile import install

        install(container.engine, os.environ["BENCH_PROFILE"])
    before = os.environ.get("BENCH_BEFORE_16") == "1"  # A/B: PTB's HTTPXRequest and asyncio's own loop, as before
    request = HTTPXRequest if before else AiohttpRequest
    run_application(build_application(settings, coach, start_scheduler=False, rate_limiter=False, request=request),
                    settings, container.engine, fast_loop=not before)


def spawn(args: list[str], env: dict[str, str], cwd: str) -> subprocess.Popen:
    log = open(Path(cwd) / "process.log", "ab")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen([sys.executable, *args], env=env, cwd=cwd, stdout=log, stderr=log)


async def up(client: httpx.AsyncClient, url: str) -> None:
    for _ in range(400):
        try:
            await client.get(url)
            return
        except httpx.TransportError:
            await asyncio.sleep(0.1)
    raise TimeoutError(url)


async def webhook_main(args: argparse.Namespace) -> None:
    """The bot as `fitcoach run` in webhook mode and the echo bot, each its own process (the fake Bot API is this
    one; the load generators of the updates/s runs are processes of their own): latency one turn at a time, then
    updates/s and the bot's CPU per update."""
    fake, echo_fake = FakeTelegram(), FakeTelegram(token="456:ECHO")
    await fake.start()
    await echo_fake.start()
    with tempfile.TemporaryDirectory() as d:
        port, echo_port = free_port(), free_port()
        key = Fernet.generate_key().decode()
        settings = load_settings(fitcoach_data_dir=Path(d), fitcoach_encryption_key=key,
                                 database_url=args.database_url, chroma_path=Path(d) / "chroma")
        container = build(settings)
        chats = [9000 + i for i in range(args.users)]
        for c in chats:
            make_user(container, f"tg:{c}", start=datetime.now(timezone.utc).date(), chat_id=c)
        container.engine.dispose()
        env = {**os.environ, "FITCOACH_DATA_DIR": d, "FITCOACH_ENCRYPTION_KEY": key, "CHROMA_PATH": f"{d}/chroma",
               "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.root_url, "LOG_LEVEL": "WARNING",
               "WEBHOOK_URL": "https://bench.example.test", "WEBHOOK_LISTEN": "127.0.0.1",
               "WEBHOOK_PORT": str(port), "WEBHOOK_SECRET": SECRET, "FITCOACH_SEND_RATE": "1000",
               "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        if args.profile:
            env["BENCH_PROFILE"] = str(Path(args.profile).resolve())
        bot = spawn([__file__, "--bot-server"], env, d)
        echo = spawn([__file__, "--echo-server", str(echo_port), echo_fake.base_url], env, d)
        try:
            figures = await _webhook_figures(args, fake, echo_fake, port, echo_port, chats, (bot.pid, echo.pid), d)
        finally:
            for proc in (bot, echo):
                proc.send_signal(signal.SIGTERM)
                proc.wait(30)
            text_ = (Path(d) / "process.log").read_text()
            problems = [line for line in text_.splitlines() if "WARNING" in line or "ERROR" in line]
            if bot.returncode not in (0, -signal.SIGTERM):
                print(f"the bot exited with {bot.returncode}:\n{text_[-3000:]}")
            if problems:
                print(f"{len(problems)} warnings/errors in the bots' logs, e.g. {problems[:3]}")
    await echo_fake.stop()
    await fake.stop()
    today_lat, help_lat, echo_lat, ups, echo_ups, cpu, echo_cpu, loads = figures
    db = "PostgreSQL" if args.database_url and args.database_url.startswith("postg") else "SQLite"
    print(f"webhook mode through the update inbox (`fitcoach run`'s path in its own process, {db}; {args.turns} "
          f"turns each; replies not rate-limited):")
    print(f"  /today update -> reply: p50 {ms(pct(today_lat, 50))}, p99 {ms(pct(today_lat, 99))} (goal p99 <= 50 ms)")
    print(f"  /help update -> reply: p50 {ms(pct(help_lat, 50))}, p99 {ms(pct(help_lat, 99))}")
    print(f"  bare PTB echo bot on PTB's webhook server (no inbox, no database): p50 {ms(pct(echo_lat, 50))}, "
          f"p99 {ms(pct(echo_lat, 99))}")
    print(f"  {args.users} users posting at once ({args.loaders} load-generator processes; the bot, the fake Bot API "
          f"and PostgreSQL share the machine's {os.cpu_count()} CPUs): {ups:.0f} updates/s (echo bot {echo_ups:.0f}/s)")
    print(f"  the bot process's CPU per update: {cpu * 1000:.2f} ms = {1 / cpu:.0f} updates/s per process on one core "
          f"(goal >= 200); the echo bot {echo_cpu * 1000:.2f} ms ({1 / echo_cpu:.0f}/s)")
    print(f"  {loads}")


async def _webhook_figures(args: argparse.Namespace, fake: FakeTelegram, echo_fake: FakeTelegram, port: int,
                           echo_port: int, chats: list[int], pids: tuple[int, int], workdir: str) -> tuple:
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=args.users), timeout=30) as client:
        ours_url = f"http://127.0.0.1:{port}/{webhook_path(fake.token)}"
        await up(client, ours_url)
        await up(client, f"http://127.0.0.1:{echo_port}/hook")
        ours, theirs = poster(client, ours_url), poster(client, f"http://127.0.0.1:{echo_port}/hook")
        await webhook_latency(fake, ours, chats, "/today", 20)  # warm-up
        await webhook_latency(echo_fake, theirs, chats, "hello", 20)
        today_lat: list[float] = []
        echo_lat: list[float] = []
        for _ in range(4):  # interleaved blocks: machine noise falls on both alike
            today_lat += await webhook_latency(fake, ours, chats, "/today", args.turns // 4)
            echo_lat += await webhook_latency(echo_fake, theirs, chats, "hello", args.turns // 4)
        help_lat = await webhook_latency(fake, ours, chats, "/help", args.turns)
    loads = load_line("before the updates/s runs")
    ups, cpu = await webhook_throughput(fake, ours_url, chats, "/today", args.per_user, pids[0], args.loaders, workdir,
                                        profile=bool(args.profile))
    echo_ups, echo_cpu = await webhook_throughput(echo_fake, f"http://127.0.0.1:{echo_port}/hook", chats, "hello",
                                                  args.per_user, pids[1], args.loaders, workdir)
    loads += f"; {load_line('after them')}"
    return today_lat, help_lat, echo_lat, ups, echo_ups, cpu, echo_cpu, loads


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=400)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--per-user", type=int, default=10)
    ap.add_argument("--loaders", type=int, default=2, help="with --webhook: load-generator processes")
    ap.add_argument("--webhook", action="store_true", help="webhook mode through the update inbox")
    ap.add_argument("--database-url", default=None, help="with --webhook: the database (default SQLite)")
    ap.add_argument("--profile", metavar="FILE", help="with --webhook: cProfile the bot process during the updates/s "
                    "run into FILE (pstats; SQL statements counted in FILE.sql.txt)")
    ap.add_argument("--echo-server", nargs=2, metavar=("PORT", "BASE_URL"), help=argparse.SUPPRESS)
    ap.add_argument("--bot-server", action="store_true", help=argparse.SUPPRESS)
    parsed = ap.parse_args()
    if parsed.bot_server:
        bot_server()
    elif parsed.echo_server:
        echo_server(int(parsed.echo_server[0]), parsed.echo_server[1])
    else:
        asyncio.run(webhook_main(parsed) if parsed.webhook else main(parsed))
