"""Tests for coach.intake.answers: answers to one question, yes/no, skips, and checking answered values."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.profile import ProfileError
from coach.intake.answers import (
    answer_for, check_value, choice, error_text, is_skip, merge_fields, parse_answer, parse_reminder, range_hint, yes_no,
)
from tests.coach.intake.support import FIELDS, FUZZ, check_type, messy_text, same


# --------------------------------------------------------------------------- parse_answer

@pytest.mark.parametrize("field, text, expected", [
    ("age", "34", 34), ("age", "thirty-four", 34), ("age", "34岁", 34), ("age", "75 kg", None),
    ("weight_kg", "75", 75.0), ("weight_kg", "170 lbs", 77.1), ("weight_kg", "150斤", 75.0),
    ("weight_kg", "11 st 4 lb", 71.7), ("weight_kg", "180 cm", None), ("weight_kg", "no idea", None),
    ("height_cm", "180", 180.0), ("height_cm", "5'11", 180.3), ("height_cm", "1.8", 180.0),
    ("height_cm", "一米七二", 172.0), ("height_cm", "75 kg", None),
    ("resting_hr", "58", 58), ("resting_hr", "58 bpm", 58),
    ("bp", "135/85", (135, 85)), ("bp", "135 over 85", (135, 85)), ("bp", "高压135低压85", (135, 85)),
    ("bp", "normal", None), ("bp_systolic", "135/85", 135), ("bp_diastolic", "135/85", 85),
    ("body_fat_pct", "22%", 22.0), ("body_fat_pct", "百分之二十", 20.0),
    ("sleep_hours", "7", 7.0), ("sleep_hours", "7-8 hours", 7.5), ("sleep_hours", "七个小时", 7.0),
    ("minutes_per_session", "45", 45), ("minutes_per_session", "an hour", 60),
    ("minutes_per_session", "1.5 hours", 90), ("minutes_per_session", "半小时", 30),
    ("minutes_per_session", "一个半小时", 90), ("minutes_per_session", "1h30", 90),
    ("days_per_week", "4", 4), ("days_per_week", "twice", 2), ("days_per_week", "every day", 7),
    ("days_per_week", "每周三次", 3), ("days_per_week", "三天", 3),
    ("target_weight_kg", "70", 70.0), ("target_weight_kg", "154 lb", 69.9),
    ("target_delta_kg", "lose 5 kg", -5.0), ("target_delta_kg", "-5", -5.0), ("target_delta_kg", "减10斤", -5.0),
    ("target_weeks", "12", 12), ("target_weeks", "3 months", 13), ("target_weeks", "in half a year", 26),
    ("target_weeks", "半年", 26), ("target_weeks", "一个月", 4), ("target_weeks", "in 10 weeks", 10),
    ("equipment", "none", []), ("equipment", "nothing", []), ("equipment", "没有", []), ("equipment", "无", []),
    ("equipment", "dumbbells and a bench", ["dumbbells", "bench"]), ("equipment", "健身房", ["gym"]),
    ("injuries", "no", []), ("injuries", "knee", ["knee"]), ("injuries", "左膝和右肩", ["knee", "shoulder"]),
    ("conditions", "none", []), ("conditions", "diabetes", ["type2_diabetes"]),
    ("conditions", "高血压", ["hypertension"]),
    ("symptoms", "no", []), ("symptoms", "chest pain", ["chest_pain"]), ("symptoms", "头晕", ["dizziness"]),
    ("consent", "yes", True), ("consent", "Y", True), ("consent", "yeah", True), ("consent", "nope", False),
    ("consent", "n", False), ("consent", "是的", True), ("consent", "好", True), ("consent", "同意", True),
    ("consent", "否", False), ("consent", "不", False), ("consent", "不是", False), ("consent", "不同意", False),
    ("consent", "maybe", None),
    ("currently_active", "no", False), ("currently_active", "没有", False),
    ("currently_active", "I run 3 times a week", True),
    ("goal", "fat_loss", "fat_loss"), ("goal", "build muscle", "muscle_gain"), ("goal", "减肥", "fat_loss"),
    ("goal", "run a marathon", "endurance"), ("goal", "1", None),
    ("experience", "beginner", "beginner"), ("experience", "新手", "beginner"),
    ("sex", "M", "male"), ("sex", "female", "female"), ("sex", "女", "female"), ("sex", "non-binary", "other"),
    ("reminder_time", "7am", "07:00"), ("reminder_time", "7", "07:00"), ("reminder_time", "早上7点", "07:00"),
    ("reminder_time", "晚上八点半", "20:30"),
    ("timezone", "London", "Europe/London"), ("timezone", "UTC+8", "Etc/GMT-8"), ("timezone", "nowhere", None),
    ("preferences", "I like swimming, hate running", {"likes": ["swimming"], "dislikes": ["running"]}),
    ("no_such_field", "42", None),
])
def test_parse_answer(field: str, text: str, expected: Any) -> None:
    got = parse_answer(field, text)
    assert same(got, expected) if expected is not None else got is None, got
    if expected is not None:
        assert type(got) is type(expected)


def test_parse_answer_bare_month_deadline() -> None:
    assert isinstance(parse_answer("target_weeks", "by March"), int)


@FUZZ
@given(st.sampled_from(FIELDS), messy_text)
def test_parse_answer_never_raises_and_returns_documented_types(field: str, text: str) -> None:
    got = parse_answer(field, text)
    if got is None:
        return
    if field == "bp":
        assert isinstance(got, tuple) and len(got) == 2 and all(type(v) is int for v in got)
    elif field == "consent":
        assert type(got) is bool
    elif field == "unknown":
        raise AssertionError("an unknown field has no answer")
    else:
        check_type(field, got)


# --------------------------------------------------------------------------- yes/no: one parser, both old word lists

# the word lists of the two parsers merged into yes_no: coach.parsing's and coach.dialogue's
PARSER_YES = ["yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "of course", "absolutely", "agree",
              "i agree", "true", "correct", "definitely", "certainly", "please do", "go ahead", "是", "是的", "好",
              "好的", "同意", "我同意", "可以", "行", "对", "嗯", "没问题", "确定", "有"]
PARSER_NO = ["no", "n", "nope", "nah", "no thanks", "no thank you", "don't", "dont", "disagree", "i disagree",
             "false", "not really", "never", "否", "不", "不是", "没有", "没", "不同意", "不要", "不行", "不用",
             "不可以", "无", "不对"]
DIALOGUE_YES = ["yes", "y", "yeah", "yep", "ok", "okay", "sure", "i agree", "agree", "是", "是的", "好", "好的", "同意",
                "可以", "嗯"]
DIALOGUE_NO = ["no", "n", "nope", "not now", "否", "不", "不要", "不同意", "拒绝"]


@pytest.mark.parametrize("word", sorted(set(PARSER_YES + DIALOGUE_YES)))
def test_yes_words(word: str) -> None:
    assert yes_no(word) is True
    assert yes_no(word.upper() + "!") is True  # case and trailing punctuation do not matter
    assert yes_no(word, loose=True) is True


@pytest.mark.parametrize("word", sorted(set(PARSER_NO + DIALOGUE_NO)))
def test_no_words(word: str) -> None:
    assert yes_no(word) is False
    assert yes_no(f" {word}. ") is False
    assert yes_no(word, loose=True) is False


def test_strict_yes_no_reads_only_whole_answers() -> None:
    # a confirmation (delete everything?) must not be read from the start of a longer sentence
    for text in ("yes please", "好的呀", "不是的", "有点担心", "maybe", "", "   "):
        assert yes_no(text) is None, text


def test_loose_yes_no_reads_the_first_word() -> None:
    assert yes_no("yes please", loose=True) is True
    assert yes_no("nope, not me", loose=True) is False
    assert yes_no("好的呀", loose=True) is True
    assert yes_no("不是的", loose=True) is False
    assert yes_no("maybe", loose=True) is None


def test_consent_answers_use_the_merged_words() -> None:
    assert parse_answer("consent", "not now") is False
    assert parse_answer("consent", "拒绝") is False
    assert parse_answer("currently_active", "yup") is True


# --------------------------------------------------------------------------- skips and choices

@pytest.mark.parametrize("text", ["skip", "/skip", "Skip ", "don't know", "no idea", "跳过", "不知道", "略过"])
def test_is_skip(text: str) -> None:
    assert is_skip(text)


def test_is_skip_rejects_answers() -> None:
    assert not is_skip("75 kg") and not is_skip("no")


def test_choice() -> None:
    assert choice("goal", "Fat loss!") == "fat_loss"
    assert choice("sex", "M") == "male"
    assert choice("experience", "新手") is None  # a phrase, not a short answer: left to extract
    assert choice("experience", "初级") == "beginner"
    assert choice("goal", "world peace") is None


# --------------------------------------------------------------------------- checking answered values

def test_check_value_ranges_and_vocabularies() -> None:
    assert check_value("age", "34") == 34
    assert check_value("weight_kg", 72.44) == 72.4
    assert check_value("equipment", ["dumbbells", "none", "dumbbells"]) == ["dumbbells"]
    assert check_value("conditions", ["rare_condition"]) == ["rare_condition"]  # conditions stay open
    assert check_value("currently_active", 1) is True
    with pytest.raises(ProfileError) as err:
        check_value("age", 7)
    assert err.value.field == "age" and "13–100 years" in err.value.message
    with pytest.raises(ProfileError):
        check_value("goal", "world_peace")
    with pytest.raises(ProfileError):
        check_value("injuries", ["tail"])


def test_merge_fields_turns_a_change_into_a_target() -> None:
    good, errors = merge_fields({"target_delta_kg": -5.0, "timezone": "Europe/London"}, {"weight_kg": 80.0})
    assert good == {"target_weight_kg": 75.0, "goal": "fat_loss"} and errors == []


def test_merge_fields_keeps_good_values_and_reports_bad_ones() -> None:
    good, errors = merge_fields({"age": 34, "height_cm": 20, "bp_systolic": 80, "bp_diastolic": 90}, {})
    assert good == {"age": 34}
    assert [e.field for e in errors] == ["height_cm", "bp_diastolic"]


def test_answer_for_steps() -> None:
    assert answer_for("bp", "135/85") == {"bp_systolic": 135, "bp_diastolic": 85}
    assert answer_for("age", "34") == {"age": 34}
    assert answer_for("target", "lose 5 kg in 3 months") == {"target_delta_kg": -5.0, "target_weeks": 13,
                                                            "goal": "fat_loss"}
    assert answer_for("reminder", "7:30") == {} and answer_for("age", "hello") == {}


def test_parse_reminder() -> None:
    assert parse_reminder("7:30 Europe/London") == ("07:30", "Europe/London")
    assert parse_reminder("19:00 Shanghai") == ("19:00", "Asia/Shanghai")
    assert parse_reminder("whenever") == (None, None)


def test_error_text_names_field_unit_and_range() -> None:
    text = error_text("en", ProfileError("age", "7 years is out of range"))
    assert "age" in text and "13–100 years" in text
    assert range_hint("age", "en") == "13–100 years"
