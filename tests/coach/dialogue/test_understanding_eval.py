"""The evaluation set through the real Dialogue: no question, hypothetical or small talk changes the profile, and
no answer overwrites a field that another question answered."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from coach.intake.intent_answers import owned
from coach.intake.intent_eval import load
from coach.services.clock import utcnow
from storage import repos
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
ROWS = load(Path(__file__).parents[2] / "data" / "understanding_eval.jsonl")
NEVER_CHANGE = ("question", "smalltalk", "howto")
ONBOARDING_SO_FAR = {"age": 40, "sex": "female", "height_cm": 165, "weight_kg": 75, "resting_hr": 66,
                     "bp_systolic": 128, "bp_diastolic": 82, "body_fat_pct": 30, "sleep_hours": 7,
                     "experience": "beginner", "currently_active": False, "symptoms": [], "conditions": [],
                     "goal": "fat_loss", "target_weight_kg": 70, "target_weeks": 12, "days_per_week": 3,
                     "minutes_per_session": 30, "equipment": ["dumbbells"], "injuries": ["knee"], "medications": []}


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


def profile(container, key):
    with container.session() as s:
        u = repos.users.find_user(s, key)
        return dict(repos.profiles.current_profile(s, u.id).data["profile"])


@pytest.mark.slow
def test_questions_hypotheticals_and_small_talk_never_change_the_profile(coach, container):
    rows = [r for r in ROWS if not r.get("asked") and r["intent"] in NEVER_CHANGE]
    assert len(rows) >= 90
    make_user(container, "tg:7", start=date(2026, 3, 2), chat_id=7,
              profile={"injuries": ["lower_back"], "conditions": ["hypertension"], "equipment": ["dumbbells"],
                       "target_weight_kg": 70, "target_weeks": 12})
    before = profile(container, "tg:7")
    changed = []
    for row in rows:
        coach.handle(Incoming(user_key="tg:7", chat_id=7, text=row["text"]))
        coach.handle(Incoming(user_key="tg:7", chat_id=7, text="yes"))  # even a stray "yes" must not save anything
        if profile(container, "tg:7") != before:
            changed.append(row["text"])
            before = profile(container, "tg:7")
    assert changed == []


@pytest.mark.slow
def test_no_answer_overwrites_a_field_another_question_answered(coach, container):
    rows = [r for r in ROWS if r.get("asked") and r["asked"] != "reminder"]
    assert len(rows) >= 40
    overwritten = []
    for i, row in enumerate(rows):
        key = f"tg:{1000 + i}"
        so_far = {k: v for k, v in ONBOARDING_SO_FAR.items() if k not in owned(row["asked"])
                  and not (row["asked"] == "bp" and k.startswith("bp_"))}
        with container.session() as s:
            user, _ = repos.users.get_or_create_user(s, key, channel="telegram", chat_id=1000 + i)
            repos.users.update_user(s, user, consent_version="test", consent_at=utcnow())
            repos.users.set_dialogue(s, user.id, flow="onboarding", step=row["asked"],
                                     data={"profile": dict(so_far), "skipped": []})
        coach.handle(Incoming(user_key=key, chat_id=1000 + i, text=row["text"]))
        with container.session() as s:
            u = repos.users.find_user(s, key)
            state = repos.users.get_dialogue(s, u.id)
            now = (state.data or {}).get("profile") or (repos.profiles.current_profile(s, u.id).data["profile"]
                                                        if repos.profiles.current_profile(s, u.id) else {})
        diff = {k: (v, now.get(k)) for k, v in so_far.items() if k in now and now[k] != v and k != "symptoms"}
        if diff:
            overwritten.append((row["asked"], row["text"], diff))
    assert overwritten == [], overwritten  # symptoms: a red flag is always recorded (added, never removed)
