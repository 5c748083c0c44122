"""A PostgreSQL database of a test's own on the test server (TEST_DATABASE_URL's, else 127.0.0.1:5432 as postgres),
created fresh, so cross-process tests run on PostgreSQL in every CI step without touching other tests' database."""
from __future__ import annotations

import os

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine, normalise_url

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def fresh_database(name: str) -> str:
    """Drop and create database `name` next to the test database; its URL."""
    base = make_url(normalise_url(os.environ.get("TEST_DATABASE_URL") or DEFAULT_URL))
    admin = make_engine(base.set(database="postgres").render_as_string(hide_password=False))
    admin = admin.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        # no statement limit here: DROP DATABASE waits for a checkpoint, which takes tens of seconds while another test
        # writes heavily (CI's PostgreSQL pass once hit the app's 30 s statement_timeout beside the 20,000-event fuzz)
        conn.execute(text("SET statement_timeout = 0"))
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)
