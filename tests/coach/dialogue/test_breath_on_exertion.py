"""Out of breath on exertion, for anyone (kb-warning-signs-003: "out of breath on a hill is expected"): advice and
one question, not a hard stop; yes to breathlessness at rest or on light effort stops the plan (ACSM 2015,
kb-screening-001). Before: a non-pregnant person's "a bit out of breath on hills" stopped the plan at once."""
from __future__ import annotations

from datetime import date

import pytest

from tests.coach.dialogue.support import text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, hard_stop, typed  # noqa: F401
from tests.factories import make_user


@pytest.mark.parametrize("text", ["a bit out of breath on hills", "I get puffed going up stairs",
                                  "爬坡的时候有点喘"])
def test_breathless_on_hills_asks_and_keeps_the_plan(container, coach, text):
    make_user(container, "tg:94001", start=date(2026, 3, 2), chat_id=94001, profile={"weight_kg": 80})
    out = text_of(typed(coach, "tg:94001", text))
    assert "kb-warning-signs-003" in out and "kb-screening-001" in out, out
    assert not hard_stop(container, "tg:94001")
    out = text_of(typed(coach, "tg:94001", "no"))
    assert not hard_stop(container, "tg:94001")


def test_yes_to_breathless_at_rest_stops_the_plan(container, coach):
    make_user(container, "tg:94002", start=date(2026, 3, 2), chat_id=94002, profile={"weight_kg": 80})
    typed(coach, "tg:94002", "a bit out of breath on hills")
    typed(coach, "tg:94002", "yes")
    assert hard_stop(container, "tg:94002")


@pytest.mark.parametrize("text", ["I'm short of breath even sitting on the sofa", "坐着不动也喘不过气"])
def test_breathless_at_rest_still_stops_at_once(container, coach, text):
    make_user(container, "tg:94003", start=date(2026, 3, 2), chat_id=94003, profile={"weight_kg": 80})
    typed(coach, "tg:94003", text)
    assert hard_stop(container, "tg:94003")
