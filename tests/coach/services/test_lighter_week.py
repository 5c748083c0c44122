"""The trend rule in a real check-in: a resting-HR trend 5+ bpm over its baseline with under 6 h of sleep a night
lightens the next seven days once, with the reason and its passages; a single high reading does not."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlmodel import Session

from coach.i18n import t
from coach.services.checkins import finish_checkin
from storage import repos
from storage.models import User
from tests.factories import make_user

START = date(2026, 2, 2)
TODAY = date(2026, 3, 9)


@dataclass
class Ctx:
    s: Session
    user: User
    notifier: Any = None

    def clock(self) -> datetime:
        return datetime.combine(TODAY, time(8), timezone.utc)

    @property
    def lang(self) -> str:
        return self.user.language

    def _(self, msgid: str, **kw: Any) -> str:
        return t(self.lang, msgid, **kw)

    def today(self) -> date:
        return TODAY


def _readings(s, uid: int, recent_rhr: float, recent_sleep: float) -> None:
    for i in range(1, 35):
        day = TODAY - timedelta(days=i)
        at = datetime.combine(day, time(7), timezone.utc)
        late = i < 7
        repos.readings.add_metric(s, uid, "resting_hr", recent_rhr if late else 58, "bpm", measured_at=at)
        repos.readings.add_metric(s, uid, "sleep", recent_sleep if late else 7.5, "h", measured_at=at)


def _checkin(container, key: str, recent_rhr: float, recent_sleep: float, answers: dict):
    uid = make_user(container, key, start=START)
    with container.session() as s:
        _readings(s, uid, recent_rhr, recent_sleep)
    with container.session() as s:
        user = repos.users.get_user(s, uid)
        replies = finish_checkin(Ctx(s, user), answers)
        return [r.text for r in replies], repos.adjustments.adjustments(s, uid), repos.plans.active_plan(s, uid)


def test_rising_resting_hr_and_short_sleep_make_a_lighter_week(container):
    texts, adjustments, plan = _checkin(container, "tg:951", 66, 5.4, {"resting_hr": 67, "sleep": 5.5})
    (adj,) = [a for a in adjustments if a.rule == "lighter_week"]
    assert "8 bpm above your usual 58 bpm" in adj.reason and "5.4 h" in adj.reason
    assert adj.citations and {"kb-rhr-001", "kb-overtraining-001"} & set(adj.citations)
    assert any("next seven days are lighter" in x for x in texts)
    lighter = [sess for w in plan.data["weeks"] for sess in w["sessions"] if sess.get("lighter")]
    assert lighter and len(lighter) == len(adj.change["sessions"])
    with container.session() as s:  # a second check-in the same week changes nothing more
        user = repos.users.find_user(s, "tg:951")
        finish_checkin(Ctx(s, user), {"resting_hr": 66, "sleep": 5.0})
        assert [a.rule for a in repos.adjustments.adjustments(s, user.id)].count("lighter_week") == 1


def test_short_sleep_alone_is_no_lighter_week(container):
    _texts, adjustments, _plan = _checkin(container, "tg:952", 59, 5.4, {"sleep": 7})
    assert not [a for a in adjustments if a.rule == "lighter_week"]
