"""Group programmes: a coach's session in free text or from a template, one-off or weekly, and each member's own
version of it built by the planning engine from that member's profile and screening (none under a hard stop)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach.domain.profile import ProfileError, validate_profile
from coach.i18n import N_, t
from coach.intake.lexicon_zh import CN_WEEKDAYS
from coach.planning import make_plan
from coach.render import KIND_NAMES, session_text
from coach.services.profiles import profile_of
from storage.models import Group, GroupSession, User

# name -> (kind, minutes): what "/session tue 18:00 intervals" means when no minutes are given
TEMPLATES = {"intervals": ("hiit", 30), "cardio": ("aerobic", 40), "strength": ("strength", 45),
             "mobility": ("mobility", 20), "circuit": ("mixed", 40)}
TEMPLATE_HELP = N_("Templates: intervals (30 min), cardio (40), strength (45), mobility (20), circuit (40).")
_KIND_WORDS = (("hiit", r"interval|hiit|tabata|sprint|间歇|冲刺"),
               ("mobility", r"mobility|stretch|yoga|flexib|pilates|拉伸|瑜伽|灵活|柔韧"),
               ("strength", r"strength|weights?|lift|resistance|dumbbell|kettlebell|力量|哑铃|举重"),
               ("aerobic", r"cardio|run|jog|walk|cycl|bike|swim|row|aerobic|有氧|跑|走|骑|游泳"),
               ("mixed", r"circuit|bootcamp|mixed|full.?body|综合|循环"))
_EN_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_RX_DAY = re.compile(r"(?<![a-z])(mon|tue|wed|thu|fri|sat|sun)[a-z]*|(?:周|星期|礼拜)([一二三四五六日天])", re.I)
_RX_TIME = re.compile(r"(?<![\d:])(\d{1,2})(?:[:.：](\d{2}))?\s*(am|pm)(?![a-z])|(?<![\d:])(\d{1,2})[:.：](\d{2})(?!\d)"
                      r"|(上午|早上|早晨|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*[点點](?:\s*(半)|\s*(\d{1,2})\s*分?)?", re.I)
_PM_ZH = ("中午", "下午", "傍晚", "晚上")
_RX_MIN = re.compile(r"(\d{1,3})\s*(?:min(?:ute)?s?|m(?![a-z])|分钟|分)", re.I)
_RX_WEEKLY = re.compile(r"weekly|every|each|每周|每个星期|每星期", re.I)
_RX_RELATIVE = re.compile(r"(?<![a-z])(today|tonight|tomorrow)(?![a-z])|(今天|今晚|明天)", re.I)
# for each asked kind, the member's own session kinds that serve it, best first
PREFER = {"hiit": ("hiit", "aerobic", "mixed"), "aerobic": ("aerobic", "mixed", "hiit"),
          "strength": ("strength", "mixed"), "mobility": ("mobility", "balance", "aerobic", "mixed"),
          "mixed": ("mixed", "strength", "aerobic")}


@dataclass(frozen=True)
class Spec:
    """A parsed group session: what, how long, when (weekly on a weekday, or once on a date)."""

    title: str
    kind: str
    minutes: int
    time: str
    weekday: int | None
    on_date: date | None


def parse(text: str, today: date, now: str = "") -> Spec | None:
    """'Tuesday 18:00: intervals 30 min', 'weekly sat 9am mobility', '明天 7:30 力量 45分钟', '每周二晚上6点半 间歇';
    None without a time. A time already passed today (`now`, local "HH:MM") is next week's on a named weekday,
    else tomorrow's; 'today' said outright stays today."""
    clock = _clock(text)
    if clock is None or clock[0] > 23 or clock[1] > 59:
        return None
    hour, minute = clock
    kind, minutes = _kind_and_minutes(text)
    weekday, on_date = _when(text, today)
    title = _title(text, kind)
    weekly = bool(_RX_WEEKLY.search(text)) and weekday is not None
    if not weekly and on_date is None:
        on_date = _next_on(today, weekday if weekday is not None else today.weekday())
        if on_date == today and f"{hour:02d}:{minute:02d}" <= now:  # passed: next week's day, or tomorrow
            on_date += timedelta(days=7 if weekday is not None else 1)
    return Spec(title, kind, minutes, f"{hour:02d}:{minute:02d}", weekday if weekly else None,
                None if weekly else on_date)


def _clock(text: str) -> tuple[int, int] | None:
    """(hour, minute) from '18:00', '6:30pm', '9am', '晚上6点半', '7点15分'; None without a time."""
    m = _RX_TIME.search(text)
    if m is None:
        return None
    if m.group(3):
        return int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0), int(m.group(2) or 0)
    if m.group(5):
        return int(m.group(4)), int(m.group(5))
    hour = int(m.group(7))
    hour += 12 if m.group(6) in _PM_ZH and hour < 12 and not (m.group(6) == "中午" and hour >= 11) else 0
    return hour, 30 if m.group(8) else int(m.group(9) or 0)


