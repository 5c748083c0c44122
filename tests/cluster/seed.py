"""Many users at once, fast (bulk inserts), and a fake Bot API that notes when it accepted each message: shared by
the dispatch cluster test and bench/broadcast_bench.py."""
from __future__ import annotations

import secrets
import time
from datetime import datetime, timezone

from sqlalchemy import insert, text

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from storage.db import session_scope
from storage.models import Plan, ProfileVersion, User
from tests.fakes.telegram_api import FakeTelegram

ZONES = ["UTC", "Europe/London", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Tokyo"]


def seed(engine, n: int, *, with_plans: bool, chat_base: int = 100_000) -> None:  # noqa: ANN001
    """Insert n consented users (UTC, reminder 00:00) fast; with plans they are all due for a workout today."""
    today = datetime.now(timezone.utc).date()
    prof = validate_profile({"age": 35, "height_cm": 175, "weight_kg": 75, "goal": "general_health",
                             "days_per_week": 3, "minutes_per_session": 30, "resting_hr": 64})
    plan = make_plan(prof) if with_plans else None
    now = datetime.now(timezone.utc)
    with session_scope(engine) as s:
        for start in range(0, n, 2000):
            rows = [{"external_id": f"tg:{chat_base + i}", "channel": "telegram", "chat_id": chat_base + i,
                     "pseudonym": "u_" + secrets.token_hex(8), "language": "en",
                     "timezone": "UTC" if with_plans else ZONES[i % len(ZONES)], "role": "user",
                     "consent_version": "bench", "consent_at": now, "reminder_time": "00:00" if with_plans else
                     f"{(i % 24):02d}:{(i * 7) % 60:02d}", "checkin_days": [], "reminders_paused": False,
                     "active": True, "created_at": now} for i in range(start, min(n, start + 2000))]
            s.execute(insert(User), rows)
        if with_plans:
            ids = [i for (i,) in s.execute(text("select id from users order by id"))]
            s.execute(insert(ProfileVersion), [{"user_id": u, "version": 1, "data": {"complete": True,
                                         "profile": prof.to_json()}, "reason": "bench", "created_at": now} for u in ids])
            s.execute(insert(Plan), [{"user_id": u, "version": 1, "data": plan, "reason": "bench", "active": True,
                                      "start_date": today, "created_at": now} for u in ids])


class TimedFake(FakeTelegram):
    """The fake Bot API, noting when each sendMessage was accepted."""

    def __init__(self, **kw) -> None:  # noqa: ANN003
        super().__init__(**kw)
        self.accepted: list[float] = []
        inner = self._handlers["sendmessage"]

        def timed(params):  # noqa: ANN001, ANN202
            result = inner(params)
            self.accepted.append(time.monotonic())
            return result

        self._handlers["sendmessage"] = timed
