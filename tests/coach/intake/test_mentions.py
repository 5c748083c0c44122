"""Tests for coach.intake.mentions: list fields with negation, and red-flag symptoms."""

from __future__ import annotations

import pytest
from hypothesis import given

from coach.domain.vocab import RED_FLAG_SYMPTOMS
from coach.intake.extract import extract
from coach.intake.mentions import RED_FLAGS, mentions_red_flag
from tests.coach.intake.support import FUZZ, messy_text


def test_negations_give_empty_lists() -> None:
    assert extract("never had chest pain") == {"symptoms": []}
    assert extract("no injuries") == {"injuries": []}
    assert extract("没有伤") == {"injuries": []}
    assert extract("没有器械") == {"equipment": []}
    assert extract("徒手") == {"equipment": []}
    assert extract("nothing at home") == {"equipment": []}
    assert extract("no medical conditions") == {"conditions": []}
    assert extract("no symptoms") == {"symptoms": []}


def test_negation_does_not_swallow_the_next_clause() -> None:
    assert extract("no chest pain, but I get dizzy")["symptoms"] == ["dizziness"]
    assert extract("no injuries, but my knee hurts")["injuries"] == ["knee"]
    assert extract("no equipment but a pull-up bar")["equipment"] == ["pullup_bar"]


def test_condition_mapping() -> None:
    assert extract("diabetes")["conditions"] == ["type2_diabetes"]
    assert extract("type 1 diabetes")["conditions"] == ["type1_diabetes"]
    assert extract("I'm pregnant")["conditions"] == ["pregnancy"]
    assert extract("怀孕了")["conditions"] == ["pregnancy"]
    assert extract("high blood pressure")["conditions"] == ["hypertension"]


# --------------------------------------------------------------------------- red flags

@pytest.mark.parametrize("text, code", [
    ("my chest hurts", "chest_pain"), ("felt faint", "fainting"), ("I passed out at the gym", "fainting"),
    ("heart racing", "palpitations"), ("can't catch my breath", "shortness_of_breath"),
    ("胸口闷", "chest_pain"), ("差点晕倒", "fainting"), ("心跳很快", "palpitations"),
    ("I get dizzy after squats", "dizziness"), ("pain in my chest on the stairs", "chest_pain"),
    ("I blacked out for a second", "fainting"), ("my heart skips beats", "palpitations"),
    ("I'm out of breath after one flight of stairs", "shortness_of_breath"),
    ("头晕", "dizziness"), ("喘不上气", "shortness_of_breath"), ("心慌", "palpitations"),
    ("there's a squeezing feeling in my chest", "chest_pain"), ("lightheaded", "dizziness"),
])
def test_red_flag_detected(text: str, code: str) -> None:
    assert code in mentions_red_flag(text)


@pytest.mark.parametrize("text", [
    "no chest pain", "没有胸痛", "never had chest pain", "I don't get dizzy", "no dizziness or fainting",
    "I've never fainted", "没有头晕", "从来没晕倒过", "没有胸闷气短", "no shortness of breath",
    "I feel great today", "chest day was great", "胸肌酸痛", "my heart rate was 150 during the run",
    "my legs are sore", "no chest pain, no dizziness, no palpitations",
])
def test_red_flag_not_detected(text: str) -> None:
    assert mentions_red_flag(text) == []


def test_red_flags_exclude_non_urgent_symptoms() -> None:
    assert mentions_red_flag("my ankles swell and my calves hurt when I walk") == []
    assert mentions_red_flag("no chest pain but I get dizzy") == ["dizziness"]


@FUZZ
@given(messy_text)
def test_mentions_red_flag_never_raises(text: str) -> None:
    got = mentions_red_flag(text)
    assert isinstance(got, list) and set(got) <= set(RED_FLAGS)


def test_red_flags_are_the_domain_list() -> None:
    assert RED_FLAGS == RED_FLAG_SYMPTOMS
