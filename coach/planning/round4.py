"""Checks added for issue #12's fourth review (numbered after the validator's rule 40).

41 clearance pending (kb-clearance-001): no text in the weeks (session and exercise notes, the walks' advice) tells
   the person to add load, raise the weight or effort, or progress; every session is light and says so.
42 atrial fibrillation or an anticoagulant (kb-afib-001, kb-anticoagulants-001: running and road cycling with a
   helmet can be done), or pregnancy (kb-pregnancy-006, no contact or fall-prone activity): no contact or high
   fall-risk activity; with atrial fibrillation no bpm heart-rate zones. Outdoor rides: review11_text's rule 42 check
   (coach.safety.indoor.indoor_cycling_only: pregnancy, frailty, 80+, dual antiplatelets, a doctor's HR ceiling).
44 frailty (80+, frailty, falls, a walking aid; kb-falls-001, ACSM neuromotor): resistance on >= 2 days a week and
   balance minutes (sessions + the home add-on) building by block to 30, 45, then 60 a week, as far as the time
   allows (a third of each session, 14 balance minutes on each day with the add-on), and every two weeks toward
   ~3 h a week by week 11 (falls.frail_week_aim: 45 → 180), as far as a home practice up to the person's own
   session length a day allows.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from coach.planning.checks import Bounds, Violation
from coach.planning.context import BLEEDING_RISK_AVOID, bleeding_risk
from coach.domain.limits import BLOCK_WEEKS
from coach.domain.vocab import FRAILTY_CONDITIONS
from coach.planning.context import FRAIL_AGE
from coach.planning.antenatal import check_antenatal
from coach.planning.lifters import check_lifters
from coach.planning.offers import check_offers
from coach.planning.falls import frail_week_aim, home_limit
from coach.planning.measure import balance_minutes, is_resistance, label_of, weekly_balance
from coach.planning.schedule import FRAIL_BALANCE_STEPS

HOME_BALANCE_DAY = 14  # what the check counts on from each add-on day for the block floor
AIM_SHARE = 0.9  # and the share of falls.frail_week_aim (toward 180 min by week 11) the week must reach

# telling someone to progress, in English and Chinese; a sentence that negates or defers it ("do not step it up",
# "before stepping up") is not an instruction to progress
PROGRESS = re.compile(r"\badd(ing)? (a little |a bit of |some |more )?(load|weight)|\bincreas\w* (the |your )?"
                      r"(load|weight|intensity|effort|pace|sets|reps)|\bheavier\b|\bmore (load|weight)\b|"
                      r"\bstep(s|ping)? (it |them )?up\b|\bbuild(s|ing)? (up )?to\b|\bprogress|\bmove on to\b|"
                      r"\bnext step\b|\bgo harder\b|\b(getting|gets|get) harder\b|加重|加一点重量|加量|增加重量|增加负荷|提高强度|逐步增加|进阶|加大",
                      re.I)
DEFERRED = re.compile(r"\b(not|never|no|don.t|until|before|without|once)\b|不要|不|别|之前|先\S*再|许可后|许可之后|获准后",
                      re.I)  # "once you are cleared …", "取得许可后 …": after clearance, not now
SAYS_LIGHT = re.compile(r"\blight\b|轻度|轻松", re.I)
SENTENCE = re.compile(r"(?<=[.!?;:。！？；：])\s*")


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "kind", "label", "activity"):
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def progress_sentences(text: str) -> list[str]:
    """The sentences of `text` that tell the person to add load or progress (not negated or deferred)."""
    return [s for s in SENTENCE.split(text) if PROGRESS.search(s) and not DEFERRED.search(s)]


def _pending(weeks: list[dict], b: Bounds) -> list[Violation]:
    """41: waiting for clearance, nothing asks for more and every session is light and says so."""
    if not b.pending:
        return []
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            if label_of(s) != "light" or not SAYS_LIGHT.search(str(s.get("notes") or "")):
                v.append(Violation(41, f"{where}: not light, or its notes do not say so, while clearance is pending"))
        for text in _texts({k: x for k, x in w.items() if k != "week"}):
            v += [Violation(41, f"week {w.get('week')}: {s!r} while clearance is pending")
                  for s in progress_sentences(text)]
    return v


def check_round4(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 41-42, 44, 45 (coach.planning.lifters), 46 (coach.planning.offers), 47 (coach.planning.antenatal)."""
    return (_pending(weeks, b) + _bleeding(weeks, b) + _frail_dose(weeks, b) + check_lifters(weeks, b)
            + check_offers(weeks, b) + check_antenatal(weeks, b))


def _frail_dose(weeks: list[dict], b: Bounds) -> list[Violation]:
    """44: frail people: resistance on >= 2 days and balance building by block toward >= 60 min a week."""
    p = b.profile
    if (p.age < FRAIL_AGE and not set(p.conditions) & set(FRAILTY_CONDITIONS)) or b.pending or b.restricted:
        return []
    v = []
    for i, w in enumerate(weeks):
        sessions = w.get("sessions") or []
        if not sessions or w.get("deload"):
            continue
        if sum(map(is_resistance, sessions)) < min(2, p.days_per_week):
            v.append(Violation(44, f"week {w.get('week')}: resistance on fewer than 2 days for a frail person"))
        days = int((w.get("daily_activity") or {}).get("days") or 0)
        room = sum(int(s.get("minutes") or 0) // 3 for s in sessions) + HOME_BALANCE_DAY * days
        need = min(FRAIL_BALANCE_STEPS[min(2, i // BLOCK_WEEKS)], room)
        # toward ~3 h a week (kb-falls-001): the home practice does its part, up to the person's own session length
        home = home_limit(p.minutes_per_session, i + 1) - 1
        aim = min(frail_week_aim(i + 1), balance_minutes(w) + days * home)
        need = max(need, AIM_SHARE * aim)
        if weekly_balance(w) < need - 1:
            v.append(Violation(44, f"week {w.get('week')}: {weekly_balance(w):.0f} balance minutes < {need} for a "
                                   f"frail person"))
    return v


def _bleeding(weeks: list[dict], b: Bounds) -> list[Violation]:
    """42: atrial fibrillation or an anticoagulant: no contact or high fall-risk activity; with atrial
    fibrillation no bpm zones (an irregular pulse makes them meaningless: RPE and the talk test)."""
    p = b.profile
    if not (bleeding_risk(p) or "pregnancy" in p.conditions):
        return []
    v = []
    for w in weeks:
        walk = w.get("daily_activity") or {}
        if BLEEDING_RISK_AVOID.search(str(walk.get("activity") or "")):
            v.append(Violation(42, f"week {w.get('week')}: {walk.get('activity')} with a bleeding or fall risk"))
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            v += [Violation(42, f"{where}: {e.get('name')} with a bleeding or fall risk")
                  for e in s.get("exercises") or []
                  if BLEEDING_RISK_AVOID.search(f"{e.get('id', '')} {e.get('name', '')}".replace("_", " "))]
            if "atrial_fibrillation" in p.conditions and (s.get("intensity") or {}).get("hr_bpm"):
                v.append(Violation(42, f"{where}: bpm zones with atrial fibrillation (use RPE and the talk test)"))
    return v
