"""Issue #13: no reply shows an internal name (a snake_case code such as goblet_squat or muscle_gain) or a Python
value (True, False, None). A session scripted by typing: onboarding, /profile, /plan, /today, /why, /settings, a
check-in, a logged workout and a pain report, in English and in Chinese."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # a Monday
ANSWERS = {
    "age": "45", "sex": "male", "height_cm": "178 cm", "weight_kg": "88 kg", "resting_hr": "64",
    "bp": "128/82", "body_fat_pct": "none", "sleep_hours": "7 hours", "experience": "intermediate",
    "currently_active": "yes", "symptoms": "none", "conditions": "none", "medications": "none",
    "goal": "lose fat", "target": "80 kg in 16 weeks", "days_per_week": "3", "minutes_per_session": "45",
    "equipment": "dumbbells and a bench", "injuries": "lower back", "reminder": "7am Europe/London",
}
SCRIPT = ("/profile", "/plan", "/today", "/why", "/settings", "/checkin", "88", "7", "2", "3", "skip", "skip",
          "done", "skip", "no", "sharp pain in my knee", "/today", "/plan", "/progress", "/help", "/log", "too easy",
          "skip", "my son has a fever", "legs sore from yesterday", "/why")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
PY_VALUE = re.compile(r"\b(?:True|False|None)\b")
NOT_PROSE = re.compile(r"https?://\S+|(?<![\w])/[a-z_]+")  # links and /commands may hold underscores


def _run(container, key: str, lang: str) -> list[str]:
    with container.session() as s:
        repos.users.get_or_create_user(s, key, channel="telegram", chat_id=int(key.split(":")[1]), language=lang)
    coach = Coach(container, clock=lambda: NOW)
    texts: list[str] = []
    labels: list[str] = []  # button labels: "None" is a word there (none of these), a code is not

    def say(text: str) -> None:
        out = coach.handle(Incoming(user_key=key, chat_id=int(key.split(":")[1]), text=text))
        texts.extend(r.text for r in out)
        labels.extend(b.label for r in out for row in (r.buttons or []) for b in row)

    say("/start")
    say("I agree" if lang == "en" else "同意")
    for _ in range(30):
        with container.session() as s:
            u = repos.users.find_user(s, key)
            prof, st = repos.profiles.current_profile(s, u.id), repos.users.get_dialogue(s, u.id)
        if prof is not None and (prof.data or {}).get("complete"):
            break
        say(ANSWERS.get(st.step or "", "skip"))
    for text in SCRIPT:
        say(text)
    return texts, labels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_reply_shows_an_internal_name(container, lang):
    texts, labels = _run(container, "tg:1460" if lang == "en" else "tg:1461", lang)
    found = [(m, label) for label in labels for m in CODE.findall(label)]
    for text in texts:
        prose = NOT_PROSE.sub(" ", text or "")
        found += [(m, text[:120]) for m in CODE.findall(prose) + PY_VALUE.findall(prose)]
    assert len(texts) > 30 and any("Swapped" in t or "换" in t or "week" in t.lower() or "周" in t for t in texts), texts
    assert not found, found[:20]
