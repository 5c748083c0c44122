"""A body part said to be bothering someone in everyday words: "left shoulder is a bit cranky", "my knee's been
playing up", "lower back is a bit grumpy", "肩膀有点不舒服".

Outside onboarding's injury question such a message is an injury to plan around, offered for confirmation (never a
pain logged against a session: that needs "hurts" / "pain" / "疼"). Negations ("my shoulder is fine", "no knee
issues"), questions, other people's bodies and messages with no body part ("I had a cranky boss") give nothing.
"""
from __future__ import annotations

import re

from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.extract import extract
from coach.intake.intent_answers import asks, looks_like_question
from coach.intake.others import about_someone_else

COMPLAINT = re.compile(en.COMPLAINT_CUES + "|" + "|".join(zh.COMPLAINT_CUES), re.I)
# said this way it is a pain to log now (coach.dialogue.log), or a question for the knowledge passages
_PAIN_WORDS = re.compile(r"(?<![a-z])(?:hurts?|hurting|pain[a-z]*|injur[a-z]*|sore|aches?|aching)(?![a-z])|疼|痛|伤",
                         re.I)
_NOT_MINE = re.compile(r"(?<![a-z])(?:boss|wife|husband|partner|friend|son|daughter|mum|mom|dad|kid|dog|cat|car|"
                       r"computer|phone|laptop)(?![a-z])", re.I)


def body_complaint(text: str) -> list[str]:
    """The areas (injury codes) a message says are bothering the writer, in everyday words; [] for anything else."""
    if not COMPLAINT.search(text) or _PAIN_WORDS.search(text) or asks(text) or looks_like_question(text):
        return []
    if about_someone_else(text) or _NOT_MINE.search(text):
        return []
    return list(extract(text).get("injuries") or [])
