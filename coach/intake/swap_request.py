"""Asking to swap an exercise: "can I swap squats for leg press?", "leg press instead of squats?", "把深蹲换成腿举",
"what can I do instead of burpees?", "我不想做波比跳".

Read by rules (the exercise names by coach.intake.intent_exercises); the answer (coach.dialogue.swap) checks the
swap against the person's plan and proposes it, and nothing changes until they say yes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from coach.intake.intent_exercises import find_exercise

_SEP = r"[\s,，]*"
_EN_FOR = re.compile(  # swap OLD for NEW
    r"(?<![a-z])(?:swap|switch|change|replace|substitute|sub|trade|exchange)\s+(?:out\s+)?(?:the\s+|my\s+|all\s+)?"
    r"(?P<old>[a-z][a-z\s\-']{1,40}?)\s+(?:for|with|to|into|by)\s+(?:the\s+|some\s+|a\s+)?(?P<new>[a-z][a-z\s\-']{1,40})",
    re.I)
_EN_INSTEAD = re.compile(  # NEW instead of OLD
    r"(?:(?:do|use|try|have)\s+)?(?:the\s+|some\s+|a\s+)?(?P<new>[a-z][a-z\s\-']{1,40}?)\s+instead\s+of\s+"
    r"(?:the\s+|my\s+|doing\s+)?(?P<old>[a-z][a-z\s\-']{1,40})", re.I)
_EN_ONLY = re.compile(  # what instead of OLD / an alternative to OLD
    r"(?<![a-z])(?:(?:what|anything)\s+(?:else\s+)?(?:can|could|should)\s+i\s+do\s+instead\s+of|alternatives?\s+(?:to|for)|"
    r"(?:replace|swap(?:\s+out)?|switch\s+out|substitute\s+for|replacement\s+for))\s+(?:the\s+|my\s+|doing\s+|all\s+)?"
    r"(?P<old>[a-z][a-z\s\-']{1,40})", re.I)
_EN_DISLIKE = re.compile(  # I don't like OLD: a swap only when OLD is in the plan (else a preference, read elsewhere)
    r"(?<![a-z])(?:(?:i\s+)?(?:don'?t|do\s+not)\s+(?:like|want\s+to\s+do|enjoy)|i\s+(?:hate|can'?t\s+do|cannot\s+do))\s+"
    r"(?:the\s+|my\s+|doing\s+)?(?P<old>[a-z][a-z\s\-']{1,40})", re.I)
_ZH_FOR = (re.compile(r"把(?P<old>[^，,。？?！!把]{1,12}?)(?:换成|改成|替换成|换为|改为)(?P<new>[^，,。？?！!吗呢吧]{1,12})"),
           re.compile(r"(?P<old>[^，,。？?！!]{1,12}?)(?:能|可以|可不可以|能不能)?(?:换成|改成|替换成)(?P<new>[^，,。？?！!吗呢吧]{1,12})"),
           re.compile(r"用(?P<new>[^，,。？?！!]{1,12}?)(?:代替|替代|替换|取代)(?P<old>[^，,。？?！!吗呢吧]{1,12})"))
_ZH_ONLY = re.compile(r"(?P<old>[^，,。？?！!]{1,12}?)有什么(?:替代|代替|可以替换)|(?:替代|代替|替换)(?P<old2>[^，,。？?！!吗呢吧]{1,12})")
_ZH_DISLIKE = re.compile(r"(?:不想做|不想练|不要练|不想再做|不想再练|不喜欢做?|不喜欢练|做不了|不会做)(?P<old>[^，,。？?！!吗呢吧]{1,12})")
# "我想换掉深蹲", "深蹲能换成别的吗": that exercise swapped for another, the options offered
_ZH_OTHER = re.compile(r"(?:换掉|替换掉|去掉|不练)(?P<old>[^，,。？?！!吗呢吧了]{1,12})|(?P<old2>[^，,。？?！!]{1,12}?)(?:能|可以|可不可以|"
                       r"能不能)?换(?:成|个)?(?:别的|其他|其它|另一个)")
_PAST = re.compile(r"(?<![a-z])(?:did|done|yesterday|went|had\s+to|last\s+(?:time|week|session))(?![a-z])|昨天|做了|练了|上次",
                   re.I)
_ANY_OTHER = re.compile(r"(?:something|anything)(?:\s+else|\s+easier|\s+different)?|(?:an?\s+)?(?:other|alternative|"
                        r"different)(?:\s+(?:one|exercise|move))?|another(?:\s+(?:one|exercise|move))?", re.I)
_SET_LOG = re.compile(r"\d+\s*[x×]\s*\d+|\d+\s*(?:kg|lb)s?", re.I)


@dataclass(frozen=True)
class SwapRequest:
    """The exercise to replace (a catalog slug) and the one asked for instead (None: "what else can I do?");
    `dislike` when they only said they don't like it (a swap only if it is in their plan)."""

    old: str
    new: str | None
    dislike: bool = False


def _exercise(phrase: str | None) -> str | None:
    return find_exercise(phrase, fuzzy=False) if phrase else None


def _pair(m: re.Match[str] | None) -> SwapRequest | None:
    if m is None:
        return None
    old, new = _exercise(m.group("old")), _exercise(m.group("new"))
    if old and new is None and _ANY_OTHER.fullmatch(m.group("new").strip()):
        return SwapRequest(old, None)  # "swap good mornings for something else": the options for it
    return SwapRequest(old, new) if old and new and old != new else None


def swap_request(text: str) -> SwapRequest | None:
    """The swap asked for, or None (a set log or a message naming no exercise is not one)."""
    if not isinstance(text, str) or not text.strip() or len(text) > 300 or _SET_LOG.search(text) or _PAST.search(text):
        return None  # "I did push-ups instead of bench press yesterday" is what was done
    for rx in (_EN_FOR, _EN_INSTEAD, *_ZH_FOR):
        found = _pair(rx.search(text))
        if found:
            return found
    for rx, dislike in ((_EN_ONLY, False), (_ZH_ONLY, False), (_ZH_OTHER, False), (_EN_DISLIKE, True),
                        (_ZH_DISLIKE, True)):
        m = rx.search(text)
        old = _exercise(m.groupdict().get("old") or m.groupdict().get("old2")) if m else None
        if old:
            return SwapRequest(old, None, dislike)
    return None
