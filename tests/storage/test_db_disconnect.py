"""PostgreSQL connections without needless round trips: a pooled connection the server closed while it waited
(restart, pg_terminate_backend, idle timeout) is replaced at checkout without a ping for the live ones, so the next
turn answers as if nothing had happened; read-only sessions open no transaction."""
from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from bot.settings import load_settings
from bot.wiring import build, make_coach
from coach.events import Incoming
from storage.db import closed_by_server, make_engine
from tests.cluster.pg import fresh_database
from tests.factories import make_user


@pytest.fixture(scope="module")
def pg_url() -> str:
    # a database of this module's own (its tests kill every other connection to it), one per xdist worker
    return fresh_database(f"fitcoach_test_disconnect_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}")


def terminate_others(url: str) -> int:
    """Close every other connection to the database from the server's side, as a restart would; how many."""
    admin = make_engine(url)
    try:
        with admin.connect() as conn:
            # the timeout makes each call wait until that backend has really exited
            return len(conn.execute(text(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()")).all())
    finally:
        admin.dispose()


def backend_pid(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar()


def test_a_connection_the_server_closed_is_replaced_at_checkout(pg_url):
    engine = make_engine(pg_url)
    try:
        with engine.connect() as a, engine.connect() as b:  # two pooled connections
            pids = {a.execute(text("SELECT pg_backend_pid()")).scalar(), b.execute(text("SELECT pg_backend_pid()"))
                    .scalar()}
            live = [a.connection.dbapi_connection.fileno(), b.connection.dbapi_connection.fileno()]
            assert not any(closed_by_server(fd) for fd in live)  # idle and alive: nothing to read
        assert terminate_others(pg_url) >= 2
        with engine.connect() as a, engine.connect() as b:  # both were dead in the pool: both replaced
            new = {a.execute(text("SELECT pg_backend_pid()")).scalar(), b.execute(text("SELECT pg_backend_pid()"))
                   .scalar()}
        assert not new & pids
        assert backend_pid(engine) in new  # the new ones are pooled and kept
    finally:
        engine.dispose()


def test_a_live_pooled_connection_is_used_again(pg_url):
    engine = make_engine(pg_url)
    try:
        assert backend_pid(engine) == backend_pid(engine) == backend_pid(engine)
    finally:
        engine.dispose()


def test_the_next_turn_answers_after_the_servers_connections_were_killed(pg_url, tmp_path, key, shared_chroma):
    settings = load_settings(fitcoach_data_dir=tmp_path / "data", database_url=pg_url, fitcoach_encryption_key=key,
                             chroma_path=shared_chroma)
    container = build(settings)
    try:
        make_user(container, "tg:4242", start=datetime.now(timezone.utc).date(), chat_id=4242)
        coach = make_coach(container)
        today = Incoming(user_key="tg:4242", channel="telegram", chat_id=4242, text="/today", language_hint="en")
        first = coach.handle(today, read_only=True)  # as the bot runs a quick turn: on its loop, read-only
        assert terminate_others(pg_url) >= 1
        assert coach.handle(today, read_only=True) == first
        assert terminate_others(pg_url) >= 1
        done = Incoming(user_key="tg:4242", channel="telegram", chat_id=4242, text="/settings", language_hint="en")
        assert coach.handle(done)  # a turn that may write, in a transaction of its own
    finally:
        container.engine.dispose()


def test_a_read_only_session_on_postgresql_sends_no_begin_and_still_refuses_writes(pg_url, key):
    """Read-only sessions run in autocommit mode (no BEGIN/ROLLBACK round trips); the pooled connection goes back to
    transactions for the next session, and writes are refused as before."""
    from storage.db import WriteRefused, migrate, session_scope
    from storage.repos import users

    engine = make_engine(pg_url)
    try:
        migrate(engine)
        with session_scope(engine) as s:
            users.get_or_create_user(s, "tg:77", channel="telegram")
        with session_scope(engine, read_only=True) as s:
            assert users.find_user(s, "tg:77") is not None
            raw = s.connection().connection.dbapi_connection
            assert raw.info.transaction_status.name == "IDLE"  # no transaction was opened for the read
        with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
            users.update_user(s, users.find_user(s, "tg:77"), language="zh")
        with pytest.raises(RuntimeError), session_scope(engine) as s:  # a normal session is a transaction again
            users.update_user(s, users.find_user(s, "tg:77"), language="zh")
            assert s.connection().connection.dbapi_connection.info.transaction_status.name == "INTRANS"
            raise RuntimeError("roll back")
        with session_scope(engine, read_only=True) as s:
            assert users.find_user(s, "tg:77").language == "en"
    finally:
        engine.dispose()
