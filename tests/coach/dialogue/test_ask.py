"""Free text outside a question, through the real Dialogue: questions never change data, facts wait for Yes,
settings in words, how-to cards, replies in the message's language."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # a Monday


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


@pytest.fixture
def user(container):
    make_user(container, "tg:5", start=date(2026, 3, 2), chat_id=5,
              profile={"weight_kg": 75, "injuries": ["lower_back"], "equipment": ["dumbbells"]})
    return "tg:5"


def say(coach, text=None, *, user="tg:5", callback=None):
    return coach.handle(Incoming(user_key=user, chat_id=5, text=text, callback=callback))


def text_of(replies):
    return "\n".join(r.text for r in replies)


def stored(container, key="tg:5"):
    with container.session() as s:
        u = repos.users.find_user(s, key)
        return dict(repos.profiles.current_profile(s, u.id).data["profile"]), u


@pytest.mark.parametrize("text", [
    "How do I do a glute bridge without hurting my back?", "臀桥怎么做才不伤腰？",
    "Is it ok to train with no back pain today?", "If I weighed 90 kg would my plan be different?",
    "I'm off to Spain for two weeks, what should I do about training?", "would my plan change if I had a gym membership?",
    "thanks coach", "我妈妈膝盖不好，她能爬楼梯吗？",
])
def test_questions_and_small_talk_change_nothing(coach, container, user, text):
    before, _ = stored(container)
    out = say(coach, text)
    assert out and "Updated" not in text_of(out) and "已更新" not in text_of(out)
    after, _ = stored(container)
    assert after == before


def test_a_fact_is_shown_and_saved_only_on_yes(coach, container, user):
    out = say(coach, "I weigh 78 kg now")
    assert "75" in text_of(out) and "78" in text_of(out) and out[-1].buttons
    assert stored(container)[0]["weight_kg"] == 75
    no = next(b.data for row in out[-1].buttons for b in row if b.data.startswith("cf:no"))
    say(coach, callback=no)
    assert stored(container)[0]["weight_kg"] == 75
    out = say(coach, "I weigh 78 kg now")
    say(coach, "yes")
    assert stored(container)[0]["weight_kg"] == 78


def test_a_removal_needs_the_confirmation_too(coach, container, user):
    out = say(coach, "my back is fine now")
    assert stored(container)[0]["injuries"] == ["lower_back"]
    assert "lower back" in text_of(out)
    say(coach, "是")
    assert stored(container)[0]["injuries"] == []


def test_another_message_drops_the_proposal(coach, container, user):
    say(coach, "I bought a kettlebell")
    say(coach, "what is RPE?")
    say(coach, "yes")
    assert stored(container)[0]["equipment"] == ["dumbbells"]


def test_settings_in_words(coach, container, user):
    out = say(coach, "please send my workouts at 6pm instead")
    assert "18:00" in text_of(out)
    say(coach, "I moved to Singapore")
    say(coach, "以后早上六点半提醒我")
    _, u = stored(container)
    assert u.reminder_time == "06:30" and u.timezone == "Asia/Singapore"


def test_pause_for_two_weeks_then_resume(coach, container, user):
    out = say(coach, "pause my reminders for two weeks")
    assert "2026-03-16" in text_of(out)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:5")
        skipped = [d for d in repos.deliveries.deliveries(s, user_id=u.id, kind="workout") if d.status == "skipped"]
        assert len(skipped) == 14 and max(d.local_date for d in skipped) == date(2026, 3, 15)
    say(coach, "I'm back, start sending workouts again")
    with container.session() as s:
        u = repos.users.find_user(s, "tg:5")
        assert not [d for d in repos.deliveries.deliveries(s, user_id=u.id) if d.status == "skipped"]


def test_howto_from_the_catalog_in_both_languages(coach, user):
    out = text_of(say(coach, "how do I do the tandem stance?"))
    assert "Tandem stance" in out and "1." in out and "Common mistake" in out
    out = text_of(say(coach, "高脚杯深蹲怎么做？"))
    assert "高脚杯深蹲" in out or "Goblet" in out
    out = text_of(say(coach, "有没有视频"))
    assert "video" in out.lower() or "视频" in out


def test_reply_in_the_language_of_the_message_with_a_switch_offer(coach, user):
    out = say(coach, "平板支撑要做多久？")
    assert any(b.data == "lang:zh" for r in out for row in (r.buttons or []) for b in row)


def test_a_yes_typed_long_after_the_proposal_changes_nothing(container, user):
    """A proposal survives commands (/today, /plan); a bare "yes" typed hours later is about something else."""
    clock = [NOW]
    coach = Coach(container, clock=lambda: clock[0])
    out = say(coach, "my back is fine now")
    assert out[-1].buttons
    say(coach, "/today")
    clock[0] = NOW + timedelta(hours=3)
    out = say(coach, "yes")
    assert stored(container)[0]["injuries"] == ["lower_back"]
    assert "a while ago" in text_of(out)
    say(coach, "yes")  # and the proposal is gone
    assert stored(container)[0]["injuries"] == ["lower_back"]


def test_a_reply_with_facts_of_its_own_is_not_a_yes_or_no(coach, container, user):
    say(coach, "I weigh 78 kg now")
    out = say(coach, "no I meant 77")  # read as the correction it is, in answer to "Save? 75 → 78", not as a bare No
    assert "77" in text_of(out) and "left your profile" not in text_of(out)
    assert stored(container)[0]["weight_kg"] == 77
