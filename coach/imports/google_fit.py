"""Google Fit / Health Connect data from Google Takeout: the daily aggregation CSV.

Takeout → Fit → "Daily activity metrics/Daily activity metrics.csv" (one row a day: `Date`, `Step count`,
`Average weight (kg)`, ...). The export.zip of Takeout can be sent whole: the file is found inside it. Health
Connect's own on-device backup (a SQLite database) is not read; its data reaches Takeout through Fit.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import Raw, Tally, canonical, number, parse_when

SOURCE = "health_connect"
MEMBER = "Daily activity metrics.csv"  # the file inside a Takeout zip
COLUMNS = {"Step count": ("steps", "count"), "Average weight (kg)": ("weight", "kg"),
           "Average resting heart rate (bpm)": ("resting_hr", "bpm"), "Sleep duration (ms)": ("sleep", "ms")}


def sniff(head: str) -> bool:
    first = head.splitlines()[0] if head else ""
    return first.startswith("Date,") and ("Step count" in first or "Move Minutes count" in first)


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    for row in csv.DictReader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")):
        at = parse_when(row.get("Date") or "", tz)
        if at is None:
            tally.skip("?", "unreadable")
            continue
        for column, (kind, unit) in COLUMNS.items():
            raw = number(row.get(column))
            if raw is None or (kind != "steps" and raw == 0):  # an empty cell, or Fit's 0 for "no weigh-in"
                continue
            value = canonical(kind, raw, unit)
            if value is not None:
                yield Raw(kind, at, value, raw, unit)
