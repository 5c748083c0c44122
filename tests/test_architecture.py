"""The README's 'where things are' table points at files that really hold those things."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Where things are:"):readme.index("Adding a command is one module")]
    paths = [p for p in re.findall(r"`((?:bot|coach|storage|knowledge)/[\w/.<>-]+\.py)`", table) if "<" not in p]
    assert len(paths) >= 10
    assert [p for p in paths if not (ROOT / p).is_file()] == []


def test_the_named_files_hold_what_the_readme_says():
    assert re.search(r'@router\.command\("checkin"', (ROOT / "coach/dialogue/checkin.py").read_text())
    assert "SAFE_WEEKLY_CHANGE" in (ROOT / "coach/domain/limits.py").read_text()
    assert "膝" in (ROOT / "coach/intake/lexicon_zh.py").read_text()
    assert "MetricKind(" in (ROOT / "coach/domain/metrics.py").read_text()
    assert "send" in (ROOT / "bot/scheduler.py").read_text()
