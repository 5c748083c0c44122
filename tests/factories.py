"""Build onboarded users straight through the service layer (fast; the dialogue tests cover onboarding)."""
from __future__ import annotations

from datetime import date


from storage import repos
from coach.services.clock import utcnow
from coach.services.plans import create_plan
from coach.services.profiles import save_profile
BASE_PROFILE = {"age": 35, "height_cm": 175, "weight_kg": 75, "resting_hr": 64, "goal": "general_health",
                "days_per_week": 3, "minutes_per_session": 30, "experience": "beginner", "currently_active": True}


def make_user(container, key: str, *, tz: str = "UTC", reminder: str = "07:30", start: date, chat_id: int | None = None,
              profile: dict | None = None, checkin_days: list[int] | None = None, language: str = "en") -> int:
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, key, channel="telegram", chat_id=chat_id, timezone=tz, language=language)
        repos.users.update_user(s, user, consent_version="test", consent_at=utcnow(), reminder_time=reminder,
                         checkin_days=checkin_days if checkin_days is not None else [])
        prof = save_profile(s, user, {**BASE_PROFILE, **(profile or {})}, "test")
        create_plan(s, user, prof, "test plan", start=start)
        return user.id
