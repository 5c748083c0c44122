"""End to end: the real PTB Application, real HTTP, the fake Bot API, real SQLite/PostgreSQL and Chroma."""
from __future__ import annotations

import asyncio
import json

import pytest

from storage import repos
from tests.bot.conftest import last_with_buttons, texts

SENTENCE = ("I'm 34, 180 cm, 75 kg, male, resting heart rate 62, no symptoms, no conditions, beginner, not active "
            "lately, want to lose 5 kg in 12 weeks, 4 days a week, 45 minutes, dumbbells and a bench, no injuries")


async def consent(h, chat):
    out = await h.say(chat, "/start")
    assert "Do you agree" in texts(out)
    return await h.press(chat, last_with_buttons(out), "consent:yes")


async def skip_to_plan(h, chat, out, limit=10):
    for _ in range(limit):
        if "plan is ready" in texts(out):
            return out
        if "regularly" in texts(out):
            out = await h.press(chat, last_with_buttons(out), "ob:currently_active:no")
        else:
            out = await h.say(chat, "skip")
    assert "plan is ready" in texts(out), texts(out)
    return out


async def test_menu_is_registered(harness):
    assert harness.fake.calls_of("setMyCommands")
    names = [c["command"] for c in harness.fake.calls_of("setMyCommands")[0]["commands"]]
    assert {"start", "today", "plan", "log", "progress", "export", "delete"} <= set(names)


@pytest.mark.slow
async def test_onboarding_one_field_at_a_time_with_buttons(harness):
    h, chat = harness, 101
    out = await consent(h, chat)
    for text in ("34",):
        out = await h.say(chat, text)
    out = await h.press(chat, last_with_buttons(out), "ob:sex:female")
    out = await h.say(chat, "165 cm")
    out = await h.say(chat, "68 kg")
    for _ in range(3):  # resting HR, blood pressure, body fat
        out = await h.say(chat, "skip")
    out = await h.say(chat, "7.5")
    out = await h.press(chat, last_with_buttons(out), "ob:experience:beginner")
    out = await h.press(chat, last_with_buttons(out), "ob:currently_active:yes")
    out = await h.press(chat, last_with_buttons(out), "ob:symptoms:none")
    out = await h.press(chat, last_with_buttons(out), "ob:conditions:none")
    out = await h.press(chat, last_with_buttons(out), "ob:medications:none")
    out = await h.press(chat, last_with_buttons(out), "ob:goal:general_health")
    out = await h.say(chat, "skip")
    out = await h.press(chat, last_with_buttons(out), "ob:days_per_week:3")
    out = await h.press(chat, last_with_buttons(out), "ob:minutes_per_session:30")
    msg = last_with_buttons(out)
    edited = await h.press(chat, msg, "ob:eq:dumbbells")
    assert h.fake.calls_of("editMessageText"), "toggling equipment edits the keyboard in place"
    out = await h.press(chat, h.fake.message(chat, msg["message_id"]), "ob:eq:done")
    out = await h.press(chat, last_with_buttons(out), "ob:injuries:none")
    out = await h.say(chat, "7:00 Europe/London")
    assert "plan is ready" in texts(out)
    assert "Week 1 of 4" in texts(out)
    assert edited is not None


async def test_onboarding_from_one_english_sentence(harness):
    h, chat = harness, 102
    await consent(h, chat)
    out = await h.say(chat, SENTENCE)
    out = await skip_to_plan(h, chat, out)
    with h.container.session() as s:
        u = repos.users.find_user(s, f"tg:{chat}")
        assert repos.plans.active_plan(s, u.id).data["goal"] == "fat_loss"


async def test_onboarding_in_chinese(harness):
    h, chat = harness, 103
    out = await h.say(chat, "/start")
    out = await h.say(chat, "同意")
    out = await h.say(chat, "我34岁，身高180厘米，体重75公斤，静息心率62，没有症状，没有疾病，初学者，想在三个月内减重5公斤，"
                            "每周练4天，每次45分钟，家里有哑铃，膝盖受过伤")
    for _ in range(8):
        if "计划" in texts(out) and "🎉" in texts(out):
            break
        if "规律运动" in texts(out):
            out = await h.say(chat, "否")
        else:
            out = await h.say(chat, "跳过")
    assert "🎉" in texts(out)
    with h.container.session() as s:
        u = repos.users.find_user(s, f"tg:{chat}")
        assert u.language == "zh" and repos.plans.active_plan(s, u.id).data["language"] == "zh"


async def test_bad_values_are_refused_and_nothing_stored(harness):
    h, chat = harness, 104
    await consent(h, chat)
    out = await h.say(chat, "I weigh 900 kg")
    assert "That weight doesn't look right" in texts(out) and "25–350 kg" in texts(out)
    assert "weight_kg" not in texts(out)  # the value in words, never the field's code
    out = await h.say(chat, "my blood pressure is 80/120")
    assert "diastolic (120 mmHg) must be below systolic" in texts(out) and "bp_diastolic" not in texts(out)
    with h.container.session() as s:
        u = repos.users.find_user(s, f"tg:{chat}")
        prof = repos.users.get_dialogue(s, u.id).data.get("profile", {})
        assert "weight_kg" not in prof and "bp_systolic" not in prof
        assert repos.profiles.current_profile(s, u.id) is None


