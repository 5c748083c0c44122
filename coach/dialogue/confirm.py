"""No silent change: a fact read from free text is shown first ("I understood: weight 75 → 78 kg. Save?") and
stored only on Yes (a button, or a typed yes / 是 / 好). The proposal waits in the dialogue state (flow "confirm");
the typed answer is read in coach.dialogue.ask, which owns free text.
"""
from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from coach.dialogue import log, swap
from coach.dialogue.callbacks import Confirm
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.intake.answers import FIELD_NAMES, error_text, merge_fields, reply_yes_no
from coach.intake.units import KG_PER_UNIT
from coach.services.corrections import apply_profile_change, fmt
from coach.services.profiles import profile_dict
from storage import repos

UNITS = {"weight_kg": "kg", "target_weight_kg": "kg", "height_cm": "cm", "resting_hr": "bpm", "body_fat_pct": "%",
         "sleep_hours": "h", "minutes_per_session": "min", "bp_systolic": "mmHg", "bp_diastolic": "mmHg"}
SCALARS = ("age", "sex", "height_cm", "weight_kg", "resting_hr", "bp_systolic", "bp_diastolic", "body_fat_pct",
           "sleep_hours", "experience", "currently_active", "goal", "target_weight_kg", "target_weeks",
           "days_per_week", "minutes_per_session")
LISTS = (("equipment", "equipment"), ("injury", "injuries"), ("condition", "conditions"),
         ("medication", "medications"))
SKIP_WORDS = re.compile(r"^\s*(?:skip|skip\s+it|/skip|pass|跳过|跳过吧|略过)\s*[.!。！~]*\s*$", re.I)
SAVE_WORDS = re.compile(r"^\s*(?:save|save it|confirm|correct|right|保存|确认|对的|没错)\s*[.!。！]*\s*$", re.I)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(x) for x in value] if isinstance(value, (list, tuple)) else [str(value)]


def changes_from(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Fact values ("equipment_add", "injury_remove", "weight_kg", ...) as new values of profile fields."""
    out: dict[str, Any] = {k: values[k] for k in SCALARS if k in values}
    if "target_loss_kg" in values:
        out["target_delta_kg"] = -float(values["target_loss_kg"])
    elif "target_gain_kg" in values:
        out["target_delta_kg"] = float(values["target_gain_kg"])
    for stem, field in LISTS:
        add, remove = _as_list(values.get(stem + "_add")), _as_list(values.get(stem + "_remove"))
        only = _as_list(values.get(stem + "_only"))  # "just bands now": the list replaced
        if add or remove or only:
            have = only or list(current.get(field) or [])
            out[field] = [x for x in have if x not in remove] + [x for x in add if x not in have]
    if values.get("symptoms"):
        out["symptoms"] = sorted(set(current.get("symptoms") or []) | set(values["symptoms"]))
    return out


def _shown(turn: Turn, field: str, old: Any, new: Any) -> str:
    unit = UNITS.get(field, "")
    label = turn._(FIELD_NAMES.get(field, field))
    if isinstance(new, list) or isinstance(old, list):
        def words(v: Any) -> str:
            return ", ".join(turn._(str(x).replace("_", " ")) for x in (v or [])) or "—"
        return f"{label} {words(old)} → {words(new)}"
    before = "—" if old is None else fmt(old)
    after = turn._(str(new).replace("_", " ")) if isinstance(new, str) else fmt(new)
    return f"{label} {before} → {after}" + (f" {unit}" if unit else "")


def propose(turn: Turn, values: dict[str, Any]) -> list[Reply] | None:
    """Show what the message would change and wait for Yes; None when it names no profile field."""
    current = profile_dict(turn.s, turn.user)
    good, errors = merge_fields(changes_from(values, current), current)
    if errors:
        return [Reply(error_text(turn.lang, e)) for e in errors]
    diff = {k: v for k, v in good.items() if current.get(k) != v}
    if not good:
        return None
    if not diff:
        return [Reply(turn._("That matches what I have already, so nothing needs to change."))]
    token = secrets.token_hex(3)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="confirm", step="profile",
                             data={"changes": diff, "token": token, "at": turn.now().isoformat()})
    shown = "; ".join(_shown(turn, k, current.get(k), v) for k, v in diff.items())
    return [Reply(turn._("I understood: {changes}. Save?", changes=shown),
                  buttons=[[Button(turn._("Yes"), Confirm(True, token).encode()),
                            Button(turn._("No"), Confirm(False, token).encode())]])]


def decide(turn: Turn, yes: bool, data: dict) -> list[Reply]:
    """Apply (Yes) or drop (No) the waiting proposal."""
    if data.get("swap"):  # "Swap A for B in your plan?" (coach.dialogue.swap)
        return swap.decide(turn, yes, data)
    if data.get("relog"):  # "Your session is already logged as done. Change it to skipped?" (coach.dialogue.log_guard)
        return log.relogged(turn, yes, data)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    changes = data.get("changes") or {}
    if not yes or not changes:
        return [Reply(turn._("OK, I left your profile as it was."))]
    return apply_profile_change(turn, changes, source="message")


KG_FIELDS = ("weight_kg", "target_weight_kg")


def in_unit(turn: Turn, data: dict, unit: str) -> list[Reply] | None:
    """"Sorry, that was in lbs" under a proposal: its weights read in that unit and proposed again (None when the
    proposal holds no weight, or kilograms were meant, as they were read)."""
    changes = data.get("changes") or {}
    if data.get("swap") or unit == "kg" or not any(k in changes for k in KG_FIELDS):
        return None
    factor = KG_PER_UNIT[unit]
    fixed = {k: (round(float(v) * factor, 1) if k in KG_FIELDS else v) for k, v in changes.items() if k in SCALARS}
    return propose(turn, fixed)


PROPOSAL_TTL = timedelta(minutes=30)  # a "yes" typed later is about something else: the proposal has gone stale


def stale(turn: Turn, data: dict) -> bool:
    """Whether the waiting proposal is older than PROPOSAL_TTL (proposals from before the stamp never expire)."""
    try:
        return turn.now() - datetime.fromisoformat(data["at"]) > PROPOSAL_TTL
    except (KeyError, TypeError, ValueError):
        return False


def typed_answer(text: str) -> bool | None:
    """A typed reply to "Save?": True, False, or None when it is something else."""
    if SAVE_WORDS.match(text):
        return True
    if SKIP_WORDS.match(text):  # "skip" skips the question asked: nothing is saved
        return False
    return reply_yes_no(text)


@router.callback(Confirm, needs="plan")
def button(turn: Turn, cb: Confirm) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    data = state.data or {}
    if state.flow != "confirm" or data.get("token") != cb.token:
        return [Reply(turn._("That button has expired."))]
    return decide(turn, cb.yes, data)

