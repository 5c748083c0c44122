"""Onboarding typed like a person (a 47-year-old man with type 2 diabetes, weight given in pounds), each answer at the
question it follows. Before: "lose the gut mostly" was not a goal (asked 50 times); "metformin and atorvastatin" to
the medications question was stored as none; "get down to 190 by summer" stored a 190 kg target for a 95 kg man
(and warned that 3.8 kg a week was too fast)."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.intake.extract import extract
from coach.intake.intent_answers import read_answer
from storage import repos
from tests.coach.dialogue.support import say


@pytest.mark.parametrize("text", ["lose the gut mostly", "get rid of my beer belly", "flatten my stomach",
                                  "want to shrink my tummy", "减肚子", "想减掉啤酒肚", "lose the love handles"])
def test_the_belly_by_its_everyday_names_is_fat_loss(text):
    assert extract(text).get("goal") == "fat_loss"


@pytest.mark.parametrize("text", ["my gut hurts", "I have a stomach ache", "my belly is sore after crunches"])
def test_a_sore_belly_is_no_goal(text):
    assert extract(text).get("goal") is None


@pytest.mark.parametrize("text,meds", [
    ("metformin and atorvastatin", ["statin", "metformin"]), ("I take metformin", ["metformin"]),
    ("二甲双胍和阿托伐他汀", ["statin", "二甲双胍"]), ("bisoprolol and aspirin", ["beta_blocker", "antiplatelet"]),
    ("just vitamins", []), ("no meds", []), ("metformin, no insulin", ["metformin"]),
])
def test_medicines_named_to_the_medications_question_are_kept(text, meds):
    assert read_answer("medications", text, extract(text), {}).kept["medications"] == meds


@pytest.mark.parametrize("text,kg", [("get down to 190 by summer", 86.2), ("get down to 190 kg", 190.0),
                                     ("get down to 85 by summer", 85.0)])
def test_a_unitless_target_only_pounds_make_sense_of_is_read_in_pounds(text, kg):
    kept = read_answer("target", text, extract(text), {"weight_kg": 95.3, "goal": "fat_loss"}).kept
    assert kept["target_weight_kg"] == kg


def test_the_typed_onboarding_stores_what_was_said(container):
    coach = Coach(container)
    answers = ["/start", "yeah ok", "hey, I'm 47, male, 5'11 and about 210 lbs", "no idea", "bp was 138/88",
               "no clue", "7ish hours", "I used to lift in college but nothing for like 5 years", "nope, not really",
               "none", "type 2 diabetes", "metformin and atorvastatin", "lose the gut mostly",
               "get down to 190 by summer"]
    for line in answers:
        out = say(coach, "tg:9941", line)
    assert "days a week" in out.lower(), out
    with coach.c.session() as s:
        data = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:9941").id).data["profile"]
    assert data["medications"] == ["statin", "metformin"] and data["goal"] == "fat_loss"
    assert data["target_weight_kg"] == 86.2 and "body_fat_pct" not in data and data["sleep_hours"] == 7
