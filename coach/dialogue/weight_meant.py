"""A bare weight typed outside a weight question ("75 kg", "165 lbs"): today's weight or a target? Asked before
anything is stored (coach.intake.weight_meant reads the words). "My weight now" stores it as a reading (with the
usual checks: a big jump is asked about again), "My target" stores it as the target weight (with the checks any
target gets), "Neither" stores nothing. Typed answers ("now", "target", "目标", "no") work like the buttons."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import ClassVar

from coach.dialogue import confirm, readings
from coach.dialogue.callbacks import CallbackData
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.intake.numbers import F
from coach.intake.weight_meant import weight_meant as by_words
from coach.intake.answers import error_text, merge_fields
from coach.services.corrections import apply_profile_change, fmt
from coach.services.profiles import profile_dict
from storage import repos

CHOICES = ("now", "target", "neither")
_NOW = re.compile(r"^\W*(?:(?:it'?s|it\s+is|that'?s|my)\s+)?(?:(?:current|today'?s|actual)\s+)?(?:now|current(?:ly)?|"
                  r"today|weight(?:\s+now|\s+today)?|my\s+weight(?:\s+now)?|the\s+first(?:\s+one)?|1|现在(?:的)?(?:体重)?|"
                  r"当前(?:体重)?|目前(?:体重)?|体重|今天(?:的)?)\W*$", F)
_TARGET = re.compile(r"^\W*(?:(?:it'?s|it\s+is|that'?s|my)\s+)?(?:a\s+|the\s+)?(?:target|goal|target\s+weight|goal\s+weight|"
                     r"the\s+second(?:\s+one)?|2|目标(?:体重)?|是目标)\W*$", F)
_NEITHER = re.compile(r"^\W*(?:neither|none|nothing|3|都不是|都不|不是)\W*$", F)


@dataclass(frozen=True)
class WeightMeant(CallbackData):
    """`wm:now:<token>` / `wm:target:<token>` / `wm:neither:<token>` under "Is 75 kg your weight now or a target?"."""

    prefix: ClassVar[str] = "wm"
    which: str
    token: str

    @classmethod
    def parse(cls, parts: list[str]) -> WeightMeant | None:
        if len(parts) != 2 or parts[0] not in CHOICES or not (parts[1].isascii() and parts[1].isalnum()) \
                or len(parts[1]) > 12:
            return None
        return cls(parts[0], parts[1])


def bare(turn: Turn, text: str, kg: float) -> list[Reply] | None:
    """A weight typed as a reading: asked about ("75 kg"), or proposed for Yes as today's weight ("I'm 75 kg now")
    or as a target ("want to get to 75 kg"); None when the words name the body weight ("weight 75": a reading)."""
    meant = by_words(text)
    if meant == "ask":
        return ask(turn, kg)
    return confirm.propose(turn, {"weight_kg" if meant == "now" else "target_weight_kg": kg}) if meant else None


def ask(turn: Turn, kg: float) -> list[Reply]:
    """Ask what the weight is; nothing is stored."""
    token = secrets.token_hex(3)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="confirm", step="weight_meant",
                             data={"weight_meant": kg, "token": token, "at": turn.now().isoformat()})
    return [Reply(turn._("Is {kg} kg your weight now, or a target? Nothing is saved until you say.", kg=fmt(kg)),
                  buttons=[[Button(turn._("My weight now"), WeightMeant("now", token).encode()),
                            Button(turn._("My target"), WeightMeant("target", token).encode()),
                            Button(turn._("Neither"), WeightMeant("neither", token).encode())]])]


def typed(text: str) -> str | None:
    """"now", "target" or "neither" for a typed answer to the question, None for anything else."""
    if _NOW.match(text):
        return "now"
    if _TARGET.match(text):
        return "target"
    if _NEITHER.match(text) or confirm.typed_answer(text) is False:
        return "neither"
    return None


def answered(turn: Turn, text: str, data: dict) -> list[Reply] | None:
    """The typed answer acted on, or None when the text is no answer (or the question has gone stale)."""
    which = typed(text)
    return decide(turn, which, data) if which is not None and not confirm.stale(turn, data) else None


def decide(turn: Turn, which: str, data: dict) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    kg = float(data["weight_meant"])
    if which == "now":
        return readings.typed_reading(turn, {"weight_kg": kg})
    if which == "target":  # chosen: stored as confirmed, after the same checks as any target
        good, errors = merge_fields({"target_weight_kg": kg}, profile_dict(turn.s, turn.user))
        return [Reply(error_text(turn.lang, e)) for e in errors] or apply_profile_change(turn, good, source="message")
    return [Reply(turn._("OK, I didn't save it."))]


@router.callback(WeightMeant)
def button(turn: Turn, cb: WeightMeant) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    data = state.data or {}
    if state.flow != "confirm" or data.get("token") != cb.token or "weight_meant" not in data:
        return [Reply(turn._("That button has expired."))]
    return decide(turn, cb.which, data)
