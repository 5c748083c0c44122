"""/weight, /metrics and readings typed in words: range-checked, then checked for a plausible change, then stored.

A value that changed more since the last reading than its kind plausibly can (coach.domain.metrics) is held in
the dialogue state and stored only when the person presses Yes. "Typo, it's 62.8" replaces the last reading.
"""
from __future__ import annotations

import re
from typing import Any

from coach.domain.metrics import by_kind
from coach.domain.profile import ProfileError
from coach.events import Button, Reply
from coach.i18n import N_
from coach.dialogue.callbacks import ReadingConfirm
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.intake import extract, parse_answer, yes_no
from coach.intake.amend import unit_meant
from coach.intake.units import ANY_WEIGHT_UNIT, KG_PER_UNIT, LB_KG
from coach.intake.answers import answer_for, check_value, error_text, merge_fields
from coach.services import readings as svc
from coach.services.profiles import profile_dict
from storage import repos

FLOW = "reading"
_CONFIRM = re.compile(r"\b(confirm|yes|确认)\b|确认", re.I)
# the word after /metrics → the profile field it records
METRIC_WORDS = {"rhr": "resting_hr", "hr": "resting_hr", "resting": "resting_hr", "pulse": "resting_hr", "bp": "bp",
                "sleep": "sleep_hours", "bodyfat": "body_fat_pct", "body_fat": "body_fat_pct", "fat": "body_fat_pct",
                "weight": "weight_kg"}
_METRIC_WORD = re.compile(r"\s*(" + "|".join(sorted(METRIC_WORDS, key=len, reverse=True)) + r")\b\s*(.*)")
READING_FIELDS = ("resting_hr", "bp_systolic", "bp_diastolic", "sleep_hours", "body_fat_pct", "weight_kg")
SHOWN = (("weight", "kg"), ("resting_hr", "bpm"), ("bp", "mmHg"), ("sleep", "h"), ("body_fat", "%"))
KIND_NAMES = {"weight": N_("weight"), "resting_hr": N_("resting heart rate"), "bp": N_("blood pressure"),
              "sleep": N_("sleep"), "body_fat": N_("body fat"), "soreness": N_("soreness"), "energy": N_("energy"),
              "steps": N_("steps")}


def shown(kind: str, value: Any) -> str:
    """62.8 kg, 125/78 mmHg, 7 h."""
    number = "/".join(f"{v:g}" for v in value) if isinstance(value, (list, tuple)) else f"{float(value):g}"
    return f"{number} {by_kind(kind).unit}"


def _checked(turn: Turn, values: dict) -> tuple[dict[str, Any], list[Reply]]:
    """Readings by kind that pass their range checks, and an error reply for each that does not."""
    fields = {k: v for k, v in values.items() if k in READING_FIELDS}
    good, errors = merge_fields(fields, profile_dict(turn.s, turn.user))
    replies = [Reply(error_text(turn.lang, e)) for e in errors]
    kinds = svc.by_kinds(good)
    for kind in ("soreness", "energy", "steps"):  # readings with no profile field
        if values.get(kind) is not None:
            lo, hi = by_kind(kind).range
            if lo <= float(values[kind]) <= hi:
                kinds[kind] = int(values[kind])
            else:
                replies.append(Reply(turn._("{what} is rated {lo}-{hi}.", what=turn._(KIND_NAMES[kind]), lo=int(lo),
                                            hi=int(hi))))
    return kinds, replies


def _ask(turn: Turn, op: str, kinds: dict[str, Any], text: str) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow=FLOW, step="confirm", data={"op": op, "kinds": kinds})
    return [Reply(text, buttons=[[Button(turn._("Yes, save it"), ReadingConfirm(True).encode()),
                                  Button(turn._("No"), ReadingConfirm(False).encode())]])]


def ask_to_store(turn: Turn, kinds: dict[str, Any], text: str) -> list[Reply]:
    """Ask `text` with Yes / No; Yes stores the readings `kinds` ({"weight": 78.0}) after the range checks."""
    kinds, errors = _checked(turn, {by_kind(k).fields[0]: v for k, v in kinds.items()})
    return errors or _ask(turn, "store", kinds, text)


