"""End to end in process: onboarding by typing only, a workout logged by typing "done" and "完成", the reminder
time changed in words."""
from __future__ import annotations

from datetime import datetime, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # a Monday
ANSWERS = {
    "age": "67", "sex": "female", "height_cm": "160 cm", "weight_kg": "75 kg", "resting_hr": "没测",
    "bp": "no", "body_fat_pct": "none", "sleep_hours": "7 hours",
    "experience": "I walk the dog every day, but never did gym stuff", "currently_active": "yes",
    "symptoms": "none", "conditions": "high blood pressure", "medications": "none", "goal": "strong legs and good balance",
    "target": "70 kg in 12 weeks", "days_per_week": "3", "minutes_per_session": "30",
    "equipment": "dumbbells", "injuries": "knee", "reminder": "7am Europe/London",
}


def say(coach, text, user="tg:9"):
    return coach.handle(Incoming(user_key=user, chat_id=9, text=text))


def state(container, user="tg:9"):
    with container.session() as s:
        u = repos.users.find_user(s, user)
        return repos.users.get_dialogue(s, u.id), repos.profiles.current_profile(s, u.id), u


def test_onboarding_by_typing_then_feedback_and_settings_in_words(container):
    coach = Coach(container, clock=lambda: NOW)
    say(coach, "/start")
    say(coach, "I agree")
    asked = []
    for _ in range(30):
        st, prof, _u = state(container)
        if prof is not None and (prof.data or {}).get("complete"):
            break
        asked.append(st.step)
        say(coach, ANSWERS[st.step])
    _st, prof, user = state(container)
    p = prof.data["profile"]
    assert p["weight_kg"] == 75 and p["target_weight_kg"] == 70 and p["target_weeks"] == 12
    assert p["experience"] == "beginner" and p["currently_active"] is True and p["goal"]
    assert p["equipment"] == ["dumbbells"] and p["injuries"] == ["knee"]
    assert asked.count("equipment") == 1 and asked.count("target") == 1  # each answered once, never re-asked
    assert user.reminder_time == "07:00" and user.timezone == "Europe/London"

    for text in ("done", "完成"):
        out = say(coach, text)
        assert out and "not sure I understood" not in "\n".join(r.text for r in out)
        st, _p, _u = state(container)
        if st.flow == "log":  # the same follow-ups as the buttons (effort, top of the range)
            say(coach, "skip" if st.step == "rpe" else "no")
    with container.session() as s:
        assert [w.status for w in repos.workouts.workout_logs(s, user.id)][:1] == ["done"]

    say(coach, "please send my workouts at 6pm instead")
    assert state(container)[2].reminder_time == "18:00"
