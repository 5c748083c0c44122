"""Every misconfiguration ends with one line on stderr naming the setting or file, and exit code 2."""
from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from bot.cli import main
from bot.settings import get_settings, load_settings
from bot.wiring import build
from storage.repos import users
from tests.conftest import PG_URL, free_port
from tests.fakes import FakeTelegram

FITCOACH = str(Path(sys.executable).parent / "fitcoach")


def run_main(monkeypatch, capsys, env: dict[str, str], argv=("migrate",)) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        code = main(list(argv))
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(autouse=True)
def _restore_logging():
    """main() configures the root logger onto this test's captured stderr; put the previous setup back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def data_env(tmp_path) -> dict[str, str]:
    return {"FITCOACH_DATA_DIR": str(tmp_path / "data")}


def _fresh(tmp_path) -> Path:
    """A migrated default SQLite database (with its key file) in tmp_path/data."""
    settings = load_settings(fitcoach_data_dir=tmp_path / "data")
    build(settings).engine.dispose()
    return settings.data_dir / "fitcoach.db"


def test_postgresql_down(monkeypatch, capsys, data_env):
    line = run_main(monkeypatch, capsys, {**data_env, "DATABASE_URL": f"postgresql://u:pw@127.0.0.1:{free_port()}/db",
                                          "FITCOACH_ENCRYPTION_KEY": Fernet.generate_key().decode()})
    assert "DATABASE_URL" in line and "pw" not in line


def test_postgresql_database_missing(monkeypatch, capsys, data_env):
    server = PG_URL or "postgresql://postgres@127.0.0.1:5432/test"  # the local server the test command expects
    url = server.rsplit("/", 1)[0] + "/no_such_database_e14"
    line = run_main(monkeypatch, capsys, {**data_env, "DATABASE_URL": url,
                                          "FITCOACH_ENCRYPTION_KEY": Fernet.generate_key().decode()})
    assert "DATABASE_URL" in line and "does not exist" in line


def test_mysql_url(monkeypatch, capsys, data_env):
    line = run_main(monkeypatch, capsys, {**data_env, "DATABASE_URL": "mysql://u@localhost/fit"})
    assert "DATABASE_URL" in line and "mysql" in line


def test_database_url_without_a_key(monkeypatch, capsys, data_env, tmp_path):
    line = run_main(monkeypatch, capsys, {**data_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert "FITCOACH_ENCRYPTION_KEY" in line


def test_data_dir_that_is_a_file(monkeypatch, capsys, tmp_path):
    (tmp_path / "afile").write_text("x")
    line = run_main(monkeypatch, capsys, {"FITCOACH_DATA_DIR": str(tmp_path / "afile")})
    assert "FITCOACH_DATA_DIR" in line and "file" in line


def test_data_dir_unwritable(monkeypatch, capsys, tmp_path):
    if os.geteuid() == 0:  # root writes anywhere: use a place even root cannot create a directory in
        target = "/proc/fitcoach-data"
    else:
        (tmp_path / "ro").mkdir(mode=0o500)
        target = str(tmp_path / "ro" / "data")
    line = run_main(monkeypatch, capsys, {"FITCOACH_DATA_DIR": target})
    assert "FITCOACH_DATA_DIR" in line


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.write_bytes(b"\x00garbage" * 200), "not a SQLite database"),
    (lambda p: p.write_bytes(p.read_bytes()[:4096]), "truncated"),
    (lambda p: p.write_bytes(b""), "empty"),
])
def test_corrupt_truncated_or_empty_database(monkeypatch, capsys, data_env, tmp_path, damage, words):
    path = _fresh(tmp_path)
    damage(path)
    line = run_main(monkeypatch, capsys, data_env)
    assert str(path) in line and words in line


def test_database_from_a_newer_migration(monkeypatch, capsys, data_env, tmp_path):
    path = _fresh(tmp_path)
    eng = create_engine(f"sqlite:///{path}")
    with eng.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    eng.dispose()
    line = run_main(monkeypatch, capsys, data_env)
    assert "'0099'" in line and "newer" in line


def test_unreadable_key_file(monkeypatch, capsys, data_env, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "fitcoach.key").mkdir()  # a directory where the key file should be: unreadable, even for root
    line = run_main(monkeypatch, capsys, data_env)
    assert "fitcoach.key" in line


def test_missing_key_file_with_data(monkeypatch, capsys, data_env, tmp_path):
    _fresh(tmp_path)
    c = build(load_settings(fitcoach_data_dir=tmp_path / "data"))
    with c.session() as s:
        users.get_or_create_user(s, "tg:1", channel="telegram")
    c.engine.dispose()
    (tmp_path / "data" / "fitcoach.key").unlink()
    line = run_main(monkeypatch, capsys, data_env)
    assert "fitcoach.key" in line and "restore" in line


def test_wrong_key(monkeypatch, capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    c = build(load_settings(fitcoach_data_dir=tmp_path / "data", database_url=url,
                            fitcoach_encryption_key=Fernet.generate_key().decode()))
    c.engine.dispose()
    line = run_main(monkeypatch, capsys, {"FITCOACH_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": url,
                                          "FITCOACH_ENCRYPTION_KEY": Fernet.generate_key().decode()})
    assert "FITCOACH_ENCRYPTION_KEY" in line and "does not match" in line


@pytest.mark.parametrize("name, value", [
    ("FITCOACH_DELIVERY_LEASE_S", "abc"), ("FITCOACH_SEND_RATE", "0"), ("FITCOACH_SEND_WORKERS", "abc"),
    ("FITCOACH_ENCRYPTION_KEY", "not-a-fernet-key"),
])
def test_bad_numbers_and_keys(monkeypatch, capsys, data_env, name, value):
    line = run_main(monkeypatch, capsys, {**data_env, name: value})
    assert name in line


def test_old_key_dropped_before_rekey_is_refused(monkeypatch, capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    old = Fernet.generate_key().decode()
    c = build(load_settings(fitcoach_data_dir=tmp_path / "data", database_url=url, fitcoach_encryption_key=old))
    c.engine.dispose()
    env = {"FITCOACH_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": url}
    new = Fernet.generate_key().decode()
    for name, value in {**env, "FITCOACH_ENCRYPTION_KEY": f"{new},{old}"}.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    assert main(["rekey"]) == 0
    assert "re-encrypted" in capsys.readouterr().out
    get_settings.cache_clear()
    monkeypatch.setenv("FITCOACH_ENCRYPTION_KEY", new)
    assert main(["migrate"]) == 0  # the check value moved to the new key too
    get_settings.cache_clear()


TOKEN = "123456789:WRONGsecretWRONGsecretWRONGsecret12"


@pytest.mark.parametrize("argv", [("run",), ("dispatch", "--once")])
async def test_a_token_the_bot_api_rejects_is_one_line_and_never_printed(monkeypatch, capsys, data_env, argv):
    fake = FakeTelegram(token="123456789:RIGHTsecretRIGHTsecretRIGHTsecret12")
    await fake.start()
    try:
        env = {**data_env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.root_url}
        line = await asyncio.to_thread(run_main, monkeypatch, capsys, env, argv)
    finally:
        await fake.stop()
    assert "TELEGRAM_BOT_TOKEN" in line and "rejected" in line
    assert "WRONGsecret" not in line and "123456789" not in line


@pytest.mark.parametrize("argv", [("run",), ("dispatch", "--once")])
def test_an_unreachable_bot_api_is_one_line_naming_the_setting(monkeypatch, capsys, data_env, argv):
    base = f"http://u:pw@127.0.0.1:{free_port()}"
    line = run_main(monkeypatch, capsys, {**data_env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": base}, argv)
    assert "TELEGRAM_API_BASE_URL" in line and "cannot reach" in line and f"127.0.0.1:{base.rsplit(':', 1)[1]}" in line
    assert "WRONGsecret" not in line and "pw" not in line


@pytest.mark.slow
def test_one_line_and_exit_2_from_the_real_command(tmp_path):
    """The console script itself (logging configured, nothing printed before the line)."""
    env = {**os.environ, "FITCOACH_DATA_DIR": str(tmp_path / "data"), "FITCOACH_SEND_RATE": "0",
           "TELEGRAM_BOT_TOKEN": "123456:" + "A" * 35}
    proc = subprocess.run([FITCOACH, "dispatch", "--once"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=120)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "FITCOACH_SEND_RATE" in proc.stderr
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "fitcoach.db").write_bytes(b"")
    env.pop("FITCOACH_SEND_RATE")
    proc = subprocess.run([FITCOACH, "chat", "--no-scheduler"], input="/help\n", capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "fitcoach.db" in proc.stderr and (tmp_path / "data" / "fitcoach.db").stat().st_size == 0
