"""Sessions: a read-only session refuses every write; settings errors before migrating are one clear line."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from storage.db import WriteRefused, session_scope
from storage.repos import export, plans, users


def test_a_read_only_session_refuses_every_write_and_leaves_no_trace(engine):
    with session_scope(engine) as s:
        user, _ = users.get_or_create_user(s, "tg:12", channel="telegram")
        plans.save_plan(s, user.id, {"weeks": []}, "v1", date(2026, 1, 1))
    writes = [
        lambda s: users.get_or_create_user(s, "tg:13", channel="telegram"),  # ORM insert
        lambda s: users.update_user(s, users.get_user(s, user.id), language="zh"),  # ORM update
        lambda s: plans.save_plan(s, user.id, {"weeks": []}, "v2", date(2026, 1, 1)),  # Core update first
        lambda s: export.delete_user(s, user.id),  # Core delete
    ]
    for write in writes:
        with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
            assert plans.active_plan(s, user.id).version == 1  # reads are fine
            write(s)

    def swallowed(s):
        try:
            users.set_dialogue(s, user.id, flow="checkin")
        except WriteRefused:
            pass

    with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
        swallowed(s)  # a caller that swallows the refusal still does not get a normal ending
    with pytest.raises(WriteRefused), session_scope(engine, read_only=True) as s:
        users.get_user(s, user.id).timezone = "Asia/Shanghai"  # changed but never flushed: still a write
    with session_scope(engine) as s:
        assert users.find_user(s, "tg:13") is None
        assert users.get_user(s, user.id).language == "en"
        assert users.get_user(s, user.id).timezone == "UTC"
        assert [p.version for p in plans.plan_history(s, user.id)] == [1]
        assert users.get_dialogue(s, user.id).flow == "idle"


@pytest.mark.slow  # five subprocesses
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
