"""What every parser shares: the Raw reading, the tally of what was skipped, a byte-counting reader for progress,
and conversion of file units to the canonical ones."""
from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timezone
from typing import Any, BinaryIO, NamedTuple
from zoneinfo import ZoneInfo

from coach.intake.units import KG_PER_UNIT

Progress = Callable[[float], None]  # fraction of the file read, 0..1


class Raw(NamedTuple):
    """One reading as a parser found it: kind, when (aware), value in the canonical unit, and the file's own."""

    kind: str
    at: datetime
    value: Any  # float, or [systolic, diastolic] for bp
    original_value: Any
    original_unit: str


class Tally(Counter):
    """(kind, reason) → how many records were skipped; kind is "?" when not even the kind could be read."""

    def skip(self, kind: str, reason: str, n: int = 1) -> None:
        self[(kind, reason)] += n


class CountingReader(io.RawIOBase):
    """A read-only binary stream that reports the fraction read so far (about every 1 % of the file)."""

    def __init__(self, inner: BinaryIO, total: int, progress: Progress | None) -> None:
        self.inner, self.total, self.progress = inner, max(total, 1), progress
        self.every = max(self.total // 100, 1 << 16)
        self.done = self._next = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        data = self.inner.read(len(buf))
        n = len(data)
        buf[:n] = data
        self.done += n
        if self.progress is not None and self.done >= self._next:
            self._next = self.done + self.every
            self.progress(min(self.done / self.total, 1.0))
        return n


# unit words a file may use → (kind it is valid for, factor to the canonical unit)
_WEIGHT = {"kg": 1.0, "kgs": 1.0, "lb": KG_PER_UNIT["lb"], "lbs": KG_PER_UNIT["lb"], "pound": KG_PER_UNIT["lb"],
           "pounds": KG_PER_UNIT["lb"], "jin": KG_PER_UNIT["jin"], "g": 0.001}
_FACTORS: dict[str, dict[str, float]] = {
    "weight": _WEIGHT,
    "resting_hr": {"bpm": 1.0, "count/min": 1.0, "/min": 1.0, "beats/min": 1.0},
    "bp": {"mmhg": 1.0},
    "sleep": {"h": 1.0, "hr": 1.0, "hrs": 1.0, "hour": 1.0, "hours": 1.0, "min": 1 / 60, "mins": 1 / 60,
              "minutes": 1 / 60, "s": 1 / 3600, "ms": 1 / 3_600_000},
    "body_fat": {"%": 1.0, "percent": 1.0},
    "steps": {"count": 1.0, "steps": 1.0, "step": 1.0},
}
DEFAULT_UNIT = {"weight": "kg", "resting_hr": "bpm", "bp": "mmHg", "sleep": "h", "body_fat": "%", "steps": "count"}
_DECIMALS = {"weight": 2, "sleep": 2, "body_fat": 1}


def canonical(kind: str, value: float, unit: str | None) -> float | None:
    """`value` in `unit` converted to the kind's canonical unit (None for a unit the kind cannot have)."""
    factor = _FACTORS.get(kind, {}).get((unit or DEFAULT_UNIT.get(kind, "")).strip().lower())
    if factor is None:
        return None
    out = value * factor
    return round(out, _DECIMALS[kind]) if kind in _DECIMALS else round(out)


_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


def number(text: str | None) -> float | None:
    """The first number in a cell ("1,234", "75.3 kg", "72 bpm"), or None."""
    m = _NUMBER.search(text or "")
    if not m:
        return None
    try:
        return float(m.group().replace(",", ""))
    except ValueError:
        return None


def at_noon(day: date, tz: ZoneInfo | timezone) -> datetime:
    """A day's total stands at local noon (never shifted to the next or previous day by a timezone)."""
    return datetime.combine(day, time(12, 0), tzinfo=tz).astimezone(timezone.utc)


def aware(dt: datetime, tz: ZoneInfo | timezone) -> datetime:
    """A naive local time read from a file, in UTC."""
    return (dt if dt.tzinfo else dt.replace(tzinfo=tz)).astimezone(timezone.utc)


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
                 "%Y/%m/%d %H:%M", "%Y/%m/%d", "%m-%d-%Y %I:%M%p", "%m-%d-%Y %H:%M", "%m-%d-%Y", "%m/%d/%Y",
                 "%b %d, %Y", "%d %b %Y", "%Y-%m-%d %I:%M%p")


def parse_when(text: str, tz: ZoneInfo | timezone) -> datetime | None:
    """A date or date-time cell in the usual export formats, in UTC; a date alone stands at local noon."""
    text = text.strip().strip('"')
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return aware(dt, tz) if len(text) > 10 else at_noon(dt.date(), tz)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            dt = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return aware(dt, tz) if ("%H" in fmt or "%I" in fmt) else at_noon(dt.date(), tz)
    return None
