"""The conversation, in process: onboarding paths, validation, corrections, safety, commands, privacy."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # a Monday


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


def say(coach, text=None, *, user="tg:1", callback=None, lang=None):
    replies = coach.handle(Incoming(user_key=user, chat_id=int(user.split(":")[1]) if user[3:].isdigit() else None,
                                    text=text, callback=callback, language_hint=lang))
    return replies


def text_of(replies):
    return "\n".join(r.text for r in replies)


def onboard_in_one_sentence(coach, user="tg:1"):
    say(coach, "/start", user=user)
    say(coach, callback="consent:yes", user=user)
    out = say(coach, "I'm 34, 180 cm, 75 kg, male, resting heart rate 62, no symptoms, no conditions, beginner, "
                     "not active lately, want to lose 5 kg in 12 weeks, 4 days a week, 45 minutes, dumbbells and a "
                     "bench at home, no injuries", user=user)
    return out


def finish_optional(coach, user="tg:1"):
    """Answer whatever optional questions remain with skip, until the plan arrives."""
    for _ in range(12):
        with coach.c.session() as s:
            u = repos.users.find_user(s, user)
            if repos.plans.active_plan(s, u.id) is not None:
                return
            step = repos.users.get_dialogue(s, u.id).step
        say(coach, "no" if step == "currently_active" else "skip", user=user)
    raise AssertionError("onboarding did not finish")


def test_nothing_health_related_is_stored_before_consent(coach, container):
    out = say(coach, "I'm 34 and 80 kg")
    assert "agree" in text_of(out).lower()
    with container.session() as s:
        u = repos.users.find_user(s, "tg:1")
        assert u.consent_at is None
        assert repos.profiles.current_profile(s, u.id) is None
        assert (repos.users.get_dialogue(s, u.id).data or {}).get("profile") in (None, {})
    out = say(coach, callback="consent:no")
    assert "nothing about your health has been stored" in text_of(out)


def test_onboarding_from_one_english_sentence(coach, container):
    out = onboard_in_one_sentence(coach)
    asked = text_of(out)
    assert "How old" not in asked and "How tall" not in asked and "How many days" not in asked
    finish_optional(coach)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:1")
        prof = repos.profiles.current_profile(s, u.id).data["profile"]
        assert prof["age"] == 34 and prof["weight_kg"] == 75 and prof["days_per_week"] == 4
        assert prof["target_weight_kg"] == 70 and prof["equipment"] == ["dumbbells", "bench"]
        plan = repos.plans.active_plan(s, u.id)
        assert plan.data["goal"] == "fat_loss" and len(plan.data["weeks"]) == 4


def test_onboarding_one_field_at_a_time_with_buttons(coach, container):
    say(coach, "/start", user="tg:2")
    say(coach, callback="consent:yes", user="tg:2")
    steps = [("text", "34"), ("cb", "ob:sex:female"), ("text", "5'6\""), ("text", "150 lb"), ("text", "skip"),
             ("text", "skip"), ("text", "skip"), ("text", "7"), ("cb", "ob:experience:beginner"),
             ("cb", "ob:currently_active:no"), ("cb", "ob:symptoms:none"), ("cb", "ob:conditions:none"),
             ("cb", "ob:medications:none"), ("cb", "ob:goal:general_health"), ("text", "skip"), ("cb", "ob:days_per_week:3"),
             ("cb", "ob:minutes_per_session:30"), ("cb", "ob:eq:bands"), ("cb", "ob:eq:done"),
             ("cb", "ob:injuries:none"), ("text", "19:00 Asia/Shanghai")]
    out = []
    for kind, value in steps:
        out = say(coach, value, user="tg:2") if kind == "text" else say(coach, callback=value, user="tg:2")
    assert "plan is ready" in text_of(out)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:2")
        assert u.timezone == "Asia/Shanghai" and u.reminder_time == "19:00"
        prof = repos.profiles.current_profile(s, u.id).data["profile"]
        assert prof["height_cm"] == pytest.approx(167.6, abs=0.1) and prof["weight_kg"] == pytest.approx(68.0, abs=0.1)
        assert prof["equipment"] == ["bands"] and prof["sex"] == "female"


def test_onboarding_in_chinese(coach, container):
    say(coach, "/start", user="tg:3", lang="zh-hans")
    out = say(coach, "同意", user="tg:3")
    assert out
    out = say(coach, "我34岁，身高180厘米，体重75公斤，静息心率62，没有症状，没有疾病，初学者，想在三个月内减重5公斤，"
                     "每周练4天，每次45分钟，家里有哑铃，膝盖受过伤", user="tg:3")
    finish_optional(coach, user="tg:3")
    with container.session() as s:
        u = repos.users.find_user(s, "tg:3")
        assert u.language == "zh"
        prof = repos.profiles.current_profile(s, u.id).data["profile"]
        assert prof["weight_kg"] == 75 and prof["injuries"] == ["knee"] and prof["target_weeks"] == 13
        plan = repos.plans.active_plan(s, u.id).data
        assert plan["language"] == "zh"


def test_bad_values_are_refused_with_the_field_named_and_nothing_stored(coach, container):
    say(coach, "/start", user="tg:4")
    say(coach, callback="consent:yes", user="tg:4")
    out = say(coach, "I weigh 900 kg", user="tg:4")
    msg = text_of(out)
    assert "That weight doesn't look right" in msg and "25–350 kg" in msg and "weight_kg" not in msg  # no codes
    out = say(coach, "I am 7 years old", user="tg:4")
    assert "age" in text_of(out) and "13–100" in text_of(out)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:4")
        prof = (repos.users.get_dialogue(s, u.id).data or {}).get("profile", {})
        assert "weight_kg" not in prof and "age" not in prof


def test_correction_creates_a_new_profile_version(coach, container):
    onboard_in_one_sentence(coach, user="tg:5")
    finish_optional(coach, user="tg:5")
    out = say(coach, "actually I'm 78 kg", user="tg:5")
    assert "78" in text_of(out)
    say(coach, "yes", user="tg:5")  # a fact from free text is shown first and saved on Yes (issue 13)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:5")
        hist = repos.profiles.profile_history(s, u.id)
        assert [h.data["profile"]["weight_kg"] for h in hist][-2:] == [75, 78]
        assert [m.value for m in repos.readings.metrics(s, u.id, "weight")] == [75, 78]


def test_red_flag_at_any_time_holds_the_plan_back_until_cleared(coach, container):
    onboard_in_one_sentence(coach, user="tg:6")
    finish_optional(coach, user="tg:6")
    out = say(coach, "I got chest pain on the stairs today", user="tg:6")
    assert "stop" in text_of(out).lower() and "/cleared" in text_of(out)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:6")
        plan = repos.plans.active_plan(s, u.id).data
        assert plan["safety"]["clearance_required"] and plan["safety"]["hard_stop"]
        assert [x for w in plan["weeks"] for x in w["sessions"]] == []  # PLAN_RULES 19: no sessions at all
        assert repos.alerts.alerts(s, u.id)
    today = text_of(say(coach, "/today", user="tg:6")).lower()
    assert "doctor" in today and "how did it go" not in today
    out = say(coach, "我刚才胸口疼", user="tg:6")
    assert "⚠️" in text_of(out)


def test_today_log_why_export_and_delete(coach, container):
    onboard_in_one_sentence(coach, user="tg:7")
    finish_optional(coach, user="tg:7")
    today = say(coach, "/today", user="tg:7")
    assert "Today (week 1, day 1)" in today[0].text and today[0].buttons
    out = say(coach, callback="log:done", user="tg:7")
    assert "1 (very easy) to 10" in text_of(out)
    out = say(coach, callback="rpe:7", user="tg:7")
    assert "top of the rep range" in text_of(out)
    out = say(coach, callback="top:yes", user="tg:7")
    assert "logged" in text_of(out).lower() and "add a little load" in text_of(out)
    why = text_of(say(coach, "/why", user="tg:7"))
    assert "kb-" in why and "WHO" in why
    export = say(coach, "/export", user="tg:7")[0]
    data = json.loads(export.document)
    assert data["profiles"] and data["plans"] and data["workouts"][0]["status"] == "done"
    say(coach, "/delete", user="tg:7")
    out = say(coach, callback="delete:yes", user="tg:7")
    assert "erased" in text_of(out)
    with container.session() as s:
        assert repos.users.find_user(s, "tg:7") is None


def test_free_text_question_gets_a_cited_answer(coach):
    onboard_in_one_sentence(coach, user="tg:8")
    finish_optional(coach, user="tg:8")
    out = say(coach, "how many days a week should I do strength training?", user="tg:8")
    assert "kb-" in text_of(out) and "Source" in text_of(out)
    out = say(coach, "asdf", user="tg:8")
    assert "not sure" in text_of(out)


def test_restart_mid_onboarding_continues(container):
    c1 = Coach(container, clock=lambda: NOW)
    say(c1, "/start", user="tg:9")
    say(c1, callback="consent:yes", user="tg:9")
    say(c1, "I'm 40 and 170 cm", user="tg:9")
    c2 = Coach(container, clock=lambda: NOW)  # a new process: nothing in memory
    out = say(c2, "/start", user="tg:9")
    assert "continue" in text_of(out).lower() and "sex" in text_of(out).lower()
    with container.session() as s:
        u = repos.users.find_user(s, "tg:9")
        prof = repos.users.get_dialogue(s, u.id).data["profile"]
        assert prof["age"] == 40 and prof["height_cm"] == 170


def test_two_users_never_see_each_others_data(coach):
    onboard_in_one_sentence(coach, user="tg:10")
    finish_optional(coach, user="tg:10")
    say(coach, "/start", user="tg:11")
    say(coach, callback="consent:yes", user="tg:11")
    out = text_of(say(coach, "/profile", user="tg:11"))
    assert "75" not in out
    prof10 = text_of(say(coach, "/profile", user="tg:10"))
    assert "75" in prof10


def test_quick_turns_answer_read_only_exactly_like_normal_turns(coach, container):
    from datetime import timedelta

    from storage.db import WriteRefused

    onboard_in_one_sentence(coach)
    finish_optional(coach)
    for text in ("/today", "/plan", "/plan 2", "/profile", "/help", "/today@fitcoach_test_bot"):
        inc = Incoming(user_key="tg:1", chat_id=1, text=text)
        assert coach.is_quick(inc)
        assert coach.handle(inc, read_only=True) == coach.handle(inc)
    assert coach.is_quick(Incoming(user_key="tg:1", callback="plan:week:2"))
    for text in ("/progress", "/log", "/why", "/start", "hello", "today"):
        assert not coach.is_quick(Incoming(user_key="tg:1", text=text))
    assert not coach.is_quick(Incoming(user_key="tg:1", callback="log:done"))
    later = Coach(container, clock=lambda: NOW + timedelta(weeks=13))  # the block has run out: renewing writes
    inc = Incoming(user_key="tg:1", chat_id=1, text="/today")
    with container.session() as s:
        versions = len(repos.plans.plan_history(s, repos.users.find_user(s, "tg:1").id))
    with pytest.raises(WriteRefused):
        later.handle(inc, read_only=True)
    with container.session() as s:
        assert len(repos.plans.plan_history(s, repos.users.find_user(s, "tg:1").id)) == versions
    later.handle(inc)
    with container.session() as s:
        assert len(repos.plans.plan_history(s, repos.users.find_user(s, "tg:1").id)) == versions + 1
