"""Check-ins: oldest first, filtered by local date."""
from __future__ import annotations

from datetime import date

from storage.repos import checkins


def test_checkins_come_by_local_date_and_filter_by_date(s, user):
    checkins.add_checkin(s, user.id, date(2026, 1, 4), {"sleep": 7})
    checkins.add_checkin(s, user.id, date(2026, 1, 1), {"sleep": 6})
    assert [c.data["sleep"] for c in checkins.checkins(s, user.id)] == [6, 7]
    assert [c.data["sleep"] for c in checkins.checkins(s, user.id, since=date(2026, 1, 2))] == [7]
