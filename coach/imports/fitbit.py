"""Fitbit's account data export CSV (fitbit.com → Settings → Data export): sections "Body", "Activities" and
"Sleep", each a title line, a header and rows.

Body gives weight and body fat (weight in kg unless the header says lbs: the export uses the account's units),
Activities gives the day's steps, Sleep gives minutes asleep per night (dated by the wake-up time). Dates are
yyyy-mm-dd or the US mm-dd-yyyy that older exports use.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import Raw, Tally, canonical, number, parse_when

SOURCE = "fitbit"
SECTIONS = ("Body", "Activities", "Sleep", "Foods")


def sniff(head: str) -> bool:
    lines = [ln.strip().strip('"') for ln in head.splitlines()[:2]]
    return bool(lines) and lines[0] in SECTIONS and len(lines) > 1 and lines[1].startswith(("Date", "Start Time"))


def _body(row: dict[str, str], header: list[str], tz: ZoneInfo) -> Iterator[Raw]:
    at = parse_when(row.get("Date", ""), tz)
    if at is None:
        return
    unit = "lb" if any("lb" in h.lower() for h in header if h.lower().startswith("weight")) else "kg"
    weight = number(next((row[h] for h in header if h.lower().startswith("weight")), None))
    if weight:
        yield Raw("weight", at, canonical("weight", weight, unit), weight, unit)
    fat = number(row.get("Fat"))
    if fat:
        yield Raw("body_fat", at, canonical("body_fat", fat, "%"), fat, "%")


def _row(section: str, row: dict[str, str], header: list[str], tz: ZoneInfo, tally: Tally) -> Iterator[Raw]:
    if section == "Body":
        yield from _body(row, header, tz)
    elif section == "Activities":
        at, steps = parse_when(row.get("Date", ""), tz), number(row.get("Steps"))
        if at is not None and steps is not None:
            yield Raw("steps", at, round(steps), steps, "count")
        else:
            tally.skip("steps", "unreadable")
    elif section == "Sleep":
        at, minutes = parse_when(row.get("End Time", ""), tz), number(row.get("Minutes Asleep"))
        if at is not None and minutes is not None:
            yield Raw("sleep", at, canonical("sleep", minutes, "min"), minutes, "min")
        else:
            tally.skip("sleep", "unreadable")


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    section, header = "", []
    for cells in csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")):
        cells = [c.strip() for c in cells]
        if not any(cells):
            section, header = "", []
        elif len(cells) == 1 and cells[0] in SECTIONS:
            section, header = cells[0], []
        elif section and not header:
            header = cells
        elif section:
            yield from _row(section, dict(zip(header, cells)), header, tz, tally)
