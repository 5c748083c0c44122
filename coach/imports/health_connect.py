"""Android Health Connect's own export (Settings → Health Connect → Data and access → Export data): a zip holding
`health_connect_export.db`, the SQLite database Health Connect keeps its records in.

SQLite needs a file, so the database is copied out of the zip (or the upload) into a temporary directory first; it
is then opened read-only and immutable, with `trusted_schema` off and cell size checks on (SQLite's advice for
databases from elsewhere), and only the plain tables and columns below are read (never a view or a generated
column of a file someone sent). Times are epoch milliseconds with the offset
(seconds) the reading was taken at, so days are the days the person lived them:
- weight (grams), body fat (%), resting heart rate and blood pressure: one reading per row;
- steps: summed per local day of each interval's start, per app; the app with the larger total counts the day
  (as on Apple exports, a phone and a watch both count);
- sleep: per session, the asleep stages (light, deep, REM, "sleeping") when it has stages, else the session's
  length; a night is dated by its wake-up, and the app with the longer night counts.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from coach.imports.common import Raw, Tally, at_noon, canonical

SOURCE = "health_connect"  # the source Google Fit's Takeout CSV also has: the same account's data
MEMBER = "health_connect_export.db"  # the database inside the export zip
MAGIC = b"SQLite format 3\x00"
# table → (kind, value columns, file unit) of the readings taken at one instant
INSTANT = {
    "weight_record_table": ("weight", ("weight",), "g"),
    "body_fat_record_table": ("body_fat", ("percentage",), "%"),
    "resting_heart_rate_record_table": ("resting_hr", ("beats_per_minute",), "bpm"),
    "blood_pressure_record_table": ("bp", ("systolic", "diastolic"), "mmHg"),
}
STEPS, SLEEP, STAGES = "steps_record_table", "sleep_session_record_table", "sleep_stages_table"
ASLEEP_STAGES = (2, 4, 5, 6)  # SleepSessionRecord.STAGE_TYPE_SLEEPING, _LIGHT, _DEEP, _REM


def sniff_bytes(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, timezone.utc)


def _local_day(ms: int, offset_s: int | None) -> date:
    return (_at(ms) + timedelta(seconds=offset_s or 0)).date()


def _instant(db: sqlite3.Connection, table: str, tally: Tally) -> Iterator[Raw]:
    kind, columns, unit = INSTANT[table]
    query = f"SELECT time, {', '.join(columns)} FROM {table} ORDER BY time"  # table and columns: constants above
    for row in db.execute(query):
        ms, values = row[0], row[1:]
        if not isinstance(ms, int) or not all(isinstance(v, (int, float)) for v in values):
            tally.skip(kind, "unreadable")
            continue
        if kind == "bp":
            yield Raw(kind, _at(ms), [round(v) for v in values], list(values), unit)
            continue
        value = canonical(kind, float(values[0]), unit)
        if value is None:
            tally.skip(kind, "unknown_unit")
            continue
        yield Raw(kind, _at(ms), value, values[0], unit)


def _steps(db: sqlite3.Connection, tally: Tally) -> Iterator[Raw]:
    totals: dict[tuple[date, object], float] = defaultdict(float)
    offsets: dict[date, int] = {}
    for ms, offset, count, app in db.execute(f"SELECT start_time, start_zone_offset, count, app_info_id FROM {STEPS}"):
        if not isinstance(ms, int) or not isinstance(count, (int, float)):
            tally.skip("steps", "unreadable")
            continue
        day = _local_day(ms, offset)
        totals[(day, app)] += count
        offsets.setdefault(day, offset or 0)
    best: dict[date, float] = {}
    for (day, _app), total in totals.items():
        best[day] = max(best.get(day, 0.0), total)
    for day, total in sorted(best.items()):
        yield Raw("steps", at_noon(day, timezone(timedelta(seconds=offsets[day]))), round(total), round(total), "count")


def _sleep(db: sqlite3.Connection, tables: set[str], tally: Tally) -> Iterator[Raw]:
    asleep: dict[object, float] = defaultdict(float)  # session row_id → ms asleep by its stages
    if STAGES in tables:
        marks = ",".join("?" * len(ASLEEP_STAGES))
        for parent, start, end in db.execute(f"SELECT parent_key, stage_start_time, stage_end_time FROM {STAGES} "
                                             f"WHERE stage_type IN ({marks})", ASLEEP_STAGES):
            if isinstance(start, int) and isinstance(end, int) and end > start:
                asleep[parent] += end - start
    nights: dict[date, tuple[float, int]] = {}  # wake-up day → (hours, wake-up ms), the longest app's
    by_app: dict[tuple[date, object], tuple[float, int]] = {}
    for row_id, start, end, offset, app in db.execute(
            f"SELECT row_id, start_time, end_time, end_zone_offset, app_info_id FROM {SLEEP}"):
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            tally.skip("sleep", "unreadable")
            continue
        key = (_local_day(end, offset), app)
        hours, wake = by_app.get(key, (0.0, end))
        by_app[key] = (hours + (asleep.get(row_id) or end - start) / 3_600_000, max(wake, end))
    for (night, _app), (hours, wake) in by_app.items():
        if hours > nights.get(night, (0.0, 0))[0]:
            nights[night] = (hours, wake)
    for night, (hours, wake) in sorted(nights.items()):
        yield Raw("sleep", _at(wake), round(hours, 2), round(hours * 60), "min")


def _read(db: sqlite3.Connection, tally: Tally) -> Iterator[Raw]:
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables & (set(INSTANT) | {STEPS, SLEEP}):
        tally.skip("?", "unreadable")  # a SQLite file, but not Health Connect's
        return
    readers = [(INSTANT[t][0], lambda t=t: _instant(db, t, tally)) for t in INSTANT if t in tables]
    if STEPS in tables:
        readers.append(("steps", lambda: _steps(db, tally)))
    if SLEEP in tables:
        readers.append(("sleep", lambda: _sleep(db, tables, tally)))
    for kind, reader in readers:
        try:
            yield from reader()
        except sqlite3.Error:  # a table without the columns we know (another schema version): the others still count
            tally.skip(kind, "unreadable")


def parse(stream: BinaryIO, tally: Tally, tz: ZoneInfo) -> Iterator[Raw]:
    """Readings from a Health Connect database stream (tz is unused: every row carries its own offset)."""
    with tempfile.TemporaryDirectory(prefix="fitcoach-hc-") as tmp:
        path = Path(tmp) / MEMBER
        with open(path, "wb") as fh:
            shutil.copyfileobj(stream, fh, 1 << 20)
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "mmap_size = 0"):  # a file from anyone
                db.execute(f"PRAGMA {pragma}")
            yield from _read(db, tally)
        except sqlite3.DatabaseError:  # not a database after all, or a damaged one: what was read is kept
            tally.skip("?", "unreadable")
        finally:
            db.close()
