"""A hard stop holds the plan back until the person says a doctor has cleared them; /cleared records it."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


def say(coach, text=None, *, user="tg:40", callback=None):
    return coach.handle(Incoming(user_key=user, chat_id=40, text=text, callback=callback))


def sessions(container, key="tg:40"):
    with container.session() as s:
        plan = repos.plans.active_plan(s, repos.users.find_user(s, key).id).data
    return [x for w in plan["weeks"] for x in w["sessions"]], plan


def test_cleared_flow_records_who_and_limits_then_rebuilds_a_light_plan(container, coach):
    make_user(container, "tg:40", chat_id=40, start=date(2026, 3, 2),
              profile={"symptoms": ["chest_pain"], "currently_active": False, "days_per_week": 3})
    before, plan = sessions(container)
    assert plan["safety"]["clearance_required"] and before == []  # a hard stop: nothing until cleared
    assert "Who cleared you" in say(coach, "/cleared")[0].text
    assert "limits" in say(coach, "Dr Chen, cardiologist")[0].text
    confirm = say(coach, "keep it light for a month")[0]
    assert "Dr Chen" in confirm.text and "keep it light" in confirm.text and confirm.buttons
    out = say(coach, callback=confirm.buttons[0][0].data)
    after, plan = sessions(container)
    assert after, "a cleared person gets sessions again"
    assert all((x.get("intensity") or {}).get("label") in ("light", "moderate") for x in after)
    with container.session() as s:
        u = repos.users.find_user(s, "tg:40")
        prof = repos.profiles.current_profile(s, u.id).data["profile"]
        adj = repos.adjustments.adjustments(s, u.id)[-1]
    assert prof["clearance"]["by"] == "Dr Chen, cardiologist" and prof["clearance"]["date"] == "2026-03-02"
    assert adj.reason and "clearance" in adj.reason.lower()
    assert any("plan" in r.text.lower() for r in out)


def test_no_keeps_everything_as_it_was(container, coach):
    make_user(container, "tg:41", chat_id=41, start=date(2026, 3, 2), profile={"symptoms": ["fainting"]})
    say(coach, "/cleared my GP", user="tg:41")
    say(coach, "none", user="tg:41")
    assert "Nothing was changed" in say(coach, "no", user="tg:41")[0].text
    with container.session() as s:
        u = repos.users.find_user(s, "tg:41")
        assert "clearance" not in repos.profiles.current_profile(s, u.id).data["profile"] or \
            repos.profiles.current_profile(s, u.id).data["profile"]["clearance"] is None


def test_a_stale_confirm_button_changes_nothing(container, coach):
    make_user(container, "tg:42", chat_id=42, start=date(2026, 3, 2))
    assert "expired" in say(coach, callback="clr:yes", user="tg:42")[0].text


def test_every_safety_note_of_a_changed_plan_is_shown_and_listed_by_why(container, coach):
    make_user(container, "tg:43", chat_id=43, start=date(2026, 3, 2))
    out = "\n".join(r.text for r in say(coach, "/metrics bp 165/104", user="tg:43"))
    _sessions, plan = sessions(container, "tg:43")
    notes = plan["safety"]["reasons"] + plan["safety"]["alerts"]
    assert plan["safety"]["clearance_required"] and notes
    assert all(n in out for n in notes)
    why = "\n".join(r.text for r in say(coach, "/why", user="tg:43"))
    assert all(n in why for n in notes)


@pytest.mark.parametrize("words", ["my doctor checked me and said I'm fine to exercise, keep it light for a month",
                                   "my doctor cleared me", "医生检查过了，说没问题，可以运动了"])
def test_a_clearance_told_in_words_is_confirmed_then_recorded(container, coach, words):
    make_user(container, "tg:44", chat_id=44, start=date(2026, 3, 2), profile={"symptoms": ["chest_pain"]})
    confirm = say(coach, words, user="tg:44")[0]
    assert confirm.buttons and "Save?" in confirm.text or "保存" in confirm.text
    say(coach, callback=confirm.buttons[0][0].data, user="tg:44")
    after, plan = sessions(container, "tg:44")
    assert after and not plan["safety"].get("hard_stop")


@pytest.mark.parametrize("words", ["my doctor said I can't exercise yet", "can my doctor clear me?",
                                   "医生不同意我运动"])
def test_questions_and_refusals_are_not_a_clearance(container, coach, words):
    make_user(container, "tg:45", chat_id=45, start=date(2026, 3, 2), profile={"symptoms": ["chest_pain"]})
    out = say(coach, words, user="tg:45")
    assert not any("Save?" in r.text for r in out)
    assert sessions(container, "tg:45")[0] == []


@pytest.mark.parametrize("lang,text", [("en", "I felt dizzy and really out of breath on the walk"),
                                       ("zh", "我今天走路时头晕，而且喘不过气")])
def test_a_red_flag_after_the_clearance_is_not_covered_by_it(container, coach, lang, text):
    make_user(container, "tg:42", chat_id=42, start=date(2026, 3, 2), language=lang,
              profile={"symptoms": ["dizziness"], "currently_active": False, "days_per_week": 3, "language": lang,
                       "clearance": {"by": "Dr Patel", "date": "2026-03-01", "limits": "no running"}})
    before, plan = sessions(container, "tg:42")
    assert before and not plan["safety"]["clearance_required"]
    say(coach, text, user="tg:42")
    after, plan = sessions(container, "tg:42")
    assert plan["safety"]["clearance_required"] and after == []
    assert not any("Dr Patel" in r for r in plan["safety"]["reasons"])
