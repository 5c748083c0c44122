"""Cleaning readings that come in bulk (device and app imports), declared once per metric kind.

The rules, in the order they run over one kind's series (new readings checked against each other and against
the readings already stored, which are never changed):
1. range: a value outside the kind's accepted range (coach.domain.metrics, from the profile's RANGES) is
   rejected, not stored;
2. unit mix-up: a value that is the neighbours' value times (or divided by) a unit factor, within a small
   tolerance (a weight in lb stored as kg), is converted back and flagged "unit_fixed";
3. duplicate: the same kind with the same value (within a tolerance) from another source within a few minutes is
   one measurement seen twice: the stored or earlier one is kept, the other flagged "duplicate";
4. plausible change: a value further from both its neighbours than the kind can change in the time between
   (MetricKind.is_plausible, the same rule that makes a typed reading ask for confirmation) is flagged "outlier";
5. robust outlier: a value further from the rolling median of its neighbours than `outlier_mads` scaled MADs
   (and than a day's plausible change) is flagged "outlier".
Flagged readings are stored and shown, but trends leave them out.
"""
from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from coach.domain.metrics import by_kind

UNIT_FIXED, DUPLICATE, OUTLIER = "unit_fixed", "duplicate", "outlier"
FLAGS = (OUTLIER, DUPLICATE, UNIT_FIXED)
OUT_OF_RANGE = "out_of_range"  # the reason a reading is rejected
# kilograms per pound is coach.intake.units.LB_KG (0.45359237, the international pound); the domain may not import
# intake, so the factor a kg/lb slip multiplies by is written out here
LB_PER_KG = 1 / 0.45359237
MAD_TO_SIGMA = 1.4826  # a normal distribution's standard deviation is 1.4826 median absolute deviations


@dataclass(frozen=True)
class Cleaning:
    """How one kind's series is cleaned (its range and plausible change live on its MetricKind)."""

    duplicate_minutes: float  # two sources reporting the same value this close in time are one measurement
    duplicate_tolerance: float  # "the same value": within this many units (a fraction of the value, if relative)
    duplicate_relative: bool = False
    unit_factor: float | None = None  # a value this many times off its neighbours is a unit slip
    unit_tolerance: float = 0.015  # ... within 1.5 % (a day's weight swing)
    outlier_window: int = 0  # neighbours on each side for the rolling median (0: no robust-outlier rule)
    outlier_mads: float = 3.5  # Iglewicz & Hoaglin's cut-off for the modified z-score
    neighbour_days: float = 14  # neighbours further away in time say nothing about a value (a gap, then a new level)


# Why these numbers:
# - weight: scales and apps both log a weigh-in within the hour, to 0.1-0.2 kg; kg/lb is the common slip.
# - resting HR: one value a day per device; two devices agree within ~1 bpm.
# - bp: a cuff syncs to two apps within minutes; readings a few minutes apart differ by 3-5 mmHg anyway.
# - sleep: one night per source (half a day apart at most), reported to the quarter hour.
# - body fat: like weight (the same scale).
# - steps: a day's total from two apps of the same phone agrees within a few %; totals vary too much for outliers.
RULES: dict[str, Cleaning] = {
    "weight": Cleaning(60, 0.2, unit_factor=LB_PER_KG, outlier_window=5),
    "resting_hr": Cleaning(12 * 60, 1.0, outlier_window=5),
    "bp": Cleaning(10, 3.0, outlier_window=5),
    "sleep": Cleaning(12 * 60, 0.25),
    "body_fat": Cleaning(60, 0.5, outlier_window=5),
    "steps": Cleaning(12 * 60, 0.05, duplicate_relative=True),
}
_DEFAULT = Cleaning(0, 0.0)


@dataclass
class Point:
    """One reading in a series being cleaned; `stored` readings are context only (never flagged or changed)."""

    at: datetime
    value: Any  # a number, or a list of numbers (bp)
    source: str
    stored: bool = False
    flag: str | None = None
    ref: Any = field(default=None, compare=False)  # the caller's handle on the reading


def _nums(value: Any) -> list[float]:
    return [float(v) for v in value] if isinstance(value, (list, tuple)) else [float(value)]


def in_range(kind: str, value: Any) -> bool:
    """Whether every number of a reading lies in its kind's accepted range."""
    nums, ranges = _nums(value), by_kind(kind).ranges
    return len(nums) == len(ranges) and all(lo <= v <= hi for v, (lo, hi) in zip(nums, ranges))


