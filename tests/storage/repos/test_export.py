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


def test_export_holds_the_groups_the_user_coaches_and_erasure_hands_shared_groups_on(engine):
    with Session(engine, expire_on_commit=False) as s:
        ana, _ = users.get_or_create_user(s, "tg:21", channel="telegram")
        ben, _ = users.get_or_create_user(s, "tg:22", channel="telegram")
        member, _ = users.get_or_create_user(s, "tg:23", channel="telegram")
        own = groups.create_group(s, ana.id, title="Ana's runners", chat_id=-100)
        shared = groups.create_group(s, ana.id, title="Shared circuit", chat_id=-101)
        groups.add_coach(s, shared.id, ben.id, "Ben")
        other = groups.create_group(s, ben.id, title="Ben's lifters", chat_id=-102)
        groups.add_coach(s, other.id, ana.id, "Ana")  # a second admin of Ben's chat
        groups.add_session(s, other.id, ana.id, title="Intervals", kind="hiit", minutes=30, time="18:00", weekday=1)
        groups.join_group(s, other.id, member.id, True)
        s.commit()

        coached = export.export_user(s, ana.id)["groups_coached"]
        titles = {g["group"]["title"]: g for g in coached}
        assert set(titles) == {"Ana's runners", "Shared circuit", "Ben's lifters"}
        assert titles["Ben's lifters"]["set_up_by_you"] is False and titles["Ben's lifters"]["coach"]["name"] == "Ana"
        assert [x["title"] for x in titles["Ben's lifters"]["sessions_written"]] == ["Intervals"]
        assert titles["Ben's lifters"]["members"] == 1 and titles["Ana's runners"]["group"]["join_code"]
        assert "tg:23" not in str(coached)  # members are counted, never listed
        assert [g["group"]["title"] for g in export.export_user(s, ben.id)["groups_coached"]] == [
            "Shared circuit", "Ben's lifters"]

        export.delete_user(s, ana.id)
        s.commit()
        assert export.rows_for_user(s, ana.id) == 0
        assert groups.find_group(s, chat_id=-100) is None  # no other coach: erased with her
        kept = groups.find_group(s, chat_id=-101)
        assert kept is not None and kept.coach_user_id == ben.id  # Ben still coaches the shared group
        assert groups.find_group(s, chat_id=-102) is not None and groups.membership(s, other.id, member.id)
