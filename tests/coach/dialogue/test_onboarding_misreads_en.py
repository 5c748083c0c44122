"""Onboarding in English typed like a person (a 47-year-old's answers, each at the question it followed): a number
whose unit or words say it is something else never answers the question asked. Before: "7ish hours" to the body-fat
question saved body fat 7 %; "nothing for like 5 years" to the sleep question was refused as target weeks 260;
"maybe get to 190" was refused as 190 hours of sleep; "dumbbells up to 50lb" was refused as a body weight of 23 kg."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.intake.extract import extract
from storage import repos
from tests.coach.dialogue.support import say

START = ["/start", "yes", "hey, I'm 47, male, 5'11 and about 210 lbs", "no idea", "bp was 138/88 at the pharmacy"]


def _state(coach: Coach, key: str) -> dict:
    with coach.c.session() as s:
        user = repos.users.find_user(s, key)
        return repos.users.get_dialogue(s, user.id).data


def test_hours_said_with_ish_are_sleep_not_body_fat(container):
    coach = Coach(container)
    for line in START:
        out = say(coach, "tg:9931", line)
    assert "body fat" in out.lower()
    out = say(coach, "tg:9931", "7ish hours")
    data = _state(coach, "tg:9931")
    assert "body_fat_pct" not in data["profile"]
    assert data.get("offered") == {"sleep_hours": 7.0} and "sleep 7 hours" in out


@pytest.mark.parametrize("answer,refused", [
    ("not really, I used to lift in college but nothing for like 5 years", "target weeks"),
    ("lose the gut, maybe get to 190", "sleep doesn't look right"),
    ("I've got a bench, adjustable dumbbells up to 50lb and a pull up bar", "weight doesn't look right"),
])
def test_numbers_about_something_else_are_not_refused_as_the_answer(container, answer, refused):
    coach = Coach(container)
    for line in [*START, "skip"]:
        out = say(coach, "tg:9932", line)
    assert "sleep" in out.lower()
    out = say(coach, "tg:9932", answer)
    assert refused not in out and "doesn't look right" not in out, out
    assert "sleep_hours" not in _state(coach, "tg:9932")["profile"]


@pytest.mark.parametrize("text,field,value", [
    ("I sleep 7ish hours", "sleep_hours", 7.0), ("I'm 80-ish kg", "weight_kg", 80.0),
    ("kettlebells of 12 and 16 kg", "weight_kg", None), ("weights up to 20 kg", "weight_kg", None),
    ("my weight is 80 kg", "weight_kg", 80.0), ("I want to lose 5 kg in 3 months", "target_weeks", 13),
    ("haven't trained for 5 years", "target_weeks", None),
])
def test_extract_reads_approximate_numbers_and_equipment_loads(text, field, value):
    assert extract(text).get(field) == value
