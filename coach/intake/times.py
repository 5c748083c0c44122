"""Times in messages: reminder clock times, deadlines ("by March", "年底前") and time zones."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import available_timezones

from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.context import Ctx, groups_free
from coach.intake.numbers import F, round_half_up

MONTHS = en.MONTHS
SEASON_DATES: dict[str, tuple[int, int]] = {**en.SEASON_DATES, **zh.SEASON_DATES}
PM_PERIODS = en.PM_PERIODS | zh.PM_PERIODS
_AM_PERIODS = ("凌晨", "清晨", "早上", "早晨", "上午", "一早", "明早", "morning")
# English city names are matched without word boundaries, as they always were ("londoner" counts)
TIMEZONE_RXS = [(re.compile(e + "|" + z, F), tz_e) for (e, tz_e), (z, _) in zip(en.TIMEZONES, zh.TIMEZONES)]
TZ_ABBREVIATIONS = en.TZ_ABBREVIATIONS
TZ_ABBR_RX = re.compile(r"(?<![A-Za-z])(" + "|".join(TZ_ABBREVIATIONS) + r")(?![A-Za-z])")
IANA_RX = re.compile(r"(?<![A-Za-z/])((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|"
                     r"Indian|Pacific|Etc)/[A-Za-z_+-]+(?:/[A-Za-z_]+)?)", re.I | re.A)
UTC_OFFSET_RX = re.compile(r"(?<![a-z])(?:utc|gmt)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?00)?(?![\d:])"
                           r"|(?<![a-z])(?:utc|gmt)(?![a-z+-])|东(?P<cn>\d{1,2})区", F)

_RX_AMPM = re.compile(r"(?<![\d.:])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])", F)
_RX_CLOCK = re.compile(r"(?<![\d.:/])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])", F)
_RX_NOT_REMINDER = re.compile(r"(?<![a-z])(?:after|before|until|till|from|between|to|and|by|than)\s*$|"
                              r"(?:之前|以前|之后|以后|到)\s*$", F)
_RX_ROUTINE_BEFORE = re.compile(r"(?<![a-z])(?:wake|wakes|woke|get\s+up|gets\s+up|go\s+to\s+bed|bed|sleep|"
                                r"work|start|finish|finishes|leave|home|eat|dinner|lunch|breakfast)(?![a-z])"
                                r"(?:\s+(?:up|work|at|around|by|about|from))*\s*$", F)
_RX_ROUTINE_AFTER = re.compile(r"\s*(?:左右|前后)?\s*(?:就|才|会|要)?\s*(?:睡|起|醒|下班|上班|吃|到家|回家|出门)")
_RX_CLOCK_NOT = re.compile(r"\s*(?:/\s*(?:km|mi)|min(?:utes)?\s*(?:/|per)|pace|per\s+(?:km|mile))", F)
_RX_CLOCK_NOT_BEFORE = re.compile(r"(?<![a-z])(?:in|under|sub|pb|pr|time|finish(?:ed)?|pace|ran|of)\s*$", F)
_RX_AT_PERIOD = re.compile(r"(?:(?<![a-z])at\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?|"
                           r"(?<![\d.:])(?P<h2>\d{1,2})[:.](?P<m2>\d{2}))\s+(?:o'?clock\s+)?(?:in\s+the\s+)?"
                           r"(?P<p>morning|evening|afternoon|night|tonight)(?![a-z])", F)
_RX_NOON = re.compile(r"(?<![a-z])at\s+(?P<w>noon|midday|midnight|lunchtime)(?![a-z])", F)
_RX_REMIND_AT = re.compile(r"(?<![a-z])(?:remind\w*|notif\w*|ping|message|text)(?![a-z])[^.!?\n]{0,40}?"
                           r"(?<![a-z])at\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?![\d:.])(?:\s*o'?clock)?", F)
_RX_CN_TIME = re.compile(r"(?P<p>凌晨|清晨|早上|早晨|上午|一早|明早|中午|下午|傍晚|晚上|夜里|夜晚|晚间|今晚)?"
                         r"\s*(?P<h>\d{1,2})\s*(?:点|時|时)(?:\s*(?:(?P<q>[13])\s*刻|(?P<m>\d{1,2})\s*分?|"
                         r"(?P<half>半)|钟|整))?")
_RX_REMIND_CONTEXT = re.compile(r"提醒|通知|叫我|推送|发消息|打卡|remind|notif|ping\s+me", F)
_RX_BY_MONTH = re.compile(
    r"(?<![a-z])(?:by|before|until|till|til|in\s+time\s+for|no\s+later\s+than)\s+(?:the\s+)?"
    r"(?:(?P<edge>end|beginning|start|middle|mid)\s*-?\s*(?:of\s+)?)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?:of\s+)?)?(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d:]))?(?:,?\s+(?P<y>\d{4}))?", F)
_RX_BY_ISO = re.compile(r"(?<![a-z])(?:by|before|until|till|on|deadline|target\s+date)\s*:?\s*"
                        r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)", F)
_RX_BY_SEASON = re.compile(r"(?<![a-z])(?:by|before|until|till)\s+(?:the\s+)?(?:next\s+)?(?P<w>"
                           + "|".join(sorted((k for k in SEASON_DATES if k.isascii()), key=len, reverse=True))
                           + r")(?![a-z])", F)
_RX_CN_BY_MONTH = re.compile(r"(?P<next>明年)?\s*(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月(?:份)?\s*"
                             r"(?:(?P<d>\d{1,2})\s*[日号])?\s*(?P<edge>底|末|初|中旬)?\s*(?:之前|以前|前|为止)")
_RX_CN_BY_SEASON = re.compile(r"(?P<w>年底|年末|夏天|夏季)(?:之前|以前|前)")


def weeks_between(today: date, target: date) -> int:
    """Whole weeks from today to a target date, rounded."""
    return round_half_up((target - today).days / 7)


def safe_date(year: int, month: int, day: int) -> date | None:
    """date() that returns None instead of raising on impossible dates."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def month_deadline(today: date, month: int, day: int | None, edge: str | None, year: int | None) -> date | None:
    """The next date matching "by March", "by the end of March", "by 15 March 2027"."""
    if not 1 <= month <= 12:
        return None
    years = [year] if year else [today.year, today.year + 1]
    for y in years:
        if edge in ("end", "底", "末"):
            first_next = safe_date(y + (month == 12), month % 12 + 1, 1)
            target = first_next - timedelta(days=1) if first_next else None
        elif edge in ("mid", "middle", "中旬"):
            target = safe_date(y, month, 15)
        else:
            target = safe_date(y, month, day or 1)
        if target and (year or target > today):
            return target
    return None


