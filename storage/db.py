"""Engine, sessions and schema migrations (Alembic) for SQLite and PostgreSQL."""
from __future__ import annotations

import select
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, NoSuchModuleError
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SUPPORTED = ("sqlite", "postgresql")
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class PgLimits:
    """How long PostgreSQL work may wait, and how many connections a process holds.

    A frozen or unreachable server must fail a call in seconds, not hang it: connect_timeout for new connections,
    statement_timeout for every statement, TCP keepalives and tcp_user_timeout for a peer that went silent mid-call.
    PostgreSQL allows 100 connections by default; pool_size + max_overflow = 10 per process leaves room for 4 bot
    and dispatch processes (40), migrations, psql and a second deployment during a rolling update.
    """

    connect_timeout_s: int = 5
    statement_timeout_s: float = 30.0  # 0: no limit (migrations always run without one)
    pool_size: int = 5
    max_overflow: int = 5
    pool_timeout_s: float = 10.0  # waiting for a free pooled connection
    keepalives_idle_s: int = 30
    keepalives_interval_s: int = 10
    keepalives_count: int = 3

    def connect_args(self) -> dict[str, Any]:
        """libpq options for psycopg's connect()."""
        args: dict[str, Any] = {"connect_timeout": self.connect_timeout_s, "keepalives": 1,
                                "keepalives_idle": self.keepalives_idle_s,
                                "keepalives_interval": self.keepalives_interval_s,
                                "keepalives_count": self.keepalives_count,
                                # unacknowledged data for this long: the peer is gone (keepalives only probe idle)
                                "tcp_user_timeout": (self.keepalives_idle_s + self.keepalives_interval_s
                                                     * self.keepalives_count) * 1000}
        if self.statement_timeout_s > 0:
            args["options"] = f"-c statement_timeout={int(self.statement_timeout_s * 1000)}"
        return args


class DatabaseRefused(RuntimeError):
    """The database cannot be used as configured (unreachable, missing, corrupt, too new); one line saying which."""


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def check_sqlite_file(path: Path) -> None:
    """Refuse a database file that is a directory, empty, not SQLite, or shorter than its header says (truncated).

    An empty or damaged file is never replaced by a new database: the data may be recoverable from a backup.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseRefused(f"the database path {path} is not a file (check DATABASE_URL / FITCOACH_DATA_DIR)")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"cannot read the database file {path}: {type(exc).__name__}") from None
    if size == 0:
        raise DatabaseRefused(f"the database file {path} is empty (0 bytes): restore it from your backup, or move it "
                              f"away to start a new database")
    if len(head) < 100 or not head.startswith(_SQLITE_HEADER):
        raise DatabaseRefused(f"the database file {path} is not a SQLite database (corrupt?): restore it from your "
                              f"backup")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if head[24:28] == head[92:96] and pages and size < page_size * pages:  # the in-header size is valid
        raise DatabaseRefused(f"the database file {path} is truncated ({size} of {page_size * pages} bytes): "
                              f"restore it from your backup")


def _where(url: Any) -> str:
    """The database named without its password, for messages."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def open_database(url: str, limits: PgLimits | None = None) -> Engine:
    """An engine for `url` after checking that the database is there and readable (DatabaseRefused otherwise)."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise DatabaseRefused("invalid setting DATABASE_URL: not a database URL") from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise DatabaseRefused(f"invalid setting DATABASE_URL: {backend!r} is not supported "
                              f"(use sqlite:///PATH or postgresql://…)")
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if path.parent.exists() and not path.parent.is_dir():
            raise DatabaseRefused(f"the database directory {path.parent} is not a directory")
        check_sqlite_file(path)
    try:
        engine = make_engine(url, limits=limits)
    except (NoSuchModuleError, OSError) as exc:
        raise DatabaseRefused(f"cannot open the database {_where(parsed)}: {type(exc).__name__}") from None
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master" if backend == "sqlite" else "SELECT 1")
    except DBAPIError as exc:
        engine.dispose()
        first = str(exc.orig).strip().splitlines()[0][:200] if exc.orig is not None else type(exc).__name__
        raise DatabaseRefused(f"cannot use the database {_where(parsed)} (DATABASE_URL): {first}") from None
    return engine


def make_engine(url: str, *, echo: bool = False, limits: PgLimits | None = None) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and enforced foreign keys; PostgreSQL the PgLimits."""
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
    limits = limits or PgLimits()
    engine = create_engine(url, echo=echo, pool_size=limits.pool_size, max_overflow=limits.max_overflow,
                           pool_timeout=limits.pool_timeout_s, connect_args=limits.connect_args())
    event.listen(engine, "checkout", drop_if_closed_by_server)
    return engine


