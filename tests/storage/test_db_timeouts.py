"""PostgreSQL never blocks a caller for long: statements over the timeout fail fast, a server that never answers the
connection fails in connect_timeout, keepalives are on, and the pool fits 4 processes into 100 connections."""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.db import PgLimits, make_engine

PG = os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"


def test_a_statement_over_the_timeout_fails_fast():
    engine = make_engine(PG, limits=PgLimits(statement_timeout_s=0.5))
    try:
        with engine.connect() as conn:
            t0 = time.monotonic()
            with pytest.raises(OperationalError, match="statement timeout"):
                conn.execute(text("SELECT pg_sleep(10)"))
            assert time.monotonic() - t0 < 3
        with engine.connect() as conn:  # the pool's connection still works after the cancelled statement
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_keepalives_statement_timeout_and_pool_are_set():
    engine = make_engine(PG)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "30s"
            params = conn.connection.dbapi_connection.info.get_parameters()
        assert params["keepalives"] == "1" and params["keepalives_idle"] == "30"
        assert params["connect_timeout"] == "5" and int(params["tcp_user_timeout"]) > 0
        assert engine.pool.size() + engine.pool._max_overflow <= 100 // 4  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def test_a_server_that_never_answers_fails_in_the_connect_timeout():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel accepts the connection; nobody ever answers the startup packet
    port = silent.getsockname()[1]
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:  # accept and keep the sockets open, silently
        silent.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(silent.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{port}/test", limits=PgLimits(connect_timeout_s=1))
    try:
        t0 = time.monotonic()
        with pytest.raises(OperationalError):
            with engine.connect():
                pass
        assert time.monotonic() - t0 < 5  # pre-ping and one connect attempt, each bounded by 1 s
    finally:
        stop.set()
        thread.join()
        engine.dispose()
        for sock in held:
            sock.close()
        silent.close()
