"""/settings, /language, /pause and /resume: reminder time, timezone, check-in days, language."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.dialogue import onboarding
from coach.dialogue.callbacks import Lang, Reminders
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.delivery import KINDS
from coach.services.plans import create_plan
from coach.services.profiles import profile_of, save_profile
from coach.services.progress import PAUSE_MARK, PAUSE_WORKER  # the pause's marks in the delivery log
from coach.intake.answers import parse_reminder
WEEKDAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES_ZH = ("一", "二", "三", "四", "五", "六", "日")
MAX_PAUSE_DAYS = 92
MAX_TZ_LEN = 64  # the longest IANA names are about 32 characters


def weekdays(text: str) -> list[int] | None:
    """'mon,thu' or '周一 周四' → [0, 3]; None when a part is not a day."""
    out = []
    for part in re.split(r"[,\s、，]+", text.lower()):
        if not part:
            continue
        if part[:3] in DAY_NAMES:
            out.append(DAY_NAMES.index(part[:3]))
        elif part[-1:] in DAY_NAMES_ZH:
            out.append(DAY_NAMES_ZH.index(part[-1]))
        else:
            return None
    return sorted(set(out)) or None


def valid_timezone(name: str) -> bool:
    """An IANA timezone name this machine knows (length-checked before any lookup touches the disk)."""
    if not name or len(name) > MAX_TZ_LEN or "\x00" in name or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _change(turn: Turn, key: str, value: str) -> list[Reply] | None:
    """Apply one setting; a reply when the value is refused (or the key unknown), None when it was applied."""
    if key in ("time", "reminder"):
        tv, _tz = parse_reminder(value)
        if tv is None:
            return [Reply(turn._("Send a time like /settings time 07:30."))]
        repos.users.update_user(turn.s, turn.user, reminder_time=tv)
    elif key in ("tz", "timezone"):
        _tv, tz = parse_reminder(value[:MAX_TZ_LEN * 2])
        tz = tz or value.strip()
        if not valid_timezone(tz):
            return [Reply(turn._("Unknown timezone {tz}. Use a name like Europe/London or Asia/Shanghai.",
                                 tz=tz[:40]))]
        repos.users.update_user(turn.s, turn.user, timezone=tz)
    elif key in ("checkin", "checkins"):
        days = weekdays(value)
        if days is None:
            return [Reply(turn._("Send days like /settings checkin mon,thu."))]
        repos.users.update_user(turn.s, turn.user, checkin_days=days)
    elif key in ("language", "lang"):
        return language(turn, value)
    else:
        return [Reply(turn._("Settings: time, tz, checkin, language. Example: /settings time 07:30"))]
    return None


@router.command("settings", help=N_("reminders, timezone, language"), needs="consent", order=19)
def settings(turn: Turn, arg: str) -> list[Reply]:
    words = arg.split()
    if words:
        refused = _change(turn, words[0].lower(), " ".join(words[1:]))
        if refused is not None:
            return refused
    user = turn.user
    names = [turn._(n) for n in WEEKDAY_NAMES]
    text = turn._("Reminder time: {time}\nTimezone: {tz}\nCheck-in days: {days}\nLanguage: {lang}\n"
                  "Reminders: {state}", time=user.reminder_time, tz=user.timezone,
                  days=", ".join(names[d] for d in user.checkin_days), lang=user.language,
                  state=turn._("paused") if user.reminders_paused else turn._("on"))
    text += "\n\n" + turn._("Change with /settings time 07:30, /settings tz Europe/London, /settings checkin "
                            "mon,thu, /language zh, /pause or /resume.")
    return [Reply(text, buttons=[[Button("English", Lang("en").encode()), Button("中文", Lang("zh").encode())],
                                 [Button(turn._("Pause reminders"), Reminders("pause").encode()),
                                  Button(turn._("Resume reminders"), Reminders("resume").encode())]])]


@router.flow("settings")
def typed(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return settings(turn, text)


@router.command("pause", help=N_("pause reminders"), needs="consent", order=20)
def pause(turn: Turn, arg: str = "") -> list[Reply]:
    """Pause until /resume. The day it starts is marked (a "pause" row in the delivery log), so the days in between
    are known afterwards: progress charts plan nothing for them."""
    if not turn.user.reminders_paused:
        _skip_day(turn, PAUSE_MARK, turn.today())
    repos.users.update_user(turn.s, turn.user, reminders_paused=True)
    return [Reply(turn._("Reminders paused. /resume to turn them back on."))]


@router.command("resume", help=N_("turn reminders back on"), needs="consent", order=21)
def resume(turn: Turn, arg: str = "") -> list[Reply]:
    day = repos.deliveries.latest_day(turn.s, turn.user.id, PAUSE_MARK) if turn.user.reminders_paused else None
    while day is not None and day < turn.today():  # the days the open-ended pause lasted: skipped, like a dated one
        for kind in KINDS:
            _skip_day(turn, kind, day)
        day += timedelta(days=1)
    repos.users.update_user(turn.s, turn.user, reminders_paused=False)
    _unpause_days(turn)
    return [Reply(turn._("Reminders are on again."))]


def _skip_day(turn: Turn, kind: str, day: date) -> None:
    """Mark `kind` on `day` skipped by a pause (a day with a row already, e.g. sent, is left as it is)."""
    row = repos.deliveries.claim_delivery(turn.s, turn.user.id, kind, day, worker=PAUSE_WORKER)
    if row is not None:
        repos.deliveries.finish_delivery(turn.s, row.id, "skipped")


@router.callback(Reminders, needs="consent")
def reminders_button(turn: Turn, cb: Reminders) -> list[Reply]:
    return pause(turn) if cb.action == "pause" else resume(turn)


@router.command("language", help=N_("en or zh"), needs="nothing", order=32)
def language(turn: Turn, arg: str) -> list[Reply]:
    lang = arg.strip().lower()
    if lang not in ("en", "zh", "中文", "english"):
        return [Reply(turn._("Choose a language:"),
                      buttons=[[Button("English", Lang("en").encode()), Button("中文", Lang("zh").encode())]])]
    return set_language(turn, "zh" if lang in ("zh", "中文") else "en")


@router.callback(Lang, needs="nothing")
def language_button(turn: Turn, cb: Lang) -> list[Reply]:
    return set_language(turn, cb.lang)


def set_language(turn: Turn, lang: str) -> list[Reply]:
    """Switch language; the active plan is rebuilt in it so its texts match."""
    s, user = turn.s, turn.user
    repos.users.update_user(s, user, language=lang)
    replies = [Reply(t(lang, "Language set to English."))]
    prof = profile_of(s, user)
    plan = repos.plans.active_plan(s, user.id)
    if prof is not None and plan is not None and (plan.data or {}).get("language") != lang:
        data = prof.to_json()
        data["language"] = lang
        prof = save_profile(s, user, data, "language")
        create_plan(s, user, prof, t(lang, "Same plan, now in your language."), start=plan.start_date,
                            weeks=(plan.data or {}).get("horizon_weeks", 4))
    if repos.users.get_dialogue(s, user.id).flow == "onboarding":
        replies += onboarding.ask_next(turn)
    return replies


# --------------------------------------------------------------------------- settings asked for in words

def in_words(turn: Turn, values: dict[str, Any]) -> list[Reply] | None:
    """Apply the settings a message asked for ("send my workouts at 6pm", "I moved to Singapore", "pause for two
    weeks", "用中文") and say what changed; None when it named none."""
    replies: list[Reply] = []
    if "language" in values and values["language"] != turn.user.language:
        replies += set_language(turn, values["language"])
    tz = values.get("timezone")
    if tz and valid_timezone(tz):
        repos.users.update_user(turn.s, turn.user, timezone=tz)
        if "reminder_time" not in values:
            replies.append(Reply(turn._("Timezone set to {tz}; I'll keep sending at {time} your time.", tz=tz,
                                        time=turn.user.reminder_time)))
    if values.get("reminder_time"):
        repos.users.update_user(turn.s, turn.user, reminder_time=values["reminder_time"])
        replies.append(Reply(turn._("From now on I'll send your workouts at {time} ({tz}).",
                                    time=values["reminder_time"], tz=turn.user.timezone)))
    if values.get("reminder_not"):  # "stop sending me messages at 7": nothing changed, the time asked for
        replies.append(Reply(turn._("I won't change anything yet: your workouts come at {time} ({tz}). What time suits "
                                    "you instead? Say it like \"send my workouts at 18:00\", or send /pause to stop "
                                    "the reminders for a while.", time=turn.user.reminder_time, tz=turn.user.timezone)))
    if values.get("checkin_days"):
        repos.users.update_user(turn.s, turn.user, checkin_days=values["checkin_days"])
        names = [turn._(n) for n in WEEKDAY_NAMES]
        replies.append(Reply(turn._("Check-ins on {days}.", days=", ".join(names[d] for d in values["checkin_days"]))))
    if values.get("resume_on"):  # "resume next Monday": paused until that day, due again from it
        back = date.fromisoformat(values["resume_on"])
        _unpause_days(turn, since=back)
        replies += pause_for(turn, (back - turn.today()).days)
    elif values.get("pause_days"):
        start = values.get("pause_start")
        replies += pause_for(turn, int(values["pause_days"]), start=date.fromisoformat(start) if start else None)
    elif values.get("pause"):
        replies += pause(turn)
    if values.get("resume"):
        replies += resume(turn)
    return replies or None


def pause_for(turn: Turn, days: int, *, start: date | None = None) -> list[Reply]:
    """Pause workouts and check-ins for `days` local days from `start` (today): each one is marked skipped in the
    delivery log ahead of time, so the scheduler (which never sends a skipped day) starts again by itself after."""
    days = max(1, min(days, MAX_PAUSE_DAYS))
    start = max(start or turn.today(), turn.today())
    for i in range(days):
        for kind in KINDS:
            _skip_day(turn, kind, start + timedelta(days=i))
    back = start + timedelta(days=days)
    if start > turn.today():
        return [Reply(turn._("Paused from {start} for {days} days. I'll start sending again on {date}; /resume to "
                             "cancel the pause.", start=start.isoformat(), days=days, date=back.isoformat()))]
    return [Reply(turn._("Paused for {days} days. I'll start sending again on {date}; /resume to come back "
                         "earlier.", days=days, date=back.isoformat()))]


def paused_until(turn: Turn) -> Any:
    """The first day after a pause set in words, or None."""
    today = turn.today()
    days = [d.local_date for d in repos.deliveries.deliveries(turn.s, user_id=turn.user.id, kind=KINDS[0])
            if d.claimed_by == PAUSE_WORKER and d.status == "skipped" and d.local_date >= today]
    return max(days) + timedelta(days=1) if days else None


def _unpause_days(turn: Turn, *, since: date | None = None) -> None:
    """Days skipped ahead by a pause (from `since`, default today) become due again (the delivery log's "retry")."""
    today = since or turn.today()
    for d in repos.deliveries.deliveries(turn.s, user_id=turn.user.id):
        if d.claimed_by == PAUSE_WORKER and d.status == "skipped" and d.local_date >= today and d.id is not None \
                and d.kind in KINDS:
            repos.deliveries.finish_delivery(turn.s, d.id, "retry")
