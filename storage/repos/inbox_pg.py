"""The update inbox on PostgreSQL, spoken natively: psycopg's asyncio connections, few round trips per update.

The same table, locks and guarantees as storage.repos.inbox (which SQLite and the tests' direct reads use), without
a worker thread per step and without building SQLAlchemy statements on every call (the inbox's own statements were
about a third of a webhook process's CPU per update). Per update:
- store: one autocommitted INSERT … ON CONFLICT DO NOTHING RETURNING (committed when it returns; no BEGIN/COMMIT);
- take: BEGIN and one statement that picks the row (FOR UPDATE SKIP LOCKED) and tries the person's transaction-level
  advisory lock on it, sent together (one simple query); the transaction stays open for the turn;
- count the start: one autocommitted upsert on another connection (a turn that kills its process still counts);
- finish: the UPDATE and the COMMIT sent together (one simple query) on the connection that holds the row.
take and finish inline their values (ours: persons' keys quoted by psycopg, integers, a timestamp) instead of a
pipeline of prepared statements: psycopg's pipeline mode cost about twice the client CPU of one simple query.
"""
from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg import AsyncConnection
from psycopg.pq import TransactionStatus

from storage.crypto import decrypt_value, encrypt_value
from storage.db import PgLimits
from storage.models import utcnow
from storage.repos.inbox import PERSON_LOCK_SPACE

# several updates in one statement (one commit for all: the webhook's concurrent requests are stored together)
_STORE = ("INSERT INTO inbox (update_id, person, payload, status, attempts, received_at) "
          "SELECT u, p, d, 'pending', 0, %s FROM unnest(%s::bigint[], %s::varchar[], %s::text[]) AS t(u, p, d) "
          "ON CONFLICT (update_id) DO NOTHING RETURNING update_id")
# storage.repos.inbox._NEXT, with the person's advisory lock tried on the one row picked (person NULL: no lock)
_TAKE = """
WITH c AS (
  SELECT i.update_id, i.person, i.payload FROM inbox i
  WHERE i.status = 'pending'
    AND (i.person IS NULL OR NOT EXISTS (
          SELECT 1 FROM inbox e WHERE e.person = i.person AND e.status = 'pending' AND e.update_id < i.update_id))
    AND (i.person IS NULL OR NOT (i.person = ANY(%s)))
  ORDER BY i.update_id
  LIMIT 1 FOR UPDATE SKIP LOCKED)
SELECT update_id, person, payload, person IS NULL OR pg_try_advisory_xact_lock(%s, hashtext(person)) FROM c
"""
_BEGIN_TAKE = (b"BEGIN; " + _TAKE.encode().replace(b"ANY(%s)", b"ANY(%s::varchar[])")
               .replace(b"pg_try_advisory_xact_lock(%s,", b"pg_try_advisory_xact_lock(%d,"))
_COUNT = ("INSERT INTO inbox_attempts (update_id, attempts) VALUES (%s, 1) ON CONFLICT (update_id) "
          "DO UPDATE SET attempts = inbox_attempts.attempts + 1 RETURNING attempts")
_DONE = "UPDATE inbox SET status = %s, done_at = %s, attempts = attempts + 1 WHERE update_id = %s"
_DONE_COMMIT = b"UPDATE inbox SET status = '%s', done_at = %s, attempts = attempts + 1 WHERE update_id = %d; COMMIT"
_BACKLOG = "SELECT count(*), min(received_at) FROM inbox WHERE status = 'pending'"
_PURGE = ("WITH gone AS (DELETE FROM inbox WHERE status IN ('done', 'failed') AND done_at < %s RETURNING update_id) "
          "SELECT count(*) FROM gone")
_PURGE_COUNTS = "DELETE FROM inbox_attempts a WHERE NOT EXISTS (SELECT 1 FROM inbox i WHERE i.update_id = a.update_id)"


class InboxPool:
    """At most `size` autocommit connections of the inbox's own (kept open between uses), with the connect,
    statement and keepalive limits of storage.db.PgLimits; a transaction idle past `lease_s` is ended by the server
    (idle_in_transaction_session_timeout), which frees its row for another worker."""

    def __init__(self, url: str, size: int, lease_s: int) -> None:
        self.url = url
        limits = PgLimits()
        self.args = limits.connect_args()
        self.args["options"] = (self.args.get("options", "")
                                + f" -c idle_in_transaction_session_timeout={lease_s * 1000}").strip()
        self.wait_s = limits.pool_timeout_s
        self._idle: list[AsyncConnection] = []
        self._slots = asyncio.Semaphore(size)

    async def get(self) -> AsyncConnection:
        if self._slots.locked():  # wait_for costs a task: only when there is something to wait for
            await asyncio.wait_for(self._slots.acquire(), self.wait_s)
        else:
            await self._slots.acquire()
        try:
            while self._idle:
                conn = self._idle.pop()
                if not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE:
                    return conn
                await conn.close()
            return await AsyncConnection.connect(self.url, autocommit=True, **self.args)
        except BaseException:
            self._slots.release()
            raise

    async def give_back(self, conn: AsyncConnection, *, broken: bool = False) -> None:
        """Return a connection; a broken one, or one left inside a transaction, is closed (its locks go with it)."""
        try:
            if broken or conn.closed or conn.info.transaction_status != TransactionStatus.IDLE:
                await conn.close()
            else:
                self._idle.append(conn)
        finally:
            self._slots.release()

    async def run(self, statement: str, params: tuple = ()) -> Any:
        """One autocommitted statement; its first row (None when there is none)."""
        conn = await self.get()
        try:
            row = await (await conn.execute(statement, params, prepare=True)).fetchone()
        except BaseException:
            await self.give_back(conn, broken=True)
            raise
        await self.give_back(conn)
        return row

    async def close(self) -> None:
        while self._idle:
            await self._idle.pop().close()


