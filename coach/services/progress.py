"""Progress as people look at it: the chart's data gathered from storage, the chart, the trends the rules read.

Everything is in the person's own local days (their timezone), their weight unit and their language. Callers run
off the event loop already (the Telegram handlers and the scheduler call the coach through asyncio.to_thread).
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlmodel import Session

from coach import charts
from coach.charts import data as cd
from coach.charts.caption import join
from coach.domain import trends as tr
from coach.events import Reply
from coach.i18n import norm_lang, t
from coach.services.plans import session_on
from coach.services.profiles import profile_dict
from coach.services.trends import TREND_KINDS, current_trends
from knowledge.catalog import load_catalog
from storage import repos
from storage.models import User

# how coach.dialogue.settings records pauses in the delivery log (this module reads them back for the charts):
PAUSE_WORKER = "pause"  # each paused day's delivery is marked skipped by this worker name
PAUSE_MARK = "pause"  # the kind of the row /pause writes on the first day of an open-ended pause
STRENGTH_DAYS = 120  # the strength panel looks back this far
CHART_DAYS = 365  # the weight, resting HR, BP and sleep panels: the last year (years of imported data are a smear);
# the trend line and the takeaway are still computed from what came before, over TREND_LEAD_DAYS more:
TREND_LEAD_DAYS = 400  # the EWMA keeps 0.9^400 ≈ 5e-19 of a reading this old, less than a float's last digit, so
# readings further back change nothing drawn or said (and years of imported readings are not all decrypted, 1.6 s)


def paused_days(s: Session, user: User, today: date | None = None) -> set[date]:
    """Local days a pause skipped (no session was expected on them): a dated pause's, a resumed open-ended pause's,
    and those of an open-ended pause still running (from its start mark to `today`)."""
    days = {d.local_date for d in repos.deliveries.deliveries(s, user_id=user.id, kind="workout")
            if d.claimed_by == PAUSE_WORKER and d.status == "skipped"}
    start = repos.deliveries.latest_day(s, user.id, PAUSE_MARK) if user.reminders_paused else None
    if start is not None and today is not None:
        days |= {start + timedelta(days=i) for i in range((today - start).days + 1)}
    return days


def _plan_for(made: list[tuple[date, Any]], day: date) -> Any | None:
    """The plan version in force on a day: the last one (by version) created on or before it. `made` is each
    version's local day of creation beside it, oldest version first."""
    current = None
    for made_on, plan in made:
        if made_on <= day:
            current = plan
    return current


def _weeks(s: Session, user: User, today: date) -> list[cd.Week]:
    heads = repos.plans.plan_heads(s, user.id)  # no plan decrypted yet: a person can have hundreds of versions
    if not heads:
        return []
    tz = user.timezone or "UTC"
    made = [(tr.local_day(h.created_at, tz), h) for h in heads]
    first = max(made[0][0], heads[0].start_date)
    # the bars start no earlier than `lo`: only the versions in force from then to today are decrypted (the one in
    # force on `lo`, those made after it, and the first, which stands in on days before any was made)
    lo = cd.monday(today) - timedelta(weeks=cd.ADHERENCE_WEEKS - 1)
    at_lo = _plan_for(made, lo)
    # of the versions made on one day only the last is ever in force (_plan_for): a person who regenerates hundreds
    # of plans in a day (the fuzz suite's, CI: a /progress at 1.05 s of CPU decrypting 612 versions) needs one a day
    last_of_day = {d: h for d, h in made if lo < d <= today}
    wanted = {heads[0].id, *(h.id for h in last_of_day.values()), *([at_lo.id] if at_lo else [])}
    plans = repos.plans.plans_by_id(s, sorted(wanted))

    def planned_on(day: date) -> int:
        head = _plan_for(made, day) or heads[0]
        return 1 if session_on(plans[head.id], day).session is not None else 0

    since = cd.monday(today) - timedelta(weeks=cd.ADHERENCE_WEEKS)
    last: dict[date, str] = {}
    for log in repos.workouts.workout_logs(s, user.id, since=since):
        last[log.session_date] = log.status  # a later log of the same day replaces the earlier
    done = [d for d, status in last.items() if status in cd.DONE_STATUSES]
    return cd.adherence(today, first, planned_on, paused_days(s, user, today), done)


def exercise_name(exercise: str, lang: str) -> str:
    """The catalog's name in the person's language ('Goblet squat', '高脚杯深蹲'); a typed name as it was."""
    ex = load_catalog().get(exercise)
    if ex is None:
        return exercise.replace("_", " ")
    return ex.name.zh if norm_lang(lang) == "zh" else ex.name.en


def chart_data(s: Session, user: User, today: date) -> cd.ChartData:
    """Everything the chart shows for this person today."""
    tz, lang = user.timezone or "UTC", user.language
    after = datetime.combine(today - timedelta(days=CHART_DAYS + TREND_LEAD_DAYS), time.min, timezone.utc)
    rows = {kind: repos.readings.metric_rows(s, user.id, kind, since=after) for kind in TREND_KINDS}
    prof = profile_dict(s, user)
    sets = repos.workouts.set_logs(s, user.id, since=today - timedelta(days=STRENGTH_DAYS))
    unit = cd.display_unit(prof, rows["weight"], [(x.data or {}).get("unit", "kg") for x in sets])
    points, line = cd.weight_series([r for r in rows["weight"] if tr.local_day(r.measured_at, tz) <= today], tz, unit)
    target = prof.get("target_weight_kg")
    kind, strength = cd.strength_series(sets, unit)
    strength = {exercise_name(ex, lang): pts for ex, pts in strength.items()}
    first = today - timedelta(days=CHART_DAYS - 1)
    data = cd.ChartData(
        lang=lang, today=today, unit=unit, weight=cd.since(points, first), trend=cd.since(line, first),
        target=None if target is None else round(float(target) * (cd.LB_PER_KG if unit == "lb" else 1.0), 1),
        weeks=_weeks(s, user, today), rhr=cd.since(tr.daily_points(rows["resting_hr"], tz), first),
        bp=cd.since(cd.bp_series(rows["bp"], tz), first), sleep=cd.since(tr.daily_points(rows["sleep"], tz), first),
        strength=strength, strength_kind=kind, trends=current_trends(s, user, today, rows))
    data.caption = charts.caption(data)
    return data


def progress_chart(s: Session, user: User, today: date) -> tuple[bytes, str]:
    """The chart as PNG and the message beside it."""
    data = chart_data(s, user, today)
    return charts.chart_png(data), charts.summary(data)


def summary_day(user: User, day: date) -> bool:
    """Whether the weekly summary goes out on this local day: the person's first check-in day of the week, at their
    reminder time (people without check-in days get none; storage.repos.progress asks the same of many people)."""
    return bool(user.checkin_days) and day.weekday() == min(user.checkin_days)


def weekly_summary(s: Session, user: User, day: date) -> Reply | None:
    """The week in review with the chart, or None when it is not the day or there is nothing to show yet."""
    if not summary_day(user, day):
        return None
    data = chart_data(s, user, day)
    if not data.weight and not data.weeks and not data.rhr and not data.sleep:
        return None
    lang = user.language
    last = next((w for w in data.weeks if w.start == cd.monday(day) - timedelta(days=7)), None)
    week = (t(lang, "Last week: {done} of {planned} planned sessions done.", done=last.done, planned=last.planned)
            if last is not None and last.planned is not None else None)
    text = join(lang, t(lang, "Your week in review."), week, data.caption)
    return Reply(text, photo=charts.chart_png(data), photo_name="week.png")
