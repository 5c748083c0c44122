"""The bot loads matplotlib in the background at start, so the first /progress in a process is not slow."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

SCRIPT = r"""
import sys, time
from datetime import date
from pathlib import Path
from cryptography.fernet import Fernet
from bot.settings import load_settings
from bot.wiring import make_app, preload_charts
from coach.events import Incoming
from tests.factories import make_user

assert "matplotlib" not in sys.modules
d = Path(sys.argv[1])
settings = load_settings(fitcoach_data_dir=d / "data", database_url=f"sqlite:///{d}/f.db",
                         fitcoach_encryption_key=Fernet.generate_key().decode(), chroma_path=d / "chroma")
PRELOAD = sys.argv[2] == "preload"
if PRELOAD:
    container, coach = make_app(settings)
else:
    import bot.wiring as w
    w.preload_charts = lambda: None
    container, coach = w.make_app(settings)
make_user(container, "tg:1", start=date.today(), chat_id=1)
time.sleep(6)  # the bot idles a little after start before its first /progress
t0 = time.perf_counter()
replies = coach.handle(Incoming(user_key="tg:1", chat_id=1, text="/progress"))
took = time.perf_counter() - t0
assert any(r.photo for r in replies)
print(f"{took:.3f}")
"""


@pytest.mark.slow
def test_first_progress_after_start_is_not_slow(tmp_path):
    def first_progress(mode: str) -> float:
        (tmp_path / mode).mkdir()
        out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / mode), mode], capture_output=True,
                             text=True, timeout=300, cwd=ROOT)
        assert out.returncode == 0, out.stderr[-2000:]
        return float(out.stdout.strip().splitlines()[-1])

    cold, warm = first_progress("lazy"), first_progress("preload")
    print(f"\n[preload] first /progress after start: {cold:.2f} s without the preload, {warm:.2f} s with it")
    assert warm < cold and warm < 1.0
