"""`fitcoach import FILE --user NAME`: a summary on stdout, a progress bar on stderr, exit 2 with one line for a
missing file, an unknown format or an unknown user."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import get_settings
from storage import repos
from tests.factories import make_user

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


@pytest.fixture
def cli_env(monkeypatch, settings, container):
    for name, value in {"FITCOACH_DATA_DIR": str(settings.data_dir), "DATABASE_URL": settings.db_url,
                        "FITCOACH_ENCRYPTION_KEY": settings.fitcoach_encryption_key}.items():
        monkeypatch.setenv(name, value)
    getattr(get_settings, "cache_clear", lambda: None)()
    yield container
    getattr(get_settings, "cache_clear", lambda: None)()


def test_import_prints_a_summary_per_kind_and_a_progress_bar(cli_env, capsys):
    uid = make_user(cli_env, "cli:me", start=date(2026, 1, 5), tz="Asia/Shanghai")
    assert main(["import", str(DATA / "garmin.csv"), "--user", "me"]) == 0
    out, err = capsys.readouterr()
    assert "Imported from Garmin: 9 readings added." in out
    assert "steps: 2 added (2026-01-05 to 2026-01-06)" in out
    assert "importing: 100%" in err
    with cli_env.session() as s:
        assert len([r for r in repos.readings.metrics(s, uid) if r.source == "garmin"]) == 9
    assert main(["import", str(DATA / "garmin.csv"), "--user", "me", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "0 readings added" in out and "importing" not in err


@pytest.mark.parametrize("args, message", [
    (["import", "/nonexistent/export.zip", "--user", "me"], "no such file: /nonexistent/export.zip"),
    (["import", str(DATA / "plain.csv"), "--user", "nobody"], "unknown user 'nobody'"),
    (["import", str(DATA / "__init__.py"), "--user", "me"], "unknown file format"),
])
def test_bad_input_is_one_line_and_exit_2(cli_env, capsys, args, message):
    make_user(cli_env, "cli:me", start=date(2026, 1, 5))
    assert main(args) == 2
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("fitcoach:")]
    assert len(lines) == 1 and message in lines[0]
