"""Storage: Alembic schema, versioned profiles, encryption at rest, the delivery key, settings errors."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage import crypto, repo
from storage.db import current_revision, make_engine, migrate
from storage.models import Delivery, SQLModel


def test_alembic_creates_every_table_on_an_empty_database(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert current_revision(engine) == "0002"


def test_migrate_is_idempotent(engine):
    migrate(engine)
    assert current_revision(engine) == "0002"


def test_models_and_migrations_agree(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # type-only differences of encrypted columns (Text in the migration) are expected; no missing tables/columns
    structural = [d for d in diff if not (isinstance(d, list) or d[0] in ("modify_type", "modify_nullable"))]
    assert structural == []


def test_profile_update_keeps_history(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, created = repo.get_or_create_user(s, "tg:1", channel="telegram", chat_id=1)
        assert created
        repo.save_profile(s, user.id, {"weight_kg": 75.0}, "onboarding")
        repo.save_profile(s, user.id, {"weight_kg": 78.0}, "correction: weight_kg")
        s.commit()
        hist = repo.profile_history(s, user.id)
        assert [p.version for p in hist] == [1, 2]
        assert [p.data["weight_kg"] for p in hist] == [75.0, 78.0]
        assert repo.current_profile(s, user.id).data["weight_kg"] == 78.0


def test_health_values_are_not_plaintext_in_the_sqlite_file(tmp_path, key):
    path = tmp_path / "plain.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    with Session(eng, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:7", channel="telegram")
        repo.save_profile(s, user.id, {"conditions": ["hypertension"], "weight_kg": 93.7}, "onboarding")
        repo.add_metric(s, user.id, "resting_hr", 61.5, "bpm")
        repo.add_checkin(s, user.id, date(2026, 1, 1), {"symptoms": ["palpitations"], "notes": "SECRETNOTE"})
        s.commit()
        uid = user.id
    eng.dispose()
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("plain.db*"))
    for plain in (b"hypertension", b"93.7", b"61.5", b"palpitations", b"SECRETNOTE"):
        assert plain not in blob
    assert b"resting_hr" in blob  # the kind is plain, only the value is encrypted
    # and it reads back with the key
    eng = make_engine(f"sqlite:///{path}")
    with Session(eng, expire_on_commit=False) as s:
        assert repo.metrics(s, uid, "resting_hr")[0].value == 61.5


def test_wrong_key_cannot_read(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:8", channel="telegram")
        repo.add_metric(s, user.id, "weight", 80.0, "kg")
        s.commit()
    from cryptography.fernet import Fernet

    crypto.configure(Fernet.generate_key().decode())
    with Session(engine, expire_on_commit=False) as s, pytest.raises(RuntimeError, match="FITCOACH_ENCRYPTION_KEY"):
        repo.metrics(s, user.id, "weight")


def test_decrypted_values_are_fresh_objects_and_the_cache_follows_the_key(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:9", channel="telegram")
        repo.save_plan(s, user.id, {"weeks": [{"sessions": [{"day": 1}]}]}, "first", date(2026, 1, 1))
        s.commit()
    for _ in range(2):  # first read after the write, then a cached one
        with Session(engine, expire_on_commit=False) as s:
            repo.active_plan(s, user.id).data["weeks"][0]["sessions"].clear()  # a careless caller mutates it
        with Session(engine, expire_on_commit=False) as s:
            assert repo.active_plan(s, user.id).data == {"weeks": [{"sessions": [{"day": 1}]}]}
    token = crypto.encrypt_value({"a": 1})
    assert crypto.decrypt_value(token) == {"a": 1}
    from cryptography.fernet import Fernet

    crypto.configure(Fernet.generate_key().decode())  # a cached plaintext must not outlive its key
    with pytest.raises(RuntimeError, match="FITCOACH_ENCRYPTION_KEY"):
        crypto.decrypt_value(token)


def test_lookups_remembered_within_a_transaction_follow_writes(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:10", channel="telegram")
        s.commit()
    with Session(engine, expire_on_commit=False) as s, Session(engine, expire_on_commit=False) as other:
        repo.find_user(s, "tg:10")
        assert repo.active_plan(s, user.id) is None
        assert repo.get_dialogue(s, user.id).flow == "idle"
        repo.save_plan(s, user.id, {"weeks": []}, "v1", date(2026, 1, 1))
        assert repo.active_plan(s, user.id).version == 1
        repo.set_dialogue(s, user.id, flow="checkin", step="weight")
        assert repo.get_dialogue(s, user.id).flow == "checkin"
        s.commit()
        repo.save_plan(other, user.id, {"weeks": []}, "v2 from another process", date(2026, 1, 1))
        other.commit()
        assert repo.active_plan(s, user.id).version == 2  # a new transaction reads again
        sp = s.begin_nested()
        repo.save_plan(s, user.id, {"weeks": []}, "v3, undone", date(2026, 1, 1))
        assert repo.active_plan(s, user.id).version == 3
        sp.rollback()
        del sp  # the savepoint is gone; what was read inside it must not be taken for the outer transaction's
        assert repo.active_plan(s, user.id).version == 2
        repo.delete_user(s, user.id)
        assert repo.active_plan(s, user.id) is None
        assert repo.get_dialogue(s, user.id).flow == "idle"


def test_a_read_only_session_refuses_every_write_and_leaves_no_trace(engine):
    from storage.db import WriteRefused, session_scope

    with session_scope(engine) as s:
        user, _ = repo.get_or_create_user(s, "tg:12", channel="telegram")
        repo.save_plan(s, user.id, {"weeks": []}, "v1", date(2026, 1, 1))
    writes = [
        lambda s: repo.get_or_create_user(s, "tg:13", channel="telegram"),  # ORM insert
        lambda s: repo.update_user(s, repo.get_user(s, user.id), language="zh"),  # ORM update
        lambda s: repo.save_plan(s, user.id, {"weeks": []}, "v2", date(2026, 1, 1)),  # Core update first
        lambda s: repo.delete_user(s, user.id),  # Core delete
    ]
    for write in writes:
        with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
            assert repo.active_plan(s, user.id).version == 1  # reads are fine
            write(s)

    def swallowed(s):
        try:
            repo.set_dialogue(s, user.id, flow="checkin")
        except WriteRefused:
            pass

    with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
        swallowed(s)  # a caller that swallows the refusal still does not get a normal ending
    with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
        repo.get_user(s, user.id).timezone = "Asia/Shanghai"  # changed but never flushed: still a write
    with session_scope(engine) as s:
        assert repo.find_user(s, "tg:13") is None
        assert repo.get_user(s, user.id).language == "en"
        assert repo.get_user(s, user.id).timezone == "UTC"
        assert [p.version for p in repo.plan_history(s, user.id)] == [1]
        assert repo.get_dialogue(s, user.id).flow == "idle"


def test_key_file_is_created_with_mode_0600(tmp_path, caplog):
    with caplog.at_level("WARNING"):
        key = crypto.load_or_create_key_file(tmp_path / "d")
    path = tmp_path / "d" / "fitcoach.key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "FITCOACH_ENCRYPTION_KEY not set" in caplog.text
    assert crypto.load_or_create_key_file(tmp_path / "d") == key  # stable on the next start
    crypto.make_cipher(key)


def test_malformed_key_is_a_clear_error():
    with pytest.raises(crypto.KeyError_, match="FITCOACH_ENCRYPTION_KEY"):
        crypto.make_cipher("not-a-key")


def test_unique_delivery_key_rejects_a_second_insert(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:9", channel="telegram")
        s.commit()
        s.add(Delivery(user_id=user.id, kind="workout", local_date=date(2026, 3, 1)))
        s.commit()
        s.add(Delivery(user_id=user.id, kind="workout", local_date=date(2026, 3, 1)))
        with pytest.raises(IntegrityError):
            s.commit()
        s.rollback()
        # the claim API: first claim wins, second is refused, another day is fine
        assert repo.claim_delivery(s, user.id, "checkin", date(2026, 3, 1), worker="a") is not None
        assert repo.claim_delivery(s, user.id, "checkin", date(2026, 3, 1), worker="b") is None
        assert repo.claim_delivery(s, user.id, "checkin", date(2026, 3, 2), worker="b") is not None


def test_stale_claim_is_taken_over_but_sent_is_final(engine):
    from datetime import timedelta

    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:10", channel="telegram")
        s.commit()
        d = repo.claim_delivery(s, user.id, "workout", date(2026, 3, 1), worker="dead")
        assert repo.claim_delivery(s, user.id, "workout", date(2026, 3, 1), worker="w2",
                                   lease=timedelta(seconds=-1)) is not None  # the dead worker's claim expired
        repo.finish_delivery(s, d.id, "sent")
        assert repo.claim_delivery(s, user.id, "workout", date(2026, 3, 1), worker="w3",
                                   lease=timedelta(seconds=-1)) is None


def test_delete_user_leaves_no_row(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = repo.get_or_create_user(s, "tg:11", channel="telegram")
        repo.save_profile(s, user.id, {"age": 30}, "x")
        repo.add_metric(s, user.id, "weight", 70, "kg")
        repo.save_plan(s, user.id, {"weeks": []}, "first", date(2026, 1, 1))
        repo.set_dialogue(s, user.id, flow="onboarding", step="age", data={"a": 1})
        repo.add_turn(s, user.id, "user", "hello")
        g = repo.create_group(s, user.id, title="g")
        repo.join_group(s, g.id, user.id, True)
        s.commit()
        assert repo.rows_for_user(s, user.id) > 0
        repo.delete_user(s, user.id)
        s.commit()
        assert repo.rows_for_user(s, user.id) == 0


@pytest.mark.parametrize("env, name", [
    ({"DEFAULT_TIMEZONE": "Mars/Olympus"}, "DEFAULT_TIMEZONE"),
    ({"COACH_ADMIN_IDS": "12,abc"}, "COACH_ADMIN_IDS"),
    ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
    ({"WEBHOOK_PORT": "eighty"}, "WEBHOOK_PORT"),
    ({"EMBEDDINGS": "magic"}, "EMBEDDINGS"),
])
def test_bad_settings_give_one_clear_line(tmp_path, env, name):
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "migrate"], capture_output=True, text=True,
                          env={**os.environ, **env, "FITCOACH_DATA_DIR": str(tmp_path)}, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert name in lines[0] and "Traceback" not in proc.stderr


def test_erasing_a_user_drops_decrypted_copies_from_memory(engine):
    from storage.db import session_scope

    with session_scope(engine) as s:
        user, _ = repo.get_or_create_user(s, "tg:77", channel="telegram", chat_id=77, language="en")
        repo.save_profile(s, user.id, {"weight_kg": 70}, reason="test")
    with session_scope(engine) as s:
        assert repo.current_profile(s, user.id).data["weight_kg"] == 70
    assert crypto._cache  # the profile's plaintext was cached on read
    with session_scope(engine) as s:
        repo.delete_user(s, user.id)
    assert not crypto._cache