def typed_reading(turn: Turn, values: dict, *, confirmed: bool = False, doubts: list | None = None) -> list[Reply]:
    """Store readings ({"weight_kg": 62.8}, {"bp_systolic": 125, "bp_diastolic": 78}) after the hygiene checks."""
    kinds, errors = _checked(turn, values)
    if errors or not kinds:
        return errors or [Reply(turn._("I couldn't read a reading there. Examples: /weight 72.5, /metrics bp 120/80."))]
    if doubts is None:
        doubts = [] if confirmed else svc.doubts(turn.s, turn.user, kinds, turn.now(), profile_value=True)
    if not doubts:
        return svc.store_readings(turn, kinds)
    lines = [turn._("{new} is a big change from your last {what} of {old} ({date}), more than it usually changes "
                    "in that time.", new=shown(d.kind, d.value), what=turn._(KIND_NAMES[d.kind]),
                    old=shown(d.kind, d.previous), date=d.previous_at.date().isoformat()) for d in doubts]
    lines.append(turn._("Is it right? I'll save it only if you say yes."))
    return _ask(turn, "store", kinds, "\n".join(lines))


def correct_last(turn: Turn, values: dict, text: str | None = None) -> list[Reply]:
    """"Typo, it's 62.8": replace the last reading of that kind (recent: at once; older: after asking).

    With the message text, a weight typed without a unit keeps the unit of the value it corrects."""
    if text is not None and "weight_kg" in values and not ANY_WEIGHT_UNIT.search(text):
        values = {**values, "weight_kg": _in_unit_of_last(turn, float(values["weight_kg"]))}
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == FLOW and (state.data or {}).get("op") == "store":  # the doubtful value was never stored
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return typed_reading(turn, values)
    kinds, errors = _checked(turn, values)
    if errors or not kinds:
        return errors or [Reply(turn._("Which value should it be? For example: typo, it's 62.8 kg."))]
    now = turn.now()
    fresh = {k: v for k, v in kinds.items()  # stored at once as a new reading (an older one is asked about below)
             if svc.is_stated(turn.s, turn.user, k) or svc.latest_reading(turn.s, turn.user, k) is None}
    doubtful = svc.doubts(turn.s, turn.user, fresh, now, profile_value=True)
    if doubtful:  # "I'm not 35, I'm 36" is no weight of 36 kg: a new reading no body can make is asked about
        return typed_reading(turn, values, doubts=doubtful)
    older = {}
    replies: list[Reply] = []
    for kind, value in kinds.items():
        row = svc.recent_to_correct(turn.s, turn.user, kind, now)
        if svc.is_stated(turn.s, turn.user, kind):  # "actually I'm 78 kg" after setup: a new reading, history kept
            replies += svc.store_readings(turn, {kind: value})
        elif row is not None:
            old = row.value
            svc.replace_reading(turn, row, value)
            replies.append(Reply(turn._("Corrected: {what} {old} → {new}. The old value no longer counts.",
                                        what=turn._(KIND_NAMES[kind]), old=shown(kind, old), new=shown(kind, value))))
        elif svc.latest_reading(turn.s, turn.user, kind) is not None:
            older[kind] = value
        else:
            replies += svc.store_readings(turn, {kind: value})
    if older:
        lines = [turn._("Your last {what} reading was {old} on {date}. Replace it with {new}?",
                        what=turn._(KIND_NAMES[k]), old=shown(k, row.value), new=shown(k, v),
                        date=row.measured_at.date().isoformat())
                 for k, v in older.items() if (row := repos.readings.latest_metric(turn.s, turn.user.id, k))]
        replies += _ask(turn, "replace", older, "\n".join(lines))
    return replies


def _in_unit_of_last(turn: Turn, kg: float) -> float:
    """A bare number correcting a weight means the unit the corrected value was given in: of kilograms and pounds,
    the reading nearer the last stored weight ("209 lbs", then "I meant 208" is 208 lb, not 208 kg)."""
    last = repos.readings.latest_metric(turn.s, turn.user.id, "weight")
    if last is None or not last.value:
        return kg
    as_lb = round(kg * LB_KG, 1)
    return as_lb if abs(as_lb - last.value) < abs(kg - last.value) else kg


UNIT_NAMES = {"lb": N_("pounds"), "jin": N_("jin (斤)"), "kg": N_("kilograms")}


