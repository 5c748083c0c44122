"""/profile: what the coach knows about the person, in their language and units."""
from __future__ import annotations


from coach.events import Reply
from coach.i18n import N_
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.services.profiles import profile_of
from coach.intake.answers import FIELD_NAMES

UNITS = {"height_cm": "cm", "weight_kg": "kg", "resting_hr": "bpm", "body_fat_pct": "%", "sleep_hours": "h",
         "target_weight_kg": "kg", "minutes_per_session": "min"}
SHOWN = ("age", "sex", "height_cm", "weight_kg", "resting_hr", "bp", "body_fat_pct", "sleep_hours", "experience",
         "currently_active", "goal", "target_weight_kg", "target_weeks", "days_per_week", "minutes_per_session",
         "equipment", "injuries", "conditions", "medications", "symptoms")


def _value(turn: Turn, val: object) -> str:
    if isinstance(val, list):
        return ", ".join(turn._(str(v).replace("_", " ")) for v in val)
    if isinstance(val, bool):
        return turn._("yes") if val else turn._("no")
    if isinstance(val, float):
        return f"{val:g}"
    if isinstance(val, str):
        return turn._(val.replace("_", " "))
    return str(val)


@router.command("profile", help=N_("what I know about you"), quick=True, order=18)
def profile(turn: Turn, arg: str) -> list[Reply]:
    prof = profile_of(turn.s, turn.user)
    if prof is None:
        return [Reply(turn._("No profile yet."))]
    d = prof.to_json()
    lines = [turn._("Your profile:")]
    if "bp_systolic" in d:
        d["bp"] = f"{d.pop('bp_systolic')}/{d.pop('bp_diastolic')} mmHg"
    for key in SHOWN:
        if key in d and d[key] not in (None, [], ""):
            unit = f" {UNITS[key]}" if key in UNITS else ""
            name = turn._(FIELD_NAMES.get(key, key.replace("_", " ")))
            lines.append(f"• {name}: {_value(turn, d[key])}{unit}")
    lines.append(turn._("Correct anything by just telling me, e.g. \"actually I'm 78 kg\"."))
    return [Reply("\n".join(lines))]
