"""What a progress chart shows, built from plain rows: no database, no matplotlib, tested on its own.

Dates are the person's local days, weights are in the unit they use, weeks count planned sessions only from the
first plan on and never on paused days, flagged readings are drawn but kept out of the trend.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from coach.domain import trends as tr

LB_PER_KG = 1 / 0.45359237
DONE_STATUSES = ("done", "too_easy", "too_hard")
ADHERENCE_WEEKS = 8  # at most this many weeks of bars
MAX_STRENGTH_EXERCISES = 3


@dataclass(frozen=True)
class WeightPoint:
    day: date
    value: float  # in ChartData.unit
    outlier: bool = False  # flagged by the cleaning: drawn hollow, not trended


@dataclass(frozen=True)
class Week:
    start: date  # the Monday
    done: int
    planned: int | None  # None: no bar (before the first plan, or the whole week paused)


@dataclass
class ChartData:
    """Everything one chart draws, in the person's language, timezone and unit."""

    lang: str
    today: date
    unit: str = "kg"
    weight: list[WeightPoint] = field(default_factory=list)
    trend: list[tuple[date, float]] = field(default_factory=list)
    target: float | None = None
    weeks: list[Week] = field(default_factory=list)
    rhr: list[tuple[date, float]] = field(default_factory=list)
    bp: list[tuple[date, float, float]] = field(default_factory=list)
    sleep: list[tuple[date, float]] = field(default_factory=list)
    strength: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    strength_kind: str = "1rm"  # 1rm (estimated, in unit) | reps (weekly reps, bodyweight work)
    trends: tr.Trends = field(default_factory=tr.Trends)
    caption: str = ""


def display_unit(profile: dict | None, weight_rows: Sequence[Any], set_units: Sequence[str] = ()) -> str:
    """lb for people who gave lb: the profile says so, most weights came in lb (original_unit), or, with no such
    weights, most logged sets were in lb; else kg."""
    prof = profile or {}
    if prof.get("weight_unit") == "lb" or prof.get("units") == "imperial":
        return "lb"
    given = [u for u in (getattr(r, "original_unit", None) for r in weight_rows) if u] or list(set_units)
    return "lb" if given and sum(u == "lb" for u in given) * 2 > len(given) else "kg"


def weight_series(rows: Iterable[Any], tz: str, unit: str) -> tuple[list[WeightPoint], list[tuple[date, float]]]:
    """Raw points (each reading on its local day, outliers marked) and the EWMA trend line, both in `unit`."""
    scale = LB_PER_KG if unit == "lb" else 1.0
    rows = list(rows)
    points = [WeightPoint(tr.local_day(r.measured_at, tz), float(r.value) * scale, tr.is_flagged(r))
              for r in rows if not isinstance(r.value, (list, tuple))]
    return points, tr.ewma(tr.daily_points(rows, tz, scale=scale))


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def adherence(today: date, first_plan_day: date | None, planned_on: Callable[[date], int], paused: set[date],
              done_days: Sequence[date], *, weeks: int = ADHERENCE_WEEKS) -> list[Week]:
    """Sessions done and planned per Monday-to-Sunday week, from the first plan's week to this one.

    `planned_on(day)` is how many sessions the plan in force that day had; days before the first plan, paused days
    and days after today plan nothing. A week with nothing plannable (all paused) has no planned bar.
    """
    if first_plan_day is None:
        return []
    start = max(monday(first_plan_day), monday(today) - timedelta(weeks=weeks - 1))
    out: list[Week] = []
    wk = start
    while wk <= today:
        days = [wk + timedelta(days=i) for i in range(7)]
        open_days = [d for d in days if first_plan_day <= d <= today and d not in paused]
        planned = sum(planned_on(d) for d in open_days) if open_days else None
        done = sum(1 for d in done_days if wk <= d < wk + timedelta(days=7))
        out.append(Week(wk, done, planned))
        wk += timedelta(days=7)
    return out


def strength_series(set_rows: Iterable[Any], unit: str) -> tuple[str, dict[str, list[tuple[date, float]]]]:
    """Per exercise, the day's best Epley 1RM (loaded work, in `unit`), or weekly reps when nothing was loaded."""
    scale = LB_PER_KG if unit == "lb" else 1.0
    best: dict[str, dict[date, float]] = {}
    reps_week: dict[str, dict[date, float]] = {}
    for row in set_rows:
        data = row.data if isinstance(row.data, dict) else {}
        for s in data.get("sets") or []:
            reps, load = (list(s) + [None, None])[:2] if isinstance(s, (list, tuple)) else (None, None)
            if not isinstance(reps, (int, float)) or reps <= 0:
                continue
            wk = reps_week.setdefault(row.exercise, {})
            wk[monday(row.session_date)] = wk.get(monday(row.session_date), 0) + reps
            if isinstance(load, (int, float)) and load > 0:
                e1 = tr.epley_1rm(int(reps), float(load) * scale)
                day = best.setdefault(row.exercise, {})
                day[row.session_date] = max(day.get(row.session_date, 0.0), e1)
    source, kind = (best, "1rm") if best else (reps_week, "reps")
    top = sorted(source, key=lambda ex: (-len(source[ex]), ex))[:MAX_STRENGTH_EXERCISES]
    return kind, {ex: sorted(source[ex].items()) for ex in top}


def bp_series(rows: Iterable[Any], tz: str) -> list[tuple[date, float, float]]:
    """(local day, systolic, diastolic) of unflagged pair readings."""
    return [(tr.local_day(r.measured_at, tz), float(r.value[0]), float(r.value[1])) for r in rows
            if not tr.is_flagged(r) and isinstance(r.value, (list, tuple)) and len(r.value) == 2]


def rolling(points: Sequence[tuple[date, float]], days: int = tr.SHORT_WINDOW_DAYS) -> list[tuple[date, float]]:
    """The mean of each point's last `days` days (what the 7-day lines on the chart show), in one pass over the
    points sorted by day (years of imported readings: it rescanned every point for each one, 20 s for 3,500)."""
    ordered = sorted(points)
    out: list[tuple[date, float]] = []
    lo, total = 0, 0.0
    for hi, (d, v) in enumerate(ordered):
        total += v
        while ordered[lo][0] < d - timedelta(days=days - 1):
            total -= ordered[lo][1]
            lo += 1
        out.append((d, total / (hi - lo + 1)))
    return out


def since(points: Sequence[Any], first: date) -> list[Any]:
    """The points (tuples or WeightPoints) from `first` on: what a chart of the recent past draws."""
    return [p for p in points if (p.day if isinstance(p, WeightPoint) else p[0]) >= first]
