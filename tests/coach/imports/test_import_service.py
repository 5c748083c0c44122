"""Importing into the database: provenance kept and encrypted, idempotent, cleaned against stored readings,
refused for people who did not consent; migration 0006 both ways."""
from __future__ import annotations

import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from coach.services.imports import ImportRefused, UnknownFormat, import_for, summary_text
from storage import repos
from storage.db import alembic_config, migrate
from tests.data.imports.apple_export import write_export
from tests.factories import make_user

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


@pytest.fixture
def apple_zip(tmp_path) -> Path:
    xml = tmp_path / "export.xml"
    with open(xml, "wb") as fh:
        write_export(fh, 10, start=date(2026, 1, 5))
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(xml, "apple_health_export/export.xml")
    return path


def run(container, key: str, path: Path):
    with container.session() as s:
        return import_for(s, key, path)[1]


def test_apple_import_keeps_provenance_encrypted_and_a_second_import_adds_nothing(container, apple_zip):
    uid = make_user(container, "tg:1", start=date(2026, 1, 5), tz="Asia/Shanghai")
    first = run(container, "tg:1", apple_zip)
    assert first.added == 10 * 4 + 3 + 2 and first.rejected == 0  # weight, RHR, steps, sleep a day; bp; body fat
    assert first.kinds["weight"].first == date(2026, 1, 5) and first.kinds["weight"].last == date(2026, 1, 14)
    with container.session() as s:
        rows = [r for r in repos.readings.metrics(s, uid) if r.import_key]
        assert {r.source for r in rows} == {"apple_health"} and len({r.import_key for r in rows}) == len(rows)
        fat = next(r for r in rows if r.kind == "body_fat")
        assert 20 <= fat.value <= 23 and fat.original_value < 1 and fat.original_unit == "%" and fat.unit == "%"
        raw = s.connection().execute(sa.text("select value, original_value from metric_readings "
                                             "where import_key is not null")).all()
        assert all(v.startswith("gAAAA") and o.startswith("gAAAA") for v, o in raw)  # Fernet tokens
    second = run(container, "tg:1", apple_zip)
    assert second.added == 0 and second.kinds["weight"].already == 10
    assert "0 readings added" in summary_text("en", second)


def test_a_reading_typed_by_hand_and_the_same_one_in_a_file_is_stored_once(container, tmp_path):
    uid = make_user(container, "tg:2", start=date(2026, 1, 5))
    with container.session() as s:
        repos.readings.add_metric(s, uid, "weight", 74.9, "kg", source="manual",
                                  measured_at=datetime(2026, 1, 6, 7, 10, tzinfo=timezone.utc))
    path = tmp_path / "w.csv"
    path.write_text("date,kind,value,unit\n2026-01-06T07:00:00Z,weight,74.9,kg\n2026-01-07T07:00:00Z,weight,74.7,\n")
    summary = run(container, "tg:2", path)
    assert summary.added == 2 and summary.kinds["weight"].flags == {"duplicate": 1}
    with container.session() as s:
        rows = repos.readings.metrics(s, uid, "weight")
        assert [(r.source, r.flag) for r in rows if r.measured_at.day in (6, 7)] == [
            ("csv", "duplicate"), ("manual", None), ("csv", None)]
    assert "duplicates of another source: 1" in summary_text("en", summary)


def test_summary_names_what_was_rejected_and_why(container):
    make_user(container, "tg:3", start=date(2026, 1, 5), tz="Asia/Shanghai")
    summary = run(container, "tg:3", DATA / "plain.csv")
    assert summary.kinds["weight"].rejected == {"out_of_range": 1, "unreadable": 1}
    assert summary.kinds["mood"].rejected == {"unknown_kind": 1}
    text = summary_text("en", summary)
    assert "weight: 2 added (2026-01-05 to 2026-01-06)" in text and "1 rejected (outside the accepted range)" in text
    assert "体重" in summary_text("zh", summary)


def test_unknown_people_people_without_consent_and_unknown_files_store_nothing(container, tmp_path, apple_zip):
    with pytest.raises(ImportRefused):
        run(container, "tg:404", apple_zip)
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, "tg:5", channel="telegram")
    with pytest.raises(ImportRefused):
        run(container, "tg:5", apple_zip)
    uid = make_user(container, "tg:6", start=date(2026, 1, 5))
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (junk, DATA / "__init__.py"):
        with pytest.raises(UnknownFormat):
            run(container, "tg:6", path)
    with container.session() as s:
        assert not [r for r in repos.readings.metrics(s, uid) if r.import_key]


def test_migration_0006_up_and_down(engine):
    def columns() -> set[str]:
        return {c["name"] for c in sa.inspect(engine).get_columns("metric_readings")}

    assert {"original_value", "original_unit", "import_key", "flag"} <= columns()
    command.downgrade(alembic_config(engine), "0005")
    assert "import_key" not in columns()
    migrate(engine)
    assert "flag" in columns()


def test_progress_rises_to_one_as_the_file_is_read(container, tmp_path):
    make_user(container, "cli:p", start=date(2026, 1, 5))
    xml = tmp_path / "export.xml"
    with open(xml, "wb") as fh:
        write_export(fh, 40, start=date(2026, 1, 5))
    seen: list[float] = []
    with container.session() as s:
        import_for(s, "cli:p", xml, progress=seen.append)
    assert len(seen) > 10 and seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[len(seen) // 2] < 1


def test_an_imported_outlier_is_never_the_latest_reading_a_typed_one_is_checked_against(container, tmp_path):
    uid = make_user(container, "tg:7", start=date(2026, 1, 5))
    path = tmp_path / "w.csv"
    path.write_text("date,kind,value,unit\n" + "".join(f"2026-01-{d:02d},weight,{v},kg\n" for d, v in
                                                       ((5, 62.8), (6, 62.7), (7, 62.9), (8, 52.8))))
    summary = run(container, "tg:7", path)
    assert summary.kinds["weight"].flags == {"outlier": 1}
    with container.session() as s:
        assert repos.readings.latest_metric(s, uid, "weight").value == 62.9
        assert repos.readings.metrics(s, uid, "weight")[-1].flag == "outlier"  # kept, for the record and the chart
