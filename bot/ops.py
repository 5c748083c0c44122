"""Operations: `/healthz`, `/readyz` and `/metrics` (Prometheus), the per-update log line, and the warm-up that
`/readyz` waits for.

`routes(readiness)` gives the three routes to mount on any aiohttp app (the webhook server mounts them next to its
own route; `fitcoach dispatch` serves them with `serve`). `/healthz` answers 200 at once from the event loop and
touches nothing (a frozen database must not make an orchestrator restart a process that is only waiting);
`/readyz` answers 200 only while the database answers and the knowledge retriever (embedding model and index) is
loaded. Metric names are `fitcoach_*`; nothing personal is ever a label (kinds, outcomes and results only).
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import text

if TYPE_CHECKING:  # aiohttp is imported where a server is made: a dispatcher process never loads it (~0.3 s)
    from aiohttp import web

log = logging.getLogger(__name__)
updates_log = logging.getLogger("fitcoach.updates")

UPDATES = Counter("fitcoach_updates_total", "Updates handled, by kind and outcome", ["kind", "outcome"])
TURN_SECONDS = Histogram("fitcoach_turn_seconds", "From an update's start to its last reply sent", ["kind"],
                         buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
SENDS = Counter("fitcoach_sends_total", "Bot API sends, by result", ["result"])
RATE_LIMITED = Counter("fitcoach_telegram_429_total", "429 Too Many Requests answers from the Bot API")
SEND_WAIT = Histogram("fitcoach_send_wait_seconds", "Time a send waited for the shared rate limit",
                      buckets=(0.001, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60))
QUEUE_DEPTH = Gauge("fitcoach_queue_depth", "Items waiting, by queue", ["queue"])
LAG = Gauge("fitcoach_lag_seconds", "How late the oldest waiting item is, by queue", ["queue"])

DB_CHECK_TIMEOUT_S = 3.0
Readiness = Callable[[], Awaitable[dict[str, bool]]]


@contextlib.contextmanager
def observe_update(kind: str, update_id: int | None) -> Iterator[None]:
    """Time one update and log one line for it: id, kind, latency, outcome (never its text or who sent it)."""
    start = time.perf_counter()
    outcome = "ok"
    try:
        yield
    except BaseException as exc:
        outcome = "cancelled" if isinstance(exc, asyncio.CancelledError) else f"error:{type(exc).__name__}"
        raise
    finally:
        elapsed = time.perf_counter() - start
        UPDATES.labels(kind, outcome.split(":", 1)[0]).inc()
        TURN_SECONDS.labels(kind).observe(elapsed)
        updates_log.info("update id=%s kind=%s latency_ms=%.1f outcome=%s", update_id, kind, elapsed * 1000, outcome)


def count_send(result: str, waited_s: float | None = None) -> None:
    """One send's result (sent, blocked, failed, maybe, retry, 429) and how long it waited for the rate limit."""
    SENDS.labels(result).inc()
    if result == "429":
        RATE_LIMITED.inc()
    if waited_s is not None:
        SEND_WAIT.observe(waited_s)


def set_queue(queue: str, depth: int, lag_s: float = 0.0) -> None:
    """Record a queue's depth and lag (deliveries, group messages, the update inbox)."""
    QUEUE_DEPTH.labels(queue).set(depth)
    LAG.labels(queue).set(max(0.0, lag_s))


class Warmth:
    """Loads the knowledge retriever (embedding model, index) in the background once; `ready` when done."""

    def __init__(self, container: Any) -> None:
        self.container = container
        self.ready = threading.Event()
        self.failed: str | None = None

    def start(self) -> threading.Thread:
        """Begin the warm-up in a daemon thread (the first question then never waits for the model)."""
        thread = threading.Thread(target=self._load, name="warm-up", daemon=True)
        thread.start()
        return thread

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            self.container.retriever().search("warm up", k=1)  # loads the embedder and opens the index
            # imported here (heavy: NumPy, the embedder): `fitcoach dispatch` imports this module and never reads text
            from coach.intake.intent import classify

            classify("warm up")  # the intent model and the rules' patterns: the first free text took ~300 ms more
        except Exception as exc:  # noqa: BLE001 - the retriever degrades to BM25 itself; readiness reports the rest
            self.failed = type(exc).__name__
            log.warning("warm-up failed (%s); questions are answered from BM25", self.failed)
        try:  # the PDF report's small CJK face: built once per machine, by a process of its own (coach.charts.pdf_face)
            from coach.charts import pdf_face

            pdf_face.ready()
        except OSError as exc:  # the full font serves the reports meanwhile
            log.warning("the PDF font face was not started (%s)", type(exc).__name__)
        gc.freeze()  # the start-up heap (~280k objects) leaves full collections: each walked it for 0.2-0.4 s mid-turn
        self.ready.set()
        log.info("warm-up done in %.1f s", time.perf_counter() - started)


def readiness_of(container: Any, warmth: Warmth | None) -> Readiness:
    """A readiness check: the database answers `SELECT 1` within a few seconds, and the warm-up has finished."""

    def ping() -> bool:
        with container.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    async def check() -> dict[str, bool]:
        try:
            db = await asyncio.wait_for(asyncio.to_thread(ping), DB_CHECK_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - unreachable, timed out, refused: all mean not ready
            db = False
        return {"database": db, "knowledge": warmth is None or warmth.ready.is_set()}

    return check


def routes(readiness: Readiness) -> list[web.RouteDef]:
    """`/healthz`, `/readyz` and `/metrics` for an aiohttp application."""
    from aiohttp import web

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def readyz(_request: web.Request) -> web.Response:
        checks = await readiness()
        ready = all(checks.values())
        return web.json_response({"status": "ready" if ready else "not ready", "checks": checks},
                                 status=200 if ready else 503)

    async def metrics(_request: web.Request) -> web.Response:
        body = generate_latest(REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    return [web.get("/healthz", healthz), web.get("/readyz", readyz), web.get("/metrics", metrics)]


async def serve(readiness: Readiness, host: str, port: int) -> web.AppRunner:
    """Serve the operations routes on host:port (for processes without a web server of their own); returns the
    runner to clean up."""
    from aiohttp import web
    app = web.Application()
    app.add_routes(routes(readiness))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("operations endpoints on %s:%s (/healthz /readyz /metrics)", host, port)
    return runner
