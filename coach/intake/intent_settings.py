"""Settings asked for in words: reminder time, timezone (city names too), pause for a while, resume, language,
check-in days. "send my workouts at 6pm instead", "以后早上六点半提醒我", "I moved to Singapore",
"pause my reminders for two weeks", "出差十天，先暂停提醒", "talk to me in Chinese", "check-ins on mon and fri".
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from coach.intake.extract import extract
from coach.intake.numbers import F, convert_cn_numerals, number
from coach.intake.pause_dates import pause_window, resume_day

_PAUSE = re.compile(r"(?<![a-z])(?:pause|stop|hold|halt|mute|silence|suspend|turn\s+off|switch\s+off|disable|no\s+(?:more\s+)?(?:reminders|messages|"
                    r"workouts)|don'?t\s+send|do\s+not\s+send|off\s+to|away|vacation|holiday|travell?ing|break)"
                    r"(?![a-z])|暂停|停|关掉|关闭|别发|不要发|不要提醒|别提醒|不用提醒|先别|休息|出差|旅行|度假|放假", F)
_RESUME = re.compile(r"(?<![a-z])(?:resume|unpause|restart|start\s+(?:sending|again|the\s+reminders)|turn\s+.{0,20}"
                     r"back\s+on|i'?m\s+back|back\s+again|back\s+(?:from|home)|got\s+back|ready\s+to\s+(?:go|train|start)\s+"
                     r"again|send\s+.{0,20}again|reminders?\s+on)(?![a-z])|恢复|继续|"
                     r"重新开始|我回来了|回来了|开启提醒", F)
_DURATION = re.compile(r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|"
                       r"couple\s+of|few)?\s*(?:个)?\s*(?P<u>(?<![a-z])(?:days?|weeks?|wks?|months?)(?![a-z])|天|日|"
                       r"(?:周|星期|礼拜)(?![一二三四五六日天末\d])|个月|月)", F)
_UNIT_DAYS = {"day": 1, "days": 1, "天": 1, "日": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7, "周": 7, "星期": 7,
              "礼拜": 7, "month": 30, "months": 30, "个月": 30, "月": 30}
_LANG_ZH = re.compile(r"(?<![a-z])(?:chinese|mandarin|zh)(?![a-z])|中文|汉语|普通话", F)
_LANG_EN = re.compile(r"(?<![a-z])(?:english|en)(?![a-z])|英文|英语", F)
_LANG_CUE = re.compile(r"(?<![a-z])(?:talk|speak|reply|write|answer|switch|change|language|use|in)(?![a-z])|说|用|"
                       r"改成|切换|语言|回复", F)
_CHECKIN = re.compile(r"check[\s-]?ins?|签到|打卡|检查", F)
_EN_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_EN_DAY_RX = re.compile(r"(?<![a-z])(mon|tue|wed|thu|fri|sat|sun)(?:day|nesday|sday|rsday|urday|s|nes|rs|r|urs)?s?(?![a-z])", F)
_ZH_DAY_RX = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])|(?<=[、和,，])([一二三四五六日])")
_ZH_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_TIME_CUE = re.compile(r"(?<![a-z])(?:remind|reminders?|send|at|workouts?|messages?)(?![a-z])|提醒|发|点", F)
_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)")
_HOUR = re.compile(r"(?<![\d:.])(1[0-2]|0?\d)\s*(am|pm|a\.m\.|p\.m\.)|(?:morning|evening|night|afternoon)\s+at\s+"
                   r"(1[0-2]|0?\d)(?![\d:])|at\s+(1[0-2]|0?\d)(?![\d:])\s*(?:in\s+the\s+)?(morning|evening|night|afternoon)?", F)
# a time said NOT to be wanted ("stop sending me messages at 7", "don't message me at 7am", "别在早上7点发"): no new
# reminder time and no pause; the dialogue asks which time instead (coach.dialogue.settings.in_words)
_NOT_AT = re.compile(r"(?<![a-z])(?:stop|don'?t|dont|do\s+not|never|no\s+more|not)(?![a-z])[^.!?;]{0,40}?(?<![a-z])(?:at|"
                     r"by|before|around)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)?|(?:别|不要|不想|不用|停止|"
                     r"别再)[^，。,.!！?？]{0,8}?\d{1,2}\s*(?:[:：]\d{2}|点半?)", F)
# a part of the day said not to be wanted ("don't message me in the morning", "不要早上发消息"): the same question
_NOT_PART = re.compile(r"(?<![a-z])(?:stop|don'?t|dont|do\s+not|never|no)(?![a-z])[^.!?;]{0,30}?(?<![a-z])(?:in\s+the\s+|"
                       r"at\s+|so\s+early\s+in\s+the\s+)?(?P<en>mornings?|evenings?|nights?|afternoons?)(?![a-z])|(?:别|不要|不想|"
                       r"不用|别再)(?:在)?(?P<zh>早上|上午|早晨|清早|晚上|下午|半夜|夜里)(?:给我)?(?:发|提醒|推送)", F)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "a couple of": 2, "couple of": 2, "few": 3}


def pause_days(low: str) -> int | None:
    """Days in "for two weeks", "十天", "a week" (None when no duration is named)."""
    m = _DURATION.search(convert_cn_numerals(low))
    if not m:
        return None
    raw = (m["n"] or "a").strip()
    n = _COUNT_WORDS.get(re.sub(r"\s+", " ", raw)) or number(raw)
    if n is None:
        return None
    return int(round(n * _UNIT_DAYS[m["u"]]))


def _hour(low: str) -> str | None:
    """"7am", "morning at 8", "at 6 in the evening" → HH:00."""
    m = _HOUR.search(low)
    if not m:
        return None
    hour = int(m[1] or m[3] or m[4])
    pm = (m[2] or "").startswith("p") or bool(re.search(r"evening|night|afternoon", m.group(0)))
    if pm and hour < 12:
        hour += 12
    elif (m[2] or "").startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:00"


def checkin_days(low: str) -> list[int] | None:
    days = {_EN_DAYS[m.group(1)] for m in _EN_DAY_RX.finditer(low)}
    days |= {_ZH_DAYS[m.group(1) or m.group(2)] for m in _ZH_DAY_RX.finditer(low)}
    return sorted(days) or None


def settings_values(text: str, *, today: date | None = None) -> dict[str, Any]:
    """The settings a message asks for; {} when it names none. With `today`, a pause that names its days
    ("until next Monday", "from next Monday for a week") gets pause_start (ISO date) and pause_days."""
    low = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    found = extract(text)
    out: dict[str, Any] = {}
    if _CHECKIN.search(low):
        days = checkin_days(low)
        if days:
            out["checkin_days"] = days
            return out
    back = resume_day(low, today) if today else None
    if _RESUME.search(low) and not re.search(r"暂停|(?<!un)pause", low) and back:
        out["resume_on"] = back.isoformat()  # "resume next Monday": paused until then
    elif _RESUME.search(low) and not re.search(r"暂停|(?<!un)pause", low):
        out["resume"] = True
    elif _PAUSE.search(low):
        days = pause_days(low)
        window = pause_window(low, today) if today else None
        if window:
            start, span = window
            out["pause_days"] = span or days or (7 if "week" in low or "周" in low else 1)
            if start != today:
                out["pause_start"] = start.isoformat()
        elif days:
            out["pause_days"] = days
        elif not found.get("reminder_time") and not found.get("timezone"):
            out["pause"] = True
    if _LANG_CUE.search(low):
        if _LANG_ZH.search(low):
            out["language"] = "zh"
        elif _LANG_EN.search(low):
            out["language"] = "en"
    time = found.get("reminder_time")
    if time is None and _TIME_CUE.search(low):
        m = _CLOCK.search(low)
        time = f"{int(m[1]):02d}:{m[2]}" if m else _hour(low)
    unwanted = _NOT_AT.search(convert_cn_numerals(low)) if time else None
    if unwanted:  # "stop sending me messages at 7": that time is unwanted, nothing paused; another time named wins
        out.pop("pause", None)
        rest = convert_cn_numerals(low)[:unwanted.start()] + " " + convert_cn_numerals(low)[unwanted.end():]
        other = extract(rest).get("reminder_time") or (_hour(rest) if re.search(r"\d", rest) else None)
        out["reminder_time" if other else "reminder_not"] = other or time
    elif time and "pause_days" not in out:
        out["reminder_time"] = time
    elif not time and (part := _NOT_PART.search(low)):
        out.pop("pause", None)
        out["reminder_not"] = part["en"] or part["zh"]
    if found.get("timezone"):
        out["timezone"] = found["timezone"]
    return out
