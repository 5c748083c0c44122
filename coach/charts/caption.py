"""The chart's one-sentence takeaway, and dates written the way the person reads them."""
from __future__ import annotations

from datetime import date, timedelta

from coach.charts.data import ChartData
from coach.domain import trends as tr
from coach.i18n import norm_lang, t

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CHANGE_WINDOW_DAYS = 28  # the takeaway's change is over the last four weeks (or since the first weigh-in)


def fmt_day(d: date, lang: str, *, year: bool = False) -> str:
    """'12 Mar' in English, '3月12日' in Chinese (no locale database: the process locale never matters); with the
    year: '12 Mar 2026', '2026年3月12日'."""
    if norm_lang(lang) == "zh":
        return f"{d.year}年{d.month}月{d.day}日" if year else f"{d.month}月{d.day}日"
    return f"{d.day} {MONTHS_EN[d.month - 1]}" + (f" {d.year}" if year else "")


def fmt_num(x: float, digits: int = 1) -> str:
    """A signed change with a real minus sign: −1.8, +0.4."""
    text = f"{abs(x):.{digits}f}"
    return ("−" if x < 0 else "+") + text if round(abs(x), digits) else text


def weight_sentence(data: ChartData) -> str | None:
    """'−1.8 kg in 4 weeks, 0.45 kg/week, on pace for 70 kg by 12 Mar' from the trend line."""
    line = data.trend
    if len(line) < 2:
        return None
    end_day, now = line[-1]
    since = end_day - timedelta(days=CHANGE_WINDOW_DAYS)
    start_day, then = next((p for p in line if p[0] >= since), line[0])
    days = (end_day - start_day).days
    if days < 1:
        return None
    lang, unit = data.lang, data.unit
    weeks = round(days / 7)
    span = (t(lang, "in {n} weeks", n=weeks) if weeks >= 2 else t(lang, "in 1 week") if weeks == 1 else
            t(lang, "in {n} days", n=days) if days > 1 else t(lang, "in 1 day"))
    text = t(lang, "{change} {unit} {span}", change=fmt_num(now - then), unit=unit, span=span)
    rate = data.trends.weight_rate
    if rate is not None:
        scale = (1 / 0.45359237) if unit == "lb" else 1.0
        text += t(lang, ", {rate} {unit}/week", rate=f"{abs(rate * scale):.2f}", unit=unit)
        target = data.target
        when = tr.eta(now, rate * scale, target, data.today) if target is not None else None
        if when is not None:
            text += t(lang, ", on pace for {target} {unit} by {date}", target=f"{target:g}", unit=unit,
                      date=fmt_day(when, lang))
    return text + t(lang, ".")


def adherence_sentence(data: ChartData) -> str | None:
    """'9 of 12 planned sessions done in the last 4 weeks.' over the weeks that had a plan."""
    weeks = [w for w in data.weeks if w.planned is not None]
    if not weeks:
        return None
    done = sum(w.done for w in weeks)
    planned = sum(w.planned or 0 for w in weeks)
    if len(weeks) == 1:  # a plan's first week ("in the last 1 weeks" is no English)
        return t(data.lang, "{done} of {planned} planned sessions done this week.", done=done, planned=planned)
    return t(data.lang, "{done} of {planned} planned sessions done in the last {n} weeks.", done=done,
             planned=planned, n=len(weeks))


def caption(data: ChartData) -> str:
    """The takeaway: the weight sentence when there is a trend, else the sessions; a hint when there is neither."""
    return (weight_sentence(data) or adherence_sentence(data)
            or t(data.lang, "No readings or sessions yet: log a weight or a workout and the chart fills in."))


def join(lang: str, *sentences: str | None) -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return ("" if norm_lang(lang) == "zh" else " ").join(x for x in sentences if x)


def summary(data: ChartData) -> str:
    """The message beside the chart: the takeaway, then the sessions when the takeaway was about weight."""
    first = caption(data)
    sessions = adherence_sentence(data)
    return join(data.lang, first, sessions if sessions != first else None)
