"""Render time of the files a turn sends: the /progress chart (data, drawing, PNG) and /export (JSON + PDF report).

Goal (issue #14): every turn <= 1 s on this machine, file turns included. Several people, from a first week to a
3,000-day Apple Health import, each drawn --reps times (warm: matplotlib, fpdf and the CJK font are loaded once
before timing, as a running bot has them); p50/p95/max per person and kind, and the load average beside them.
    .venv/bin/python bench/chart_bench.py [--reps 10] [--days 3000] [--db sqlite:///...|postgresql://...] [--full-font]

PDFs are subset from the small CJK face (coach.charts.pdf_face; built before timing, as a running bot builds it at
start-up); --full-font measures them from the full font instead (a report with a hanzi the face lacks, or one made
before the face exists). Charts and reports run with the collector paused (charts.render.objects_die_young); the
number of full collections during the timed turns is printed.

The 3,000-day person is imported with the same use case `fitcoach import` runs (a synthetic export,
tests/data/imports/apple_export.py: daily weight, resting HR, sleep, steps, BP every third day, body fat weekly),
then regenerates --plans plan versions from changed profiles (400: what a fuzzed person stores; 13 MB of JSON).

Measured (CPU time; the machine shared, so wall time is mostly waiting for a core), --reps 5:
- before (at load 1.6, no regenerated plans): /progress p50 0.28 s, max 0.68 s; /export p50 0.37 s, max 0.93 s.
  With the 400 plan versions (at load 5-6): /progress 0.84-1.01 s, /export 1.5-2.2 s (every version decrypted for
  the sessions bars, the JSON file's cells parsed and encoded again).
- after (at load 11-13): /progress p50 0.29 s, max 0.49 s; /export p50 0.44 s, max 1.00 s (the 3,000-day person
  with 400 versions: p50 0.77 s; at load 9-11 0.71-0.83 s, /progress 0.22-0.33 s).
- the report's chart drawn as fpdf vectors instead of the /progress PNG (load 10-11): /export CPU p50 0.10 s, max
  0.55 s (week 1 0.05 s, a year in Chinese 0.16 s (0.39 s before), the 3,000-day import with 400 plans 0.47 s).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path

from _common import ms, pct

from cryptography.fernet import Fernet

from coach import charts
from coach.charts import pdf_face
from coach.services import privacy
from coach.services.clock import utcnow
from coach.services.imports import import_for
from coach.services.plans import create_plan
from coach.services.profiles import save_profile
from coach.services.progress import chart_data
from coach.services.report import report_pdf
from storage import crypto, repos
from storage.db import make_engine, migrate, session_scope
from tests.factories import BASE_PROFILE

TODAY = date(2026, 3, 13)


def _user(s, key: str, lang: str, tz: str, start: date, profile: dict | None = None):
    user, _ = repos.users.get_or_create_user(s, key, channel="telegram", language=lang, timezone=tz)
    repos.users.update_user(s, user, consent_version="bench", consent_at=utcnow())
    prof = save_profile(s, user, {**BASE_PROFILE, **(profile or {})}, "bench")
    create_plan(s, user, prof, "bench plan", start=start)
    return user


def _history(s, user, days: int, *, bp: bool, sets: bool) -> None:
    """Daily weight and resting HR (BP every fourth day when asked), sleep, workouts on plan days, set logs."""
    for i in range(days):
        day = TODAY - timedelta(days=days - 1 - i)
        at = datetime.combine(day, dtime(7), timezone.utc)
        repos.readings.add_metric(s, user.id, "weight", round(82 - 0.05 * i + (0.3 if i % 3 else -0.2), 1), "kg",
                                  measured_at=at)
        repos.readings.add_metric(s, user.id, "resting_hr", 58 + i % 4, "bpm", measured_at=at)
        repos.readings.add_metric(s, user.id, "sleep", 7 + (i % 5) / 10, "h", measured_at=at)
        if bp and i % 4 == 0:
            repos.readings.add_metric(s, user.id, "bp", [128 - i % 9, 82], "mmHg", measured_at=at)
        if i % 7 in (0, 2, 4):
            repos.workouts.add_workout_log(s, user.id, session_date=day, status="done" if i % 14 else "skipped")
            if sets:
                load = 40 + 2.5 * (i // 7)
                repos.workouts.add_set_log(s, user.id, session_date=day, exercise="goblet_squat",
                                           sets=[[5, load], [5, load], [4, load]])


def people(engine, tmp: Path, days: int) -> dict[str, int]:
    """{label: user id}: a first week, three months (lb, sets), a year in Chinese, and a long import."""
    from import_bench import make_export  # the same synthetic Apple Health export as the import benchmark

    ids = {}
    with session_scope(engine) as s:
        for label, key, lang, tz, n, extra in (
                ("week 1 (en)", "tg:9001", "en", "Europe/London", 7, {}),
                ("3 months (en, lb)", "tg:9002", "en", "America/New_York", 90, {"weight_unit": "lb"}),
                ("1 year (zh)", "tg:9003", "zh", "Asia/Shanghai", 365, {})):
            user = _user(s, key, lang, tz, TODAY - timedelta(days=min(n, 60)), extra)
            _history(s, user, n, bp=lang == "zh", sets=n >= 90)
            ids[label] = user.id
        user = _user(s, "tg:9004", "zh", "Asia/Shanghai", TODAY - timedelta(days=30))
        ids[f"{days}-day import (zh)"] = user.id
    path, records, _size = make_export(tmp, days, False)
    t0 = time.perf_counter()
    with session_scope(engine) as s:
        import_for(s, "tg:9004", path)
    print(f"imported {records:,} records for the {days}-day person in {time.perf_counter() - t0:.1f} s")
    return ids


def regenerate(engine, uid: int, versions: int) -> None:
    """`versions` more plan versions, each from a changed profile (what a fuzzed person who edits their profile
    again and again stores), and an adjustment with its reason for every other one."""
    rng = random.Random(14)
    with session_scope(engine) as s:
        user = repos.users.get_user(s, uid)
        for i in range(versions):
            change = {"days_per_week": rng.choice([2, 3, 4, 5]), "minutes_per_session": rng.choice([30, 45, 60]),
                      "goal": rng.choice(["fat_loss", "muscle_gain", "general_health"])}
            prof = save_profile(s, user, {**BASE_PROFILE, **change}, "bench")
            plan = create_plan(s, user, prof, f"资料变更 {i}", start=TODAY - timedelta(days=rng.randint(0, 60)))
            if i % 2 == 0:
                repos.adjustments.add_adjustment(s, uid, rule="bench", change=change, reason=f"原因 {i}",
                                                 citations=["kb-bench-001"], from_plan_id=None, to_plan_id=plan.id)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call: the machine is shared, CPU time is what the code itself costs."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def measure(engine, uid: int, today: date, reps: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for _ in range(reps):
        with session_scope(engine) as s:
            user = repos.users.get_user(s, uid)
            box: dict = {}
            figures = {
                "chart data": _timed(lambda: box.update(data=chart_data(s, user, today))),
                "chart draw+PNG": _timed(lambda: (charts.chart_png(box["data"]), charts.summary(box["data"]))),
                # what the /export turn does: the JSON of everything stored, then the readable PDF
                "/export": _timed(lambda: (privacy.export_json(s, uid), report_pdf(s, user, today))),
            }
            figures["/progress"] = tuple(a + b for a, b in zip(figures["chart data"], figures["chart draw+PNG"]))
            for kind, (wall, cpu) in figures.items():
                out.setdefault(kind, []).append(wall)
                out.setdefault(kind + " CPU", []).append(cpu)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--days", type=int, default=3000, help="days of the imported person's history")
    ap.add_argument("--db", default=None, help="an EMPTY database URL (default: a SQLite file in the temp dir)")
    ap.add_argument("--plans", type=int, default=400, help="plan versions the imported person regenerates")
    ap.add_argument("--full-font", action="store_true", help="PDFs from the full CJK font, not the small face")
    args = ap.parse_args()
    crypto.configure(Fernet.generate_key().decode())
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.full_font:
            pdf_face.configure(tmp / "no-face")  # an empty folder: no face, and a report never starts a build
        print(f"PDF font: {'the full font' if args.full_font else pdf_face.ready(wait=True)}")
        engine = make_engine(args.db or f"sqlite:///{tmp / 'bench.db'}")
        migrate(engine)
        ids = people(engine, tmp, args.days)
        label = f"{args.days}-day import (zh)"
        if args.plans:
            uid = ids.pop(label)
            label = f"{args.days}-day import + {args.plans} plans (zh)"
            ids[label] = uid
            t0 = time.perf_counter()
            regenerate(engine, ids[label], args.plans)
            print(f"{args.plans} plan versions made in {time.perf_counter() - t0:.1f} s")
        last_import_day = None
        with session_scope(engine) as s:
            rows = repos.readings.metrics(s, ids[label], "weight")
            last_import_day = rows[-1].measured_at.date() + timedelta(days=1)
        measure(engine, ids["1 year (zh)"], TODAY, 1)  # warm: matplotlib, fpdf, the CJK font, once per process
        every: dict[str, list[float]] = {}
        full = []  # full collections while measuring

        def count(phase: str, info: dict) -> None:
            if phase == "stop" and info["generation"] == 2:
                full.append(1)

        gc.callbacks.append(count)
        for label, uid in ids.items():
            today = last_import_day if "import" in label else TODAY
            figures = measure(engine, uid, today, args.reps)
            load = "/".join(f"{x:.2f}" for x in os.getloadavg())
            for kind, values in figures.items():
                every.setdefault(kind, []).extend(values)
                print(f"{label:32} {kind:18} p50 {ms(pct(values, 50)):>9}  p95 {ms(pct(values, 95)):>9}  "
                      f"max {ms(max(values)):>9}  (load {load})")
        print(f"all people ({len(full)} full collections while measuring):")
        for kind, values in every.items():
            print(f"  {kind:15} p50 {ms(pct(values, 50)):>9}  p95 {ms(pct(values, 95)):>9}  max {ms(max(values)):>9}"
                  f"  [goal: a turn <= 1000 ms]")
        engine.dispose()


if __name__ == "__main__":
    main()