async def test_restart_mid_onboarding_continues(harness):
    h, chat = harness, 105
    await consent(h, chat)
    await h.say(chat, "I'm 29 and 170 cm")
    await h.stop()  # the process goes away; only the database remembers
    await h.start()
    out = await h.say(chat, "60 kg")
    with h.container.session() as s:
        u = repos.users.find_user(s, f"tg:{chat}")
        prof = repos.users.get_dialogue(s, u.id).data["profile"]
        assert prof["age"] == 29 and prof["height_cm"] == 170
    assert "How old" not in texts(out)


@pytest.mark.slow
async def test_daily_commands_progress_export_delete(harness):
    h, chat = harness, 106
    await consent(h, chat)
    await skip_to_plan(h, chat, await h.say(chat, SENTENCE))
    out = await h.say(chat, "/today")
    assert "Today (week 1" in texts(out)
    out = await h.press(chat, last_with_buttons(out), "log:done")
    out = await h.press(chat, last_with_buttons(out), "rpe:6")
    out = await h.press(chat, last_with_buttons(out), "top:no")
    assert "logged" in texts(out).lower()
    out = await h.say(chat, "/progress")
    photos = [m for m in out if m.get("photo")]
    assert photos and h.fake.calls_of("sendPhoto")
    out = await h.say(chat, "/export")
    docs = h.fake.calls_of("sendDocument")
    blobs = [d["document"]["bytes"] for d in docs]
    assert len(blobs) == 2 and blobs[1].startswith(b"%PDF")  # the complete JSON, then the readable report
    data = json.loads(blobs[0])
    assert data["workouts"][0]["status"] == "done" and data["user"]["external_id"] == f"tg:{chat}"
    out = await h.say(chat, "/delete")
    out = await h.press(chat, last_with_buttons(out), "delete:yes")
    assert "erased" in texts(out)
    with h.container.session() as s:
        assert repos.users.find_user(s, f"tg:{chat}") is None
        assert s.exec(__import__("sqlmodel").text("select count(*) from profiles")).one()[0] == 0


async def test_user_text_is_html_escaped(harness):
    h, chat = harness, 107
    await consent(h, chat)
    await h.say(chat, "/settings <b>time</b>")
    raw = [c["text"] for c in h.fake.calls_of("sendMessage") if c.get("chat_id") == chat]
    assert all("<b>" not in t for t in raw)


async def test_two_users_at_once_never_see_each_others_data(harness):
    h = harness
    await asyncio.gather(consent(h, 201), consent(h, 202))
    s1 = "I'm 30, 170 cm, 61 kg, female, no symptoms, no conditions, beginner, not active, general health, 3 days a week, 30 minutes, no equipment, no injuries"
    s2 = "I'm 50, 190 cm, 99 kg, male, no symptoms, no conditions, beginner, not active, general health, 3 days a week, 30 minutes, no equipment, no injuries"
    await asyncio.gather(h.say(201, s1), h.say(202, s2))
    await asyncio.gather(skip_to_plan(h, 201, [{"text": ""}]), skip_to_plan(h, 202, [{"text": ""}]))
    p1 = texts(await h.say(201, "/profile"))
    p2 = texts(await h.say(202, "/profile"))
    assert "61 kg" in p1 and "99 kg" not in p1
    assert "99 kg" in p2 and "61 kg" not in p2
    for m in h.fake.sent(201):
        assert "99 kg" not in (m.get("text") or "")


async def test_typing_is_shown_only_while_a_turn_is_slow(harness, monkeypatch):
    import time

    h, chat = harness, 108
    await h.say(chat, "/start")
    assert not [c for c in h.fake.calls_of("sendChatAction") if c.get("chat_id") == chat]
    handle = h.coach.handle

    def slow(inc, **kw):
        time.sleep(0.6)
        return handle(inc, **kw)

    monkeypatch.setattr(h.coach, "handle", slow)
    assert "Do you agree" in texts(await h.say(chat, "/start"))
    assert [c["action"] for c in h.fake.calls_of("sendChatAction") if c.get("chat_id") == chat] == ["typing"]


async def test_a_quick_command_that_must_write_is_run_again_and_writes(harness, monkeypatch):
    from storage.db import WriteRefused

    h, chat = harness, 109
    await consent(h, chat)
    await h.say(chat, SENTENCE)
    await skip_to_plan(h, chat, [{"text": ""}])
    with h.container.session() as s:
        uid = repos.users.find_user(s, f"tg:{chat}").id
        repos.users.set_dialogue(s, uid, flow="checkin", step="weight")
    handle, calls = h.coach.handle, []

    def spy(inc, **kw):
        try:
            out = handle(inc, **kw)
        except WriteRefused:
            calls.append((kw.get("read_only", False), "refused"))
            raise
        calls.append((kw.get("read_only", False), "answered"))
        return out

    monkeypatch.setattr(h.coach, "handle", spy)
    out = await h.say(chat, "/today")  # quick, but it leaves the check-in: a write, so it runs again off the loop
    assert calls == [(True, "refused"), (False, "answered")]
    assert "Today" in texts(out) or "rest day" in texts(out)
    with h.container.session() as s:
        assert repos.users.get_dialogue(s, uid).flow == "idle"
    calls.clear()
    assert "week" in texts(await h.say(chat, "/plan")).lower()
    assert calls == [(True, "answered")]
