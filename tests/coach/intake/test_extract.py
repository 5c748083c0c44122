"""Tests for coach.intake.extract: the labelled utterances, whole messages, fuzzing and speed."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given

from coach.intake.answers import parse_answer
from coach.intake.extract import extract
from coach.intake.mentions import mentions_red_flag
from tests.coach.intake.support import FUZZ, TODAY, check_type, load_cases, messy_text, same

CASES = load_cases()


# --------------------------------------------------------------------------- labelled utterances

def test_data_file_is_big_enough() -> None:
    assert len(CASES) >= 150
    assert len({c["text"] for c in CASES}) == len(CASES), "duplicate utterances"


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_utterance(case: dict[str, Any]) -> None:
    got = extract(case["text"])
    # exactly the fields the text determines: nothing missing, nothing invented
    assert got.keys() == case["expect"].keys(), got
    for key, want in case["expect"].items():
        assert same(got[key], want), (key, got[key], want)


def test_brief_example_message() -> None:
    got = extract("I'm 34, 180 cm, 75 kg, want to lose 5 kg by March, 4 days a week, dumbbells at home",
                  today=TODAY)
    assert got == {"age": 34, "height_cm": 180.0, "weight_kg": 75.0, "target_delta_kg": -5.0,
                   "target_weeks": 15, "goal": "fat_loss", "days_per_week": 4, "equipment": ["dumbbells"]}


def test_today_defaults_to_the_real_date() -> None:
    assert isinstance(extract("by March")["target_weeks"], int)

# --------------------------------------------------------------------------- behaviour

def test_lone_number_is_not_a_fact() -> None:
    assert extract("34") == {}
    assert extract("75.5") == {}
    assert extract("   ") == {}
    assert extract("") == {}


def test_corrections_take_the_last_value() -> None:
    assert extract("actually I'm 78 kg")["weight_kg"] == 78.0
    assert extract("I'm 80 kg. Actually 78")["weight_kg"] == 78.0
    assert extract("170 lb, sorry I meant 175")["weight_kg"] == 79.4  # the correction keeps the unit
    assert extract("78 kg, not 80 kg")["weight_kg"] == 78.0


def test_someone_elses_facts_are_ignored() -> None:
    assert extract("my mom has diabetes and high blood pressure") == {}
    assert extract("my wife is 32 and I'm 35") == {"age": 35}


def test_bare_weight_with_imperial_height_is_left_out() -> None:
    assert "weight_kg" not in extract("I'm 5'11\" and weigh 180")
    assert extract("weight 82")["weight_kg"] == 82.0  # no other hint: the canonical unit


# --------------------------------------------------------------------------- fuzzing and types

@FUZZ
@given(messy_text)
def test_extract_never_raises_and_returns_documented_types(text: str) -> None:
    got = extract(text, today=TODAY)
    assert isinstance(got, dict)
    for name, value in got.items():
        check_type(name, value)


def test_non_string_input_is_tolerated() -> None:
    assert extract(None) == {}  # type: ignore[arg-type]
    assert parse_answer("age", None) is None  # type: ignore[arg-type]
    assert mentions_red_flag(123) == []  # type: ignore[arg-type]


# --------------------------------------------------------------------------- speed

@pytest.mark.parametrize("text", [
    "I'm 34, 75 kg, no chest pain, " * 700, "knee hurts, " * 2000, "I like running and " * 1000,
    "一" * 20000, "1 " * 10000, "no " * 5000 + "chest pain", "万" * 3000,
])
def test_long_input_stays_linear(text: str) -> None:
    start = time.perf_counter()
    extract(text)
    parse_answer("weight_kg", text)
    mentions_red_flag(text)
    assert time.perf_counter() - start < 3.0
