"""Keys and files: health codes encrypted by migration 0004, key check at start, rekey, lost key, damaged files."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from alembic import command
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.settings import SettingsError, load_settings
from bot.wiring import build, rekey_storage
from storage import crypto, keys
from storage.db import alembic_config, make_engine, migrate, session_scope
from storage.repos import adjustments, alerts, profiles, users, workouts

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
PLAIN = {("profiles", "reason"): "symptom reported: chest_pain", ("adjustments", "rule"): "pain_swap",
         ("alerts", "kind"): "symptom", ("workout_logs", "status"): "pain"}


def _old_rows(engine) -> int:
    """Rows as revision 0003 stored them: the health codes in plain text."""
    with engine.begin() as conn:
        uid = conn.execute(text("INSERT INTO users (external_id, channel, pseudonym, language, timezone, role, "
                                "reminder_time, checkin_days, reminders_paused, active, created_at) VALUES "
                                "('tg:1', 'telegram', 'p1', 'en', 'UTC', 'user', '07:30', '[]', false, true, :t) "
                                "RETURNING id"), {"t": NOW}).scalar()
        enc = crypto.encrypt_value
        conn.execute(text("INSERT INTO profiles (user_id, version, data, reason, created_at) VALUES (:u, 1, :d, :r, :t)"),
                     {"u": uid, "d": enc({"age": 40}), "r": PLAIN["profiles", "reason"], "t": NOW})
        conn.execute(text("INSERT INTO adjustments (user_id, rule, change, reason, citations, created_at) VALUES "
                          "(:u, :r, :c, :c, '[]', :t)"), {"u": uid, "r": PLAIN["adjustments", "rule"],
                                                         "c": enc({"x": 1}), "t": NOW})
        conn.execute(text("INSERT INTO alerts (user_id, kind, detail, coach_notified, created_at) VALUES "
                          "(:u, :k, :d, false, :t)"), {"u": uid, "k": PLAIN["alerts", "kind"], "d": enc({}), "t": NOW})
        conn.execute(text("INSERT INTO workout_logs (user_id, session_date, status, created_at) VALUES "
                          "(:u, :d, :s, :t)"), {"u": uid, "d": date(2026, 3, 2), "s": PLAIN["workout_logs", "status"],
                                                "t": NOW})
    return uid


def _read_back(engine, uid: int) -> None:
    with session_scope(engine) as s:
        assert profiles.current_profile(s, uid).reason == PLAIN["profiles", "reason"]
        assert adjustments.adjustments(s, uid)[0].rule == PLAIN["adjustments", "rule"]
        assert alerts.alerts(s, uid)[0].kind == PLAIN["alerts", "kind"]
        assert workouts.workout_logs(s, uid)[0].status == PLAIN["workout_logs", "status"]


def test_migration_0004_encrypts_the_health_codes_of_existing_rows(db_url, key, tmp_path):
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0003")
    uid = _old_rows(engine)
    migrate(engine)
    _read_back(engine, uid)
    with engine.connect() as conn:
        for (table, column), plain in PLAIN.items():
            cell = conn.execute(text(f"SELECT {column} FROM {table}")).scalar()
            assert crypto.is_token(cell) and plain not in cell
    if db_url.startswith("sqlite"):
        engine.dispose()
        blob = b"".join(p.read_bytes() for p in tmp_path.glob("fitcoach.db*"))
        assert not any(plain.encode() in blob for plain in PLAIN.values())
    # and back: downgrade restores the plain codes, upgrade encrypts them again
    command.downgrade(alembic_config(engine), "0003")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM workout_logs")).scalar() == "pain"
    migrate(engine)
    _read_back(engine, uid)
    engine.dispose()


def test_migration_0008_encrypts_where_a_conversation_stands(db_url, key):
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0007")
    uid = _old_rows(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO dialogue_states (user_id, flow, step, data, updated_at) VALUES "
                          "(:u, 'log', 'pain_area', :d, :t)"), {"u": uid, "d": crypto.encrypt_value({}), "t": NOW})
    migrate(engine)
    with engine.connect() as conn:
        flow, step = conn.execute(text("SELECT flow, step FROM dialogue_states")).one()
    assert crypto.is_token(flow) and crypto.is_token(step) and "pain" not in step
    with session_scope(engine) as s:
        state = users.get_dialogue(s, uid)
        assert (state.flow, state.step) == ("log", "pain_area")
        users.set_dialogue(s, uid, flow="clearance", step="limits", data={"by": "GP"})
    with engine.connect() as conn:
        assert "limits" not in conn.execute(text("SELECT step FROM dialogue_states")).scalar()
    command.downgrade(alembic_config(engine), "0007")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT flow, step FROM dialogue_states")).one() == ("clearance", "limits")
    engine.dispose()


def _settings(tmp_path, db_url, key=None, **kw):
    url = None if key is None else db_url
    return load_settings(fitcoach_data_dir=tmp_path / "data", database_url=url, fitcoach_encryption_key=key, **kw)


def _one_user(container) -> int:
    with container.session() as s:
        user, _ = users.get_or_create_user(s, "tg:9", channel="telegram")
        profiles.save_profile(s, user.id, {"age": 50, "weight_kg": 88.8}, "pain reported: knee")
        workouts.add_workout_log(s, user.id, session_date=date(2026, 3, 2), status="pain", rpe=7)
        return user.id


def test_rekey_then_dropping_the_old_key_leaves_every_row_readable(tmp_path, db_url):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    c = build(_settings(tmp_path, db_url, old))
    uid = _one_user(c)
    c.engine.dispose()
    c = build(_settings(tmp_path, db_url, f"{new},{old}"))  # rotation: new key first, old one still decrypts
    counts = rekey_storage(c)
    assert counts["profiles"] >= 2 and counts["workout_logs"] >= 2  # data + reason, status + rpe
    c.engine.dispose()
    c = build(_settings(tmp_path, db_url, new))  # the old key is gone
    with c.session() as s:
        assert profiles.current_profile(s, uid).data["weight_kg"] == 88.8
        assert workouts.workout_logs(s, uid)[0].status == "pain" and workouts.workout_logs(s, uid)[0].rpe == 7
    for table, _pk, column in keys.encrypted_columns():  # every token in the database opens with the new key alone
        with c.engine.connect() as conn:
            for (cell,) in conn.execute(text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")):
                assert crypto.key_fits(cell, crypto.make_cipher(new)), (table, column)
    c.engine.dispose()


def test_a_wrong_key_is_refused_at_start(tmp_path, db_url):
    c = build(_settings(tmp_path, db_url, Fernet.generate_key().decode()))
    _one_user(c)
    c.engine.dispose()
    with pytest.raises(crypto.KeyRefused, match="does not match this database"):
        build(_settings(tmp_path, db_url, Fernet.generate_key().decode()))


def test_a_lost_key_file_is_refused_not_replaced(tmp_path):
    settings = _settings(tmp_path, None)
    c = build(settings)
    _one_user(c)
    c.engine.dispose()
    key_file = settings.data_dir / "fitcoach.key"
    saved = key_file.read_text()
    key_file.unlink()
    with pytest.raises(crypto.KeyRefused, match="missing but the database holds encrypted data"):
        build(settings)
    assert not key_file.exists()  # no new key was made
    key_file.write_text(saved)  # restoring the backup is enough
    build(settings).engine.dispose()


def test_a_fresh_database_gets_a_key_file_and_a_check_value(tmp_path):
    settings = _settings(tmp_path, None)
    c = build(settings)
    with c.engine.connect() as conn:
        assert crypto.key_fits(keys.stored_check(conn))
    assert (settings.data_dir / "fitcoach.key").stat().st_mode & 0o777 == 0o600
    c.engine.dispose()


def test_a_database_url_without_an_encryption_key_is_refused(tmp_path, db_url):
    with pytest.raises(SettingsError, match="FITCOACH_ENCRYPTION_KEY"):
        build(load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url))


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.write_bytes(b""), r"is empty \(0 bytes\)"),
    (lambda p: p.write_bytes(b"this is not a database at all" * 10), "not a SQLite database"),
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "truncated"),
])
def test_a_damaged_database_file_is_refused_and_left_as_it_is(tmp_path, damage, words):
    settings = _settings(tmp_path, None)
    c = build(settings)
    _one_user(c)
    with c.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    c.engine.dispose()
    path = settings.data_dir / "fitcoach.db"
    damage(path)
    before = path.read_bytes()
    with pytest.raises(SettingsError, match=words):
        build(settings)
    assert path.read_bytes() == before
