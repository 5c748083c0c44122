"""/checkin: weight, sleep, soreness, energy, resting HR and BP, one question at a time or several at once."""
from __future__ import annotations

import re
from typing import Any


from coach.events import Button, Reply
from coach.i18n import N_
from coach.domain.profile import ProfileError
from coach.services.checkins import finish_checkin
from coach.dialogue.callbacks import CheckinAnswer
from coach.dialogue.readings import KIND_NAMES, shown
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.intake import extract, parse_answer
from coach.intake.answers import check_value, error_text, is_skip
from coach.intake.checkin_words import not_measured, scale_word
from coach.services import readings as svc
STEPS = ("weight", "sleep", "soreness", "energy", "resting_hr", "bp")
QUESTIONS = {
    "weight": N_("Check-in! What do you weigh today? (e.g. 72.4 kg; 'skip' to skip)"),
    "sleep": N_("How many hours did you sleep last night?"),
    "soreness": N_("Muscle soreness, 1 (none) to 5 (very sore)?"),
    "energy": N_("Energy, 1 (exhausted) to 5 (great)?"),
    "resting_hr": N_("Resting heart rate this morning, if you measured it? ('skip' if not)"),
    "bp": N_("Blood pressure, if you measured it? (e.g. 124/80; 'skip' if not)"),
}
ERRORS = {
    "weight": N_("Please send a weight like 72.4 kg or 160 lb (25-350 kg), or 'skip'."),
    "sleep": N_("Please send hours of sleep, 0-16, or 'skip'."),
    "soreness": N_("Please answer 1-5, or 'skip'."),
    "energy": N_("Please answer 1-5, or 'skip'."),
    "resting_hr": N_("Please send beats per minute, 30-130, or 'skip'."),
    "bp": N_("Please send blood pressure like 124/80 (mmHg), or 'skip'."),
}
# answer → the profile field whose parser and range check it uses
FIELDS = {"weight": "weight_kg", "sleep": "sleep_hours", "resting_hr": "resting_hr"}
_SCALE = {"soreness": r"(?:sore(?:ness)?|酸痛)\D{0,6}([1-5])\b", "energy": r"(?:energy|精力|能量)\D{0,6}([1-5])\b"}
_SLEPT = r"(?:slept|sleep|睡了?)\D{0,8}?([0-9]{1,2}(?:\.[0-9])?)\s*(?:h\b|hrs?\b|hours?|个?小时)"


def buttons(turn: Turn, step: str) -> list[list[Button]]:
    skip = [Button(turn._("Skip"), CheckinAnswer(step, "skip").encode())]
    if step in ("soreness", "energy"):
        return [[Button(str(i), CheckinAnswer(step, str(i)).encode()) for i in range(1, 6)], skip]
    if step == "sleep":
        return [[Button(str(h), CheckinAnswer("sleep", str(h)).encode()) for h in (5, 6, 7, 8, 9)], skip]
    return [skip]


def question(turn: Turn, step: str) -> Reply:
    return Reply(turn._(QUESTIONS[step]), buttons=buttons(turn, step))


@router.command("checkin", help=N_("a quick check-in"), order=15)
def start(turn: Turn, arg: str = "") -> list[Reply]:
    return _next(turn, {}, list(STEPS))


def _not_logged(turn: Turn, steps: list[str]) -> list[str]:
    """The steps still to ask: a reading logged today (by /weight, in words, earlier in the check-in) is not."""
    logged = svc.kinds_logged_today(turn.s, turn.user, turn.now())
    return [x for x in steps if x not in logged]


def _store_now(turn: Turn, found: dict[str, Any]) -> list[Reply]:
    """Readings sent while another question is open: stored as readings at once (plausible ones only)."""
    doubts = {d.kind: d for d in svc.doubts(turn.s, turn.user, found, turn.now())}
    good = {k: v for k, v in found.items() if k not in doubts}
    replies = svc.store_readings(turn, good, source="manual") if good else []
    for d in doubts.values():
        replies.append(Reply(turn._("I did not save {kind} {value}: it is far from your last reading. If it is right, "
                                    "send it again with /metrics after the check-in.",
                                    kind=turn._(KIND_NAMES[d.kind]), value=shown(d.kind, d.value))))
    return replies


