"""Issue #13: normal muscle soreness ("legs sore from yesterday", "腿还酸着") is not pain: nothing is logged, no
"where does it hurt?", the soreness advice; sharp or joint pain stays pain."""
from __future__ import annotations

from coach.dialogue import Coach
from storage import repos
from tests.coach.dialogue.support import GYM_PROFILE, START, Clock, say
from tests.factories import make_user

SORE = [("achy but ok", "en"), ("legs sore from yesterday", "en"), ("a bit stiff after leg day", "en"),
        ("肌肉酸痛", "zh"), ("腿还酸着", "zh"), ("my calves are so sore today", "en"), ("浑身酸痛", "zh")]


def _pain_logs(container, uid: int) -> list:
    with container.session() as s:
        prof = repos.profiles.current_profile(s, uid).data["profile"]
        logs = repos.workouts.workout_logs(s, uid)
        return list(prof.get("injuries") or []) + [lg.status for lg in logs]


def test_normal_soreness_is_not_pain(container):
    for i, (text, lang) in enumerate(SORE):
        uid = make_user(container, f"tg:141{i}", start=START, chat_id=1410 + i, profile=dict(GYM_PROFILE),
                        language=lang)
        out = say(Coach(container, clock=Clock()), f"tg:141{i}", text)
        assert not _pain_logs(container, uid), (text, out)
        assert "hurt?" not in out and "哪里疼" not in out and "Pain reported" not in out, (text, out)
        assert "DOMS" in out, (text, out)  # the soreness passage
        with container.session() as s:
            assert repos.users.get_dialogue(s, uid).flow in (None, "idle"), text


def test_sharp_or_joint_pain_is_still_pain(container):
    for i, text in enumerate(["sharp pain in my knee", "膝盖刺痛"]):
        uid = make_user(container, f"tg:142{i}", start=START, chat_id=1420 + i, profile=dict(GYM_PROFILE))
        out = say(Coach(container, clock=Clock()), f"tg:142{i}", text)
        with container.session() as s:
            prof = repos.profiles.current_profile(s, uid).data["profile"]
        assert "knee" in (prof.get("injuries") or []) or "hurt?" in out or "哪里疼" in out, (text, out)
