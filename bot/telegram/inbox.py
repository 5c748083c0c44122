"""Updates go through the database inbox: stored before they are acknowledged, run by a pool of workers.

`Inbox.put` stores a raw update (webhook body or getUpdates item) and returns only after the commit, so an update
that was acknowledged survives a crash of this process; a redelivered update_id is ignored. `Inbox.run` takes
pending updates (one person at a time, in order, across processes on PostgreSQL) and hands them to the PTB
Application's process_update; a row is marked done in the transaction that held it. On PostgreSQL the inbox talks
to the database on the event loop through psycopg's asyncio connections (storage.repos.inbox_pg); on SQLite (one
process) through SQLAlchemy in a worker thread (storage.repos.inbox).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot import ops
from coach.i18n import t
from storage.models import utcnow
from storage.repos import inbox as inbox_repo
from storage.repos import inbox_pg

log = logging.getLogger(__name__)

# turns in flight per process; on PostgreSQL each holds a connection of the inbox's own pool (WORKERS + 3) for its
# row lock while it runs, next to the turn's own connection from the main pool (bot.wiring / storage.db.PgLimits):
# 4 processes x (10 + 9) + 4 scheduler-lock connections stay within PostgreSQL's default 100
WORKERS = 6
IDLE_POLL_S = 0.25  # how often an idle process looks for rows another process stored (or a dead one left)
KEEP_DONE = timedelta(days=2)  # done rows stay this long, so late redeliveries are still recognised
PURGE_EVERY_S = 600.0
GAUGE_EVERY_S = 5.0  # how often the queue depth and lag metrics are refreshed
STORE_BATCH = 100  # at most this many updates in one INSERT (PostgreSQL)
POLL_TIMEOUT_S = 30  # getUpdates long-poll seconds
LEASE_S = 300  # a turn's transaction idle longer than this is ended by PostgreSQL: its row is taken again


class BadUpdate(ValueError):
    """Not a Telegram update (no integer update_id)."""


@dataclass
class Taken:
    update_id: int
    person: str | None
    payload: dict[str, Any]
    conn: Any  # PostgreSQL: the connection (psycopg AsyncConnection) whose open transaction holds the row and lock
    given_up: bool = False  # started MAX_ATTEMPTS times without finishing: marked failed, only an apology is sent


def person_key(raw: dict[str, Any]) -> str | None:
    """Whose turn an update is, as bot.telegram.concurrency.person_of says for the parsed Update: its sender
    ("user:<id>"), else its chat ("chat:<id>"); read from the raw JSON (parsing the whole Update costs more)."""
    for field, value in raw.items():
        if field == "update_id" or not isinstance(value, dict):
            continue
        sender = value.get("from") or value.get("user")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return f"user:{sender['id']}"
        chat = value.get("chat") or (value.get("message") or {}).get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return f"chat:{chat['id']}"
        return None
    return None


class Inbox:
    """The durable update queue of one process: put() from the webhook or poller, run() for the workers."""

    def __init__(self, engine: Engine, *, workers: int = WORKERS, idle_poll_s: float = IDLE_POLL_S) -> None:
        self.pg = engine.dialect.name == "postgresql"
        self.engine = engine
        # PostgreSQL: a connection per turn in flight (its row lock) plus room for storing, counting and taking
        self.pool = inbox_pg.InboxPool(inbox_pg.conninfo(engine.url), workers + 3, LEASE_S) if self.pg else None
        self.workers = workers
        self.idle_poll_s = idle_poll_s
        self._busy: set[str] = set()
        self._to_store: list[tuple[int, str, dict[str, Any], asyncio.Future[bool]]] = []
        self._storer: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._last_purge = 0.0
        self._last_gauge = 0.0
        self.processed = 0

    # ------------------------------------------------------------------ storing

    async def put(self, raw: Any) -> bool:
        """Store one update (committed when this returns); True when new, False for a redelivery."""
        if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int) or isinstance(raw["update_id"],
                                                                                                  bool):
            raise BadUpdate("an update needs an integer update_id")
        person = person_key(raw) or f"update:{raw['update_id']}"  # no one's turn: a queue of its own
        if self.pool is not None:
            stored = await self._store_pg(raw["update_id"], person, raw)
        else:
            stored = await asyncio.to_thread(self._store, raw["update_id"], person, raw)
        if stored:
            self._wake.set()
        return stored

    async def _store_pg(self, update_id: int, person: str, raw: dict[str, Any]) -> bool:
        """Updates that arrive while a store is under way are stored together in the next one (one statement and
        one commit for all); each caller returns when its own row is committed."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._to_store.append((update_id, person, raw, done))
        if self._storer is None or self._storer.done():
            self._storer = asyncio.create_task(self._store_batches())
        return await done

    async def _store_batches(self) -> None:
        while self._to_store:
            batch, self._to_store = self._to_store[:STORE_BATCH], self._to_store[STORE_BATCH:]
            try:
                new = await inbox_pg.store(self.pool, [(u, p, raw) for u, p, raw, _f in batch])
            except BaseException as exc:  # not stored: every caller in the batch answers "try again"
                for *_row, fut in batch:
                    if not fut.done():
                        fut.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                continue
            for u, _p, _raw, fut in batch:  # an update_id twice in one batch: the first is the new one
                if not fut.done():
                    fut.set_result(u in new)
                new.discard(u)

    def _store(self, update_id: int, person: str | None, raw: dict[str, Any]) -> bool:
        with self.engine.begin() as conn:
            return inbox_repo.store(conn, update_id, person, raw)

    # ------------------------------------------------------------------ running

    async def run(self, app: Application) -> None:
        """Take and run updates until stop(); up to `workers` turns at once, one per person."""
        slots = asyncio.Semaphore(self.workers)
        while not self._stopping.is_set():
            await slots.acquire()
            if self._stopping.is_set():
                slots.release()
                break
            self._wake.clear()
            try:
                taken = await self._take(frozenset(self._busy))
            except Exception as exc:  # noqa: BLE001 - the database is away: wait and ask again
                log.warning("inbox: cannot take updates (%s)", type(exc).__name__)
                taken = None
            if taken is None:
                slots.release()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wait_wake(), self.idle_poll_s)
                await self._housekeeping()
                continue
            if taken.person is not None:
                self._busy.add(taken.person)
            task = asyncio.create_task(self._turn(app, taken, slots))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            if time.monotonic() - self._last_gauge > GAUGE_EVERY_S:  # also while busy: a backlog shows
                await self._housekeeping()

    async def _wait_wake(self) -> None:
        await self._wake.wait()

    async def _take(self, busy: frozenset[str]) -> Taken | None:
        """The next update to run (counted as started), or None."""
        if self.pool is None:
            return await asyncio.to_thread(self._take_sqlite, busy)
        got = await inbox_pg.take(self.pool, busy)
        if got is None:
            return None
        taken = Taken(*got[1:], conn=got[0])
        try:  # counted while the row stays held, committed on another connection
            attempts = await inbox_pg.count_attempt(self.pool, taken.update_id)
        except BaseException:
            await inbox_pg.finish(self.pool, taken.conn, taken.update_id, done=False)
            raise
        if attempts <= inbox_repo.MAX_ATTEMPTS:
            return taken
        await inbox_pg.finish(self.pool, taken.conn, taken.update_id, done=True, failed=True)
        return self._given_up(taken, attempts)

    def _take_sqlite(self, busy: frozenset[str]) -> Taken | None:
        with self.engine.connect() as conn:
            row = inbox_repo.take_next(conn, busy)
            conn.rollback()
        if row is None:
            return None
        taken = Taken(*row, conn=None)
        with self.engine.begin() as conn:  # counted after the read ends (one process: nobody else takes it)
            attempts = inbox_repo.count_attempt(conn, taken.update_id)
        if attempts <= inbox_repo.MAX_ATTEMPTS:
            return taken
        with self.engine.begin() as conn:
            inbox_repo.mark_done(conn, taken.update_id, failed=True)
        return self._given_up(taken, attempts)

    @staticmethod
    def _given_up(taken: Taken, attempts: int) -> Taken:
        log.error("inbox: update %s given up after %d unfinished attempts", taken.update_id, attempts - 1)
        return Taken(taken.update_id, taken.person, taken.payload, conn=None, given_up=True)

    @staticmethod
    async def _apologise(app: Application, taken: Taken) -> None:
        """Tell the person once that their message could not be handled (the text is not logged)."""
        with contextlib.suppress(Exception):
            update = Update.de_json(taken.payload, app.bot)
            if update is not None and update.effective_chat is not None:
                user = update.effective_user
                lang = "zh" if user and (user.language_code or "").startswith("zh") else "en"
                await app.bot.send_message(update.effective_chat.id, t(
                    lang, "Sorry, something went wrong on my side. Please try again in a moment."))

    async def _turn(self, app: Application, taken: Taken, slots: asyncio.Semaphore) -> None:
        finished = False
        try:  # the handlers log the update's line and metrics (bot.ops.observe_update)
            if taken.given_up:
                await self._apologise(app, taken)
                return
            await app.process_update(Update.de_json(taken.payload, app.bot))
            finished = True
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - PTB reports handler errors itself; this is PTB failing
            log.error("inbox: update %s failed: %s", taken.update_id, type(exc).__name__)
            finished = True  # running it again would fail again
        finally:
            if not taken.given_up:
                await asyncio.shield(self._finish(taken, finished))
            if taken.person is not None:
                self._busy.discard(taken.person)
            slots.release()
            self._wake.set()
        self.processed += 1

    async def _finish(self, taken: Taken, done: bool) -> None:
        """Mark the row done (in the transaction that holds it, on PostgreSQL); not done: leave it for a retry."""
        try:
            if taken.conn is not None:
                await inbox_pg.finish(self.pool, taken.conn, taken.update_id, done=done)
            elif done:
                await asyncio.to_thread(self._mark_done, taken.update_id)
        except Exception as exc:  # noqa: BLE001 - the row stays pending and runs again (at least once)
            log.warning("inbox: could not mark update %s done (%s)", taken.update_id, type(exc).__name__)

    def _mark_done(self, update_id: int) -> None:
        with self.engine.begin() as conn:
            inbox_repo.mark_done(conn, update_id)

    async def _housekeeping(self) -> None:
        """Every few seconds the queue depth and lag metrics; every few minutes forget old done rows."""
        now = time.monotonic()
        try:
            if now - self._last_gauge >= GAUGE_EVERY_S:
                self._last_gauge = now
                depth, oldest = (await inbox_pg.backlog(self.pool) if self.pool is not None
                                 else await asyncio.to_thread(self._backlog))
                ops.set_queue("inbox", depth, (utcnow() - oldest).total_seconds() if oldest else 0.0)
            if now - self._last_purge >= PURGE_EVERY_S:
                self._last_purge = now
                if self.pool is not None:
                    await inbox_pg.purge_done(self.pool, utcnow() - KEEP_DONE)
                else:
                    await asyncio.to_thread(self._purge)
        except Exception as exc:  # noqa: BLE001 - metrics and cleanup wait for the next round
            log.warning("inbox: housekeeping failed (%s)", type(exc).__name__)

    def _backlog(self) -> tuple[int, Any]:
        with self.engine.connect() as conn:
            return inbox_repo.backlog(conn)

    def _purge(self) -> None:
        with self.engine.begin() as conn:
            inbox_repo.purge_done(conn, utcnow() - KEEP_DONE)

    async def stop(self, timeout: float = 10.0) -> None:
        """Take no more updates; let the turns in flight finish (for up to `timeout` s, then cancel them)."""
        self._stopping.set()
        self._wake.set()
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        if self.pool is not None:
            await self.pool.close()


async def poll_into(bot: Bot, inbox: Inbox, stopping: asyncio.Event) -> None:
    """Long polling into the inbox: getUpdates confirms an update (its offset moves past it) only after it is
    stored, so a crash in between gets it again from Telegram, and the inbox ignores it if it was stored."""
    offset: int | None = None
    while not stopping.is_set():
        try:
            updates = await bot.get_updates(offset=offset, timeout=POLL_TIMEOUT_S, allowed_updates=Update.ALL_TYPES)
            for upd in updates:
                await inbox.put(upd.to_dict())
                offset = upd.update_id + 1
        except asyncio.CancelledError:
            raise
        except (TelegramError, Exception) as exc:  # noqa: BLE001 - network or database away: try again shortly
            log.warning("polling: %s; retrying", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), 1.0)
