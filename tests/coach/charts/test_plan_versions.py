"""A person who regenerated their plan again and again: the sessions bars count each day against the version in
force that day, and drawing them decrypts only those versions, not the whole history (hundreds of versions
decrypted one by one cost a /progress ~0.5 s, and an /export as much again)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import text
from sqlmodel import Session

from coach.charts import data as cd
from coach.services import progress
from storage import crypto, repos
from storage.models import Plan

TODAY = date(2026, 3, 13)  # a Friday
OLD, RECENT = 150, 9  # versions made long before the bars' eight weeks, and within them


def _plan(days: tuple[int, ...]) -> dict:
    return {"horizon_weeks": 12, "weeks": [{"week": w, "sessions": [{"day": d, "kind": "strength", "minutes": 30,
                                                                      "exercises": []} for d in days]}
                                           for w in range(1, 13)]}


def _history(s: Session) -> int:
    user, _ = repos.users.get_or_create_user(s, "tg:961", channel="telegram", timezone="Asia/Shanghai")
    made = [datetime(2025, 6, 1, 9, tzinfo=timezone.utc) + timedelta(days=i) for i in range(OLD)]
    made += [datetime.combine(TODAY - timedelta(days=50 - 6 * i), time(3), timezone.utc) for i in range(RECENT)]
    for version, at in enumerate(made, start=1):
        days = ((1,), (1, 4), (1, 3, 5), (2, 4, 6, 7))[version % 4]
        s.add(Plan(user_id=user.id, version=version, data=_plan(days), reason=f"v{version}",
                   active=version == len(made), start_date=at.date() - timedelta(days=version % 5), created_at=at))
    s.commit()
    return user.id


def _expected(s: Session, user, today: date) -> list[int | None]:
    """Each week's planned sessions, every version decrypted: the last version made on or before a day is in force."""
    history = repos.plans.plan_history(s, user.id)
    tz = user.timezone

    def planned_on(day: date) -> int:
        current = history[0]
        for plan in history:
            if progress.tr.local_day(plan.created_at, tz) <= day:
                current = plan
        return 1 if progress.session_on(current, day).session is not None else 0

    first = max(progress.tr.local_day(history[0].created_at, tz), history[0].start_date)
    return [w.planned for w in cd.adherence(today, first, planned_on, set(), [])]


def test_the_bars_use_the_version_in_force_and_decrypt_only_those(container):
    with container.session() as s:
        uid = _history(s)
    with container.session() as s:
        plan_tokens = set(s.execute(text("SELECT data FROM plans WHERE user_id = :u"), {"u": uid}).scalars())
        user = repos.users.get_user(s, uid)
        crypto.clear_cache()
        weeks = progress.chart_data(s, user, TODAY).weeks
        decrypted = plan_tokens & set(crypto._cache)
    with container.session() as s:
        expected = _expected(s, repos.users.get_user(s, uid), TODAY)
    assert len(plan_tokens) == OLD + RECENT
    assert [w.planned for w in weeks] == expected and len(set(expected)) > 1  # the versions differ, and it shows
    assert len(decrypted) <= RECENT + 2  # those made within the eight weeks, the one in force before, the first


def test_many_versions_made_on_one_day_decrypt_one(container):
    # a fuzzed person regenerates hundreds of plans in one day: only the day's last is ever in force (CI: a /progress
    # at 1.05 s of CPU decrypting 612 versions)
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, "tg:962", channel="telegram", timezone="UTC")
        day = TODAY - timedelta(days=3)
        for version in range(1, 41):
            at = datetime.combine(day, time(8), timezone.utc) + timedelta(minutes=version)
            s.add(Plan(user_id=user.id, version=version, data=_plan(((1,), (1, 4))[version % 2]), reason=f"v{version}",
                       active=version == 40, start_date=day, created_at=at))
        s.commit()
        uid = user.id
    with container.session() as s:
        plan_tokens = set(s.execute(text("SELECT data FROM plans WHERE user_id = :u"), {"u": uid}).scalars())
        crypto.clear_cache()
        weeks = progress.chart_data(s, repos.users.get_user(s, uid), TODAY).weeks
        decrypted = plan_tokens & set(crypto._cache)
    assert len(decrypted) <= 2  # the day's last (in force) and the first (standing in before any was made)
    assert weeks[-1].planned == 1  # version 40 (even): day 1 only
