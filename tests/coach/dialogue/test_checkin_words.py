"""Check-in answers in words (round 10): "didn't measure" / "haven't weighed myself" / "没量" skip the question;
"a bit sore", "pretty low", "great", "有点酸", "精力还行" answer the 1-5 scales and the number noted is said back; a
pain typed mid-check-in ("my knee hurts a bit") is handled as pain, never a soreness score, and the check-in goes on."""
from __future__ import annotations

import pytest

from coach.intake.checkin_words import not_measured, scale_word
from storage import repos
from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_free_text_round10 import coach, clock, typed, user  # noqa: F401


@pytest.mark.parametrize("text", ["didn't measure", "dunno", "I haven't weighed myself", "didnt check", "没量", "没称",
                                  "不知道", "I did not measure it today"])
def test_not_measured_is_a_skip(text):
    assert not_measured(text)


@pytest.mark.parametrize("text", ["skip", "75", "I measured 58", "my knee hurts"])
def test_values_and_other_talk_are_not_a_skip(text):
    assert not not_measured(text)


@pytest.mark.parametrize("step, text, value", [("soreness", "not very sore", 2), ("soreness", "a bit sore", 2),
                                               ("soreness", "very sore", 4), ("soreness", "有点酸", 2),
                                               ("soreness", "not sore", 1), ("energy", "pretty low honestly", 2),
                                               ("energy", "great", 5), ("energy", "精力还行", 3), ("energy", "ok", 3),
                                               ("energy", "exhausted", 1), ("energy", "not great", 2)])
def test_scale_words(step, text, value):
    assert scale_word(step, text) == value


@pytest.mark.parametrize("step, text", [("soreness", "my knee hurts a bit"), ("soreness", "膝盖有点疼"),
                                        ("soreness", "精力还行"), ("energy", "a bit sore"), ("soreness", "great")])
def test_pain_and_the_other_scale_are_no_score(step, text):
    assert scale_word(step, text) is None


def _checkin(container, key: str) -> tuple[str, str, dict]:
    with container.session() as s:
        state = repos.users.get_dialogue(s, repos.users.find_user(s, key).id)
        return state.flow, state.step, dict((state.data or {}).get("answers", {}))


def test_a_check_in_answered_in_words(coach, container):  # noqa: F811
    user(container, "tg:9301")
    typed(coach, "tg:9301", "/checkin")
    assert "Resting" not in text_of(typed(coach, "tg:9301", "I haven't weighed myself"))
    typed(coach, "tg:9301", "7 hours")
    out = text_of(typed(coach, "tg:9301", "a bit sore"))
    assert "Noted soreness: 2 of 5." in out and "Energy" in out
    typed(coach, "tg:9301", "pretty low")
    flow, step, answers = _checkin(container, "tg:9301")
    assert (flow, step) == ("checkin", "resting_hr") and answers["soreness"] == 2 and answers["energy"] == 2
    assert "weight" not in answers
    typed(coach, "tg:9301", "didn't measure")
    assert _checkin(container, "tg:9301")[1] == "bp"


def test_a_pain_mid_check_in_is_pain_and_the_check_in_goes_on(coach, container):  # noqa: F811
    user(container, "tg:9302")
    typed(coach, "tg:9302", "/checkin")
    typed(coach, "tg:9302", "skip")
    typed(coach, "tg:9302", "skip")
    out = text_of(typed(coach, "tg:9302", "my knee hurts a bit"))
    assert "Noted soreness" not in out and "knee" in out and "Muscle soreness" in out
    flow, step, answers = _checkin(container, "tg:9302")
    assert (flow, step) == ("checkin", "soreness") and "soreness" not in answers
    typed(coach, "tg:9302", "2")
    assert _checkin(container, "tg:9302")[2]["soreness"] == 2
