"""Plain CSV: a header `date,kind,value,unit` and one reading a row (the format to type or script by hand).

`kind` is a metric kind (weight, resting_hr, bp, sleep, body_fat, steps); `value` is a number, or "120/80" for bp;
`unit` may be empty (the kind's own unit) or any unit the kind accepts (lb, min, ...); `date` is a date
(the reading stands at local noon) or a date and time (ISO 8601; local time unless it has an offset).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import DEFAULT_UNIT, Raw, Tally, canonical, number, parse_when

SOURCE = "csv"
HEADER = ("date", "kind", "value", "unit")
ALIASES = {"heart_rate": "resting_hr", "rhr": "resting_hr", "blood_pressure": "bp", "bodyfat": "body_fat",
           "fat": "body_fat", "step": "steps"}


def sniff(head: str) -> bool:
    cells = [c.strip().lower() for c in head.splitlines()[0].split(",")] if head else []
    return cells[:3] == list(HEADER[:3])


def _bp(text: str) -> list[float] | None:
    parts = text.replace(" ", "").split("/")
    if len(parts) != 2:
        return None
    nums = [number(p) for p in parts]
    return None if None in nums else [float(n) for n in nums]  # type: ignore[arg-type]


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""))
    next(rows, None)
    for row in rows:
        if not row or not "".join(row).strip():
            continue
        cells = [c.strip() for c in row] + [""] * (4 - len(row))
        kind = ALIASES.get(cells[1].lower(), cells[1].lower())
        if kind not in DEFAULT_UNIT:
            tally.skip(kind or "?", "unknown_kind")
            continue
        at = parse_when(cells[0], tz)
        unit = cells[3] or DEFAULT_UNIT[kind]
        if kind == "bp":
            pair = _bp(cells[2])
            if at is None or pair is None or unit.lower() != "mmhg":
                tally.skip(kind, "unreadable")
                continue
            yield Raw(kind, at, [round(v) for v in pair], pair, unit)
            continue
        raw = number(cells[2])
        if at is None or raw is None:
            tally.skip(kind, "unreadable")
            continue
        value = canonical(kind, raw, unit)
        if value is None:
            tally.skip(kind, "unknown_unit")
            continue
        yield Raw(kind, at, value, raw, unit)
