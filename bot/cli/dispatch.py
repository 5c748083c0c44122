"""`fitcoach dispatch [--once]`: scheduled sends without the polling bot (cron, a separate worker, tests).

The long-running form serves `/healthz`, `/readyz` and `/metrics` on FITCOACH_OPS_LISTEN:FITCOACH_OPS_PORT (0: off),
takes its send slots from the limiter every process shares (REDIS_URL), samples the delivery backlog for the
metrics, and on SIGTERM or SIGINT stops taking new work and gives running sends a grace period before it exits.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from argparse import Namespace
from typing import Any

from bot import ops
from bot.cli.botapi import check_bot_api
from bot.scheduler import dispatch_once, start_scheduler
from bot.settings import Settings
from bot.telegram.sender import RateLimitedSender, make_limited_bot, send_limiter
from bot.wiring import make_app
from coach.services import group_delivery
from coach.services.backlog import backlog

log = logging.getLogger(__name__)
BACKLOG_EVERY_S = 15.0
GROUP_EVERY_S = 2.0  # group messages (alerts to coaches among them) go out within seconds
STOP_GRACE_S = 10.0  # how long running sends may finish after SIGTERM (compose's stop_grace_period is longer)


async def _sample_backlog(coach: Any) -> None:
    """Every BACKLOG_EVERY_S: how many scheduled messages are due and unsent, and how late the oldest is."""
    while True:
        try:
            depth, lag = await asyncio.to_thread(backlog, coach)
            ops.set_queue("deliveries", depth, lag)
        except Exception as exc:  # noqa: BLE001 - a metric must never stop the dispatcher
            log.warning("backlog sample failed (%s)", type(exc).__name__)
        await asyncio.sleep(BACKLOG_EVERY_S)


async def _ops_server(settings: Settings, container: Any) -> Any:
    if not settings.fitcoach_ops_port:
        return None
    try:
        return await ops.serve(ops.readiness_of(container, None), settings.fitcoach_ops_listen,
                               settings.fitcoach_ops_port)
    except OSError as exc:  # the port is taken: sending matters more than the endpoints
        log.error("operations endpoints not served on port %s (%s); set FITCOACH_OPS_PORT",
                  settings.fitcoach_ops_port, type(exc).__name__)
        return None


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def _pump_groups(container: Any, sender: Any, clock: Any, stop: asyncio.Event) -> None:
    """The group queue every GROUP_EVERY_S until `stop`, a round never cut short (a message cut off mid-send could
    be sent again by whoever takes its claim over); `fitcoach run --no-scheduler` bots leave this to dispatchers,
    and the queue's claims keep several dispatchers from sending one message twice."""
    while not stop.is_set():
        try:
            await group_delivery.pump(container, sender, now=clock())
        except Exception:  # noqa: BLE001 - a bad round must not stop the queue for good
            log.exception("group queue round failed")
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), GROUP_EVERY_S)


async def _dispatch(settings: Settings, once: bool) -> int:
    container, coach = make_app(settings, charts=False)
    bot = make_limited_bot(settings, send_limiter(settings))  # every send takes a slot of the shared limit
    await bot.initialize()
    sender = RateLimitedSender(bot)
    try:
        if once:
            counts = await dispatch_once(coach, sender, concurrency=settings.fitcoach_send_workers)
            print(f"dispatch: {dict(counts)}")
            return 0
        runner = await _ops_server(settings, container)
        sampler = asyncio.create_task(_sample_backlog(coach))
        stop = _stop_on_signals()
        pump = asyncio.create_task(_pump_groups(container, sender, coach.clock, stop))
        sched = start_scheduler(coach, sender, concurrency=settings.fitcoach_send_workers)
        await stop.wait()
        log.info("dispatch: stopping (signal); running sends get %.0f s", STOP_GRACE_S)
        sampler.cancel()
        # no new minute and no new take; sends under way and the group round finish (what is not taken stays
        # queued for the other dispatchers; a claim cut off by the grace is taken over when its lease ends)
        await asyncio.gather(sched.stop(STOP_GRACE_S), asyncio.wait([pump], timeout=STOP_GRACE_S))
        if runner is not None:
            await runner.cleanup()
        return 0
    finally:
        with contextlib.suppress(Exception):
            await bot.shutdown()


def run(args: Namespace, settings: Settings) -> int:
    """One dispatch pass (--once) or the every-minute scheduler; exit 2 without TELEGRAM_BOT_TOKEN."""
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach dispatch`", file=sys.stderr)
        return 2
    check_bot_api(settings)  # a rejected token or an unreachable Bot API: one line, before anything is built
    return asyncio.run(_dispatch(settings, args.once))
