"""The per-transaction memo: lookups are remembered within one transaction and follow every write."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session

from storage.repos import export, plans, users


def test_lookups_remembered_within_a_transaction_follow_writes(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:10", channel="telegram")
        s.commit()
    with Session(engine, expire_on_commit=False) as s, Session(engine, expire_on_commit=False) as other:
        users.find_user(s, "tg:10")
        assert plans.active_plan(s, user.id) is None
        assert users.get_dialogue(s, user.id).flow == "idle"
        plans.save_plan(s, user.id, {"weeks": []}, "v1", date(2026, 1, 1))
        assert plans.active_plan(s, user.id).version == 1
        users.set_dialogue(s, user.id, flow="checkin", step="weight")
        assert users.get_dialogue(s, user.id).flow == "checkin"
        s.commit()
        plans.save_plan(other, user.id, {"weeks": []}, "v2 from another process", date(2026, 1, 1))
        other.commit()
        assert plans.active_plan(s, user.id).version == 2  # a new transaction reads again
        sp = s.begin_nested()
        plans.save_plan(s, user.id, {"weeks": []}, "v3, undone", date(2026, 1, 1))
        assert plans.active_plan(s, user.id).version == 3
        sp.rollback()
        del sp  # the savepoint is gone; what was read inside it must not be taken for the outer transaction's
        assert plans.active_plan(s, user.id).version == 2
        export.delete_user(s, user.id)
        assert plans.active_plan(s, user.id) is None
        assert users.get_dialogue(s, user.id).flow == "idle"


def test_the_plan_found_with_the_user_decrypts_on_first_use(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:11", channel="telegram")
        plans.save_plan(s, user.id, {"weeks": [{"sessions": []}]}, "v1", date(2026, 1, 1))
        s.commit()
    with Session(engine, expire_on_commit=False) as s:
        users.find_user(s, "tg:11")  # brings the plan along without its data
        plan = plans.active_plan(s, user.id)
        assert plan.data == {"weeks": [{"sessions": []}]}
        assert not s.dirty  # decrypting is loading, not a change
