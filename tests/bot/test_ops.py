"""Operations endpoints, metrics, the per-update log line, `fitcoach dispatch` serving them, and the deployment files
(compose.yaml's topology, the Dockerfile)."""
from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
import pytest
import yaml
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet

from bot import ops
from coach.dialogue import Coach
from coach.services.backlog import backlog
from tests.conftest import free_port
from tests.factories import make_user
from tests.fakes import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
FITCOACH = str(Path(sys.executable).parent / "fitcoach")


async def _client(readiness: ops.Readiness) -> TestClient:
    app = web.Application()
    app.add_routes(ops.routes(readiness))
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def test_healthz_answers_at_once_even_while_readiness_hangs():
    async def frozen() -> dict[str, bool]:  # a database that never answers
        await asyncio.sleep(3600)
        return {"database": True}

    client = await _client(frozen)
    try:
        t0 = time.monotonic()
        resp = await client.get("/healthz")
        assert resp.status == 200 and (await resp.json())["status"] == "ok"
        assert time.monotonic() - t0 < 0.5
    finally:
        await client.close()


async def test_readyz_is_503_until_every_check_passes():
    checks = {"database": True, "knowledge": False}

    async def readiness() -> dict[str, bool]:
        return dict(checks)

    client = await _client(readiness)
    try:
        resp = await client.get("/readyz")
        assert resp.status == 503 and (await resp.json())["checks"] == {"database": True, "knowledge": False}
        checks["knowledge"] = True
        resp = await client.get("/readyz")
        assert resp.status == 200 and (await resp.json())["status"] == "ready"
    finally:
        await client.close()


async def test_readiness_needs_the_database_and_the_warm_up(container, tmp_path):
    warmth = ops.Warmth(container)
    check = ops.readiness_of(container, warmth)
    assert await check() == {"database": True, "knowledge": False}
    warmth.start().join(60)
    assert await check() == {"database": True, "knowledge": True}
    assert container._retriever is not None  # the retriever (model and index) was loaded by the warm-up

    class Gone:  # an engine whose database refuses every connection
        engine = __import__("sqlalchemy").create_engine(f"sqlite:///{tmp_path}/missing/dir/x.db")

    assert (await ops.readiness_of(Gone(), None)())["database"] is False


async def test_metrics_and_the_update_log_line_hold_no_content(caplog):
    caplog.set_level(logging.INFO, logger="fitcoach.updates")
    with ops.observe_update("message", 4711):
        await asyncio.sleep(0.01)
    with pytest.raises(ValueError), ops.observe_update("callback", 4712):
        raise ValueError("72.5 kg from Quintessa")
    ops.count_send("sent", 0.02)
    ops.count_send("429")
    ops.set_queue("deliveries", 7, 12.5)
    lines = [r.getMessage() for r in caplog.records if r.name == "fitcoach.updates"]
    assert any("id=4711 kind=message" in ln and "outcome=ok" in ln and "latency_ms=" in ln for ln in lines)
    assert any("id=4712 kind=callback" in ln and "outcome=error:ValueError" in ln for ln in lines)
    assert not any("72.5" in ln or "Quintessa" in ln for ln in lines)

    client = await _client(_always_ready)
    try:
        body = await (await client.get("/metrics")).text()
    finally:
        await client.close()
    for name in ("fitcoach_updates_total{", "fitcoach_turn_seconds_bucket{", "fitcoach_sends_total{",
                 "fitcoach_telegram_429_total", 'fitcoach_queue_depth{queue="deliveries"} 7.0',
                 'fitcoach_lag_seconds{queue="deliveries"} 12.5'):
        assert name in body
    assert 'outcome="error"' in body and "ValueError" not in body  # the exception type stays in the log line


async def _always_ready() -> dict[str, bool]:
    return {"database": True}


