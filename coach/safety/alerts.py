"""What counts as a warning sign in a reading or a message, and what the person is told to do about it."""
from __future__ import annotations

from typing import Any

from coach.i18n import t
from coach.domain.limits import BP_RED_FLAG, bp_reaches, rhr_alarming


def stop_and_seek_care(lang: str) -> str:
    """The stop-now message for red-flag symptoms and alarming readings."""
    return t(lang, "⚠️ Please stop exercising now. Chest pain, fainting, severe breathlessness or a racing or "
                   "irregular heartbeat can be signs of a serious problem. If it is severe or does not go "
                   "away within a few minutes, call emergency services (e.g. 911 / 112 / 120). Please see a "
                   "doctor before you train again; until then your plan is limited to light activity.")


def alarming_readings(values: dict[str, Any]) -> list[str]:
    """Readings among `values` that call for stop-and-seek-care (resting HR over the alert, BP in the crisis band)."""
    bad = []
    if rhr_alarming(values.get("resting_hr")):
        bad.append(f"resting HR {values['resting_hr']} bpm")
    sys_, dia = values.get("bp_systolic"), values.get("bp_diastolic")
    if bp_reaches(sys_, dia, BP_RED_FLAG):
        bad.append(f"BP {sys_}/{dia} mmHg")
    return bad
