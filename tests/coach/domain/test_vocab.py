"""Tests for coach.domain.vocab and coach.domain.profile: one vocabulary, used by the profile model."""

from __future__ import annotations

from typing import get_args

import pytest

from coach.domain import vocab
from coach.domain.profile import LIST_FIELDS, LIST_VOCAB, Profile, ProfileError, validate_profile

BASE = {"age": 34, "height_cm": 180, "weight_kg": 75, "goal": "fat_loss", "days_per_week": 3,
        "minutes_per_session": 45}


def test_red_flags_are_symptoms() -> None:
    assert set(vocab.RED_FLAG_SYMPTOMS) <= set(vocab.SYMPTOMS)
    assert vocab.RED_FLAG_SYMPTOMS == ("chest_pain", "fainting", "dizziness", "palpitations", "shortness_of_breath")


def test_profile_literals_are_the_vocabularies() -> None:
    fields = Profile.model_fields
    assert get_args(fields["goal"].annotation) == vocab.GOALS
    assert set(get_args(get_args(fields["sex"].annotation)[0])) == set(vocab.SEXES)
    assert set(get_args(get_args(fields["experience"].annotation)[0])) == set(vocab.EXPERIENCE)
    assert set(get_args(get_args(fields["language"].annotation)[0])) == set(vocab.LANGUAGES)


def test_list_fields_checked_against_the_vocabularies() -> None:
    assert set(LIST_VOCAB) <= set(LIST_FIELDS)
    assert validate_profile({**BASE, "injuries": ["Lower back"]}).injuries == ["lower_back"]
    with pytest.raises(ProfileError) as err:
        validate_profile({**BASE, "symptoms": ["hiccups"]})
    assert err.value.field == "symptoms"
    with pytest.raises(ProfileError) as err:
        validate_profile({**BASE, "goal": "world_peace"})
    assert err.value.field == "goal" and "fat_loss" in err.value.message


def test_a_condition_with_a_qualifier_is_the_known_condition_it_names():
    from coach.domain.profile import validate_profile
    from coach.domain.vocab import condition_code

    assert condition_code("fall_last_year") == "falls"
    assert condition_code("pregnancy_trimester_3") == "pregnancy"
    assert condition_code("knee_osteoarthritis") == "osteoarthritis"
    assert condition_code("recent_fall_with_injury") == "falls"
    assert condition_code("hypertension_stage_2") == "hypertension"
    assert condition_code("no_falls") == "no_falls"  # negated: kept as given, never the condition
    assert condition_code("migraine") == "migraine"  # unknown: kept
    prof = validate_profile({"age": 82, "sex": "female", "height_cm": 155, "weight_kg": 52, "goal": "general_health",
                             "days_per_week": 3, "minutes_per_session": 25,
                             "conditions": ["osteoporosis", "fall_last_year"]})
    assert prof.conditions == ["osteoporosis", "falls"]