def fmt_time(hour: int, minute: int) -> str | None:
    """"HH:MM" for a valid clock time, else None."""
    if 0 <= hour <= 24 and 0 <= minute < 60:
        return f"{hour % 24:02d}:{minute:02d}"
    return None


def ampm(hour: int, minute: int, period: str) -> str | None:
    """Clock time from a 12-hour reading and its period word (am/pm/下午/早上 ...)."""
    period = period.replace(".", "").strip()
    if period in ("am", "a") or period in _AM_PERIODS:
        if hour > 12:
            return fmt_time(hour, minute) if period not in ("am", "a") else None
        return fmt_time(0 if hour == 12 else hour, minute)
    if period in ("pm", "p") or period in PM_PERIODS:
        if hour > 12:
            return fmt_time(hour, minute) if period not in ("pm", "p") else None
        return fmt_time(hour if hour == 12 else hour + 12, minute)
    if period == "中午":
        return fmt_time(hour + 12 if hour < 11 else hour, minute)
    return fmt_time(hour, minute)


def _routine_time(t: str, m: re.Match[str]) -> bool:
    """True for clock times that are not reminder requests: "free after 6pm", "I wake up at 6am"."""
    return bool(_RX_NOT_REMINDER.search(t, max(0, m.start() - 12), m.start())
                or _RX_ROUTINE_BEFORE.search(t, max(0, m.start() - 20), m.start())
                or _RX_ROUTINE_AFTER.match(t, m.end()))


def _english_times(ctx: Ctx) -> None:
    """"7am", "7:30 in the evening", "21:15", "at noon", "remind me at 7"."""
    t = ctx.text
    for m in _RX_AMPM.finditer(t):
        ctx.claim(*m.span())
        if not _routine_time(t, m):
            ctx.put("reminder_time", ampm(int(m["h"]), int(m["m"] or 0), m["ap"][0]), m.start(), personal=False)
    for m in _RX_AT_PERIOD.finditer(t):
        h, mins = (m["h"], m["m"]) if m["h"] else (m["h2"], m["m2"])
        if ctx.free(*m.span()):
            ctx.claim(*m.span())
            ctx.put("reminder_time", ampm(int(h), int(mins or 0), m["p"]), m.start(), personal=False)
    for m in _RX_CLOCK.finditer(t):
        if not ctx.free(*m.span()) or _RX_CLOCK_NOT.match(t, m.end()) or \
                _RX_CLOCK_NOT_BEFORE.search(t, max(0, m.start() - 12), m.start()):
            continue  # a pace ("5:30 /km") or a race time ("in 1:45")
        ctx.claim(*m.span())
        if not _routine_time(t, m):
            ctx.put("reminder_time", fmt_time(int(m["h"]), int(m["m"])), m.start(), personal=False)
    for m in _RX_NOON.finditer(t):
        ctx.put("reminder_time", "00:00" if m["w"] == "midnight" else "12:00", m.start(), personal=False)
    for m in _RX_REMIND_AT.finditer(t):
        if groups_free(ctx, m, "h"):
            ctx.claim(*m.span("h"))
            ctx.put("reminder_time", fmt_time(int(m["h"]), int(m["m"] or 0)), m.start(), personal=False)


