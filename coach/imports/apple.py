"""Apple Health `export.xml` (alone, or inside the `export.zip` the Health app shares), streamed.

xml.etree.ElementTree.iterparse reads the file in chunks; each <Record> is cleared once read and the root is
emptied as we go, so memory stays flat however large the export (hundreds of MB are common). Only the record
types below are read; steps become daily totals, sleep becomes nightly hours, and the two blood pressure numbers
are paired by their timestamp.

The file comes from whoever sends it: ElementTree never fetches external entities, and expat (>= 2.4, which Python
ships) stops entity expansion bombs with a parse error, which ends the import like a truncated file.

Where two devices report the same day (an iPhone and a Watch both count steps; both may log sleep), the source
with the larger total counts, which is what the Health app shows when it de-duplicates by source priority.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import Raw, Tally, canonical

SOURCE = "apple_health"
QUANTITY = {
    "HKQuantityTypeIdentifierBodyMass": "weight",
    "HKQuantityTypeIdentifierRestingHeartRate": "resting_hr",
    "HKQuantityTypeIdentifierBodyFatPercentage": "body_fat",
}
STEPS = "HKQuantityTypeIdentifierStepCount"
SYSTOLIC, DIASTOLIC = "HKQuantityTypeIdentifierBloodPressureSystolic", "HKQuantityTypeIdentifierBloodPressureDiastolic"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
IN_BED = "HKCategoryValueSleepAnalysisInBed"
ASLEEP = "HKCategoryValueSleepAnalysisAsleep"  # also the prefix of AsleepCore, AsleepDeep, AsleepREM, Unspecified
CLEAR_EVERY = 512  # records between emptying the root element


def when(text: str) -> datetime:
    """Apple's "2024-01-05 07:45:12 +0800" as an aware datetime."""
    return datetime.fromisoformat(text[:19] + text[20:] if len(text) > 20 and text[19] == " " else text)


class _Days:
    """Daily step totals and nightly sleep per source; the largest source wins a day."""

    def __init__(self) -> None:
        self.steps: dict[tuple[str, str], float] = defaultdict(float)  # (local date, source) → steps
        self.step_tz: dict[str, str] = {}  # local date → its UTC offset text
        self.sleep: dict[tuple[str, str, bool], float] = defaultdict(float)  # (wake date, source, asleep) → h
        self.wake: dict[str, datetime] = {}  # wake date → the latest end of that night's sleep

    def add_steps(self, a: dict[str, str], value: float) -> None:
        start = a.get("startDate", "")
        day = start[:10]
        self.steps[(day, a.get("sourceName", ""))] += value
        self.step_tz.setdefault(day, start[20:] or "+0000")

    def add_sleep(self, a: dict[str, str]) -> None:
        state = a.get("value", "")
        if not state.startswith(ASLEEP) and state != IN_BED:
            return  # awake in bed
        start, end = when(a["startDate"]), when(a["endDate"])
        night = a["endDate"][:10]
        self.sleep[(night, a.get("sourceName", ""), state != IN_BED)] += (end - start).total_seconds() / 3600
        if night not in self.wake or end > self.wake[night]:
            self.wake[night] = end

    def readings(self) -> Iterator[Raw]:
        best: dict[str, float] = {}
        for (day, _src), total in self.steps.items():
            best[day] = max(best.get(day, 0.0), total)
        for day, total in sorted(best.items()):
            at = when(f"{day} 12:00:00 {self.step_tz[day]}").astimezone(timezone.utc)
            yield Raw("steps", at, round(total), round(total), "count")
        nights: dict[str, tuple[float, float]] = {}  # night → (asleep h, in bed h), the largest source each
        for (night, _src, asleep), hours in self.sleep.items():
            a, b = nights.get(night, (0.0, 0.0))
            nights[night] = (max(a, hours), b) if asleep else (a, max(b, hours))
        for night, (asleep, in_bed) in sorted(nights.items()):
            hours = asleep or in_bed  # older iPhones only log time in bed
            yield Raw("sleep", self.wake[night].astimezone(timezone.utc), round(hours, 2), round(hours, 2), "h")


def _quantity(kind: str, a: dict[str, str], tally: Tally) -> Raw | None:
    try:
        raw, at = float(a["value"]), when(a["startDate"])
    except (KeyError, ValueError):
        tally.skip(kind, "unreadable")
        return None
    unit = a.get("unit", "")
    value = raw * 100 if kind == "body_fat" and unit == "%" and raw <= 1 else raw  # Apple stores 21 % as 0.21
    out = canonical(kind, value, unit)
    if out is None:
        tally.skip(kind, "unknown_unit")
        return None
    return Raw(kind, at.astimezone(timezone.utc), out, raw, unit)


def _pairs(systolic: dict[str, float], diastolic: dict[str, float], tally: Tally) -> Iterator[Raw]:
    for stamp, sys_ in sorted(systolic.items()):
        dia = diastolic.pop(stamp, None)
        if dia is None:
            tally.skip("bp", "unpaired")
            continue
        yield Raw("bp", when(stamp).astimezone(timezone.utc), [round(sys_), round(dia)], [sys_, dia], "mmHg")
    if diastolic:
        tally.skip("bp", "unpaired", len(diastolic))


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    """Readings from an export.xml stream (tz is unused: every Apple timestamp carries its own offset)."""
    days = _Days()
    systolic: dict[str, float] = {}
    diastolic: dict[str, float] = {}
    events = ET.iterparse(stream, events=("start", "end"))
    _, root = next(events)
    n = 0
    try:
        for event, el in events:
            if event != "end" or el.tag != "Record":
                continue
            a = el.attrib
            typ = a.get("type", "")
            try:
                if typ in QUANTITY:
                    raw = _quantity(QUANTITY[typ], a, tally)
                    if raw is not None:
                        yield raw
                elif typ == STEPS:
                    days.add_steps(a, float(a["value"]))
                elif typ == SLEEP:
                    days.add_sleep(a)
                elif typ == SYSTOLIC:
                    systolic[a["startDate"]] = float(a["value"])
                elif typ == DIASTOLIC:
                    diastolic[a["startDate"]] = float(a["value"])
            except (KeyError, ValueError):
                tally.skip({STEPS: "steps", SLEEP: "sleep"}.get(typ, "bp"), "unreadable")
            el.clear()
            n += 1
            if n % CLEAR_EVERY == 0:
                root.clear()
    except ET.ParseError:
        tally.skip("?", "broken_xml")  # a truncated file: what was read before the break is kept
    yield from days.readings()
    yield from _pairs(systolic, diastolic, tally)