def unit_fix(turn: Turn, unit: str) -> list[Reply]:
    """"Oops I meant pounds", "我说的是斤": the weight waiting for Yes, or the one just stored, read in that unit and
    proposed again (nothing is stored before Yes)."""
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    data = state.data or {}
    pending = (data.get("kinds") or {}).get("weight") if state.flow == FLOW else None
    row = None if pending is not None else svc.recent_to_correct(turn.s, turn.user, "weight", turn.now())
    typed = pending if pending is not None else (row.value if row is not None else None)
    if typed is None:
        return [Reply(turn._("Which weight? Send it again with its unit, like \"weight 176 lb\" or \"体重150斤\", and "
                             "I'll convert it."))]
    if unit == "kg":
        return [Reply(turn._("I read {v} as kilograms already. If that's wrong, send it again with its unit, like "
                             "\"weight 176 lb\".", v=f"{float(typed):g}"))]
    kg = round(float(typed) * KG_PER_UNIT[unit], 1)
    kinds, errors = _checked(turn, {"weight_kg": kg})
    if errors or not kinds:
        return errors
    op = data.get("op", "store") if pending is not None else "replace"
    text = turn._("{v} {unit} is {kg} kg. Save {kg} kg as your weight?", v=f"{float(typed):g}",
                  unit=turn._(UNIT_NAMES[unit]), kg=f"{kg:g}") if op == "store" else \
        turn._("{v} {unit} is {kg} kg. Replace your last weight reading ({v} kg) with {kg} kg?", v=f"{float(typed):g}",
               unit=turn._(UNIT_NAMES[unit]), kg=f"{kg:g}")
    return _ask(turn, op, kinds, text)


def _resolve(turn: Turn, data: dict, yes: bool) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    kinds = data.get("kinds") or {}
    if not kinds:
        return [Reply(turn._("That button has expired."))]
    if not yes:
        return [Reply(turn._("Not saved."))]
    if data.get("op") == "replace":
        replies = []
        for kind, value in kinds.items():
            row = repos.readings.latest_metric(turn.s, turn.user.id, kind)
            if row is None:
                replies += svc.store_readings(turn, {kind: value})
                continue
            old = row.value
            svc.replace_reading(turn, row, value)
            replies.append(Reply(turn._("Corrected: {what} {old} → {new}. The old value no longer counts.",
                                        what=turn._(KIND_NAMES[kind]), old=shown(kind, old), new=shown(kind, value))))
        return replies
    return svc.store_readings(turn, kinds)


@router.callback(ReadingConfirm, needs="profile")
def confirm_button(turn: Turn, cb: ReadingConfirm) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow != FLOW:
        return [Reply(turn._("That button has expired."))]
    return _resolve(turn, state.data or {}, cb.save)


@router.flow(FLOW)
def typed_answer(turn: Turn, text: str, data: dict, step: str) -> list[Reply] | None:
    """Yes / no typed under the question; a new value of the same kind instead; anything else drops the question."""
    kinds = data.get("kinds") or {}
    single = [k for k in kinds if len(by_kind(k).fields) == 1]
    if len(single) == 1 and re.search(r"\d", text):
        field = by_kind(single[0]).fields[0]
        value = parse_answer(field, text)
        if value is not None and value != kinds[single[0]]:
            repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
            values = {field: value}
            return typed_reading(turn, values) if data.get("op") == "store" else correct_last(turn, values)
    unit = unit_meant(text)  # "oops I meant pounds": the value waiting for Yes, read in that unit
    if unit is not None and "weight" in kinds:
        return unit_fix(turn, unit)
    yn = yes_no(text)
    if yn is not None:
        return _resolve(turn, data, yn)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return None  # not an answer: the dialogue reads it as any other message


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
    return typed_reading(turn, {"weight_kg": val}, confirmed=confirm)


@router.command("metrics", help=N_("record or see readings"), order=14)
def metrics(turn: Turn, arg: str) -> list[Reply]:
    if not arg:
        return [Reply(_latest(turn))]
    confirm = bool(_CONFIRM.search(arg))
    arg = _CONFIRM.sub("", arg).strip()
    found: dict[str, Any] = {}
    m = _METRIC_WORD.match(arg.lower())
    if m:
        found = answer_for(METRIC_WORDS[m.group(1)], m.group(2))
    if not found:
        found = {k: v for k, v in extract(arg).items() if k in READING_FIELDS}
    if not found:
        return [Reply(turn._("I couldn't read that. Examples: /metrics rhr 60, /metrics bp 120/80, "
                             "/metrics sleep 7, /metrics bodyfat 22."))]
    return typed_reading(turn, found, confirmed=confirm)


def _latest(turn: Turn) -> str:
    lines = [turn._("Your latest readings:")]
    for kind, unit in SHOWN:
        val = svc.latest_reading(turn.s, turn.user, kind)
        if val is not None:
            value = f"{val[0]}/{val[1]}" if isinstance(val, list) else f"{val:g}"
            lines.append(f"• {turn._(kind.replace('_', ' '))}: {value} {unit}")
    lines.append(turn._("Record one like: /metrics rhr 60, /metrics bp 120/80, /metrics sleep 7."))
    return "\n".join(lines)
