"""Onboarding, typed like a person: "I don't know" in its everyday forms skips an optional question (a Chinese answer
ending in a particle, a no-word leading, a word that adds nothing after), and facts offered back in Chinese name
liked and disliked activities in Chinese (they were shown as "preferences likes dancing; dislikes running")."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from tests.coach.dialogue.support import say

BEFORE_BODY_FAT = {"en": ["/start", "English", "yes", "62", "female", "158", "68 kg", "78", "150/95"],
                   "zh": ["/start", "中文", "同意", "62岁", "女", "158", "68公斤", "78", "150/95"]}


@pytest.mark.parametrize("answer", ["没有了", "不清楚啊", "没测过呢", "从来没量过", "no clue mate", "nah never measured",
                                    "not sure, sorry", "never checked it", "嗯，不知道"])
def test_i_dont_know_skips_the_body_fat_question(container, answer):
    coach = Coach(container)
    lang = "en" if answer.isascii() else "zh"
    for line in BEFORE_BODY_FAT[lang]:
        out = say(coach, "tg:9911", line)
    assert "body fat" in out.lower() or "体脂" in out
    out = say(coach, "tg:9911", answer)
    assert "sleep" in out.lower() or "睡" in out, out
    assert "catch that" not in out and "没看明白" not in out


@pytest.mark.parametrize("answer", ["no 18", "not sure but maybe 25", "没有了吗"])
def test_an_answer_with_more_in_it_is_not_a_skip(container, answer):
    from coach.intake.intent_answers import SKIPPISH
    assert not SKIPPISH.match(answer)


def test_likes_offered_back_in_chinese_are_named_in_chinese(container):
    coach = Coach(container)
    for line in BEFORE_BODY_FAT["zh"]:
        say(coach, "tg:9912", line)
    out = say(coach, "tg:9912", "喜欢广场舞，不喜欢跑步")
    assert "喜欢 跳舞" in out and "不喜欢 跑步" in out, out
    assert "preferences" not in out and "likes" not in out and "dancing" not in out
