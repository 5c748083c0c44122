"""Garmin Connect CSV exports (Reports → a report → Export CSV), e.g. weight, steps, resting heart rate, sleep.

One row a day or a weigh-in: a date column (`Date`, `Calendar Date` or `Time`) and any of the columns below. Cells
may carry their unit ("75.3 kg", "165.9 lbs", "58 bpm", "7h 32min", "1,234"); a number without one is in the
column's unit.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import Raw, Tally, canonical, number, parse_when

SOURCE = "garmin"
DATE_COLUMNS = ("Calendar Date", "Date", "Time")
COLUMNS = {"Weight": ("weight", "kg"), "Body Fat": ("body_fat", "%"), "Steps": ("steps", "count"),
           "Actual": ("steps", "count"), "Resting Heart Rate": ("resting_hr", "bpm"),
           "Sleep Duration": ("sleep", "h"), "Duration": ("sleep", "h")}
_HM = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", re.I)
_UNIT = re.compile(r"(kg|lbs?|%|bpm)\s*$", re.I)


def sniff(head: str) -> bool:
    first = head.splitlines()[0] if head else ""
    cells = [c.strip().strip('"') for c in first.split(",")]
    return bool(cells) and cells[0] in DATE_COLUMNS and any(c in COLUMNS for c in cells[1:]) and (
        "Calendar Date" in cells or "Resting Heart Rate" in cells or "Sleep Duration" in cells
        or ("Time" in cells and "Weight" in cells))


def _hours(text: str) -> float | None:
    m = _HM.fullmatch(text.strip())
    if m and (m.group(1) or m.group(2)):
        return int(m.group(1) or 0) + int(m.group(2) or 0) / 60
    if ":" in text:
        h, _, mnt = text.partition(":")
        return (number(h) or 0) + (number(mnt) or 0) / 60
    return number(text)


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    for row in csv.DictReader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        at = next((parse_when(row[c], tz) for c in DATE_COLUMNS if row.get(c)), None)
        if at is None:
            tally.skip("?", "unreadable")
            continue
        for column, (kind, unit) in COLUMNS.items():
            cell = row.get(column, "")
            if not cell or cell in ("--", "-"):
                continue
            raw = _hours(cell) if kind == "sleep" else number(cell)
            m = _UNIT.search(cell)
            cell_unit = m.group(1).lower() if m and kind != "sleep" else unit
            value = canonical(kind, raw, cell_unit) if raw is not None else None
            if value is None:
                tally.skip(kind, "unreadable")
                continue
            yield Raw(kind, at, value, raw, cell_unit)