@pytest.mark.slow
async def test_dispatch_serves_the_endpoints_and_stops_on_sigterm(tmp_path):
    port = free_port()
    async with FakeTelegram() as fake:
        env = {**os.environ, "FITCOACH_DATA_DIR": str(tmp_path / "data"), "TELEGRAM_BOT_TOKEN": fake.token,
               "TELEGRAM_API_BASE_URL": fake.root_url, "FITCOACH_OPS_PORT": str(port),
               "FITCOACH_ENCRYPTION_KEY": Fernet.generate_key().decode(), "REDIS_URL": "redis://127.0.0.1:6379/0"}
        env.pop("DATABASE_URL", None)
        proc = subprocess.Popen([FITCOACH, "dispatch"], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            async with aiohttp.ClientSession() as http:
                ready = await _wait_ok(http, f"http://127.0.0.1:{port}/readyz", proc)
                assert ready["checks"] == {"database": True, "knowledge": True}
                assert (await (await http.get(f"http://127.0.0.1:{port}/healthz")).json())["status"] == "ok"
                metrics = await (await http.get(f"http://127.0.0.1:{port}/metrics")).text()
                assert "fitcoach_queue_depth" in metrics
            proc.send_signal(signal.SIGTERM)
            out, err = await asyncio.to_thread(proc.communicate, timeout=30)
            assert proc.returncode == 0, err
            assert "stopping" in err
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


async def _wait_ok(http: aiohttp.ClientSession, url: str, proc: subprocess.Popen, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        try:
            resp = await http.get(url)
            if resp.status == 200:
                return await resp.json()
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.3)
    raise AssertionError(f"{url} never answered 200")


def test_compose_topology():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "bot1", "bot2", "dispatch1", "dispatch2", "proxy"} <= set(services)
    assert services["migrate"]["command"] == ["migrate"] and services["migrate"].get("restart", "no") == "no"
    for name in ("bot1", "bot2", "dispatch1", "dispatch2"):
        svc = services[name]
        deps = svc["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
        assert deps["postgres"]["condition"] == "service_healthy" and deps["redis"]["condition"] == "service_healthy"
        assert "/healthz" in " ".join(svc["healthcheck"]["test"]), name
    assert services["bot1"]["command"][0] == "run" and services["dispatch1"]["command"][0] == "dispatch"
    assert "--no-scheduler" in services["bot1"]["command"]  # the dispatchers elect the scheduler among themselves
    for name in ("postgres", "redis"):
        assert services[name]["healthcheck"]["test"]
    proxy = services["proxy"]
    assert {"80:80", "443:443"} <= set(proxy["ports"]) and proxy["depends_on"]["bot1"]["condition"] == "service_healthy"
    assert "bot1:8443" in (ROOT / "deploy" / "Caddyfile").read_text()
    # no secret is written into the file: every one comes from the environment (.env) by reference
    text = (ROOT / "compose.yaml").read_text()
    for secret in ("TELEGRAM_BOT_TOKEN", "FITCOACH_ENCRYPTION_KEY", "WEBHOOK_SECRET", "POSTGRES_PASSWORD",
                   "OPENAI_API_KEY"):
        for line in text.splitlines():
            if secret + ":" in line or secret + "=" in line:
                assert "${" in line, line
    # only the proxy is published: the bots, the database and Redis stay on the internal network
    assert all("ports" not in svc for name, svc in services.items() if name != "proxy")


def test_dockerfile_runs_as_a_user_with_a_health_check():
    text = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in text
    assert "\nUSER fitcoach" in text and "USER root" not in text
    assert "HEALTHCHECK" in text and "/healthz" in text and "RUN pip install ." in text
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "data", ".env"} <= set(ignored)


def test_the_delivery_backlog_counts_what_is_due_and_how_late(container):
    now = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
    tuesday = [1]  # 2026-03-02 is a Monday: tg:2 has neither a check-in nor its weekly summary today
    make_user(container, "tg:1", reminder="07:30", start=now.date(), chat_id=1, checkin_days=[0, 2])  # 2 h ago
    make_user(container, "tg:2", tz="Asia/Shanghai", reminder="17:00", start=now.date(), chat_id=2,
              checkin_days=tuesday)  # 17:30 there, no check-in today
    make_user(container, "tg:3", reminder="10:00", start=now.date(), chat_id=3)  # not yet
    depth, lag = backlog(Coach(container), now)
    assert depth == 4  # both workouts, tg:1's check-in and tg:1's weekly summary (its first check-in day)
    assert lag == 2 * 3600
