"""/weight and /metrics: readings typed as commands, checked against their ranges before anything is stored."""
from __future__ import annotations

import re
from typing import Any


from coach.events import Reply
from coach.i18n import N_
from coach.domain.profile import ProfileError
from coach.services.corrections import apply_profile_change
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.services.profiles import profile_dict
from coach.services.readings import latest_reading
from coach.intake import extract, parse_answer
from coach.intake.answers import answer_for, check_value, error_text, merge_fields

_CONFIRM = re.compile(r"\b(confirm|yes|确认)\b", re.I)
# the word after /metrics → the profile field it records
METRIC_WORDS = {"rhr": "resting_hr", "hr": "resting_hr", "resting": "resting_hr", "pulse": "resting_hr", "bp": "bp",
                "sleep": "sleep_hours", "bodyfat": "body_fat_pct", "body_fat": "body_fat_pct", "fat": "body_fat_pct",
                "weight": "weight_kg"}
_METRIC_WORD = re.compile(r"\s*(" + "|".join(sorted(METRIC_WORDS, key=len, reverse=True)) + r")\b\s*(.*)")
READING_FIELDS = ("resting_hr", "bp_systolic", "bp_diastolic", "sleep_hours", "body_fat_pct", "weight_kg")
SHOWN = (("weight", "kg"), ("resting_hr", "bpm"), ("bp", "mmHg"), ("sleep", "h"), ("body_fat", "%"))


@router.command("weight", help=N_("record your weight"), order=13)
def weight(turn: Turn, arg: str) -> list[Reply]:
    confirm = bool(_CONFIRM.search(arg))
    arg = _CONFIRM.sub("", arg).strip()
    if not arg:
        return [Reply(turn._("Send it like /weight 72.5 (kg) or /weight 160 lb."))]
    val = parse_answer("weight_kg", arg)
    if val is None:
        return [Reply(turn._("I couldn't read a weight there. Example: /weight 72.5 or /weight 160 lb."))]
    try:
        val = check_value("weight_kg", val)
    except ProfileError as exc:
        return [Reply(error_text(turn.lang, exc))]
    current = profile_dict(turn.s, turn.user).get("weight_kg")
    if current and not confirm and abs(val - current) > max(10.0, 0.1 * current):
        return [Reply(turn._("{new} kg is a big change from your last {old} kg, so I did not save it. If it is right, "
                             "send /weight {new} confirm.", new=f"{val:g}", old=f"{current:g}"))]
    return apply_profile_change(turn, {"weight_kg": val}, source="manual")


@router.command("metrics", help=N_("record or see readings"), order=14)
def metrics(turn: Turn, arg: str) -> list[Reply]:
    if not arg:
        return [Reply(_latest(turn))]
    found: dict[str, Any] = {}
    m = _METRIC_WORD.match(arg.lower())
    if m:
        found = answer_for(METRIC_WORDS[m.group(1)], m.group(2))
    if not found:
        found = {k: v for k, v in extract(arg).items() if k in READING_FIELDS}
    if not found:
        return [Reply(turn._("I couldn't read that. Examples: /metrics rhr 60, /metrics bp 120/80, "
                             "/metrics sleep 7, /metrics bodyfat 22."))]
    good, errors = merge_fields(found, profile_dict(turn.s, turn.user))
    if errors:
        return [Reply(error_text(turn.lang, e)) for e in errors]
    return apply_profile_change(turn, good, source="manual")


def _latest(turn: Turn) -> str:
    lines = [turn._("Your latest readings:")]
    for kind, unit in SHOWN:
        val = latest_reading(turn.s, turn.user, kind)
        if val is not None:
            shown = f"{val[0]}/{val[1]}" if isinstance(val, list) else f"{val:g}"
            lines.append(f"• {turn._(kind.replace('_', ' '))}: {shown} {unit}")
    lines.append(turn._("Record one like: /metrics rhr 60, /metrics bp 120/80, /metrics sleep 7."))
    return "\n".join(lines)
