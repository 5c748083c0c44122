"""The webhook HTTP server (aiohttp): Telegram POSTs an update, it is stored in the inbox, then answered 200.

The 200 goes out only after the inbox commit, so an acknowledged update is never lost (Telegram does not resend
what it got a 200 for); until then Telegram keeps retrying, and a retry of a stored update is a no-op. The
operations routes (/healthz, /readyz, /metrics, from bot.ops) are served by the same server.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from bot import ops
from bot.telegram.inbox import BadUpdate, Inbox

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram updates are a few kB; a bigger body is not one of them


def webhook_path(token: str) -> str:
    """The URL path Telegram posts to: derived from the token, so it is not guessable."""
    return hashlib.sha256(("path" + token).encode()).hexdigest()[:24]


def webhook_secret(token: str, configured: str | None) -> str:
    """WEBHOOK_SECRET, else one derived from the token (Telegram echoes it in every request's header)."""
    return configured or hashlib.sha256(token.encode()).hexdigest()[:32]


def make_web_app(inbox: Inbox, *, path: str, secret: str, extra_routes: Iterable[Any] = ()) -> web.Application:
    """The aiohttp application: POST /<path> into the inbox, plus any extra routes (the operations endpoints)."""

    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            return web.Response(status=403, text="wrong secret token")
        try:
            raw = json.loads(await request.read())
            new = await inbox.put(raw)
        except (ValueError, BadUpdate):  # json.JSONDecodeError is a ValueError
            return web.Response(status=400, text="not a Telegram update")
        except Exception as exc:  # noqa: BLE001 - not stored: Telegram must try again later
            log.warning("webhook: update not stored (%s)", type(exc).__name__)
            return web.Response(status=503, text="try again")
        if not new:
            log.info("webhook: update %s again (already stored)", raw["update_id"])
        return web.Response(status=200)

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(f"/{path.strip('/')}", receive)
    app.add_routes(list(extra_routes))
    return app


def ops_routes(readiness: ops.Readiness) -> list[Any]:
    """bot.ops's /healthz, /readyz and /metrics, served next to the webhook."""
    return list(ops.routes(readiness))


async def start_server(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    """Serve the application on host:port; returns the runner (runner.cleanup() stops it)."""
    runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
