"""Onboarding typed by a 62-year-old Chinese woman, each answer at the question it follows. Before: "不太清楚" to the
resting heart rate question was not understood (asked 60 times); "每天晚上跳一个小时广场舞" to "have you exercised
regularly in the last 3 months?" was not a yes, and its hour was saved as her session length."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.intake.extract import extract
from coach.intake.intent_answers import SKIPPISH, read_answer
from storage import repos
from tests.coach.dialogue.support import say


@pytest.mark.parametrize("text", ["不太清楚", "不太记得了", "说不准", "忘了", "记不清了", "不确定"])
def test_not_sure_in_chinese_skips(text):
    assert SKIPPISH.match(text)


@pytest.mark.parametrize("text", ["清楚", "不太好", "不太舒服"])
def test_other_words_are_not_a_skip(text):
    assert not SKIPPISH.match(text)


@pytest.mark.parametrize("text", ["每天晚上跳一个小时广场舞", "我每天走一个小时", "每周游泳三次", "每天走半小时",
                                  "I walk an hour every day", "every day I dance for an hour",
                                  "I swim 3 times a week for 45 minutes"])
def test_a_habit_on_most_days_answers_yes_and_its_numbers_are_not_the_plans(text):
    assert read_answer("currently_active", text, extract(text), {}).kept == {"currently_active": True}


@pytest.mark.parametrize("text", ["我想每天跑步", "每天都很累", "一周打两次羽毛球", "I want to walk every day",
                                  "I used to run daily", "每周3次"])
def test_wishes_past_habits_and_bare_counts_are_no_yes(text):
    assert extract(text).get("currently_active") is None


def test_the_typed_onboarding_in_chinese_stores_what_was_said(container):
    coach = Coach(container)
    for line in ["/start", "可以", "今年62了", "女的", "一米五八", "136斤", "不太清楚", "上次量是150/95", "没测过",
                 "六个小时左右，老是醒", "没练过，就跳跳广场舞", "每天晚上跳一个小时广场舞"]:
        out = say(coach, "tg:9951", line)
    assert "健康检查" in out, out
    with coach.c.session() as s:
        data = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:9951").id).data["profile"]
    assert data["currently_active"] is True and "minutes_per_session" not in data
    assert data["weight_kg"] == 68 and data["height_cm"] == 158 and data["sleep_hours"] == 6
