"""Android Health Connect's own export: a zip with health_connect_export.db (a small synthetic one, built here with
the columns Health Connect's tables have), read into canonical units on the person's own days, and imported once."""
from __future__ import annotations

import sqlite3
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.imports import Tally, detect, open_readings
from coach.services.imports import import_for, summary_text
from storage import repos
from tests.factories import make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFSET = 8 * 3600
MIN = 60_000
SCHEMA = """
CREATE TABLE application_info_table (row_id INTEGER PRIMARY KEY, package_name TEXT);
CREATE TABLE weight_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER, time INTEGER,
    zone_offset INTEGER, local_date INTEGER, weight REAL);
CREATE TABLE body_fat_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER, time INTEGER,
    zone_offset INTEGER, local_date INTEGER, percentage REAL);
CREATE TABLE resting_heart_rate_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER,
    time INTEGER, zone_offset INTEGER, local_date INTEGER, beats_per_minute INTEGER);
CREATE TABLE blood_pressure_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER, time INTEGER,
    zone_offset INTEGER, local_date INTEGER, systolic REAL, diastolic REAL, measurement_location TEXT,
    body_position TEXT);
CREATE TABLE steps_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER, start_time INTEGER,
    start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, local_date INTEGER, count INTEGER);
CREATE TABLE sleep_session_record_table (row_id INTEGER PRIMARY KEY, uuid BLOB, app_info_id INTEGER,
    start_time INTEGER, start_zone_offset INTEGER, end_time INTEGER, end_zone_offset INTEGER, local_date INTEGER,
    title TEXT, notes TEXT);
CREATE TABLE sleep_stages_table (row_id INTEGER PRIMARY KEY, parent_key INTEGER, stage_start_time INTEGER,
    stage_end_time INTEGER, stage_type INTEGER);
INSERT INTO application_info_table VALUES (1, 'com.google.android.apps.fitness'), (2, 'com.sec.android.app.shealth');
"""


def ms(day: date, hh: int, mm: int = 0) -> int:
    """Epoch ms of a Shanghai wall-clock time."""
    return int(datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI).timestamp() * 1000)


def build_db(path: Path, days: int = 3, start: date = date(2026, 1, 5)) -> Path:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for i in range(days):
        d = start + timedelta(days=i)
        db.execute("INSERT INTO weight_record_table (app_info_id, time, zone_offset, weight) VALUES (2, ?, ?, ?)",
                   (ms(d, 7, 45), OFFSET, 75_300.0 - 100 * i))  # grams
        db.execute("INSERT INTO resting_heart_rate_record_table (app_info_id, time, zone_offset, beats_per_minute) "
                   "VALUES (1, ?, ?, ?)", (ms(d, 7), OFFSET, 58 + i))
        db.execute("INSERT INTO blood_pressure_record_table (app_info_id, time, zone_offset, systolic, diastolic) "
                   "VALUES (2, ?, ?, 121.0, 79.0)", (ms(d, 8), OFFSET))
        for app, per in ((1, 500), (2, 450)):  # the phone and the watch both count: the larger total counts
            for h in (0, 9, 18):  # 00:30 Shanghai is the previous day in UTC: still this local day
                db.execute("INSERT INTO steps_record_table (app_info_id, start_time, start_zone_offset, end_time, "
                           "end_zone_offset, count) VALUES (?, ?, ?, ?, ?, ?)",
                           (app, ms(d, h, 30), OFFSET, ms(d, h, 40), OFFSET, per))
        # the night before: 23:00 to 06:30 with 20 minutes awake → 7 h 10 min asleep
        cur = db.execute("INSERT INTO sleep_session_record_table (app_info_id, start_time, start_zone_offset, "
                         "end_time, end_zone_offset) VALUES (1, ?, ?, ?, ?)",
                         (ms(d, 6, 30) - 450 * MIN, OFFSET, ms(d, 6, 30), OFFSET))
        bed = ms(d, 6, 30) - 450 * MIN
        for a, b, stage in ((0, 200, 4), (200, 220, 1), (220, 300, 5), (300, 450, 6)):
            db.execute("INSERT INTO sleep_stages_table (parent_key, stage_start_time, stage_end_time, stage_type) "
                       "VALUES (?, ?, ?, ?)", (cur.lastrowid, bed + a * MIN, bed + b * MIN, stage))
    db.execute("INSERT INTO body_fat_record_table (app_info_id, time, zone_offset, percentage) VALUES (2, ?, ?, 21.4)",
               (ms(start, 7, 46), OFFSET))
    # a second app's night without stages, shorter: the longer night counts
    db.execute("INSERT INTO sleep_session_record_table (app_info_id, start_time, start_zone_offset, end_time, "
               "end_zone_offset) VALUES (2, ?, ?, ?, ?)", (ms(start, 0), OFFSET, ms(start, 6), OFFSET))
    db.commit()
    db.close()
    return path


