"""A synthetic Apple Health export.xml (no real person's data): the tests' small fixture and the bench's big one.

Per day: step samples from an iPhone and a Watch, heart-rate and active-energy samples (types the import skips,
as real exports are mostly those), one weight, one resting heart rate, sleep stages for the night before, a blood
pressure pair every third day and body fat weekly. About 290 records (~90 KB) a day.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from typing import BinaryIO

TZ = timezone(timedelta(hours=8))
_DEVICE = ("&lt;&lt;HKDevice: 0x283f0c3c0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, "
           "hardware:Watch6,1, software:10.1&gt;")
HEADER = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,'
          b'(Record|Correlation|Workout)*)>\n]>\n<HealthData locale="en_US">\n <ExportDate value="2026-01-01 '
          b'00:00:00 +0800"/>\n <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>\n')


def _t(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S +0800")


def record(typ: str, unit: str | None, start: datetime, end: datetime, value: str, source: str = "Watch",
           meta: str = "") -> str:
    u = f' unit="{unit}"' if unit else ""
    body = f">\n  {meta}\n </Record>\n" if meta else "/>\n"
    return (f' <Record type="{typ}" sourceName="{source}" sourceVersion="10.1" device="{_DEVICE}"{u} '
            f'creationDate="{_t(end)}" startDate="{_t(start)}" endDate="{_t(end)}" value="{value}"{body}')


def _day(d: date, rng: random.Random, weight: float) -> list[str]:
    out: list[str] = []
    noon = datetime(d.year, d.month, d.day, 12, tzinfo=TZ)
    for i in range(60):  # steps: the phone and the watch both count
        start = noon - timedelta(hours=5) + timedelta(minutes=12 * i)
        for src in ("iPhone", "Watch"):
            out.append(record("HKQuantityTypeIdentifierStepCount", "count", start, start + timedelta(minutes=10),
                              str(rng.randint(40, 160)), src))
    meta = '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>'
    for i in range(110):
        start = noon - timedelta(hours=12) + timedelta(minutes=13 * i)
        out.append(record("HKQuantityTypeIdentifierHeartRate", "count/min", start, start, str(rng.randint(55, 140)),
                          meta=meta))
    for i in range(50):
        start = noon - timedelta(hours=6) + timedelta(minutes=17 * i)
        out.append(record("HKQuantityTypeIdentifierActiveEnergyBurned", "kcal", start, start + timedelta(minutes=5),
                          f"{rng.uniform(0.5, 9):.3f}"))
    morning = noon - timedelta(hours=5)
    out.append(record("HKQuantityTypeIdentifierBodyMass", "kg", morning, morning, f"{weight:.2f}", "Scale"))
    out.append(record("HKQuantityTypeIdentifierRestingHeartRate", "count/min", morning, morning,
                      str(rng.randint(55, 66))))
    t = noon - timedelta(hours=13, minutes=30)
    for stage, minutes in (("AsleepCore", 120), ("AsleepDeep", 60), ("Awake", 5), ("AsleepREM", 90),
                           ("AsleepCore", 115)):
        out.append(record("HKCategoryTypeIdentifierSleepAnalysis", None, t, t + timedelta(minutes=minutes),
                          f"HKCategoryValueSleepAnalysis{stage}"))
        t += timedelta(minutes=minutes)
    if d.toordinal() % 3 == 0:
        at = morning + timedelta(minutes=10)
        out.append(record("HKQuantityTypeIdentifierBloodPressureSystolic", "mmHg", at, at, str(rng.randint(112, 128)),
                          "Cuff"))
        out.append(record("HKQuantityTypeIdentifierBloodPressureDiastolic", "mmHg", at, at, str(rng.randint(70, 82)),
                          "Cuff"))
    if d.weekday() == 0:
        out.append(record("HKQuantityTypeIdentifierBodyFatPercentage", "%", morning, morning,
                          f"{rng.uniform(0.2, 0.23):.3f}", "Scale"))
    return out


def write_export(out: BinaryIO, days: int, *, start: date = date(2016, 1, 1), seed: int = 7) -> int:
    """Write an export.xml of `days` days to `out`; returns the number of records written."""
    rng = random.Random(seed)
    out.write(HEADER)
    n, weight = 0, 82.0
    for i in range(days):
        weight += rng.uniform(-0.35, 0.33)
        weight = min(max(weight, 60.0), 110.0)
        recs = _day(start + timedelta(days=i), rng, weight)
        n += len(recs)
        out.write("".join(recs).encode())
    out.write(b"</HealthData>\n")
    return n
