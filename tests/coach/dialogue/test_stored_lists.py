"""Issue #13: a list named beside another answer (conditions, injuries, ...) adds to what is stored, never replaces it."""
from __future__ import annotations

from datetime import datetime, timezone

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def _step(container, key: str) -> str:
    with container.session() as s:
        return repos.users.get_dialogue(s, repos.users.find_user(s, key).id).step


def _profile(container, key: str) -> dict:
    with container.session() as s:
        row = repos.profiles.current_profile(s, repos.users.find_user(s, key).id)
        return dict(row.data["profile"]) if row else {}


def _onboard(container, key: str, first: str, later: str, yes: str) -> dict:
    coach = Coach(container, clock=lambda: NOW)
    coach.handle(Incoming(user_key=key, text="/start"))
    coach.handle(Incoming(user_key=key, callback="consent:yes"))
    coach.handle(Incoming(user_key=key, text=first))
    for _ in range(40):
        step = _step(container, key)
        if step == "body_fat_pct":
            coach.handle(Incoming(user_key=key, text=later))
            coach.handle(Incoming(user_key=key, text=yes))
            break
        coach.handle(Incoming(user_key=key, text="skip"))
    with container.session() as s:
        u = repos.users.find_user(s, key)
        return dict(repos.users.get_dialogue(s, u.id).data or {})


def test_a_later_condition_beside_another_answer_keeps_the_earlier_one(container):
    _onboard(container, "tg:1301", "im 58, about 5'9 and 212 lbs. high blood pressure but its treated",
             "yes, beginner. havent really exercised in years. oh and my right knee is bad, arthritis", "yep")
    prof = _profile(container, "tg:1301") or {}
    stored = prof.get("conditions")
    if stored is None:  # onboarding unfinished: the answers wait in the dialogue state
        with container.session() as s:
            u = repos.users.find_user(s, "tg:1301")
            stored = (repos.users.get_dialogue(s, u.id).data or {}).get("profile", {}).get("conditions")
    assert stored is not None and set(stored) >= {"hypertension", "osteoarthritis"}


def test_the_same_in_chinese(container):
    _onboard(container, "tg:1302", "我58岁，175厘米，96公斤，有高血压", "初学者，右膝盖有关节炎", "好")
    with container.session() as s:
        u = repos.users.find_user(s, "tg:1302")
        stored = (repos.users.get_dialogue(s, u.id).data or {}).get("profile", {}).get("conditions")
    assert stored is not None and set(stored) >= {"hypertension", "osteoarthritis"}
