"""Plan versions: one active plan, history in order."""
from __future__ import annotations

from datetime import date

from storage.repos import plans


def test_a_new_plan_is_the_only_active_one(s, user):
    plans.save_plan(s, user.id, {"weeks": []}, "first", date(2026, 1, 1))
    plans.save_plan(s, user.id, {"weeks": [{}]}, "second", date(2026, 2, 1))
    s.commit()
    hist = plans.plan_history(s, user.id)
    assert [(p.version, p.active) for p in hist] == [(1, False), (2, True)]
    assert plans.active_plan(s, user.id).start_date == date(2026, 2, 1)