@pytest.fixture
def hc_zip(tmp_path) -> Path:
    db = build_db(tmp_path / "health_connect_export.db")
    path = tmp_path / "Health Connect.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(db, "health_connect_export.db")
    db.unlink()
    return path


def read(path: Path) -> tuple[str, list, Tally]:
    tally = Tally()
    with open_readings(path, tally, ZoneInfo("UTC")) as (fmt, raws):
        return fmt.name, list(raws), tally


def by(raws: list, kind: str) -> list:
    return [r for r in raws if r.kind == kind]


def test_the_export_zip_gives_each_kind_in_canonical_units_on_local_days(hc_zip):
    name, raws, tally = read(hc_zip)
    assert name == "Health Connect" and not tally
    weight = by(raws, "weight")
    assert [(w.value, w.original_value, w.original_unit) for w in weight][0] == (75.3, 75_300.0, "g")
    assert weight[0].at == datetime(2026, 1, 5, 7, 45, tzinfo=SHANGHAI).astimezone(timezone.utc)
    assert [r.value for r in by(raws, "resting_hr")] == [58, 59, 60]
    assert by(raws, "bp")[0].value == [121, 79] and by(raws, "body_fat")[0].value == 21.4
    steps = by(raws, "steps")
    assert [s.value for s in steps] == [1500] * 3  # the phone's 3 x 500, not phone + watch
    assert [s.at.astimezone(SHANGHAI).date() for s in steps] == [date(2026, 1, d) for d in (5, 6, 7)]
    sleep = by(raws, "sleep")
    assert [s.value for s in sleep] == [7.17] * 3  # asleep stages only (20 awake minutes left out)
    assert sleep[0].at == datetime(2026, 1, 5, 6, 30, tzinfo=SHANGHAI).astimezone(timezone.utc)


def test_a_bare_database_is_recognised_and_another_sqlite_file_reads_as_nothing(tmp_path):
    db = build_db(tmp_path / "health_connect_export.db")
    assert detect(db).name == "Health Connect"
    other = tmp_path / "notes.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    name, raws, tally = read(other)
    assert name == "Health Connect" and raws == [] and tally == {("?", "unreadable"): 1}


def test_a_table_of_another_schema_version_is_counted_and_the_rest_is_read(tmp_path):
    db = build_db(tmp_path / "health_connect_export.db", days=2)
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE weight_record_table; CREATE TABLE weight_record_table (time INTEGER, grams REAL);")
    con.close()
    _, raws, tally = read(db)
    assert not by(raws, "weight") and len(by(raws, "steps")) == 2 and tally == {("weight", "unreadable"): 1}


def test_import_stores_it_once(container, hc_zip):
    uid = make_user(container, "tg:61", start=date(2026, 1, 5), tz="Asia/Shanghai")
    with container.session() as s:
        first = import_for(s, "tg:61", hc_zip)[1]
    assert first.added == 3 * 5 + 1 and first.rejected == 0  # weight, RHR, bp, steps, sleep a day; body fat
    assert "Imported from Health Connect: 16 readings added." in summary_text("en", first)
    assert first.kinds["sleep"].first == date(2026, 1, 5) and first.kinds["sleep"].last == date(2026, 1, 7)
    with container.session() as s:
        second = import_for(s, "tg:61", hc_zip)[1]
        weights = repos.readings.metrics(s, uid, "weight")
    assert second.added == 0 and second.kinds["weight"].already == 3
    assert {(w.source, w.original_unit) for w in weights if w.import_key} == {("health_connect", "g")}
