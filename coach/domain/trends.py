"""Trends from readings: the weight trend line and the 7-day averages that adjustments and alerts act on.

Single readings are noisy (a weight swings 1-2 % overnight with fluid; one short night or one high pulse says
little), so rules read trends: weight as an exponentially weighted moving average in the manner of John Walker's
*The Hacker's Diet* and the Libra app (each day the trend moves 10 % of the way to the day's weight; a gap of n
days moves it 1 - 0.9^n of the way), resting heart rate and sleep as 7-day means against a 28-day baseline.
Readings flagged by the cleaning (outliers, duplicates) are kept in storage but never enter a trend.

Pure functions over (local date, value) points: no database, no clock.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

EWMA_ALPHA = 0.10  # the Hacker's Diet / Libra smoothing: 10 % of the way to each day's weight
RATE_WINDOW_DAYS = 28  # the weekly rate is the trend's least-squares slope over the last four weeks
RATE_MIN_SPAN_DAYS = 6  # ... and needs trend points at least this far apart
SHORT_WINDOW_DAYS = 7  # resting HR and sleep: the recent mean
BASELINE_DAYS = 28  # resting HR: the usual, over the four weeks before the recent window
MIN_POINTS = 3  # a mean over fewer readings is not a trend
RHR_TREND_RISE_BPM = 5  # 7-day mean resting HR this far above the 28-day baseline: strain building up
POOR_SLEEP_H = 6.0  # 7-day mean sleep below this: recovery is short

Point = tuple[date, float]


@dataclass(frozen=True)
class Trends:
    """What the rules and the charts read: each None when there are too few readings."""

    weight: float | None = None  # today's trend weight (kg)
    weight_rate: float | None = None  # kg per week, from the trend (negative: losing)
    rhr_7d: float | None = None
    rhr_baseline: float | None = None
    sleep_7d: float | None = None

    @property
    def rhr_rise(self) -> float | None:
        """How far the 7-day resting HR is above the baseline (bpm)."""
        if self.rhr_7d is None or self.rhr_baseline is None:
            return None
        return self.rhr_7d - self.rhr_baseline


def is_flagged(reading: Any) -> bool:
    """A reading the cleaning marked (outlier, duplicate...): shown, never trended."""
    return getattr(reading, "flag", None) in ("outlier", "duplicate")


def local_day(at: datetime, tz: str) -> date:
    """The person's own calendar day of a stored (UTC) time: a 07:45 Shanghai weigh-in is that day, not the last."""
    if at.tzinfo is None:  # SQLite hands back naive UTC
        at = at.replace(tzinfo=ZoneInfo("UTC"))
    return at.astimezone(ZoneInfo(tz or "UTC")).date()


def daily_points(readings: Iterable[Any], tz: str, *, scale: float = 1.0) -> list[Point]:
    """Unflagged single-number readings as one point per local day (the mean of that day's readings), oldest first."""
    days: dict[date, list[float]] = {}
    for r in readings:
        if is_flagged(r) or isinstance(r.value, (list, tuple)) or r.value is None:
            continue
        days.setdefault(local_day(r.measured_at, tz), []).append(float(r.value) * scale)
    return [(d, statistics.fmean(v)) for d, v in sorted(days.items())]


def ewma(points: Sequence[Point], alpha: float = EWMA_ALPHA) -> list[Point]:
    """The trend at each point's day: it starts at the first value and moves 1 - (1 - alpha)^days toward each
    new value, so a week without weighing counts as seven days of smoothing, not one."""
    out: list[Point] = []
    for day, value in sorted(points):
        if not out:
            out.append((day, value))
            continue
        prev_day, prev = out[-1]
        gap = max((day - prev_day).days, 1)
        weight = 1 - (1 - alpha) ** gap
        out.append((day, prev + weight * (value - prev)))
    return out


def weekly_rate(trend: Sequence[Point], *, window: int = RATE_WINDOW_DAYS) -> float | None:
    """Change per week of the trend over its last `window` days (least squares); None on too short a series."""
    if not trend:
        return None
    end = trend[-1][0]
    pts = [(d, v) for d, v in trend if (end - d).days <= window]
    if len(pts) < 2 or (pts[-1][0] - pts[0][0]).days < RATE_MIN_SPAN_DAYS:
        return None
    xs = [(d - pts[0][0]).days for d, _v in pts]
    ys = [v for _d, v in pts]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    denom = sum((x - mx) ** 2 for x in xs)
    return 7 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / denom if denom else None


def window_mean(points: Sequence[Point], end: date, days: int, *, skip: int = 0) -> float | None:
    """Mean of the values in the `days` days ending `skip` days before `end` (inclusive); None under MIN_POINTS."""
    last = end - timedelta(days=skip)
    first = last - timedelta(days=days - 1)
    vals = [v for d, v in points if first <= d <= last]
    return statistics.fmean(vals) if len(vals) >= MIN_POINTS else None


def trends(weight: Sequence[Point], rhr: Sequence[Point], sleep: Sequence[Point], today: date) -> Trends:
    """Every trend for `today` from daily points (see daily_points)."""
    line = ewma([p for p in weight if p[0] <= today])
    return Trends(
        weight=line[-1][1] if line else None,
        weight_rate=weekly_rate(line),
        rhr_7d=window_mean(rhr, today, SHORT_WINDOW_DAYS),
        rhr_baseline=window_mean(rhr, today, BASELINE_DAYS, skip=SHORT_WINDOW_DAYS),
        sleep_7d=window_mean(sleep, today, SHORT_WINDOW_DAYS),
    )


def strained(tr: Trends) -> bool:
    """A rising resting-HR trend together with poor sleep: the signs of overreaching that call for a lighter week."""
    rise = tr.rhr_rise
    return rise is not None and rise >= RHR_TREND_RISE_BPM and tr.sleep_7d is not None and tr.sleep_7d < POOR_SLEEP_H


def eta(trend_now: float, rate: float | None, target: float | None, today: date) -> date | None:
    """The day the trend reaches `target` at its current weekly rate; None when it is not heading there."""
    if target is None or rate is None or abs(rate) < 0.01:
        return None
    remaining = target - trend_now
    if remaining * rate <= 0:
        return None
    weeks = remaining / rate
    return today + timedelta(days=round(weeks * 7)) if weeks <= 260 else None


def epley_1rm(reps: int, load: float) -> float:
    """Estimated one-repetition maximum (Epley 1985): load x (1 + reps / 30); a single is the load itself."""
    return load if reps <= 1 else load * (1 + reps / 30)
