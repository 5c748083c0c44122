"""Issue #13: someone else's illness or injury ("my son has a fever", "我妈膝盖疼") is not the person's own: no
profile change, no pain log, no hard stop; a short reply."""
from __future__ import annotations

from coach.dialogue import Coach
from coach.intake.others import someone_else_unwell
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, say
from tests.factories import make_user

OTHERS = [("my son has a fever", "en"), ("my wife hurt her knee", "en"), ("孩子发烧了", "zh"), ("我妈膝盖疼", "zh"),
          ("my dad has chest pain", "en"), ("我女儿感冒了", "zh"), ("my husband sprained his ankle", "en")]


def test_someone_elses_symptom_changes_nothing(container):
    for i, (text, lang) in enumerate(OTHERS):
        uid = make_user(container, f"tg:143{i}", start=START, chat_id=1430 + i, profile=dict(GYM_PROFILE),
                        language=lang)
        with container.session() as s:
            before = dict(repos.profiles.current_profile(s, uid).data["profile"])
        out = say(Coach(container, clock=Clock()), f"tg:143{i}", text)
        with container.session() as s:
            after = dict(repos.profiles.current_profile(s, uid).data["profile"])
            assert not repos.workouts.workout_logs(s, uid), (text, out)
            assert repos.users.get_dialogue(s, uid).flow in (None, "idle"), (text, out)
        assert after == before, (text, out)
        assert "hurt?" not in out and "哪里疼" not in out, (text, out)
        assert "feel better" in out or "早日康复" in out, (text, out)


def test_own_symptom_told_with_someone_elses_is_still_read():
    assert not someone_else_unwell("my wife hurt her knee and my back hurts")
    assert not someone_else_unwell("我和儿子都发烧了")
    assert not someone_else_unwell("my knee hurts")
    assert not someone_else_unwell("吃他汀肌肉疼")  # 他汀: a statin, not "he"
    assert not someone_else_unwell("妈呀膝盖好疼")  # an exclamation, not a mother
