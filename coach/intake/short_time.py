"""Short on time today: "what if I only have 20 minutes today?", "I've got half an hour", "今天只有20分钟".

A question about today's session (coach.dialogue.short_session answers it with a shorter version of the session),
never a fact about the person: it changes nothing. What was done ("I only had 20 minutes so I did half") is
workout feedback and is not read here; neither is an answer about the plan's usual session length ("I can do 20
minutes a session"), which onboarding and the settings read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from coach.intake.numbers import NUM, normalize, number

MIN_MINUTES, MAX_MINUTES = 1, 240
_PER_SESSION = re.compile(r"(?<![a-z])(?:per|a|each|every)\s+(?:session|workout|day|time)|每次|每天|一次", re.I)
_PAST = re.compile(r"(?<![a-z])(?:had|did|was|were|only\s+got\s+to|managed|trained|ran|walked|yesterday)(?![a-z])|"
                   r"昨天|练了|跑了|做了|只练|走了", re.I)
_UNIT = r"(?:minutes?|mins?|m(?![a-z])|hours?|hrs?|h(?![a-z]))"
_NOT_TODAY = (r"(?!\s*(?:of\s+)?(?:rest|breaks?\s+between|pauses?|recovery|between|walk|run|commute|drive|ride|"
              r"warm|cool|cardio|sessions?|workouts?|class(?:es)?|each|a\s+day|per|intervals?|sprints?|plank)(?![a-z]))")
_AMOUNT = rf"(?P<n>{NUM})\s*-?\s*(?P<unit>{_UNIT}){_NOT_TODAY}"
_EN = re.compile(  # "I only have 20 minutes", "I've got half an hour": time the person has
    rf"(?<![a-z])(?:(?:only|just)\s+(?:have|got|has)|(?:have|got|has)\s+(?:only|just)|i'?ve\s+(?:only\s+|just\s+)?got|"
    rf"i\s+(?:only\s+|just\s+)?have|there'?s\s+(?:only|just))\s+(?:about\s+|around\s+|like\s+|maybe\s+)?{_AMOUNT}",
    re.I)
_EN_BARE = re.compile(  # "just 10 mins today", "can I do 15 min now?": only with a word for today, never "enough"
    rf"(?<![a-z])(?:only|just|(?:what|how)\s+about|can\s+i\s+do|could\s+i\s+do)\s+(?:about\s+|around\s+)?{_AMOUNT}",
    re.I)
_TODAY = re.compile(r"(?<![a-z])(?:today|tonight|now|this\s+(?:morning|afternoon|evening))(?![a-z])", re.I)
_TODAY_ZH = re.compile(r"今天|今晚|今早|现在|早上|晚上|这会")
_SUFFICES = re.compile(r"(?<![a-z])enough(?![a-z])|够不够|足够", re.I)
_EN_VAGUE = re.compile(
    r"(?<![a-z])(?:short\s+(?:on|of)\s+time|pressed\s+for\s+time|(?:in\s+a|in\s+such\s+a)\s+(?:rush|hurry)|"
    r"(?:no|not\s+much|little|barely\s+any|hardly\s+any)\s+time\s+(?:today|tonight|this\s+(?:morning|evening))|"
    r"(?:quick|quicker|shorter|short)\s+(?:version|workout|session)\s+(?:of\s+)?(?:today|for\s+today|"
    r"today'?s)?|(?:busy|swamped|slammed)\s+(?:day\s+)?today)(?![a-z])", re.I)
_ZH_AMOUNT = r"(?P<n>\d+(?:\.\d+)?)\s*(?:个)?\s*(?P<unit>分钟|分|小时|钟头)"
_ZH = (re.compile(rf"(?:只有|只剩|就|才有|只能(?:练|抽出)?|仅有|能练|可以练)\s*{_ZH_AMOUNT}"),
       re.compile(rf"{_ZH_AMOUNT}(?:的)?(?:时间)?(?:怎么练|练什么)"))
_ZH_VAGUE = re.compile(r"(?:今天|今晚|早上|晚上)[^。！？?]{0,6}(?:没(?:什么|多少)?时间|时间(?:不够|不多|很紧|紧)|赶时间|很忙)|"
                       r"赶时间|时间不够|时间不多")


@dataclass(frozen=True)
class ShortTime:
    """Today's time is short: how many minutes, when a number was given (None: "short on time")."""

    minutes: int | None


def _minutes(n: str, unit: str) -> int | None:
    value = number(n)
    if value is None:
        return None
    hours = unit.lower().startswith("h") or unit in ("小时", "钟头")
    total = round(value * 60) if hours else round(value)
    return total if MIN_MINUTES <= total <= MAX_MINUTES else None


def short_on_time(text: str) -> ShortTime | None:
    """Today's time when the message says it is short, or None."""
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return None
    cased, low = normalize(text)
    if _PAST.search(low) or _PER_SESSION.search(low):
        return None
    m = _EN.search(low) or _ZH[0].search(cased) or _ZH[1].search(cased)
    if m is None and _TODAY.search(low) and not _SUFFICES.search(low):
        m = _EN_BARE.search(low)
    if m:
        minutes = _minutes(m.group("n"), m.group("unit"))
        return ShortTime(minutes) if minutes is not None else None
    if _EN_VAGUE.search(low) or _ZH_VAGUE.search(cased):
        return ShortTime(None)
    return None


def short_today(text: str) -> bool:
    """Short on time and saying it is about today ("I only have 20 minutes today", "今天只有半小时", "short on time"):
    not the usual session length, even mid-onboarding."""
    found = short_on_time(text)
    if found is None:
        return False
    cased, low = normalize(text)
    return found.minutes is None or bool(_TODAY.search(low) or _TODAY_ZH.search(cased))
