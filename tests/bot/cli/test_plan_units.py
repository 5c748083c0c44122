"""`fitcoach plan` takes metric profiles only (CONTRACTS.md): a unit key is refused with one line and exit 2."""
from __future__ import annotations

import json

from bot.cli import main

PROFILE = {"age": 40, "sex": "male", "height_cm": 180, "weight_kg": 82, "goal": "general_health", "days_per_week": 3,
           "minutes_per_session": 30, "experience": "beginner"}


def test_a_pound_profile_is_refused_and_a_metric_one_planned(tmp_path, capsys):
    bad = tmp_path / "lb.json"
    bad.write_text(json.dumps({**PROFILE, "weight_kg": 180, "weight_unit": "lb"}))
    assert main(["plan", "--profile", str(bad), "--json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "weight_unit" in err[0] and "metric" in err[0]
    good = tmp_path / "kg.json"
    good.write_text(json.dumps(PROFILE))
    assert main(["plan", "--profile", str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["weeks"]
