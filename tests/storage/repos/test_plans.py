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


def test_plan_heads_and_reasons_read_no_plan_and_plans_by_id_loads_the_ones_asked(s, user):
    for i in range(5):
        plans.save_plan(s, user.id, {"weeks": [{"week": i}]}, f"v{i + 1}", date(2026, 1, 1 + i))
    s.commit()
    hist = plans.plan_history(s, user.id)
    heads = plans.plan_heads(s, user.id)
    assert [(h.id, h.version, h.start_date, h.created_at) for h in heads] == [
        (p.id, p.version, p.start_date, p.created_at) for p in hist]
    assert [(r.version, r.reason) for r in plans.plan_reasons(s, user.id, last=2)] == [(4, "v4"), (5, "v5")]
    picked = plans.plans_by_id(s, [hist[0].id, hist[3].id])
    assert {k: v.data for k, v in picked.items()} == {hist[0].id: {"weeks": [{"week": 0}]},
                                                       hist[3].id: {"weeks": [{"week": 3}]}}
    assert plans.plans_by_id(s, []) == {}
