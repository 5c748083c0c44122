"""What the deterministic answer (no model answer) adds for the person's injuries, as the model's prompt does.

The model is told the person's injuries and to answer with care for them (prompts.health_facts); the knowledge
passage quoted when there is no model answer knows nothing of them. A question about training or moving, or one
that names an injured area, gets one line naming the injuries: care, stop if it hurts, ask a doctor or physio.
"""
from __future__ import annotations

import re

from coach.i18n import N_, t

INJURY_NOTE = N_("Mind your {injuries}: go gently, stop if it hurts, and check with your doctor or physiotherapist "
                 "before you push on.")
# training or moving in general (en + zh): the answers an injury changes
ACTIVITY = re.compile(
    r"\b(?:exercis\w*|train\w*|work ?outs?|lift\w*|squat\w*|lunge\w*|deadlift\w*|press\w*|push-?ups?|pull-?ups?|"
    r"plank\w*|run\w*|jog\w*|walk\w*|hik\w*|cycl\w*|bik\w*|swim\w*|row\w*|stretch\w*|yoga|pilates|cardio|hiit|"
    r"sports?|gym|strength|weights?|sets?|reps?|jump\w*|warm[- ]?ups?|sessions?|active|activity|move|moving)\b|"
    r"运动|训练|锻炼|健身|跑|走|骑|游泳|拉伸|深蹲|弓步|硬拉|卧推|俯卧撑|平板|跳|有氧|力量|瑜伽|热身|练|举|动作",
    re.I)


def _labels(injuries: list[str], lang: str) -> list[str]:
    return [t(lang, str(code).replace("_", " ")) for code in injuries]


def _names_area(text: str, injuries: list[str]) -> bool:
    """True when the text names an injured area in English or Chinese (its catalogue label in either)."""
    low = text.lower()
    return any(label.lower() in low for lang in ("en", "zh") for label in _labels(injuries, lang))


def injury_note(injuries: list[str] | None, question: str, lang: str) -> str | None:
    """The line the deterministic answer adds for the person's injuries (profile codes), or None (no injuries, or
    a question neither about training or moving nor naming an injured area)."""
    injuries = [str(i) for i in injuries or [] if i]
    if not injuries or not (ACTIVITY.search(question) or _names_area(question, injuries)):
        return None
    sep = "、" if lang == "zh" else ", "
    return t(lang, INJURY_NOTE, injuries=sep.join(_labels(injuries, lang)))


__all__ = ["injury_note", "INJURY_NOTE"]
