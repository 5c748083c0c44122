"""Each format: its small fixture is recognised and read into canonical units, keeping the file's own value."""
from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.imports import Tally, UnknownFormat, detect, open_readings
from coach.imports.apple import when
from tests.data.imports.apple_export import HEADER, record, write_export

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def read(path: Path, tz: ZoneInfo = SHANGHAI) -> tuple[str, list, Tally]:
    tally = Tally()
    with open_readings(path, tally, tz) as (fmt, raws):
        return fmt.name, list(raws), tally


def by(raws: list, kind: str) -> list:
    return [r for r in raws if r.kind == kind]


@pytest.fixture
def apple_zip(tmp_path) -> Path:
    xml = tmp_path / "export.xml"
    with open(xml, "wb") as fh:
        write_export(fh, 6, start=date(2026, 1, 5))
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xml, "apple_health_export/export.xml")
    return path


def test_apple_export_zip_gives_daily_steps_nightly_sleep_paired_bp_and_body_fat_in_percent(apple_zip):
    name, raws, tally = read(apple_zip)
    assert name == "Apple Health" and not tally
    assert len(by(raws, "weight")) == 6 and len(by(raws, "resting_hr")) == 6
    steps = by(raws, "steps")
    assert len(steps) == 6 and all(3600 <= s.value <= 9600 for s in steps)  # one device's 60 samples of 40-160
    assert [s.at.astimezone(SHANGHAI).date() for s in steps] == [date(2026, 1, d) for d in range(5, 11)]
    assert {s.value for s in by(raws, "sleep")} == {6.42}  # 385 asleep minutes; the 5 awake minutes do not count
    bp = by(raws, "bp")
    assert bp and all(isinstance(b.value, list) and 112 <= b.value[0] <= 128 and 70 <= b.value[1] <= 82 for b in bp)
    fat = by(raws, "body_fat")
    assert fat and 20 <= fat[0].value <= 23 and fat[0].original_value < 1 and fat[0].original_unit == "%"
    assert by(raws, "weight")[0].at == datetime(2026, 1, 5, 7, 0, tzinfo=SHANGHAI).astimezone(timezone.utc)


def test_apple_bare_xml_and_a_truncated_file_keep_what_was_read(apple_zip, tmp_path):
    xml = tmp_path / "export.xml"
    assert detect(xml).name == "Apple Health"
    cut = tmp_path / "cut.xml"
    cut.write_bytes(xml.read_bytes()[: xml.stat().st_size // 2])
    _, raws, tally = read(cut)
    assert tally[("?", "broken_xml")] == 1 and 0 < len(by(raws, "weight")) < 6


def test_apple_pounds_are_converted_and_kept_as_given(tmp_path):
    at = datetime(2026, 1, 5, 7, 45, 12, tzinfo=timezone(timedelta(hours=8)))
    assert when("2026-01-05 07:45:12 +0800") == at
    path = tmp_path / "export.xml"
    path.write_bytes(HEADER + record("HKQuantityTypeIdentifierBodyMass", "lb", at, at, "165.3").encode()
                     + b"</HealthData>\n")
    _, raws, _ = read(path)
    assert [(r.value, r.original_value, r.original_unit) for r in raws] == [(74.98, 165.3, "lb")]


def test_plain_csv_converts_units_and_counts_what_it_cannot_read():
    name, raws, tally = read(DATA / "plain.csv")
    assert name == "plain CSV"
    w = by(raws, "weight")
    assert w[0].value == pytest.approx(74.98, abs=0.01) and (w[0].original_value, w[0].original_unit) == (165.3, "lb")
    assert w[0].at == datetime(2026, 1, 5, 12, tzinfo=SHANGHAI).astimezone(timezone.utc)  # a date alone: local noon
    assert by(raws, "bp")[0].value == [121, 79]
    assert by(raws, "sleep")[0].value == pytest.approx(7.42, abs=0.01)
    assert by(raws, "steps")[0].value == 8412 and by(raws, "body_fat")[0].value == 21.5
    assert tally == {("mood", "unknown_kind"): 1, ("weight", "unreadable"): 1}
    assert [r.value for r in w][-1] == 750  # out of range: the cleaning rejects it, not the parser


def test_google_fit_daily_metrics():
    name, raws, _ = read(DATA / "google_fit.csv")
    assert name == "Google Fit / Health Connect"
    assert [r.value for r in by(raws, "steps")] == [7321, 5400, 9012]
    assert [r.value for r in by(raws, "weight")] == [74.9, 74.6]  # the day without a weigh-in has none


def test_fitbit_sections():
    name, raws, _ = read(DATA / "fitbit.csv")
    assert name == "Fitbit"
    assert [r.value for r in by(raws, "weight")] == [74.9, 74.7]
    assert [r.value for r in by(raws, "body_fat")] == [21.2]  # Fitbit's 0 means no reading
    assert [r.value for r in by(raws, "steps")] == [10234, 6120]
    sleep = by(raws, "sleep")
    assert sleep[0].value == pytest.approx(6.87, abs=0.01) and sleep[0].original_unit == "min"
    assert sleep[0].at.astimezone(SHANGHAI).date() == date(2026, 1, 6)


def test_garmin_cells_with_units():
    name, raws, tally = read(DATA / "garmin.csv")
    assert name == "Garmin"
    assert [r.value for r in by(raws, "weight")] == [pytest.approx(75.02, abs=0.01), 75.1]
    assert by(raws, "weight")[0].original_unit == "lbs"
    assert [r.value for r in by(raws, "resting_hr")] == [57, 59]
    assert [r.value for r in by(raws, "sleep")] == [pytest.approx(7.33, abs=0.01), pytest.approx(6.08, abs=0.01)]
    assert [r.value for r in by(raws, "steps")] == [9876, 4321] and not tally


@pytest.mark.parametrize("content", [b"hello world\n", b"\x89PNG\r\n\x1a\n\x00\x00", b"a,b,c\n1,2,3\n"])
def test_anything_else_is_an_unknown_format(tmp_path, content):
    path = tmp_path / "f.bin"
    path.write_bytes(content)
    with pytest.raises(UnknownFormat):
        detect(path)


def test_a_zip_without_an_export_is_an_unknown_format(tmp_path):
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "nothing here")
    with pytest.raises(UnknownFormat):
        detect(path)


def test_an_entity_expansion_bomb_is_refused_quickly(tmp_path):
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "export.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE HealthData [{ents}]><HealthData><Record type='
                    f'"HKQuantityTypeIdentifierBodyMass" unit="kg" value="&a9;" startDate="2026-01-05 07:00:00 +0800"/>'
                    f'</HealthData>')
    _, raws, tally = read(path)
    assert raws == [] and tally == {("?", "broken_xml"): 1}


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("apple_health_export/export.xml", "w", force_zip64=True) as fh:
            for _ in range(80):
                fh.write(b" " * (1 << 20))
    with pytest.raises(UnknownFormat, match="fold"):
        detect(path)
