"""The update inbox: stored once by update_id before the 200, one person's turns in order and never two at once
(across processes on PostgreSQL), different people in parallel, a dead worker's update taken again."""
from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text
from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.telegram.application import build_application, serve
from bot import ops
from bot.telegram.concurrency import person_of
from bot.telegram.inbox import KEEP_DONE, BadUpdate, Inbox, person_key
from storage.repos.inbox import MAX_ATTEMPTS
from bot.telegram.webhook import SECRET_HEADER, make_web_app, ops_routes, start_server
from storage.db import make_engine, migrate
from storage.models import utcnow
from tests.cluster.pg import fresh_database
from bot.wiring import make_coach
from tests.bot.conftest import texts
from tests.conftest import free_port
from tests.fakes.telegram_api import FakeTelegram


def raw_update(update_id: int, user: int, text_: str = "x") -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_790_000_000, "text": text_,
        "chat": {"id": user, "type": "private", "first_name": "W"},
        "from": {"id": user, "is_bot": False, "first_name": "W"}}}


def rows(engine) -> dict[int, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT update_id, status FROM inbox")).all())


class Recorder:
    """A PTB Application whose only handler records when each person's turn starts and ends."""

    def __init__(self, fake: FakeTelegram, delay: float = 0.03) -> None:
        self.log: list[tuple[str, int, int]] = []
        self.running: dict[int, int] = {}
        self.most_same = 0
        self.most_people = 0
        self.app = Application.builder().token(fake.token).base_url(fake.base_url).updater(None).build()
        self.app.add_handler(TypeHandler(Update, self.handle))
        self.delay = delay
        self.fake = fake

    async def handle(self, update: Update, _context) -> None:
        user = update.effective_user.id if update.effective_user else 0
        self.running[user] = self.running.get(user, 0) + 1
        self.most_same = max(self.most_same, self.running[user])
        self.most_people = max(self.most_people, sum(1 for v in self.running.values() if v))
        self.log.append(("start", user, update.update_id))
        await asyncio.sleep(self.delay)
        self.running[user] -= 1

    def started(self, user: int) -> list[int]:
        return [i for kind, u, i in self.log if kind == "start" and u == user]


@pytest.fixture
async def recorder():
    fake = FakeTelegram()
    await fake.start()
    rec = Recorder(fake)
    await rec.app.initialize()
    yield rec
    await rec.app.shutdown()
    await fake.stop()


async def run_until(inboxes: list[Inbox], app: Application, done, seconds: float = 10) -> None:  # noqa: ANN001
    tasks = [asyncio.create_task(inbox.run(app)) for inbox in inboxes]
    try:
        for _ in range(int(seconds / 0.025)):
            if done():
                break
            await asyncio.sleep(0.025)
    finally:
        for inbox in inboxes:
            await inbox.stop()
        await asyncio.gather(*tasks, return_exceptions=True)


def test_person_key_is_whose_turn_ptb_says_it_is():
    group = {"update_id": 3, "message": {"message_id": 3, "date": 1, "text": "x", "chat": {"id": -100, "type": "group"},
                                         "from": {"id": 42, "is_bot": False, "first_name": "W"}}}
    channel = {"update_id": 4, "channel_post": {"message_id": 4, "date": 1, "text": "x",
                                                "chat": {"id": -200, "type": "channel"}}}
    press = {"update_id": 5, "callback_query": {"id": "q", "chat_instance": "c", "data": "d",
                                                "from": {"id": 43, "is_bot": False, "first_name": "W"}}}
    for raw, key in ((raw_update(1, 42), "user:42"), (group, "user:42"), (channel, "chat:-200"), (press, "user:43"),
                     ({"update_id": 2}, None)):
        assert person_key(raw) == key
        parsed = person_of(Update.de_json(raw, None))
        assert (None if parsed is None else f"{parsed[0]}:{parsed[1]}") == key


async def test_stored_once_and_a_bad_update_is_refused(engine):
    inbox = Inbox(engine)
    assert await inbox.put(raw_update(10, 1)) is True
    assert await inbox.put(raw_update(10, 1)) is False  # a redelivery
    for bad in ({"message": {}}, {"update_id": "10"}, [1], {"update_id": True}):
        with pytest.raises(BadUpdate):
            await inbox.put(bad)
    assert rows(engine) == {10: "pending"}
    with engine.connect() as conn:  # what the person wrote is not stored in the clear
        assert "message" not in conn.execute(text("SELECT payload FROM inbox")).scalar()


async def test_updates_posted_at_once_are_each_stored_once(engine):
    """Concurrent webhook requests (stored together on PostgreSQL), redeliveries among them: one row each, and
    exactly one of an update's requests is told it is new."""
    inbox = Inbox(engine)
    ids = list(range(1, 31)) + [3, 3, 17]
    results = await asyncio.gather(*(inbox.put(raw_update(i, 100 + i % 7)) for i in ids))
    for i in set(ids):
        assert [new for j, new in zip(ids, results) if j == i].count(True) == 1
    assert rows(engine) == {i: "pending" for i in range(1, 31)}
    await inbox.stop()


async def test_one_person_in_order_people_in_parallel_each_update_once(engine, recorder):
    rec = recorder
    inbox = Inbox(engine, workers=4, idle_poll_s=0.02)
    updates = [(i, 1 if i % 3 else 2) for i in range(1, 13)] + [(13, 3)]
    for i, user in updates:
        await inbox.put(raw_update(i, user))
    await run_until([inbox], rec.app, lambda: len(rec.log) == len(updates) and not any(rec.running.values()))
    assert rec.most_same == 1 and rec.most_people >= 2
    for user in (1, 2, 3):
        assert rec.started(user) == [i for i, u in updates if u == user]
    assert set(rows(engine).values()) == {"done"}
    await inbox.put(raw_update(5, 1))  # a late redelivery of a done update: ignored
    assert rows(engine)[5] == "done"


@pytest.fixture
def pg_engines(key):
    """Two processes' engines on one PostgreSQL database of this module's own (the cross-process locks are
    PostgreSQL's; on SQLite one process owns the database), whatever database the other tests run on."""
    url = fresh_database("fitcoach_test_inbox")
    engines = make_engine(url), make_engine(url)
    migrate(engines[0])
    yield engines
    for eng in engines:
        eng.dispose()


async def test_two_processes_share_the_inbox_and_never_run_one_person_twice_at_once(pg_engines, recorder):
    engine, second_engine = pg_engines
    rec = recorder
    rec.delay = 0.02
    a, b = Inbox(engine, workers=4, idle_poll_s=0.02), Inbox(second_engine, workers=4, idle_poll_s=0.02)
    updates = [(i, 100 + i % 5) for i in range(1, 41)]
    for i, user in updates:  # each update arrives at both processes (a redelivery)
        await (a if i % 2 else b).put(raw_update(i, user))
        assert await (b if i % 2 else a).put(raw_update(i, user)) is False
    await run_until([a, b], rec.app, lambda: len(rec.log) == len(updates) and not any(rec.running.values()))
    assert sorted(i for _k, _u, i in rec.log) == [i for i, _u in updates]  # each once
    assert rec.most_same == 1 and rec.most_people >= 2
    for user in range(100, 105):
        assert rec.started(user) == [i for i, u in updates if u == user]
    assert a.processed and b.processed  # both processes worked


async def test_a_dead_workers_update_is_taken_again(pg_engines, recorder):
    engine, second_engine = pg_engines
    rec = recorder
    rec.delay = 0
    dying, survivor = Inbox(engine), Inbox(second_engine, idle_poll_s=0.02)
    await dying.put(raw_update(1, 7))
    await dying.put(raw_update(2, 7))
    taken = await dying._take(frozenset())
    assert taken is not None and taken.update_id == 1
    await run_until([survivor], rec.app, lambda: bool(rec.log), seconds=1)  # nothing while the row is held
    assert rec.log == []
    await taken.conn.close()  # the process dies: its connection (row lock, person lock) goes with it
    await run_until([Inbox(second_engine, idle_poll_s=0.02)], rec.app, lambda: len(rec.log) == 2)
    assert rec.started(7) == [1, 2]
    assert rows(engine) == {1: "done", 2: "done"}


async def test_webhook_acknowledges_only_stored_updates(engine):
    inbox = Inbox(engine)  # no workers: what the 200 promises is the stored row
    port = free_port()
    ready = ops.readiness_of(type("C", (), {"engine": engine})(), None)
    runner = await start_server(make_web_app(inbox, path="hook", secret="s3cret", extra_routes=ops_routes(ready)),
                                "127.0.0.1", port)
    url = f"http://127.0.0.1:{port}/hook"
    try:
        async with httpx.AsyncClient() as client:
            ok = {SECRET_HEADER: "s3cret", "content-type": "application/json"}
            assert (await client.post(url, content=json.dumps(raw_update(5, 1)),
                                      headers={SECRET_HEADER: "wrong"})).status_code == 403
            assert (await client.post(url, content=b"{not json", headers=ok)).status_code == 400
            assert (await client.post(url, content=b'{"message": {}}', headers=ok)).status_code == 400
            assert rows(engine) == {}
            assert (await client.post(url, content=json.dumps(raw_update(5, 1)), headers=ok)).status_code == 200
            assert rows(engine) == {5: "pending"}
            assert (await client.post(url, content=json.dumps(raw_update(5, 1)), headers=ok)).status_code == 200
            assert rows(engine) == {5: "pending"}
            base = f"http://127.0.0.1:{port}"  # the operations routes on the same server
            assert (await client.get(f"{base}/healthz")).status_code == 200
            assert (await client.get(f"{base}/readyz")).json()["checks"]["database"] is True
    finally:
        await runner.cleanup()


async def test_polling_goes_through_the_inbox(settings, container):
    fake = FakeTelegram()
    await fake.start()
    cfg = settings.model_copy(update={"telegram_bot_token": fake.token, "telegram_api_base_url": fake.root_url})
    app = build_application(cfg, make_coach(container), start_scheduler=False)
    stop = asyncio.Event()
    server = asyncio.create_task(serve(app, cfg, Inbox(container.engine, idle_poll_s=0.05), stop=stop))
    try:
        mark = fake.mark()
        fake.user_message(301, "/start")
        reply = await fake.wait_for(lambda m: m.get("chat", {}).get("id") == 301 and "message_id" in m, timeout=20,
                                    since=mark)
        assert "agree" in texts([reply])
        for _ in range(100):  # marked done right after the turn
            if list(rows(container.engine).values()) == ["done"]:
                break
            await asyncio.sleep(0.02)
        assert list(rows(container.engine).values()) == ["done"]
    finally:
        stop.set()
        await server
        await fake.stop()


async def test_old_done_updates_are_forgotten_and_the_backlog_is_measured(engine):
    inbox = Inbox(engine)
    for i in (1, 2, 3):
        await inbox.put(raw_update(i, 9))
    with engine.begin() as conn:
        conn.execute(text("UPDATE inbox SET status = 'done', done_at = :t WHERE update_id = 1"),
                     {"t": utcnow() - KEEP_DONE - timedelta(hours=1)})
        conn.execute(text("UPDATE inbox SET status = 'done', done_at = :t WHERE update_id = 2"), {"t": utcnow()})
    await inbox._housekeeping()
    assert rows(engine) == {2: "done", 3: "pending"}  # a recent one still recognises a redelivery
    assert ops.QUEUE_DEPTH.labels("inbox")._value.get() == 1


async def test_an_update_of_no_one_runs_once(engine, recorder):
    inbox = Inbox(engine, idle_poll_s=0.02)
    recorder.delay = 0.3  # still running while the worker looks for more
    await inbox.put({"update_id": 77, "poll": {"id": "p", "question": "q", "options": [], "total_voter_count": 0,
                                               "is_closed": False, "is_anonymous": True, "type": "regular",
                                               "allows_multiple_answers": False, "allows_revoting": False,
                                               "members_only": False}})
    await run_until([inbox], recorder.app, lambda: rows(engine) == {77: "done"}, seconds=3)
    assert [i for _kind, _user, i in recorder.log] == [77]


async def _poison(engine, rec: Recorder) -> None:  # noqa: ANN001
    """Update 1 kills its process every time it is started; update 2 is the same person's next message."""
    rec.delay = 0
    inbox = Inbox(engine, idle_poll_s=0.02)
    await inbox.put(raw_update(1, 7))
    await inbox.put(raw_update(2, 7))
    for _ in range(MAX_ATTEMPTS):
        for _wait in range(100):  # the dead connection's server session ends (and its locks) a moment later
            if (taken := await inbox._take(frozenset())) is not None:
                break
            await asyncio.sleep(0.02)
        assert taken is not None and taken.update_id == 1 and not taken.given_up
        if taken.conn is not None:
            await taken.conn.close()  # the process dies mid-turn: its row and lock go with its connection
    await run_until([Inbox(engine, idle_poll_s=0.02)], rec.app, lambda: rec.started(7) == [2])
    assert rec.started(7) == [2]  # never run again, and the person's later update proceeds
    assert rows(engine) == {1: "failed", 2: "done"}
    apologies = [m for m in rec.fake.sent(7) if "something went wrong" in m.get("text", "")]
    assert len(apologies) == 1


async def test_an_update_that_never_finishes_is_given_up_with_one_apology(engine, recorder, caplog):
    await _poison(engine, recorder)
    given_up = [r.getMessage() for r in caplog.records if "given up" in r.getMessage()]
    assert given_up == [f"inbox: update 1 given up after {MAX_ATTEMPTS} unfinished attempts"]  # no message text


async def test_an_update_that_never_finishes_is_given_up_on_postgresql(pg_engines, recorder):
    await _poison(pg_engines[0], recorder)


async def test_a_turn_that_finishes_is_counted_once_and_forgotten_with_its_row(engine, recorder):
    inbox = Inbox(engine, idle_poll_s=0.02)
    await inbox.put(raw_update(5, 8))
    await run_until([inbox], recorder.app, lambda: rows(engine) == {5: "done"}, seconds=3)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT update_id, attempts FROM inbox_attempts")).all() == [(5, 1)]
    with engine.begin() as conn:
        from storage.repos import inbox as inbox_repo
        inbox_repo.purge_done(conn, utcnow() + timedelta(seconds=1))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM inbox_attempts")).scalar() == 0