def clean(kind: str, points: list[Point]) -> list[Point]:
    """Flag the new points of one kind's series in place; returns the new points rejected as out of range (the
    caller stores the others). `points` may mix stored and new readings, in any order."""
    rule = RULES.get(kind, _DEFAULT)
    points.sort(key=lambda p: p.at)
    if rule.unit_factor:
        _fix_units(kind, points, rule)
    rejected = [p for p in points if not p.stored and not in_range(kind, p.value)]
    if rejected:
        gone = {id(p) for p in rejected}
        points[:] = [p for p in points if id(p) not in gone]
    if rule.duplicate_minutes or rule.duplicate_tolerance:
        _flag_duplicates(points, rule)
    _flag_implausible(kind, points)
    if rule.outlier_window:
        _flag_outliers(kind, points, rule)
    return rejected


def _neighbours(points: list[Point], i: int, n: int, days: float) -> list[Point]:
    """Up to n unflagged points on each side of points[i], within `days` of it."""
    out: list[Point] = []
    for step in (-1, 1):
        j, taken = i + step, 0
        while 0 <= j < len(points) and taken < n and abs((points[j].at - points[i].at).total_seconds()) <= days * 86400:
            if points[j].flag is None:
                out.append(points[j])
                taken += 1
            j += step
    return out


def _fix_units(kind: str, points: list[Point], rule: Cleaning) -> None:
    factor = rule.unit_factor or 1.0
    for i, p in enumerate(points):
        if p.stored or isinstance(p.value, (list, tuple)):
            continue
        around = [float(q.value) for q in _neighbours(points, i, 3, rule.neighbour_days)]
        if not around:
            continue
        ref = statistics.median(around)
        if ref <= 0:
            continue
        for fixed in (float(p.value) / factor, float(p.value) * factor):
            if abs(fixed - ref) <= rule.unit_tolerance * ref and in_range(kind, fixed):
                p.value, p.flag = round(fixed, 2), UNIT_FIXED
                break


def _same(a: Any, b: Any, rule: Cleaning) -> bool:
    return all(abs(x - y) <= rule.duplicate_tolerance * (abs(y) if rule.duplicate_relative else 1.0) + 1e-9
               for x, y in zip(_nums(a), _nums(b)))


def _flag_duplicates(points: list[Point], rule: Cleaning) -> None:
    times = [p.at.timestamp() for p in points]
    window = rule.duplicate_minutes * 60
    for i, p in enumerate(points):
        if p.stored or p.flag == DUPLICATE:
            continue
        lo, hi = bisect.bisect_left(times, times[i] - window), bisect.bisect_right(times, times[i] + window)
        for j in range(lo, hi):
            q = points[j]
            if j == i or q.source == p.source or q.flag == DUPLICATE or not _same(p.value, q.value, rule):
                continue
            if q.stored or j < i:  # keep what is stored, else the earlier one
                p.flag = DUPLICATE
                break


def _flag_implausible(kind: str, points: list[Point]) -> None:
    metric = by_kind(kind)
    kept = [p for p in points if p.flag in (None, UNIT_FIXED)]
    prev: Point | None = None  # the last point not flagged here
    for i, p in enumerate(kept):
        if p.stored or prev is None or metric.is_plausible(prev.value, p.value, _days(prev, p)):
            prev = p
            continue
        after = kept[i + 1] if i + 1 < len(kept) else None
        if after is None or not metric.is_plausible(after.value, p.value, _days(p, after)):
            p.flag = OUTLIER  # away from both sides: a spike, not a step to a new level
        else:
            prev = p


def _days(a: Point, b: Point) -> float:
    return (b.at - a.at).total_seconds() / 86400


def _flag_outliers(kind: str, points: list[Point], rule: Cleaning) -> None:
    metric = by_kind(kind)
    for i, p in enumerate(points):
        if p.stored or p.flag not in (None, UNIT_FIXED):
            continue
        around = _neighbours(points, i, rule.outlier_window, rule.neighbour_days)
        if len(around) < 4:
            continue
        columns = list(zip(*(_nums(q.value) for q in around)))
        for v, col in zip(_nums(p.value), columns):
            med = statistics.median(col)
            mad = statistics.median(abs(x - med) for x in col)
            limit = max(rule.outlier_mads * MAD_TO_SIGMA * mad, metric.plausible_change(med, 1.0))
            if abs(v - med) > limit:
                p.flag = OUTLIER
                break
