"""The intent layer's rules: values per intent, exercise names, settings in words, answers in context."""
from __future__ import annotations

import pytest

from coach.intake.intent import classify, load_examples
from coach.intake.intent_answers import answer_values, in_context
from coach.intake.intent_exercises import find_exercise, resolve
from coach.intake.intent_settings import settings_values
from coach.intake.intent_values import fact_values, feedback_values, reading_values


@pytest.mark.parametrize("text, slug", [
    ("how do I do the tandem stance?", "tandem_stance"), ("高脚杯深蹲怎么做？", "goblet_squat"),
    ("how do i do a romanain deadlift", "romanian_deadlift"), ("my back twinged on the rows", "row"),
    ("俯卧撑做了4组", "push_up"), ("what is the weather", None),
])
def test_exercise_names_in_both_languages_with_typos(text, slug):
    assert find_exercise(text) == slug


def test_a_generic_name_resolves_to_a_usable_catalog_exercise():
    assert resolve("row", ["dumbbells"]).pattern == "horizontal_pull"
    assert resolve("goblet_squat").id == "goblet_squat"
    assert resolve("no_such_thing") is None


@pytest.mark.parametrize("text, want", [
    ("please send my workouts at 6pm instead", {"reminder_time": "18:00"}),
    ("以后早上六点半提醒我", {"reminder_time": "06:30"}),
    ("I moved to Singapore", {"timezone": "Asia/Singapore"}),
    ("pause my reminders for two weeks", {"pause_days": 14}),
    ("出差十天，先暂停提醒", {"pause_days": 10}),
    ("unpause please", {"resume": True}),
    ("please talk to me in Chinese", {"language": "zh"}),
    ("check-ins on monday and friday please", {"checkin_days": [0, 4]}),
])
def test_settings_in_words(text, want):
    assert settings_values(text) == want


@pytest.mark.parametrize("text, want", [
    ("done", {"status": "done"}), ("完成", {"status": "done"}), ("今天的训练太轻松了", {"status": "too_easy"}),
    ("I skipped today, had to work late", {"status": "skipped"}),
    ("my right knee hurt during the good mornings today, had to stop",
     {"status": "pain", "body_part": "knee", "exercise": "good_morning"}),
    ("skipped yesterday", {"status": "skipped", "day": "yesterday"}),
])
def test_feedback_values(text, want):
    assert feedback_values(text) == want


def test_readings_and_facts():
    assert reading_values("slept about 6 and a half hours") == {"sleep_hours": 6.5}
    assert reading_values("whoops 52.8 was a typo, I'm 62.8")["weight_kg"] == 62.8
    assert fact_values("my knee is fine now") == {"injury_remove": "knee"}
    assert fact_values("I bought a kettlebell") == {"equipment_add": "kettlebell"}
    assert fact_values("my goal is now 80 kg")["target_weight_kg"] == 80


def test_answers_are_read_in_the_context_of_the_question():
    assert answer_values("target", "70 kg in 12 weeks") == {"target_weight_kg": 70, "target_weeks": 12}
    assert answer_values("target", "lose 5 kg in 12 weeks") == {"target_loss_kg": 5, "target_weeks": 12}
    assert answer_values("body_fat_pct", "no") == {"skip": True}
    assert answer_values("resting_hr", "没测") == {"skip": True}
    # other facts only fill what has no answer yet
    assert in_context("target", "70 kg in 12 weeks, I'm 40", {"age": 40}, {"age": 39}).get("age") is None


def test_questions_and_hypotheticals_are_questions():
    for text in ("If I weighed 90 kg would my plan be different?", "How do I do a glute bridge without hurting my "
                 "back?", "is it ok to train with no back pain today?"):
        assert classify(text).intent in ("question", "howto")


def test_red_flags_are_found_by_rules_first():
    u = classify("I felt chest pain on the bike")
    assert u.intent == "safety" and u.confidence == 1.0 and u.values["symptoms"] == ["chest_pain"]


def test_training_data_covers_every_intent_in_both_languages():
    seen = {(e.intent, "zh" if any("\u4e00" <= c <= "\u9fff" for c in e.text) else "en") for e in load_examples()}
    for intent in ("question", "howto", "feedback", "reading", "correction", "set_log", "settings", "fact",
                   "smalltalk", "safety"):
        assert (intent, "en") in seen and (intent, "zh") in seen
