"""A passage written for another group of people (pregnancy, teenagers, a joint replacement, ...) is not the answer
to a question that does not name that group, from someone outside it (coach/services/passage_fit.py); the same
question from someone in the group, or naming it, still gets it. Typed through the real Dialogue and retriever."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from coach.services.passage_fit import for_someone_else
from knowledge.corpus import get_passage
from tests.factories import BASE_PROFILE, make_user
from coach.domain.profile import validate_profile

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
_SOURCE = re.compile(r"\[(kb-[a-z0-9-]+)\]")


def answered_from(container, key: str, profile: dict, question: str) -> str:
    coach = Coach(container, clock=lambda: NOW)
    chat = int(key[3:])
    make_user(container, key, start=date(2026, 3, 2), chat_id=chat, profile=profile)
    text = "\n".join(r.text for r in coach.handle(Incoming(user_key=key, chat_id=chat, text=question)))
    found = _SOURCE.search(text)
    return found.group(1) if found else ""  # "" : not sure


MAN = {"sex": "male", "age": 40, "conditions": [], "injuries": []}
PREGNANT = {"sex": "female", "age": 31, "conditions": ["pregnancy"], "weeks_pregnant": 24}


def test_lying_on_the_back_is_answered_from_the_pregnancy_passage_only_in_pregnancy(container):
    assert answered_from(container, "tg:9301", PREGNANT, "should I avoid lying on my back") == "kb-pregnancy-003"
    assert answered_from(container, "tg:9302", MAN, "should I avoid lying on my back") != "kb-pregnancy-003"


@pytest.mark.parametrize("age, question, other", [(40, "is heavy lifting bad for growth plates", False),
                                                    (40, "how many sets should I do", True),
                                                    (40, "how many sets should my 15-year-old son do", False),
                                                    (15, "how many sets should I do", False)])
def test_youth_passages_are_for_young_people_or_questions_about_them(age, question, other):
    prof = validate_profile({**BASE_PROFILE, "age": age})
    assert for_someone_else(get_passage("kb-youth-strength-002"), prof, question) is other


def test_a_question_that_names_the_group_keeps_its_passage(container):
    assert answered_from(container, "tg:9305", MAN, "what is orthostatic hypotension?") == "kb-orthostatic-001"


@pytest.mark.parametrize("pid, profile, question, other", [
    ("kb-pregnancy-003", None, "should I avoid lying on my back", True),
    ("kb-pregnancy-003", None, "I'm 20 weeks pregnant, can I lie on my back?", False),
    ("kb-stroke-001", None, "what exercise is good after a stroke", False),
    ("kb-copd-001", None, "how should I breathe when I walk", True),
    ("kb-knee-001", None, "is the bike ok if my knee hurts", False),  # not written for one group of people
])
def test_for_someone_else_reads_the_question(pid, profile, question, other):
    assert for_someone_else(get_passage(pid), profile, question) is other
