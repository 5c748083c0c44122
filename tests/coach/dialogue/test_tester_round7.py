"""Misreads an outside tester found by typing at the bot after onboarding (en + zh), each checked through the real
Dialogue or the reader it goes through: "oops I meant pounds" ignored, pain told under the log questions logged as an
ordinary session, "knee is fine now but shoulder still hurts" read as one edit, "sold my dumbbells, just bands now"
only removing, a pregnant person's "a bit out of breath on hills" stopping the plan, "七十点五" read as 70 and 5,
"lose 5 more kg" refused as a 5 kg body weight, and two copies of the illness words."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake import changes as told
from coach.intake.amend import breath_on_exertion, further_change_kg, unit_meant
from coach.intake.answers import parse_answer
from coach.intake.extract import extract
from coach.intake.intent_values import fact_values
from coach.services.knowledge_query import search_text
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, hard_stop, stored_profile, typed  # noqa: F401
from tests.factories import make_user


def _user(container, key: str, **profile) -> None:
    make_user(container, key, start=date(2026, 3, 2), chat_id=int(key[3:]), profile={"weight_kg": 80, **profile})


def _weights(container, key: str) -> list[float]:
    with container.session() as s:
        return [r.value for r in repos.readings.metrics(s, repos.users.find_user(s, key).id, "weight")]


def _logs(container, key: str) -> list[tuple[str, str | None]]:
    with container.session() as s:
        rows = repos.workouts.workout_logs(s, repos.users.find_user(s, key).id, since=date(2026, 1, 1))
        return [(r.status, r.notes) for r in rows]


# --------------------------------------------------------------------------- 1. the unit meant for the last weight

@pytest.mark.parametrize("text, unit", [("oops I meant pounds", "lb"), ("sorry, that was in lbs", "lb"),
                                        ("我说的是斤", "jin"), ("是斤不是公斤", "jin"), ("I meant kg", "kg")])
def test_the_unit_meant_is_read(text, unit):
    assert unit_meant(text) == unit


@pytest.mark.parametrize("text", ["I weigh 176 pounds", "how many pounds is 80 kg?", "I meant 78", "pounds or kg?"])
def test_a_new_value_or_a_question_is_no_unit_meant(text):
    assert unit_meant(text) is None


def test_a_weight_waiting_for_yes_is_read_in_pounds(coach, container):  # noqa: F811
    _user(container, "tg:701")
    typed(coach, "tg:701", "weight 176")
    out = typed(coach, "tg:701", "oops I meant pounds")
    assert "79.8 kg" in text_of(out) and "rdg:yes" in buttons_of(out)
    assert _weights(container, "tg:701") == []  # nothing stored before Yes
    typed(coach, "tg:701", callback="rdg:yes")
    assert _weights(container, "tg:701")[-1] == 79.8


def test_a_weight_just_stored_is_replaced_only_on_yes(coach, container):  # noqa: F811
    _user(container, "tg:702")
    typed(coach, "tg:702", "/weight 176 confirm")
    out = typed(coach, "tg:702", "sorry, that was in lbs")
    assert "79.8 kg" in text_of(out) and _weights(container, "tg:702") == [176.0]
    typed(coach, "tg:702", "yes")
    assert _weights(container, "tg:702") == [79.8]


def test_jin_meant_in_chinese(coach, container):  # noqa: F811
    _user(container, "tg:703")
    typed(coach, "tg:703", "体重150")
    assert "75 kg" in text_of(typed(coach, "tg:703", "我说的是斤"))


def test_a_proposed_target_is_read_in_pounds(coach, container):  # noqa: F811
    _user(container, "tg:704")
    typed(coach, "tg:704", "my target is 150")
    out = typed(coach, "tg:704", "I meant pounds")
    assert "68 kg" in text_of(out) and any(b.startswith("cf:yes") for b in buttons_of(out))
    typed(coach, "tg:704", "yes")
    assert stored_profile(container, "tg:704")["target_weight_kg"] == 68.0


# --------------------------------------------------------------------------- 2. pain told under the log questions

@pytest.mark.parametrize("text", ["my knee hurt during the squats", "膝盖有点疼"])
def test_pain_under_the_effort_question_is_logged_as_pain(coach, container, text):  # noqa: F811
    _user(container, "tg:705")
    typed(coach, "tg:705", "done")
    out = text_of(typed(coach, "tg:705", text))
    assert "knee" in out or "膝盖" in out
    assert _logs(container, "tg:705") == [("pain", "knee")]  # no ordinary session beside it
    assert "knee" in stored_profile(container, "tg:705")["injuries"]


def test_pain_with_no_area_under_the_top_question_asks_where(coach, container):  # noqa: F811
    _user(container, "tg:706")
    typed(coach, "tg:706", callback="log:done")
    typed(coach, "tg:706", callback="rpe:7")
    out = typed(coach, "tg:706", "it hurt a bit during the lunges")
    assert "pain:knee" in buttons_of(out) and _logs(container, "tg:706") == []
    typed(coach, "tg:706", "knee")
    assert _logs(container, "tg:706") == [("pain", "knee")]


# --------------------------------------------------------------------------- 3 + 4. lists edited clause by clause

@pytest.mark.parametrize("text, want", [
    ("knee is fine now but shoulder still hurts", {"injury_remove": "knee", "injury_add": "shoulder"}),
    ("膝盖好了，但是肩膀还疼", {"injury_remove": "knee", "injury_add": "shoulder"}),
    ("sold my dumbbells, just bands now", {"equipment_remove": "dumbbells", "equipment_only": ["bands"]}),
    ("我把哑铃卖了，现在只有弹力带", {"equipment_remove": "dumbbells", "equipment_only": ["bands"]}),
    ("knee and shoulder are fine now", {"injury_remove": ["knee", "shoulder"]}),
    ("I just bought a kettlebell", {"equipment_add": "kettlebell"})])
def test_each_clause_edits_the_list(text, want):
    got = fact_values(text)
    assert {k: got[k] for k in want if k in got} == want


def test_one_healed_and_one_hurting_is_proposed_clause_by_clause(coach, container):  # noqa: F811
    _user(container, "tg:707", injuries=["knee"])
    out = text_of(typed(coach, "tg:707", "knee is fine now but shoulder still hurts"))
    assert "Save?" in out and stored_profile(container, "tg:707")["injuries"] == ["knee"]
    typed(coach, "tg:707", "yes")
    assert stored_profile(container, "tg:707")["injuries"] == ["shoulder"]


@pytest.mark.parametrize("text", ["sold my dumbbells, just bands now", "我把哑铃卖了，现在只有弹力带"])
def test_just_bands_now_replaces_the_equipment(coach, container, text):  # noqa: F811
    _user(container, "tg:708", equipment=["dumbbells", "bench"])
    typed(coach, "tg:708", text)
    assert stored_profile(container, "tg:708")["equipment"] == ["dumbbells", "bench"]
    typed(coach, "tg:708", "yes")
    assert stored_profile(container, "tg:708")["equipment"] == ["bands"]


# --------------------------------------------------------------------------- 5. breathless on exertion in pregnancy

PREGNANT = {"sex": "female", "conditions": ["pregnancy"]}


@pytest.mark.parametrize("text", ["a bit out of breath on hills", "爬坡有点喘", "I get winded on the stairs"])
def test_out_of_breath_on_exertion_in_pregnancy_asks_and_keeps_the_plan(coach, container, text):  # noqa: F811
    _user(container, "tg:709", **PREGNANT)
    out = text_of(typed(coach, "tg:709", text))
    assert "kb-pregnancy-007" in out and ("talk test" in out or "说话测试" in out)  # in the language of the message
    assert not hard_stop(container, "tg:709")


def test_yes_to_breathless_at_rest_stops_the_plan(coach, container):  # noqa: F811
    _user(container, "tg:710", **PREGNANT)
    typed(coach, "tg:710", "a bit out of breath on hills")
    typed(coach, "tg:710", "yes")
    assert hard_stop(container, "tg:710")


@pytest.mark.parametrize("text", ["short of breath at rest", "breathless before I even start",
                                  "out of breath on hills and chest pain"])
def test_breathless_at_rest_or_before_exertion_still_stops(coach, container, text):  # noqa: F811
    _user(container, "tg:711", **PREGNANT)
    typed(coach, "tg:711", text)
    assert hard_stop(container, "tg:711")
    assert not breath_on_exertion(text)


# --------------------------------------------------------------------------- 6. Chinese decimals with 点

@pytest.mark.parametrize("text, field, value", [("身高一百七十五点五", "height_cm", 175.5), ("体重七十点五", "weight_kg", 70.5),
                                                ("一百七十五点五厘米", "height_cm", 175.5), ("体重72点5", "weight_kg", 72.5)])
def test_chinese_decimals(text, field, value):
    assert extract(text).get(field) == value


def test_a_bare_decimal_with_dian_and_clock_times():
    assert parse_answer("weight_kg", "72点5") == 72.5
    assert extract("早上7点30提醒我").get("reminder_time") in (None, "07:30")
    from coach.intake.numbers import normalize
    assert normalize("早上7点30提醒我")[0] == "早上7点30提醒我" and normalize("明天7点5分")[0] == "明天7点5分"


# --------------------------------------------------------------------------- 7. a further change of weight wanted

@pytest.mark.parametrize("text, kg", [("lose 5 more kg", -5.0), ("再减5公斤", -5.0), ("I want to lose another 5 kg", -5.0),
                                      ("gain 3 more kg", 3.0), ("还想再瘦4斤", -2.0)])
def test_a_further_change_is_read(text, kg):
    assert further_change_kg(text) == kg


@pytest.mark.parametrize("text", ["I lost 5 more kg", "5 more kg on the squat", "can I lose 5 more kg by May?"])
def test_no_further_change(text):
    assert further_change_kg(text) is None


@pytest.mark.parametrize("text", ["lose 5 more kg", "再减5公斤"])
def test_lose_more_proposes_a_target_from_the_current_weight(coach, container, text):  # noqa: F811
    _user(container, "tg:712", height_cm=175)
    typed(coach, "tg:712", "/weight 78 confirm")
    out = typed(coach, "tg:712", text)
    assert "73" in text_of(out) and "kb-weight-loss-001" in text_of(out)
    assert "target_weight_kg" not in stored_profile(container, "tg:712")
    typed(coach, "tg:712", "yes")
    assert stored_profile(container, "tg:712")["target_weight_kg"] == 73.0


def test_lose_more_into_underweight_is_not_proposed(coach, container):  # noqa: F811
    _user(container, "tg:713", height_cm=175, weight_kg=58)
    out = typed(coach, "tg:713", "lose 5 more kg")
    assert "underweight" in text_of(out) and not buttons_of(out)


# --------------------------------------------------------------------------- 8. one list of illness words

@pytest.mark.parametrize("text", ["我拉肚子了", "I had a cold", "喉咙痛", "I'm feeling unwell", "blocked nose today"])
def test_the_illness_advice_and_its_search_words_read_the_same_words(text):
    assert told.unwell(text)
    assert "cold or fever" in search_text(text) or "感冒发烧" in search_text(text)