def conninfo(sqlalchemy_url: Any) -> str:
    """psycopg's connection string for the engine's URL (postgresql+psycopg://… → postgresql://…)."""
    return sqlalchemy_url.set(drivername="postgresql").render_as_string(hide_password=False)


async def store(pool: InboxPool, updates: list[tuple[int, str | None, dict[str, Any]]]) -> set[int]:
    """Insert each (update_id, person, payload) unless its update_id is stored already, in one statement committed
    when this returns; the update_ids that went in (a repeated one: once)."""
    conn = await pool.get()
    try:
        cur = await conn.execute(_STORE, (utcnow(), [u for u, _p, _d in updates], [p for _u, p, _d in updates],
                                          [encrypt_value(d) for _u, _p, d in updates]), prepare=True)
        new = {row[0] for row in await cur.fetchall()}
    except BaseException:
        await pool.give_back(conn, broken=True)
        raise
    await pool.give_back(conn)
    return new


async def take(pool: InboxPool, busy: frozenset[str]) -> tuple[AsyncConnection, int, str | None, Any] | None:
    """The next pending update (conn, update_id, person, payload) of a person not in `busy`, its row locked and its
    person advisory-locked in the transaction open on `conn` until finish(); None when there is none now."""
    conn = await pool.get()
    try:
        cur = await conn.execute(_begin_take(conn, busy))
        cur.nextset()  # BEGIN's result first, then the row
        row = await cur.fetchone()
        if row is None or not row[3]:  # nothing to take, or the person runs in another process
            await conn.execute(b"ROLLBACK")
            await pool.give_back(conn)
            return None
        return conn, row[0], row[1], decrypt_value(row[2])
    except BaseException:
        await pool.give_back(conn, broken=True)
        raise


def _begin_take(conn: AsyncConnection, busy: frozenset[str]) -> bytes:
    """BEGIN and _TAKE as one simple query (one round trip; no pipeline, no parameters: the busy persons and the lock
    space are inlined as quoted literals), about half the client CPU of BEGIN + a prepared statement pipelined."""
    return _BEGIN_TAKE % (sql.Literal(sorted(busy)).as_bytes(conn) if busy else b"'{}'", PERSON_LOCK_SPACE)


async def count_attempt(pool: InboxPool, update_id: int) -> int:
    """One more start of the update's turn, committed on a connection of its own; the starts so far."""
    return int((await pool.run(_COUNT, (update_id,)))[0])


async def finish(pool: InboxPool, conn: AsyncConnection, update_id: int, *, done: bool, failed: bool = False) -> None:
    """Mark the held row done (or failed) and commit, in one round trip (one simple query of two statements, the
    values inlined: a status of ours, an integer and a timestamp); not done: roll back (it runs again)."""
    try:
        if done:
            stamp = f"'{utcnow().isoformat()}'::timestamptz".encode()  # what psycopg sends for an aware datetime
            await conn.execute(_DONE_COMMIT % (b"failed" if failed else b"done", stamp, int(update_id)))
        else:
            await conn.execute(b"ROLLBACK")
    except BaseException:
        await pool.give_back(conn, broken=True)
        raise
    await pool.give_back(conn)


async def mark_done(pool: InboxPool, update_id: int, *, failed: bool = False) -> None:
    """Mark a row done (or failed) that no transaction of ours holds."""
    await pool.run(_DONE + " RETURNING update_id", ("failed" if failed else "done", utcnow(), update_id))


async def backlog(pool: InboxPool) -> tuple[int, datetime | None]:
    """How many updates wait (queue depth) and when the oldest of them arrived."""
    row = await pool.run(_BACKLOG)
    return int(row[0] or 0), row[1]


async def purge_done(pool: InboxPool, before: datetime) -> int:
    """Forget updates done (or given up) before `before`, and their attempt counts; how many updates."""
    n = int((await pool.run(_PURGE, (before,)))[0])
    conn = await pool.get()
    try:
        await conn.execute(_PURGE_COUNTS)
    except psycopg.Error:
        await pool.give_back(conn, broken=True)
        raise
    await pool.give_back(conn)
    return n
