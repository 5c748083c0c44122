"""Which key the stored data needs: the key check value, whether encrypted data exists, and re-encryption (rekey).

A database remembers its key by a check value (a token of a fixed text) in the `meta` table. At start the installed
keys must decrypt it; before the check value existed (older databases) one stored token stands in for it. So a
wrong key or a lost key file is refused at start, before any turn fails on unreadable rows.
"""
from __future__ import annotations

from collections import Counter

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401 - registers the tables whose encrypted columns rekey walks
from storage import crypto

CHECK_NAME = "key_check"
# tables whose first encrypted cell can vouch for a key when no check value is stored yet
_SAMPLES = (("profiles", "data"), ("plans", "data"), ("metric_readings", "value"), ("dialogue_states", "data"),
            ("chat_turns", "content"), ("checkins", "data"))


class KeyMismatch(crypto.KeyRefused):
    """The installed key does not decrypt the stored data."""


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def stored_check(conn: Connection) -> str | None:
    """The stored key check value (None before one was written)."""
    if "meta" not in _tables(conn):
        return None
    return conn.execute(text("SELECT value FROM meta WHERE name = :n"), {"n": CHECK_NAME}).scalar()


def _sample_token(conn: Connection) -> str | None:
    names = _tables(conn)
    for table, column in _SAMPLES:
        if table in names:
            token = conn.execute(text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL LIMIT 1")).scalar()
            if token:
                return token
    return None


def holds_data(engine: Engine) -> bool:
    """Whether the database holds anything a key protects (a check value, a user, an encrypted cell)."""
    with engine.connect() as conn:
        names = _tables(conn)
        if stored_check(conn) is not None or _sample_token(conn) is not None:
            return True
        return "users" in names and conn.execute(text("SELECT 1 FROM users LIMIT 1")).first() is not None


def verify_key(engine: Engine) -> None:
    """KeyMismatch unless the installed keys decrypt the check value (or, without one, a stored token)."""
    with engine.connect() as conn:
        token = stored_check(conn) or _sample_token(conn)
    if token is not None and not crypto.key_fits(token):
        raise KeyMismatch("the encryption key does not match this database (FITCOACH_ENCRYPTION_KEY or "
                          "fitcoach.key): set the key the data was written with; to rotate, list the new key first "
                          "and the old one after it, then run `fitcoach rekey`")


def write_check(engine: Engine, *, replace: bool = False) -> None:
    """Store the check value for the current first key (once; replace=True after rekey)."""
    with engine.begin() as conn:
        if "meta" not in _tables(conn):
            return
        current = stored_check(conn)
        if current is None:
            conn.execute(text("INSERT INTO meta (name, value) VALUES (:n, :v)"),
                         {"n": CHECK_NAME, "v": crypto.check_value()})
        elif replace:
            conn.execute(text("UPDATE meta SET value = :v WHERE name = :n"),
                         {"n": CHECK_NAME, "v": crypto.reencrypt(current)})


def encrypted_columns() -> list[tuple[str, list[str], str]]:
    """(table, primary key columns, column) for every EncryptedJSON column of the schema."""
    out = []
    for table in SQLModel.metadata.sorted_tables:
        pk = [c.name for c in table.primary_key.columns]
        for col in table.columns:
            if isinstance(col.type, crypto.EncryptedJSON):
                out.append((table.name, pk, col.name))
    return out


def rekey(engine: Engine) -> Counter:
    """Re-encrypt every stored token under the first key (so older keys can be dropped); counts by table."""
    counts: Counter = Counter()
    for table_name, pk, column in encrypted_columns():
        where = " AND ".join(f"{k} = :k{i}" for i, k in enumerate(pk))
        with engine.begin() as conn:
            if table_name not in _tables(conn):
                continue
            rows = conn.execute(text(f"SELECT {', '.join(pk)}, {column} FROM {table_name} "
                                     f"WHERE {column} IS NOT NULL")).all()
            for row in rows:
                new = crypto.reencrypt(row[-1])
                if new != row[-1]:
                    conn.execute(text(f"UPDATE {table_name} SET {column} = :v WHERE {where}"),
                                 {"v": new, **{f"k{i}": row[i] for i in range(len(pk))}})
                    counts[table_name] += 1
    write_check(engine, replace=True)
    crypto.clear_cache()
    return counts
