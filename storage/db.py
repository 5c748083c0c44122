"""Engine, sessions and schema migrations (Alembic) for SQLite and PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=10)


def alembic_config(engine: Engine):
    """An Alembic Config pointing at the packaged migrations and this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Apply pending migrations (idempotent); on PostgreSQL an advisory lock serialises processes."""

    cfg = alembic_config(engine)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_lock(742001)")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
            finally:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(742001)")
                conn.commit()
    else:
        command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None when not migrated)."""

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


class WriteRefused(RuntimeError):
    """A read-only session was asked to write; nothing was written (the caller may run the work again)."""


class ReadOnlySession(Session):
    """A session that refuses any write before it reaches the database (so it never waits for a write lock)."""


@event.listens_for(ReadOnlySession, "before_flush")
def _refuse_flush(session: Session, _ctx: object, _instances: object) -> None:
    session.info["write_refused"] = True
    raise WriteRefused("a read-only session was asked to flush changes")


@event.listens_for(ReadOnlySession, "do_orm_execute")
def _refuse_dml(state: Any) -> None:
    if not state.is_select:
        state.session.info["write_refused"] = True
        raise WriteRefused("a read-only session was asked to run an insert, update or delete")


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on error.

    With read_only=True any write raises WriteRefused before it is sent (and still does if the caller swallowed
    the first refusal), so a read-only turn either only read or left no trace.
    """
    with (ReadOnlySession if read_only else Session)(engine, expire_on_commit=False) as session:
        try:
            yield session
            if session.info.get("write_refused"):
                raise WriteRefused("a read-only session was asked to write")
            if read_only:  # a change never flushed is a write too (refused); otherwise closing ends the transaction
                session.flush()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
