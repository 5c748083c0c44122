"""Encryption at rest: no plaintext health value in the file, the key is required, the cache follows the key."""
from __future__ import annotations

import os
import stat
from datetime import date

import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session

from storage import crypto
from storage.db import make_engine, migrate
from storage.repos import checkins, plans, profiles, readings, users


def test_health_values_are_not_plaintext_in_the_sqlite_file(tmp_path, key):
    path = tmp_path / "plain.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    with Session(eng, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:7", channel="telegram")
        profiles.save_profile(s, user.id, {"conditions": ["hypertension"], "weight_kg": 93.7}, "onboarding")
        readings.add_metric(s, user.id, "resting_hr", 61.5, "bpm")
        checkins.add_checkin(s, user.id, date(2026, 1, 1), {"symptoms": ["palpitations"], "notes": "SECRETNOTE"})
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
        assert readings.metrics(s, uid, "resting_hr")[0].value == 61.5


def test_wrong_key_cannot_read(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:8", channel="telegram")
        readings.add_metric(s, user.id, "weight", 80.0, "kg")
        s.commit()
    crypto.configure(Fernet.generate_key().decode())
    with Session(engine, expire_on_commit=False) as s, pytest.raises(RuntimeError, match="FITCOACH_ENCRYPTION_KEY"):
        readings.metrics(s, user.id, "weight")


def test_decrypted_values_are_fresh_objects_and_the_cache_follows_the_key(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:9", channel="telegram")
        plans.save_plan(s, user.id, {"weeks": [{"sessions": [{"day": 1}]}]}, "first", date(2026, 1, 1))
        s.commit()
    for _ in range(2):  # first read after the write, then a cached one
        with Session(engine, expire_on_commit=False) as s:
            plans.active_plan(s, user.id).data["weeks"][0]["sessions"].clear()  # a careless caller mutates it
        with Session(engine, expire_on_commit=False) as s:
            assert plans.active_plan(s, user.id).data == {"weeks": [{"sessions": [{"day": 1}]}]}
    token = crypto.encrypt_value({"a": 1})
    assert crypto.decrypt_value(token) == {"a": 1}
    crypto.configure(Fernet.generate_key().decode())  # a cached plaintext must not outlive its key
    with pytest.raises(RuntimeError, match="FITCOACH_ENCRYPTION_KEY"):
        crypto.decrypt_value(token)


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
