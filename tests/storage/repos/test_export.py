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


def test_the_export_file_is_the_export_as_compact_json_without_parsing_a_cell(engine):
    """export_user_json writes the stored cells' JSON text as it is: the same bytes as json.dumps of export_user
    (hostile text, nested plans, nulls, floats, times), and no row's value is parsed (none enters the cache)."""
    import json
    import math

    from sqlalchemy import text

    with Session(engine, expire_on_commit=False) as s:
        user, _ = users.get_or_create_user(s, "tg:31", channel="telegram", language="zh")
        profiles.save_profile(s, user.id, {"age": 30, "note": "膝盖 \u2028 \"quoted\" \\ \x00 \U0001f600"}, "x")
        readings.add_metric(s, user.id, "weight", 70.25, "kg")
        readings.add_metric(s, user.id, "bp", [128, 82], "mmHg")
        readings.add_metric(s, user.id, "sleep", math.nan, "h")
        plans.save_plan(s, user.id, {"weeks": [{"week": 1, "sessions": [{"day": 1, "exercises": [{"sets": 3}]}]}]},
                        None, date(2026, 1, 1))
        plans.save_plan(s, user.id, {"weeks": []}, "二 \t second", date(2026, 1, 8))
        users.set_dialogue(s, user.id, flow="onboarding", step="age", data={"a": [1, 2.5, None, True]})
        memory.add_turn(s, user.id, "user", "<script>alert(1)</script> 你好")
        groups.create_group(s, user.id, title="g \"1\"")
        s.commit()
        crypto.clear_cache()
        blob = export.export_user_json(s, user.id, {"exported_at": "2026-03-13T08:00:00"})
        sealed = set(s.execute(text("SELECT data FROM plans UNION SELECT value FROM metric_readings")).scalars())
        assert len(sealed) == 5 and not sealed & set(crypto._cache)
        expected = {**export.export_user(s, user.id), "exported_at": "2026-03-13T08:00:00"}
    assert blob == json.dumps(expected, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    assert json.loads(blob)["plans"][1]["reason"] == "二 \t second" and json.loads(blob)["plans"][0]["reason"] is None
    with Session(engine) as s:
        assert export.export_user_json(s, 10**9, {"exported_at": "x"}) == b'{"exported_at":"x"}'
