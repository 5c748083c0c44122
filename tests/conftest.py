"""Shared fixtures: real SQLite in a temp dir (or PostgreSQL when TEST_DATABASE_URL is set), real Chroma.

Tests that only search the knowledge index share one ingested index per session (`shared_chroma`).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import socket
from pathlib import Path

import pytest
from hypothesis import settings
from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.settings import load_settings
from bot.wiring import build
from knowledge.index import IndexConfig, ingest
from storage import crypto
from storage.db import make_engine, migrate, normalise_url
from tests.cluster.pg import fresh_database

DATA = Path(__file__).parent / "data"

# Property tests draw the same examples on every run (a test run is deterministic; CI once failed on a string
# Hypothesis happened to draw that run). HYPOTHESIS_PROFILE=explore draws fresh ones, to hunt for new failures.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def _database_of_this_worker() -> None:
    """Under pytest-xdist (`-n 2`) every worker gets a PostgreSQL database of its own, `<name>_gw0`, `<name>_gw1`
    next to TEST_DATABASE_URL's, created fresh: tests drop and recreate their database's schema, so two workers
    must never share one. Without xdist, or on SQLite (a database per test under tmp_path), nothing changes."""
    url, worker = os.environ.get("TEST_DATABASE_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if url and worker:
        os.environ["TEST_DATABASE_URL"] = fresh_database(f"{make_url(normalise_url(url)).database}_{worker}")


_database_of_this_worker()
PG_URL = os.environ.get("TEST_DATABASE_URL")


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


_DB_WORDS = ("TEST_DATABASE_URL", "PG_URL", "tests.cluster")


def _touches_database(item: pytest.Item, seen: dict[str, bool]) -> bool:
    """Whether a test reaches the database: through the db_url fixture (every database fixture builds on it) or by
    reading the PostgreSQL URL itself."""
    if "db_url" in getattr(item, "fixturenames", ()):
        return True
    path = str(item.path)
    if path not in seen:
        seen[path] = any(w in item.path.read_text(encoding="utf-8") for w in _DB_WORDS)
    return seen[path]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """FITCOACH_TESTS_DB_ONLY=1 (.ci/run's PostgreSQL pass): only the tests that reach the database. The others
    (planning, understanding, retrieval...) never open one; they already ran on SQLite in the same CI run."""
    if os.environ.get("FITCOACH_TESTS_DB_ONLY") != "1":
        return
    seen: dict[str, bool] = {}
    keep = [it for it in items if _touches_database(it, seen)]
    drop = [it for it in items if not _touches_database(it, seen)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test sees the developer's .env, API keys or real hosts."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TELEGRAM_BOT_TOKEN", "WEBHOOK_URL", "DATABASE_URL",
                "CHROMA_URL", "FITCOACH_ENCRYPTION_KEY", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def _restore_logging():
    """A test that runs `fitcoach ...` in process configures the root logger (bot.cli.logs): put it back after, so
    the next test's set-up logs reach pytest's capture, not the stderr that test reads."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for h in root.handlers:
        if h not in handlers:
            root.removeHandler(h)
    for h in handlers:
        if h not in root.handlers:
            root.addHandler(h)
    root.setLevel(level)


def _reset_pg(url: str) -> None:
    eng = make_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


@pytest.fixture
def db_url(tmp_path) -> str:
    """A fresh, empty database for one test."""
    if PG_URL:
        _reset_pg(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'fitcoach.db'}"


@pytest.fixture
def key() -> str:
    k = Fernet.generate_key().decode()
    crypto.configure(k)
    return k


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An empty SQLite database migrated to head, once per session (the migrations run ~0.3-0.5 s per database).

    `engine`, `container` and the Telegram harness start from a copy of it (`start_migrated`) and then migrate as
    before, which finds nothing to do: the same database as migrating a fresh file. Tests of the migrations
    themselves, and `db_url` alone, still get an empty database."""
    path = tmp_path_factory.mktemp("migrated") / "fitcoach.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


def start_migrated(db_url: str, template: Path) -> None:
    """On SQLite, a database that does not exist yet starts as a copy of the migrated template (see above)."""
    if db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///"))
        if not path.exists():
            shutil.copyfile(template, path)


@pytest.fixture
def engine(db_url, key, migrated_sqlite):
    start_migrated(db_url, migrated_sqlite)
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def shared_chroma(tmp_path_factory, _shared_embedding_cache) -> Path:
    """One Chroma index of the whole corpus, ingested once per session, for tests that only search it.

    A test that ingests, edits passages or needs an index of its own uses a path under its tmp_path instead.
    """
    path = tmp_path_factory.mktemp("shared-chroma")
    ingest(IndexConfig(chroma_path=path))
    return path


@pytest.fixture
def settings(tmp_path, db_url, key, shared_chroma):
    """Settings for one test: its own data dir and database, the shared read-only knowledge index."""
    return load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url, fitcoach_encryption_key=key,
                         chroma_path=shared_chroma)


@pytest.fixture
def container(settings, migrated_sqlite):
    start_migrated(settings.db_url, migrated_sqlite)
    c = build(settings)
    yield c
    c.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _shared_embedding_cache(tmp_path_factory):
    """One embedding cache per test session: the corpus is embedded once, not once per test."""
    path = os.environ.get("FITCOACH_EMBEDDING_CACHE") or str(tmp_path_factory.mktemp("embcache"))
    os.environ["FITCOACH_EMBEDDING_CACHE"] = path
    yield path
