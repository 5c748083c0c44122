"""One user's data: export holds everything, erasure leaves no row and no decrypted copy in memory."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session

from storage import crypto
from storage.db import session_scope
from storage.repos import export, groups, memory, plans, profiles, readings, users


def test_delete_user_leaves_no_row(engine):
    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:11", channel="telegram")
        profiles.save_profile(s, user.id, {"age": 30}, "x")
        readings.add_metric(s, user.id, "weight", 70, "kg")
        plans.save_plan(s, user.id, {"weeks": []}, "first", date(2026, 1, 1))
        users.set_dialogue(s, user.id, flow="onboarding", step="age", data={"a": 1})
        memory.add_turn(s, user.id, "user", "hello")
        g = groups.create_group(s, user.id, title="g")
        groups.join_group(s, g.id, user.id, True)
        s.commit()
        assert export.rows_for_user(s, user.id) > 0
        exported = export.export_user(s, user.id)
        assert exported["profiles"][0]["data"] == {"age": 30} and exported["metrics"][0]["value"] == 70
        assert exported["dialogue_state"]["step"] == "age" and exported["chat_memory"][0]["content"] == "hello"
        export.delete_user(s, user.id)
        s.commit()
        assert export.rows_for_user(s, user.id) == 0
        assert export.export_user(s, user.id) == {}


def test_erasing_a_user_drops_decrypted_copies_from_memory(engine):
    with session_scope(engine) as s:
        user, _ = users.get_or_create_user(s, "tg:77", channel="telegram", chat_id=77, language="en")
        profiles.save_profile(s, user.id, {"weight_kg": 70}, reason="test")
    with session_scope(engine) as s:
        assert profiles.current_profile(s, user.id).data["weight_kg"] == 70
    assert crypto._cache  # the profile's plaintext was cached on read
    with session_scope(engine) as s:
        export.delete_user(s, user.id)
    assert not crypto._cache
