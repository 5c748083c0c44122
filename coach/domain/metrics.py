"""Metric kinds: every reading the coach records (weight, resting HR, blood pressure, sleep...), declared once.

A kind names the row stored in the metrics table, the profile field(s) it updates, the unit it is stored in,
its accepted range (for profile fields, the profile's RANGES) and how much it can plausibly change per day.
"""
from __future__ import annotations

from dataclasses import dataclass

from coach.domain.profile import RANGES

SCALE_1_TO_5 = (1, 5)  # self-rated check-in scales (soreness, energy): 1 lowest, 5 highest
STEPS_PER_DAY = (0, 100_000)  # a day's step total from a device


@dataclass(frozen=True)
class MetricKind:
    """One kind of reading; a value is a number, or a list aligned with `fields` for multi-field kinds (bp)."""

    kind: str  # the name stored with each reading
    fields: tuple[str, ...]  # profile fields it updates, in value order (empty: not a profile field)
    unit: str  # the unit readings are stored and shown in
    change_per_day: float  # plausible change per elapsed day, in `unit` (or a fraction of the value, if relative)
    relative: bool = False  # change_per_day is a fraction of the current value
    scale: tuple[float, float] | None = None  # accepted range of kinds that are not profile fields

    @property
    def ranges(self) -> tuple[tuple[float, float], ...]:
        """(low, high) accepted per value, from the profile's RANGES (or the kind's own scale)."""
        if self.fields:
            return tuple((RANGES[f][0], RANGES[f][1]) for f in self.fields)
        if self.scale is None:
            raise ValueError(f"{self.kind} declares neither profile fields nor a scale")
        return (self.scale,)

    @property
    def range(self) -> tuple[float, float]:
        """(low, high) of a single-value kind."""
        if len(self.ranges) != 1:
            raise ValueError(f"{self.kind} has {len(self.ranges)} values; use .ranges")
        return self.ranges[0]

    def plausible_change(self, value: float, days: float) -> float:
        """The largest believable change from `value` after `days` (a reading the same day counts as one day)."""
        per_day = self.change_per_day * (abs(value) if self.relative else 1.0)
        return per_day * max(days, 1.0)

    def is_plausible(self, previous: float | list[float], value: float | list[float], days: float) -> bool:
        """Whether `value` is a believable change from `previous` after `days` (every number of a pair checked)."""
        before = previous if isinstance(previous, (list, tuple)) else [previous]
        after = value if isinstance(value, (list, tuple)) else [value]
        if len(before) != len(after):
            return True  # nothing comparable
        return all(abs(float(a) - float(b)) <= self.plausible_change(float(b), days) + 1e-9
                   for a, b in zip(after, before))


# Plausible change per day (used to flag readings that are more likely a typo or a unit slip than a change):
# - weight: 2 % of body weight a day; fluid and glycogen swing 1-2 % overnight, fat or muscle far less.
# - resting HR: 15 bpm; illness, alcohol, poor sleep or overreaching raise it by 5-15 bpm from one day to the next.
# - blood pressure: 30 mmHg per number; home readings vary 10-20 mmHg within a day (stress, caffeine, cuff).
# - sleep: 10 hours; nights differ freely, so only the range really bounds it.
# - body fat: 3 percentage points; consumer scales (bioimpedance) drift that much with hydration alone.
# - soreness, energy: the whole 1-5 scale; they are how the person feels today.
# - steps (a day's total, from devices): any day may be a rest day or a marathon, so only the range bounds it
#   (0-100,000: ultramarathoners log 60-80k).
METRICS: tuple[MetricKind, ...] = (
    MetricKind("weight", ("weight_kg",), "kg", 0.02, relative=True),
    MetricKind("resting_hr", ("resting_hr",), "bpm", 15),
    MetricKind("bp", ("bp_systolic", "bp_diastolic"), "mmHg", 30),
    MetricKind("sleep", ("sleep_hours",), "h", 10),
    MetricKind("body_fat", ("body_fat_pct",), "%", 3),
    MetricKind("soreness", (), "1-5", 4, scale=SCALE_1_TO_5),
    MetricKind("energy", (), "1-5", 4, scale=SCALE_1_TO_5),
    MetricKind("steps", (), "steps", 100_000, scale=STEPS_PER_DAY),
)
KINDS: tuple[str, ...] = tuple(m.kind for m in METRICS)
_BY_KIND = {m.kind: m for m in METRICS}
_BY_FIELD = {f: m for m in METRICS for f in m.fields}
# single-field kinds recorded straight from a profile field (bp needs both numbers and is recorded as a pair)
PROFILE_READINGS: tuple[MetricKind, ...] = tuple(m for m in METRICS if len(m.fields) == 1)


def by_kind(kind: str) -> MetricKind:
    """The metric kind named `kind`; KeyError for an unknown kind."""
    return _BY_KIND[kind]


def by_field(field: str) -> MetricKind | None:
    """The metric kind a profile field is recorded as (bp_systolic -> bp), or None when it is not a reading."""
    return _BY_FIELD.get(field)


def unit_of(kind: str) -> str:
    """The unit readings of `kind` are stored in."""
    return _BY_KIND[kind].unit