def closed_by_server(fd: int) -> bool:
    """Whether an idle connection's socket has something to read: the server's goodbye or the end of the stream.

    Between transactions the server sends nothing unasked; what it sends when it closes a connection (a restart,
    pg_terminate_backend, an idle timeout: a FATAL message, then EOF) makes the socket readable at once.
    """
    if fd < 0:
        return True
    if not hasattr(select, "poll"):  # Windows
        return bool(select.select([fd], [], [fd], 0)[0])
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


def drop_if_closed_by_server(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    """The pool's checkout: a pooled connection the server closed while it waited is replaced by a new one.

    SQLAlchemy's pool_pre_ping does this with a round trip (a SELECT on every checkout, about a tenth of a turn's
    CPU and a wait on the event loop for every turn); a look at the socket costs one poll() and finds what the server
    closed, the case pre_ping exists for. Raising DisconnectionError makes the pool invalidate the connection and
    check out again with a new one (SQLAlchemy's documented pessimistic-disconnect recipe). A connection that dies
    during a statement is found by the driver's error: SQLAlchemy invalidates it and the pool's older connections
    (is_disconnect), as with pre_ping.
    """
    if getattr(dbapi_conn, "closed", False) or closed_by_server(dbapi_conn.fileno()):
        raise DisconnectionError("the server closed this pooled connection")


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
    refuse_newer_schema(engine, cfg)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # a migration (or waiting for another process's) may take longer than any statement timeout
            conn.exec_driver_sql("SET statement_timeout = 0")
            conn.exec_driver_sql("SELECT pg_advisory_lock(742001)")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
            finally:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(742001)")
                conn.exec_driver_sql("RESET statement_timeout")  # the pooled connection gets the limit back
                conn.commit()
    else:
        command.upgrade(cfg, "head")


def refuse_newer_schema(engine: Engine, cfg: Config | None = None) -> None:
    """DatabaseRefused when the database was migrated by a newer FitCoach (a revision this one does not know)."""
    rev = current_revision(engine)
    if rev is None:
        return
    script = ScriptDirectory.from_config(cfg or alembic_config(engine))
    try:
        known = script.get_revision(rev) is not None
    except CommandError:
        known = False
    if not known:
        raise DatabaseRefused(f"the database is at schema revision {rev!r}, newer than this FitCoach knows (up to "
                              f"{script.get_current_head()}): run a newer FitCoach, or restore a backup")


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


def reading_engine(engine: Engine) -> Engine:
    """The engine for read-only sessions: on PostgreSQL the same pool in autocommit mode, else `engine` itself.

    At PostgreSQL's READ COMMITTED every statement sees its own snapshot inside a transaction too, so a session that
    only reads sees the same rows either way; autocommit saves the BEGIN before its first statement and the
    ROLLBACK that ends it (two of a quick turn's four round trips, each waited for on the bot's event loop). A
    read-only session never writes, and no read in the code takes a transaction-scoped lock (FOR UPDATE, advisory
    xact locks): those are all in write paths.
    """
    if engine.dialect.name != "postgresql":
        return engine
    reading = engine.__dict__.get("_fitcoach_reading")  # kept on the engine: it lives and goes with it
    if reading is None:
        reading = engine.__dict__["_fitcoach_reading"] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return reading


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """A session that commits on success and rolls back on error.

    With read_only=True any write raises WriteRefused before it is sent (and still does if the caller swallowed
    the first refusal), so a read-only turn either only read or left no trace. On PostgreSQL its statements run
    in autocommit mode (reading_engine): no BEGIN and ROLLBACK round trips around a few SELECTs.
    """
    if read_only:
        engine = reading_engine(engine)
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
