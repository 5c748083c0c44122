"""Import of a large synthetic Apple Health export into a fresh SQLite database (issue #18).

Goals: >= 1 M records (>= 200 MB of XML) import in <= 60 s with peak RSS <= 300 MB; a second import adds 0 rows.
    .venv/bin/python bench/import_bench.py [--days 3500] [--xml] [--db sqlite:///...|postgresql://...]

The export (tests/data/imports/apple_export.py: steps from two devices, heart rate and energy samples, daily weight,
resting HR, sleep stages, blood pressure, weekly body fat) is written into a temp dir and zipped like the Health
app's export.zip (--xml: the bare export.xml), then imported with the same use case `fitcoach import` runs.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from _common import rss_mb

from cryptography.fernet import Fernet

from coach.services.imports import import_for
from storage import crypto
from storage.db import make_engine, migrate, session_scope
from storage.models import utcnow
from storage.repos import users
from tests.data.imports.apple_export import write_export


class PeakRss:
    """Samples this process's RSS every 20 ms while running."""

    def __init__(self) -> None:
        self.peak, self._stop = rss_mb(), threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> PeakRss:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, rss_mb())


def make_export(tmp: Path, days: int, as_xml: bool) -> tuple[Path, int, int]:
    """(file to import, records, bytes of XML)."""
    xml = tmp / "export.xml"
    with open(xml, "wb") as fh:
        records = write_export(fh, days)
    size = xml.stat().st_size
    if as_xml:
        return xml, records, size
    zpath = tmp / "export.zip"
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.write(xml, "apple_health_export/export.xml")
    xml.unlink()
    return zpath, records, size


def run_import(engine, path: Path) -> tuple[float, int, float]:
    """(seconds, rows added, peak RSS MB) of one import."""
    with PeakRss() as peak:
        t0 = time.perf_counter()
        with session_scope(engine) as s:
            _user, summary = import_for(s, "cli:bench", path)
        seconds = time.perf_counter() - t0
    return seconds, summary.added, peak.peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=3500, help="days of data (~290 records and ~115 KB a day)")
    ap.add_argument("--xml", action="store_true", help="import the bare export.xml instead of export.zip")
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file in the temp dir)")
    args = ap.parse_args()
    crypto.configure(Fernet.generate_key().decode())
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        path, records, size = make_export(tmp, args.days, args.xml)
        print(f"export: {records:,} records, {size / 1e6:.0f} MB of XML ({path.name}, {path.stat().st_size / 1e6:.0f} "
              f"MB on disk), written in {time.perf_counter() - t0:.1f} s")
        engine = make_engine(args.db or f"sqlite:///{tmp / 'bench.db'}")
        migrate(engine)
        with session_scope(engine) as s:
            user, _ = users.get_or_create_user(s, "cli:bench", channel="cli", timezone="Asia/Shanghai")
            users.update_user(s, user, consent_version="bench", consent_at=utcnow())
        base = rss_mb()
        seconds, added, peak = run_import(engine, path)
        print(f"first import: {seconds:.1f} s, {records:,} records read, {added:,} rows added, "
              f"peak RSS {peak:.0f} MB (before: {base:.0f} MB)  [goal <= 60 s, <= 300 MB]")
        seconds, added, peak = run_import(engine, path)
        print(f"second import: {seconds:.1f} s, {added} rows added, peak RSS {peak:.0f} MB  [goal: 0 rows]")
        print(f"process max RSS (getrusage): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        engine.dispose()


if __name__ == "__main__":
    main()
