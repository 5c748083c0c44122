"""What a weight typed outside a weight question means, by its words: today's weight ("I'm 75 kg now", "75kg this
morning", "我现在75公斤"), a target ("want to get to 75 kg", "goal 75", "想减到75公斤"), or, for a bare "75 kg", not
said: the coach asks which before anything is stored (coach.dialogue.weight_meant)."""
from __future__ import annotations

import re
import unicodedata

from coach.intake.numbers import F

# the weight named as a measure of the body: read as a reading, as before ("weight 75 kg", "weighed 75", "体重75")
_WEIGHT_WORD = re.compile(r"(?<![a-z])(?:weigh(?:s|ed|ing|t|ts)?|scales?|body\s*weight|bw)(?![a-z])|体重|称|秤", F)
_TARGET = re.compile(r"(?<![a-z])(?:target|goal|aim(?:ing)?|want(?:\s+to|na)|wish|hope|hoping|would\s+like\s+to|"
                     r"get\s+(?:down\s+|back\s+|up\s+)?to|reach|hit|(?:trying|try)\s+to|plan\s+to|dream)(?![a-z])|"
                     r"目标|想|希望|争取|打算|减到|降到|增到|练到|达到", F)
_I_WEIGH = re.compile(r"(?<![a-z])(?:i\s+weigh|i'?m|im|i\s+am)(?![a-z])|我(?:现在|目前)?(?:体重)?(?:是|有)?\s*\d", F)
_NOW = re.compile(r"(?<![a-z])(?:i'?m|im|i\s+am|now|today|currently|this\s+morning|tonight|at\s+the\s+moment|right\s+now|"
                  r"these\s+days)(?![a-z])|现在|目前|今天|今早|早上|这两天|最近", F)


def weight_meant(text: str) -> str | None:
    """"target" when the words make the weight a target, "now" when they make it today's weight (to confirm),
    "ask" for a weight with no such words ("75 kg"), None when the message logs the body weight ("weight 75",
    "weighed 75 kg this morning": a reading as before); "I weigh 75 kg" is today's weight to confirm."""
    low = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")
    if _TARGET.search(low):
        return "target"
    if _I_WEIGH.search(low):  # "i weigh 165 lbs", "I'm 75 kg": a statement about themselves, confirmed first
        return "now"
    if _WEIGHT_WORD.search(low):
        return None
    return "now" if _NOW.search(low) else "ask"
