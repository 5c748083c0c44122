"""Physician review 14, finding 3: a Chinese user who likes 广场舞 (square dancing) had no dancing in her plan. Liked
and disliked activities written in Chinese (or as an English phrase holding the activity) are read like their English
names (coach/planning/pref_words.py), so the liked activity is kept where it is safe. The profiles are this test's
own."""
from __future__ import annotations

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan, validate_plan
from coach.planning.context import preference_words
from knowledge.corpus import get_passage

BASE = {"age": 52, "sex": "female", "height_cm": 160, "weight_kg": 63, "goal": "general_health", "days_per_week": 3,
        "minutes_per_session": 40, "experience": "beginner", "currently_active": True, "equipment": []}


@pytest.mark.parametrize("written,english", [
    ("广场舞", "dancing"), ("跳舞", "dancing"), ("square dancing", "dancing"), ("快走", "walking"),
    ("游泳", "swimming"), ("骑车", "cycling"), ("骑自行车", "cycling"), ("跑步", "running"), ("慢跑", "jogging"),
    ("瑜伽", "yoga"), ("爬山", "hiking"), ("跑步和游泳", "running"), ("outdoor cycling", "cycling")])
def test_a_like_written_in_chinese_or_as_a_phrase_searches_like_its_english_name(written, english):
    words = preference_words([written])
    assert set(preference_words([english])) <= set(words)


def ids(plan: dict) -> set[str]:
    return {str(e.get("id")) for w in plan["weeks"] for s in w["sessions"] for e in s["exercises"]}


def plan_of(raw: dict) -> dict:
    p = validate_profile(raw)
    plan = make_plan(p, 12)
    assert validate_plan(plan, p, kb_lookup=get_passage) == []
    return plan


@pytest.mark.parametrize("like,lang", [("广场舞", "zh"), ("跳舞", "en"), ("square dancing", "en"), ("广场舞", "en")])
def test_liked_square_dancing_is_in_the_plan(like, lang):
    plan = plan_of({**BASE, "language": lang, "preferences": {"likes": [like]}})
    assert "dancing" in ids(plan)


@pytest.mark.parametrize("like,gear,want", [("游泳", ["pool"], "swim"), ("骑车", ["bike"], "bike")])
def test_other_chinese_likes_bring_their_activity(like, gear, want):
    plan = plan_of({**BASE, "age": 40, "language": "zh", "equipment": gear, "preferences": {"likes": [like]}})
    assert any(want in x for x in ids(plan))


def test_a_chinese_dislike_leaves_the_activity_out():
    plan = plan_of({**BASE, "age": 35, "experience": "intermediate", "goal": "endurance", "language": "zh",
                    "preferences": {"dislikes": ["跑步"]}})
    assert not any("run" in x or "jog" in x for x in ids(plan))
