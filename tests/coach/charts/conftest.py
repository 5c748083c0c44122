"""Two people's histories in one real database (module-scoped: built and drawn once for every chart test).

An English user in New York who weighs in lb and a Chinese user in Shanghai, both weighing in at 07:45 local time
(Shanghai's 07:45 is 23:45 UTC the day before), both with a plan from Wednesday 4 Feb 2026, a paused week
(16-22 Feb), a typo'd weight (10 kg off) that the import's cleaning flags as an outlier, resting HR, sleep or
blood pressure, and set logs.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session

from coach.domain import cleaning
from storage import crypto, repos
from storage.db import make_engine, migrate
from storage.models import Plan
from tests.conftest import _reset_pg

TODAY = date(2026, 3, 13)  # a Friday
PLAN_DAY = date(2026, 2, 4)  # a Wednesday: the first plan (sessions on Wed, Fri, Sun)
PAUSE = [date(2026, 2, 16) + timedelta(days=i) for i in range(7)]  # Mon-Sun
TYPO_DAY = date(2026, 3, 5)
FIRST_WEIGH = date(2026, 1, 26)  # weighing started before the plan
PEOPLE = {
    "en": {"key": "tg:801", "tz": "America/New_York", "unit": "lb", "start_kg": 82.0, "target": 76},
    "zh": {"key": "tg:802", "tz": "Asia/Shanghai", "unit": "kg", "start_kg": 68.0, "target": 64},
}


def _at(day: date, tz: str, hh: int = 7, mm: int = 45) -> datetime:
    return datetime.combine(day, time(hh, mm), ZoneInfo(tz)).astimezone(ZoneInfo("UTC"))


def _plan_data(lang: str) -> dict:
    return {"language": lang, "horizon_weeks": 12,
            "weeks": [{"week": w, "sessions": [{"day": d, "kind": "strength", "minutes": 30, "exercises": []}
                                               for d in (1, 3, 5)]} for w in range(1, 13)]}


def _history(s: Session, lang: str, who: dict) -> int:
    tz = who["tz"]
    user, _ = repos.users.get_or_create_user(s, who["key"], channel="telegram", language=lang, timezone=tz)
    profile = {"age": 40, "height_cm": 175, "weight_kg": who["start_kg"], "goal": "fat_loss", "days_per_week": 3,
               "minutes_per_session": 30, "target_weight_kg": who["target"], "target_weeks": 12}
    if who["unit"] == "lb":
        profile["weight_unit"] = "lb"
    repos.profiles.save_profile(s, user.id, {"complete": True, "profile": profile}, "test")
    s.add(Plan(user_id=user.id, version=1, data=_plan_data(lang), reason="first plan", active=True,
               start_date=PLAN_DAY, created_at=_at(PLAN_DAY, tz, 9, 0)))
    day = FIRST_WEIGH
    weights: list[cleaning.Point] = []
    while day <= TODAY:
        i = (day - FIRST_WEIGH).days
        kg = who["start_kg"] - 0.06 * i + (0.3 if i % 3 == 0 else -0.2)
        row = repos.readings.add_metric(s, user.id, "weight", round(kg - (10 if day == TYPO_DAY else 0), 1), "kg",
                                        measured_at=_at(day, tz))
        weights.append(cleaning.Point(_at(day, tz), row.value, "csv", ref=row))
        if lang == "en":
            late = day >= TODAY - timedelta(days=6)
            repos.readings.add_metric(s, user.id, "resting_hr", 58 + (7 if late else 0) + i % 2, "bpm",
                                      measured_at=_at(day, tz, 7, 0))
            repos.readings.add_metric(s, user.id, "sleep", 5.5 if late else 7.5, "h", measured_at=_at(day, tz, 7, 1))
        elif i % 4 == 0:
            repos.readings.add_metric(s, user.id, "bp", [128 - i // 8, 82], "mmHg", measured_at=_at(day, tz, 8, 0))
        if day >= PLAN_DAY and day not in PAUSE and (day - PLAN_DAY).days % 7 in (0, 2, 4):
            status = "skipped" if (day - PLAN_DAY).days % 14 == 2 else "done"
            repos.workouts.add_workout_log(s, user.id, session_date=day, status=status)
            if lang == "en" and status == "done":
                load = 60 + 2.5 * ((day - PLAN_DAY).days // 7)
                repos.workouts.add_set_log(s, user.id, session_date=day, exercise="goblet_squat",
                                           sets=[[5, load], [5, load], [4, load]])
        day += timedelta(days=1)
    cleaning.clean("weight", weights)  # the import's cleaning rules decide what is flagged (the typo, nothing else)
    for p in weights:
        if p.flag:
            p.ref.flag = p.flag
            s.add(p.ref)
    for d in PAUSE:
        row = repos.deliveries.claim_delivery(s, user.id, "workout", d, worker="pause")
        repos.deliveries.finish_delivery(s, row.id, "skipped")
    s.commit()
    return user.id


def build_history(url: str):
    """A migrated database at `url` with both people's histories: (engine, {lang: user id})."""
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as s:
        ids = {lang: _history(s, lang, who) for lang, who in PEOPLE.items()}
    return engine, ids


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """{lang: (engine, user id)} for the two people."""
    crypto.configure(Fernet.generate_key().decode())
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        _reset_pg(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('charts') / 'fitcoach.db'}"
    engine, ids = build_history(url)
    yield engine, ids
    engine.dispose()
