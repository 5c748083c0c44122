"""When a pause asked for in words starts and ends: "until next Monday", "from next Monday for a week",
"away Monday to Friday", "下周一开始暂停两周", "暂停到下周一" (weekdays read against today's date)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from coach.intake.numbers import F

_EN = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(
    r"(?<![a-z])(?P<en_rel>next\s+|this\s+|coming\s+)?(?P<en>mon|tue|wed|thu|fri|sat|sun)"
    r"(?:day|nesday|sday|rsday|urday|s|nes|rs|r|urs)?s?(?![a-z])|(?P<zh_rel>下个?|这个?|本)?(?:周|星期|礼拜)(?P<zh>[一二三四五六日天])", F)
_UNTIL = re.compile(r"(?<![a-z])(?:until|till|til|up\s+to)\s*$|(?:到|至|直到)\s*$", F)
_RANGE = re.compile(r"^\s*(?:to|through|thru|till|until|-|–|到|至)\s*$", F)
_TOMORROW = re.compile(r"(?<![a-z])(?:tomorrow)(?![a-z])|明天", F)
_NEXT_WEEK = re.compile(r"(?<![a-z])next\s+week(?![a-z])|下个?(?:周|星期|礼拜)(?![一二三四五六日天末])", F)


def _day(m: re.Match, today: date) -> date:
    """The date a weekday names: "next Monday" / "下周一" in next week, a bare one on its first day after today."""
    if m["en"]:
        wd, rel = _EN[m["en"][:3]], (m["en_rel"] or "").strip()
        nxt = rel == "next"
    else:
        wd, rel = _ZH[m["zh"]], m["zh_rel"] or ""
        nxt = rel.startswith("下")
    if nxt:
        return today - timedelta(days=today.weekday()) + timedelta(days=7 + wd)
    ahead = (wd - today.weekday()) % 7
    return today + timedelta(days=ahead or 7)


def resume_day(text: str, today: date) -> date | None:
    """The day a resume names ("resume next Monday", "下周一恢复"), if after today."""
    m = _WEEKDAY.search(text.lower())
    day = _day(m, today) if m else None
    return day if day and day > today else None


def pause_window(text: str, today: date) -> tuple[date, int | None] | None:
    """(first paused day, days or None) when the message dates its pause; None when it names no day."""
    low = text.lower()
    days = [(m, _day(m, today)) for m in _WEEKDAY.finditer(low)]
    if not days:
        if _NEXT_WEEK.search(low):  # "pause next week": Monday to Sunday of next week
            return today - timedelta(days=today.weekday()) + timedelta(days=7), None
        return (today + timedelta(days=1), None) if _TOMORROW.search(low) else None
    (m1, d1) = days[0]
    if len(days) >= 2 and _RANGE.match(low[m1.end():days[1][0].start()]):
        m2, d2 = days[1]
        if not (m2["en_rel"] or m2["zh_rel"]):  # "next Monday to Friday": the Friday after that Monday
            d2 = d1 + timedelta(days=(d2.weekday() - d1.weekday()) % 7)
        return d1, (d2 - d1).days + 1  # both ends paused
    if _UNTIL.search(low[:m1.start()]):
        return today, max(1, (d1 - today).days)  # "until next Monday": back on that Monday
    return d1, None
