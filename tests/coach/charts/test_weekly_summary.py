"""The weekly summary: the chart and the week in review at the person's reminder time on their first check-in day,
through the delivery log (one per person and day, never doubled); nothing on other days or without check-in days."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import Session

from coach.dialogue import Coach
from coach.services import delivery
from coach.services.delivery import Due
from coach.services.progress import weekly_summary
from storage import repos
from tests.coach.charts.conftest import TODAY
from tests.factories import make_user

MONDAY = TODAY - timedelta(days=TODAY.weekday())  # 9 Mar 2026


def test_summary_text_and_chart_on_the_first_checkin_day(history):
    engine, ids = history
    with Session(engine) as s:
        en, zh = (repos.users.get_user(s, ids[lang]) for lang in ("en", "zh"))
        assert en.checkin_days == [0, 3]
        reply = weekly_summary(s, en, MONDAY)
        assert reply.photo[:4] == b"\x89PNG"
        assert reply.text.startswith("Your week in review. Last week: 2 of 3 planned sessions done.")
        assert " lb in " in reply.text
        assert weekly_summary(s, en, MONDAY + timedelta(days=3)) is None  # Thursday is a check-in day, not the first
        assert weekly_summary(s, zh, MONDAY).text.startswith("你的一周回顾。上周：计划 3 次训练，完成 2 次。")


def test_summary_is_due_once_at_the_reminder_time(container):
    start = MONDAY - timedelta(days=14)
    uid = make_user(container, "tg:971", tz="Asia/Shanghai", reminder="07:30", start=start, chat_id=971,
                    checkin_days=[0, 3])
    make_user(container, "tg:972", tz="Asia/Shanghai", reminder="07:30", start=start, chat_id=972)  # no check-ins
    monday_0800 = datetime(2026, 3, 9, 0, 0, tzinfo=timezone.utc)  # 08:00 in Shanghai
    with container.session() as s:
        for i in range(10):
            repos.readings.add_metric(s, uid, "weight", 75 - 0.1 * i, "kg", measured_at=monday_0800 - timedelta(days=i))
    with container.session() as s:
        due = delivery.due(s, monday_0800)
        assert Due(uid, "summary", MONDAY) in due
        assert [d for d in due if d.kind == "summary"] == [Due(uid, "summary", MONDAY)]
        assert not [d for d in delivery.due(s, monday_0800 - timedelta(hours=1)) if d.kind == "summary"]  # 07:00
        assert not [d for d in delivery.due(s, monday_0800 + timedelta(days=1)) if d.kind == "summary"]  # Tuesday
    coach = Coach(container, clock=lambda: monday_0800)
    did, chat_id, reply = delivery.claim_and_build(coach, Due(uid, "summary", MONDAY), "w1")
    assert chat_id == 971 and reply.photo and "week in review" in reply.text
    delivery.finish(coach, did, "sent", user_id=uid)
    assert delivery.claim_and_build(coach, Due(uid, "summary", MONDAY), "w2") == (None, None, None)
    with container.session() as s:
        assert not [d for d in delivery.due(s, monday_0800 + timedelta(hours=3)) if d.kind == "summary"]