def _chinese_times(ctx: Ctx) -> None:
    """"早上7点", "晚上八点半", "下午三点一刻提醒我" (a bare "7点" only when a reminder is asked for)."""
    t = ctx.text
    remind = ctx.answer or bool(_RX_REMIND_CONTEXT.search(t))
    for m in _RX_CN_TIME.finditer(t):
        if not (m["p"] or remind) or not groups_free(ctx, m, "h", "m"):
            continue
        ctx.claim(*m.span())
        if _RX_ROUTINE_AFTER.match(t, m.end()) and not remind:
            continue  # "晚上十点睡觉" is a bedtime
        minute = 30 if m["half"] else int(m["q"]) * 15 if m["q"] else int(m["m"] or 0)
        ctx.put("reminder_time", ampm(int(m["h"]), minute, m["p"] or ""), m.start(), personal=False)


def dates_and_times(ctx: Ctx) -> None:
    """Reminder clock times and deadlines ("by March" -> target_weeks)."""
    _english_times(ctx)
    _chinese_times(ctx)
    _deadlines(ctx)


def _put_deadline(ctx: Ctx, m: re.Match[str], target: date | None) -> None:
    """Claim a deadline phrase and record the weeks to its date."""
    if target:
        ctx.claim(*m.span())
        ctx.put("target_weeks", weeks_between(ctx.today, target), m.start(), personal=False)


def _deadlines(ctx: Ctx) -> None:
    """"by March", "by 2027-03-01", "by summer", "3月前", "年底前" -> target_weeks."""
    t, today = ctx.text, ctx.today
    for m in _RX_BY_MONTH.finditer(t):
        day = m["d1"] or m["d2"]
        _put_deadline(ctx, m, month_deadline(today, MONTHS[m["mon"]], int(day) if day else None, m["edge"],
                                             int(m["y"]) if m["y"] else None))
    for m in _RX_BY_ISO.finditer(t):
        target = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        ctx.claim(*m.span())
        if target:
            ctx.put("target_weeks", weeks_between(today, target), m.start(), personal=False)
    for rx in (_RX_BY_SEASON, _RX_CN_BY_SEASON):
        for m in rx.finditer(t):
            month, day = SEASON_DATES[m["w"]]
            target = month_deadline(today, month, day, None, None)
            if rx is _RX_BY_SEASON or ctx.free(*m.span()):
                _put_deadline(ctx, m, target)
    for m in _RX_CN_BY_MONTH.finditer(t):
        if not groups_free(ctx, m, "m"):
            continue
        year = int(m["y"]) if m["y"] else (today.year + 1 if m["next"] else None)
        _put_deadline(ctx, m, month_deadline(today, int(m["m"]), int(m["d"]) if m["d"] else None, m["edge"], year))


@lru_cache(maxsize=1)
def _known_zones() -> dict[str, str]:
    """Lower-cased IANA zone names available on this system (empty when tzdata is missing)."""
    try:
        return {z.lower(): z for z in available_timezones()}
    except Exception:  # no tz database: accept names as written
        return {}


def _utc_offset_zone(m: re.Match[str]) -> str | None:
    """"UTC+8" -> Etc/GMT-8 (POSIX signs are inverted), "东8区" likewise; None beyond ±14 h."""
    if m["cn"]:
        return f"Etc/GMT-{int(m['cn'])}"
    if m["h"] is not None:
        hours = int(m["h"])
        if hours > 14:
            return None
        return "Etc/UTC" if hours == 0 else f"Etc/GMT{'-' if m['sign'] == '+' else '+'}{hours}"
    return "Etc/UTC"


def timezone(ctx: Ctx) -> None:
    """City/country words, abbreviations, literal IANA names and UTC offsets -> timezone."""
    for rx, zone in TIMEZONE_RXS:
        for m in rx.finditer(ctx.text):
            ctx.put("timezone", zone, m.start(), personal=False)
    for m in TZ_ABBR_RX.finditer(ctx.raw):
        ctx.put("timezone", TZ_ABBREVIATIONS[m.group(1)], m.start(), personal=False)
    for m in IANA_RX.finditer(ctx.raw):
        name: str | None = m.group(1)
        zones = _known_zones()
        if zones:
            name = zones.get(name.lower())
        else:
            name = "/".join(p[:1].upper() + p[1:] for p in name.split("/"))
        if name:
            ctx.put("timezone", name, m.start(), personal=False)
    for m in UTC_OFFSET_RX.finditer(ctx.text):
        zone = _utc_offset_zone(m)
        if zone is not None:
            ctx.put("timezone", zone, m.start(), personal=False)
