"""Logging is configured once from the settings: LOG_LEVEL is honoured, and lines carry a timestamp."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

FITCOACH = str(Path(sys.executable).parent / "fitcoach")
INFO_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO bot\.terminal: ", re.MULTILINE)


def chat_stderr(tmp_path: Path, level: str, db_url: str, key: str) -> str:
    env = {**os.environ, "FITCOACH_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": db_url,
           "FITCOACH_ENCRYPTION_KEY": key, "LOG_LEVEL": level}
    proc = subprocess.run([FITCOACH, "chat", "--user", f"log{level.lower()}", "--no-scheduler"], input="/help\n",
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "/help" in proc.stdout
    return proc.stderr


@pytest.mark.slow
def test_log_level_info_shows_timestamped_info_lines_and_warning_hides_them(tmp_path, db_url, key):
    assert INFO_LINE.search(chat_stderr(tmp_path, "INFO", db_url, key))
    assert " INFO " not in chat_stderr(tmp_path, "WARNING", db_url, key)