def _title(text: str, kind: str) -> str:
    """What to do, without the when ('Tuesday 18:00: intervals 30 min weekly' -> 'intervals 30 min')."""
    rest = re.sub(r"每个?(?:周|星期|礼拜)[一二三四五六日天]", " ", text)
    for rx in (_RX_TIME, _RX_DAY, _RX_WEEKLY, _RX_RELATIVE):
        rest = rx.sub(" ", rest)
    rest = re.sub(r"\s+", " ", rest).strip(" :：,，.。-")
    rest = re.sub(r"^(?:(?:at|on|from)\b[\s:：,，-]*)+|(?:[\s,，]+(?:at|on|from))+$", "", rest, flags=re.I)
    return (rest or next((name for name, (k, _m) in TEMPLATES.items() if k == kind), kind))[:200]


def _kind_and_minutes(text: str) -> tuple[str, int]:
    low = text.lower()
    template = next((name for name in TEMPLATES if name in low), None)
    kind = TEMPLATES[template][0] if template else next((k for k, rx in _KIND_WORDS if re.search(rx, low)), "mixed")
    found = _RX_MIN.search(text)
    minutes = int(found.group(1)) if found else (TEMPLATES[template][1] if template else 30)
    return kind, max(10, min(180, minutes))


def _when(text: str, today: date) -> tuple[int | None, date | None]:
    rel = _RX_RELATIVE.search(text)
    if rel:
        word = (rel.group(1) or rel.group(2)).lower()
        return None, today + timedelta(days=1 if word in ("tomorrow", "明天") else 0)
    day = _RX_DAY.search(text)
    if day is None:
        return None, None
    if day.group(1):
        return _EN_DAYS[day.group(1).lower()[:3]], None
    return CN_WEEKDAYS[day.group(2)] - 1, None


def _next_on(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def occurrence_on(session: GroupSession, day: date) -> bool:
    return session.on_date == day if session.weekday is None else session.weekday == day.weekday()


def starts_at(session: GroupSession, group: Group, day: date) -> datetime:
    """The occurrence's start as an aware datetime in the group's timezone."""
    hh, mm = (int(x) for x in session.time.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(group.timezone or "UTC"))


def when_text(lang: str, session: GroupSession) -> str:
    if session.weekday is None:
        return t(lang, "on {date} at {time}", date=session.on_date.isoformat() if session.on_date else "?",
                 time=session.time)
    days = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))  # "every Tue" ("Tuesdays")
    return t(lang, "every {day} at {time}", day=t(lang, days[session.weekday]), time=session.time)


@dataclass(frozen=True)
class Version:
    """What one member gets for one occurrence: their own session (with Done buttons) or why there is none."""

    text: str
    session: dict | None


def member_version(s: Session, user: User, session: GroupSession, group: Group, day: date) -> Version:
    """The member's own version of the group session, built by the engine from their profile and screening."""
    lang = user.language
    head = t(lang, "{group}: {title} ({when})", group=group.title or group.join_code, title=session.title,
             when=f"{day.isoformat()} {session.time}")
    prof = profile_of(s, user)
    if prof is None:
        return Version(head + "\n" + t(lang, "Finish your profile (/start) and I'll send you your own version of "
                                             "the group sessions, fitted to your health and equipment."), None)
    try:
        p = validate_profile({**prof.to_json(), "minutes_per_session": session.minutes})
    except ProfileError:
        p = prof
    plan = make_plan(p, 1, lang=lang)
    stop = plan["safety"].get("hard_stop")
    if stop or not plan.get("weeks") or not plan["weeks"][0]["sessions"]:
        why = stop["reason"] if stop else ""
        return Version(head + "\n" + t(lang, "There is no version of this session for you right now: {why} Please "
                                             "sit this one out and see a doctor first; tell me when you have been "
                                             "cleared.", why=why), None)
    mine = _pick(plan["weeks"][0]["sessions"], session.kind)
    lines = [head, t(lang, "Your own version, fitted to your screening, injuries and equipment:")]
    if mine["kind"] not in PREFER[session.kind][:1]:
        lines.append(t(lang, "({asked} is swapped for {kind} in your version: it is what your plan allows.)",
                       asked=t(lang, KIND_NAMES.get(session.kind, session.kind)),
                       kind=t(lang, KIND_NAMES.get(mine["kind"], mine["kind"]))))
    if mine["minutes"] < session.minutes:
        lines.append(t(lang, "(The group does {group} min; yours is {mine} min, what your plan allows now.)",
                       group=session.minutes, mine=mine["minutes"]))
    lines.append(session_text(mine, lang, header=t(lang, "{kind}, {minutes} min",
                                                  kind=t(lang, KIND_NAMES.get(mine["kind"], mine["kind"])),
                                                  minutes=mine["minutes"])))
    return Version("\n".join(lines), mine)


def _pick(sessions: list[dict], kind: str) -> dict:
    for wanted in PREFER.get(kind, (kind,)):
        for x in sessions:
            if x["kind"] == wanted:
                return x
    return sessions[0]
