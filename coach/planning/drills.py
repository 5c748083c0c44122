"""Timed drills in rounds (review 13, rule 89): a stretch, mobility drill or balance hold is never one long continuous
bout.

kb-flexibility-001 (ACSM, Garber et al. 2011): a stretch is held 10-30 s (30-60 s for older adults) and repeated 2-4
times, about 60 s per exercise; kb-balance-001 / kb-falls-001 (Sherrington et al. 2017/2019): balance work is short
stance holds that step up. So one round of a drill is its written dose (timed.drill_minutes, at most DRILL_MAX_MIN
= 6 minutes) and a drill given more minutes than that is done in rounds: the entry keeps its `minutes` (the whole
time, so every minute count of the plan stays as it was) and gains `rounds`, the number of times its written dose
(`holds`) is repeated; minutes / rounds is never above the drill's one-round time.

The check (rule 89): an entry of a timed drill (its catalog item measured in holds or repetitions, kind mobility or
balance) carries its dose (`holds`), and its minutes per round (minutes / rounds, rounds 1 when absent) are at most
DRILL_MAX_MIN.
"""
from __future__ import annotations

from typing import Any

import math

from coach.planning.checks import Violation
from coach.planning.timed import DRILL_MAX_MIN, drill_minutes
from knowledge.catalog import Exercise, load_catalog

RULE = 89


def _drill(e: dict) -> Exercise | None:
    """The catalog drill behind a timed plan entry (no sets, kind mobility or balance), else None."""
    if e.get("sets") or not e.get("minutes") or e.get("kind") not in ("mobility", "balance"):
        return None
    x = load_catalog().get(str(e.get("id")))
    return x if x is not None and drill_minutes(x) is not None else None


def set_rounds(exercises: list[dict]) -> None:
    """Each timed drill of a session: `rounds` when its minutes are more than one round of its written dose."""
    for e in exercises:
        x = _drill(e)
        if x is None:
            continue
        rounds = math.ceil(float(e["minutes"]) / (drill_minutes(x) or DRILL_MAX_MIN) - 1e-9)
        if rounds > 1:
            e["rounds"] = rounds
        else:
            e.pop("rounds", None)


def drill_rounds(weeks: list[dict], holds_for: Any = None) -> None:
    """Every session's timed drills in rounds (the plan's last pass, after every pass that sets minutes); a drill a
    later pass put in without its written dose gets it here (rule 89)."""
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                x = _drill(e)
                if x is not None and holds_for is not None and not str(e.get("holds") or "").strip():
                    e["holds"] = holds_for(x, int(w.get("week") or 1))  # (holds.hold_text, from the engine)
            set_rounds(s.get("exercises") or [])


def check_drills(weeks: list[dict]) -> list[Violation]:
    """Rule 89: a timed drill carries its hold / repetition dose and no round of it is above DRILL_MAX_MIN minutes."""
    out: list[Violation] = []
    for w in weeks:
        for s in w.get("sessions") or []:
            for e in s.get("exercises") or []:
                if _drill(e) is None:
                    continue
                where = f"week {w.get('week')} day {s.get('day')}: {e.get('id')}"
                if not str(e.get("holds") or "").strip():
                    out.append(Violation(RULE, f"{where} is a timed drill without its holds or repetitions"))
                rounds = e.get("rounds") or 1
                per = float(e["minutes"]) / rounds if isinstance(rounds, int) and rounds >= 1 else float(e["minutes"])
                if per > DRILL_MAX_MIN + 1e-9:
                    out.append(Violation(RULE, f"{where}: {per:g} min in one go > {DRILL_MAX_MIN} (do it in rounds "
                                               f"of its holds, kb-flexibility-001)"))
    return out