def value_of(step: str, text: str) -> tuple[Any, str | None]:
    """(value, error key) for one check-in answer; ProfileError for a value out of range."""
    if step in FIELDS:
        v = parse_answer(FIELDS[step], text)
        return (check_value(FIELDS[step], v), None) if v is not None else (None, step)
    if step in ("soreness", "energy"):
        digits = [c for c in text if c in "0123456789"]
        if len(digits) == 1 and 1 <= int(digits[0]) <= 5:
            return int(digits[0]), None
        word = scale_word(step, text)  # "a bit sore" → 2, "精力还行" → 3 (said back in answer())
        return (word, None) if word is not None else (None, step)
    if step == "bp":
        v = parse_answer("bp", text)
        if isinstance(v, (tuple, list)) and len(v) == 2:
            sys_, dia = check_value("bp_systolic", v[0]), check_value("bp_diastolic", v[1])
            if sys_ <= dia:
                raise ProfileError("bp_diastolic", "diastolic must be below systolic")
            return [sys_, dia], None
        return None, "bp"
    return None, step


def several(text: str) -> dict[str, Any]:
    """Several check-in answers from one message (only values that pass the range checks)."""
    found = extract(text)
    out: dict[str, Any] = {}
    for key, field in FIELDS.items():
        if field in found:
            try:
                out[key] = check_value(field, found[field])
            except ProfileError:
                pass
    m = re.search(_SLEPT, text, re.I)
    if "sleep" not in out and m and 0 <= float(m.group(1)) <= 16:
        out["sleep"] = float(m.group(1))
    if "bp_systolic" in found and "bp_diastolic" in found and found["bp_systolic"] > found["bp_diastolic"]:
        out["bp"] = [found["bp_systolic"], found["bp_diastolic"]]
    for key, pattern in _SCALE.items():
        m = re.search(pattern, text, re.I)
        if m:
            out[key] = int(m.group(1))
    return out


def _next(turn: Turn, answers: dict, remaining: list[str], text: str | None = None) -> list[Reply]:
    remaining = _not_logged(turn, remaining)
    if not remaining:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return finish_checkin(turn, answers, text=text)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="checkin", step=remaining[0], data={"answers": answers})
    return [question(turn, remaining[0])]


_WORD = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")


def talks(text: str) -> bool:
    """A message that says something else rather than a value: no digit and a few words (or Chinese characters)."""
    return not re.search(r"\d", text or "") and len(_WORD.findall(text or "")) >= 3


@router.flow("checkin")
def answer(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    """A typed (or pressed) answer to the open check-in question."""
    answers = dict((data or {}).get("answers", {}))
    step = step if step in STEPS else "weight"
    many = several(text)
    if many and step not in many:  # a reading that does not answer this question: stored as a reading now
        stored = _store_now(turn, many)
        return stored + _next(turn, answers, [x for x in STEPS[STEPS.index(step):] if x not in answers], text)
    if len(many) >= 2:  # "77.5 kg, slept 6 h, soreness 2": several answers at once
        answers.update({k: v for k, v in many.items() if k not in answers})
        remaining = [x for x in STEPS[STEPS.index(step):] if x not in answers]
        return _next(turn, answers, remaining, text)
    noted: list[Reply] = []
    if not is_skip(text) and not not_measured(text):  # "didn't measure", "没量": skipped like "skip"
        try:
            value, err = value_of(step, text)
        except ProfileError as exc:
            return [Reply(error_text(turn.lang, exc), buttons=buttons(turn, step))]
        if err is not None:
            if talks(text):  # "my knee hurts a bit", "what's on tomorrow?": read as any message, then asked again
                return None
            return [Reply(turn._(ERRORS[err]), buttons=buttons(turn, step))]
        answers[step] = value
        if step in ("soreness", "energy") and not re.search(r"\d", text):  # a number read from words: said back
            noted = [Reply(turn._("Noted {what}: {n} of 5.", what=turn._(KIND_NAMES[step]), n=value))]
    return noted + _next(turn, answers, list(STEPS[STEPS.index(step) + 1:]))


@router.callback(CheckinAnswer, needs="profile")
def button(turn: Turn, cb: CheckinAnswer) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow != "checkin":
        start(turn)
        state = repos.users.get_dialogue(turn.s, turn.user.id)
    return answer(turn, cb.value, state.data or {}, state.step)
