"""The update inbox: store an update once by update_id, take the next one a person may have, mark it done.

On PostgreSQL a worker takes its row with FOR UPDATE SKIP LOCKED inside a transaction it keeps open for the whole
turn, plus a transaction-level advisory lock on the person: a second worker (in this process or another) skips the
row, skips every later row of that person, and a worker that dies releases both with its connection. On SQLite
(one process) the caller keeps the set of people in flight itself and no lock is taken.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlmodel import Session

from storage.models import InboxAttempt, InboxUpdate, utcnow

PERSON_LOCK_SPACE = 742016  # first key of pg_try_advisory_xact_lock(int, int): "an inbox person"
_INBOX = InboxUpdate.__table__  # type: ignore[attr-defined]
_ATTEMPTS = InboxAttempt.__table__  # type: ignore[attr-defined]
MAX_ATTEMPTS = 3  # an update whose turn was started this often without finishing (the process died) is given up

# the oldest pending row of each person who is not busy here; NOT EXISTS keeps a person's updates in order across
# processes (a later row waits while an earlier one is pending, taken or not)
_NEXT = """
SELECT i.update_id, i.person, i.payload FROM inbox i
WHERE i.status = 'pending'
  AND (i.person IS NULL OR NOT EXISTS (
        SELECT 1 FROM inbox e WHERE e.person = i.person AND e.status = 'pending' AND e.update_id < i.update_id))
  {busy}
ORDER BY i.update_id
LIMIT 1 {lock}
"""


def store(s: Session | Connection, update_id: int, person: str | None, payload: dict[str, Any]) -> bool:
    """Insert the update unless its update_id is stored already; True when it is new (the caller commits)."""
    dialect = s.get_bind().dialect.name if isinstance(s, Session) else s.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(_INBOX).values(update_id=update_id, person=person, payload=payload, status="pending", attempts=0,
                                 received_at=utcnow()).on_conflict_do_nothing(index_elements=["update_id"])
    # RETURNING says whether a row went in (psycopg may report rowcount -1 for this insert)
    return s.execute(stmt.returning(_INBOX.c.update_id)).first() is not None


def take_next(conn: Connection, busy: frozenset[str] = frozenset()) -> tuple[int, str | None, Any] | None:
    """The next (update_id, person, payload) to run, skipping people in `busy`; None when there is none now.

    PostgreSQL: the row stays locked (and its person advisory-locked) until the caller's transaction ends. A person
    whose advisory lock another session holds gives None too: the caller ends its transaction and asks again later.
    SQLite: a plain read (the caller keeps `busy`).
    """
    pg = conn.dialect.name == "postgresql"
    if pg:
        busy_sql, params = "AND (i.person IS NULL OR NOT (i.person = ANY(:busy)))", {"busy": sorted(busy)}
    elif busy:
        busy_sql = "AND (i.person IS NULL OR i.person NOT IN (SELECT value FROM json_each(:busy)))"
        params = {"busy": json.dumps(sorted(busy))}
    else:
        busy_sql, params = "", {}
    sql = text(_NEXT.format(busy=busy_sql, lock="FOR UPDATE SKIP LOCKED" if pg else ""))
    row = conn.execute(sql.columns(_INBOX.c.update_id, _INBOX.c.person, _INBOX.c.payload), params).first()
    if row is None or (pg and row.person is not None and not lock_person(conn, row.person)):
        return None
    return row.update_id, row.person, row.payload


def lock_person(conn: Connection, person: str) -> bool:
    """pg_try_advisory_xact_lock on the person (released when the transaction ends); True when ours."""
    return bool(conn.execute(text("SELECT pg_try_advisory_xact_lock(:space, hashtext(:person))"),
                             {"space": PERSON_LOCK_SPACE, "person": person}).scalar())


def count_attempt(conn: Connection, update_id: int) -> int:
    """One more start of the update's turn, in the caller's short transaction of its own (not the one holding the
    row: a turn that kills its process must still count); returns the starts so far."""
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(_ATTEMPTS).values(update_id=update_id, attempts=1)
    stmt = stmt.on_conflict_do_update(index_elements=["update_id"],
                                      set_={"attempts": _ATTEMPTS.c.attempts + 1}).returning(_ATTEMPTS.c.attempts)
    return int(conn.execute(stmt).scalar_one())


def mark_done(s: Session | Connection, update_id: int, *, failed: bool = False) -> None:
    """The update's turn has run (or was given up: `failed`): never again (the caller commits)."""
    s.execute(update(_INBOX).where(_INBOX.c.update_id == update_id)
              .values(status="failed" if failed else "done", done_at=utcnow(), attempts=_INBOX.c.attempts + 1))


def scrub_sender(s: Session | Connection, external_id: str) -> int:
    """/delete: empty the stored text of a person's processed updates ("tg:<id>" → person "user:<id>"); the rows stay
    (without content) so that a late redelivery is still recognised; returns how many were scrubbed."""
    if not external_id.startswith("tg:"):
        return 0
    person = "user:" + external_id[3:]
    return int(s.execute(update(_INBOX).where(_INBOX.c.person == person, _INBOX.c.status.in_(("done", "failed")))
                         .values(payload={})).rowcount or 0)


def purge_done(s: Session | Connection, before: datetime) -> int:
    """Forget updates done (or given up) before `before` (Telegram redelivers for at most a day), and their attempt
    counts; returns how many updates."""
    n = int(s.execute(delete(_INBOX).where(_INBOX.c.status.in_(("done", "failed")), _INBOX.c.done_at < before))
            .rowcount or 0)
    s.execute(delete(_ATTEMPTS).where(~select(_INBOX.c.update_id).where(
        _INBOX.c.update_id == _ATTEMPTS.c.update_id).exists()))
    return n


def backlog(s: Session | Connection) -> tuple[int, datetime | None]:
    """How many updates wait (queue depth) and when the oldest of them arrived."""
    row = s.execute(select(func.count(), func.min(_INBOX.c.received_at)).where(_INBOX.c.status == "pending")).one()
    return int(row[0] or 0), row[1]

