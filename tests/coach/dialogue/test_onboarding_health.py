"""Onboarding asks about medications after conditions, and the trimester only of someone pregnant."""
from __future__ import annotations

from datetime import datetime, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def run(container, user: str, answers: dict[str, str]) -> tuple[list[str], dict]:
    coach = Coach(container, clock=lambda: NOW)
    coach.handle(Incoming(user_key=user, text="/start"))
    coach.handle(Incoming(user_key=user, callback="consent:yes"))
    asked = []
    for _ in range(30):
        with container.session() as s:
            u = repos.users.find_user(s, user)
            prof = repos.profiles.current_profile(s, u.id)
            if prof is not None and prof.data.get("complete"):
                return asked, prof.data["profile"]
            step = repos.users.get_dialogue(s, u.id).step
        asked.append(step)
        coach.handle(Incoming(user_key=user, text=answers.get(step, "skip")))
    raise AssertionError(f"onboarding did not finish: {asked}")


BASE = {"age": "31", "sex": "female", "height_cm": "165 cm", "weight_kg": "62 kg", "experience": "beginner",
        "currently_active": "no", "symptoms": "none", "goal": "general health", "days_per_week": "3",
        "minutes_per_session": "30", "equipment": "none", "injuries": "none"}


def test_pregnant_insulin_user_is_asked_medications_then_trimester(container):
    asked, prof = run(container, "tg:81", {**BASE, "conditions": "I'm pregnant", "medications": "insulin",
                                            "pregnancy_trimester": "2"})
    assert asked.index("medications") == asked.index("conditions") + 1
    assert asked.index("pregnancy_trimester") == asked.index("medications") + 1
    assert prof["medications"] == ["insulin"] and prof["pregnancy_trimester"] == 2


def test_no_trimester_question_without_pregnancy_and_chinese_medicine_names(container):
    asked, prof = run(container, "tg:82", {**BASE, "conditions": "高血压", "medications": "在吃倍他乐克和华法林"})
    assert "pregnancy_trimester" not in asked
    assert sorted(prof["medications"]) == ["anticoagulant", "beta_blocker"]


def test_none_means_no_medications(container):
    _asked, prof = run(container, "tg:83", {**BASE, "conditions": "none", "medications": "none"})
    assert prof.get("medications", []) == []


def test_no_medicines_in_a_long_first_answer_answers_the_question(container):
    coach = Coach(container, clock=lambda: NOW)
    coach.handle(Incoming(user_key="tg:84", text="/start"))
    coach.handle(Incoming(user_key="tg:84", callback="consent:yes"))
    coach.handle(Incoming(user_key="tg:84", text="我29岁，女，163厘米，58公斤，没有症状，没有疾病，不吃药，初学者"))
    with container.session() as s:
        data = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:84").id).data
    assert data["profile"]["medications"] == [] and data["profile"]["conditions"] == []
