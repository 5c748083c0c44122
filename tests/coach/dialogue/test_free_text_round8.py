"""Round 8 of typing at the bot like a person: a yes/no typed to the step question re-asked after a pending offer
answers that question (the offer keeps its own buttons); colloquial body-area complaints ("left shoulder is a bit
cranky") are injuries; "skip" after the plan means today's session (confirmed first) and a message not understood
twice in a row gets the main choices, not the same "not sure" again."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.intake import extract
from coach.intake.offer_words import offer_answer
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_onboarding_offers import at_step, state, typed
from tests.coach.dialogue.test_onboarding_offers import NOW

FACTS = {"en": "I'm 52, want to build muscle, 4 days a week, have a kettlebell, on bisoprolol",
         "zh": "我52岁，想增肌，每周4天，有壶铃，在吃比索洛尔"}


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


# --------------------------------------------------------------------------- 1. the step question re-asked after an offer

@pytest.mark.parametrize("word, lang, active", [
    ("no", "en", False), ("nope", "en", False), ("不", "zh", False), ("不是", "zh", False), ("没有", "zh", False),
    ("yes", "en", True), ("是", "zh", True),
])
def test_a_yes_or_no_to_the_re_asked_yes_no_step_answers_it_and_keeps_the_offer(coach, container, word, lang, active):
    at_step(container, "tg:8101", "currently_active", lang=lang)
    out = typed(coach, "tg:8101", FACTS[lang])
    assert "ob:keep:yes" in buttons_of(out) and "ob:currently_active:no" in buttons_of(out[-1:])  # asked last
    offered = dict(state(container, "tg:8101")[2]["offered"])
    assert {"age", "goal", "days_per_week", "equipment", "medications"} <= set(offered)
    out = typed(coach, "tg:8101", word)
    step, prof, data = state(container, "tg:8101")
    assert prof["currently_active"] is active and step != "currently_active"
    assert data.get("offered") == offered  # nothing thrown away
    assert "did not save" not in text_of(out) and "没有保存" not in text_of(out)
    assert "goal" not in prof and "age" in prof and prof["age"] != 52  # nothing stored without a yes to the offer


@pytest.mark.parametrize("word, lang", [("no", "en"), ("nope", "en"), ("none", "en"), ("不", "zh"), ("不是", "zh"),
                                        ("没有", "zh")])
def test_a_no_to_the_re_asked_injury_question_is_no_injuries_and_keeps_the_offer(coach, container, word, lang):
    at_step(container, "tg:8102", "injuries", lang=lang)
    typed(coach, "tg:8102", FACTS[lang])
    offered = dict(state(container, "tg:8102")[2]["offered"])
    typed(coach, "tg:8102", word)
    step, prof, data = state(container, "tg:8102")
    assert prof["injuries"] == [] and step != "injuries" and data.get("offered") == offered


def test_the_offer_stays_answerable_by_its_buttons_and_by_keep_words(coach, container):
    at_step(container, "tg:8103", "currently_active")
    typed(coach, "tg:8103", FACTS["en"])
    typed(coach, "tg:8103", "no")
    out = typed(coach, "tg:8103", "keep them")  # at the symptoms question: about the offer, not symptoms
    step, prof, data = state(container, "tg:8103")
    assert not data.get("offered") and prof["goal"] == "muscle_gain" and prof["days_per_week"] == 4
    assert "kettlebell" in prof["equipment"] and step == "symptoms" and "Saved" in text_of(out)
    at_step(container, "tg:8104", "currently_active")
    typed(coach, "tg:8104", FACTS["en"])
    typed(coach, "tg:8104", callback="ob:currently_active:yes")
    out = typed(coach, "tg:8104", "don't keep")
    step, prof, data = state(container, "tg:8104")
    assert not data.get("offered") and "goal" not in prof and prof["currently_active"] is True
    assert "did not save" in text_of(out)


def test_a_no_to_a_question_that_cannot_take_it_answers_the_offer(coach, container):
    at_step(container, "tg:8105", "height_cm")
    typed(coach, "tg:8105", "I sleep about 6 hours")
    out = typed(coach, "tg:8105", "no")
    step, prof, data = state(container, "tg:8105")
    assert not data.get("offered") and "sleep_hours" not in prof and step == "height_cm"
    assert "did not save" in text_of(out)


def test_an_offer_shown_alone_is_still_answered_by_a_plain_no(coach, container):
    at_step(container, "tg:8106", "resting_hr")
    typed(coach, "tg:8106", "I sleep 6 hours")
    typed(coach, "tg:8106", "60")
    typed(coach, "tg:8106", "skip")
    out = typed(coach, "tg:8106", "skip")  # the sleep question's turn: the offer alone
    assert "ob:keep:yes" in buttons_of(out) and len(out) == 1
    typed(coach, "tg:8106", "nope")
    step, prof, data = state(container, "tg:8106")
    assert not data.get("offered") and step == "sleep_hours" and "sleep_hours" not in prof


@pytest.mark.parametrize("text, expected", [
    ("keep them", True), ("yes, save it please", True), ("保存", True), ("都保存吧", True), ("don't keep", False),
    ("no, don't save them", False), ("不要保存", False), ("别存", False), ("no", None), ("yes", None), ("没有", None),
    ("keep going", None), ("I keep bands at home", None),
])
def test_offer_words(text, expected):
    assert offer_answer(text) is expected


# --------------------------------------------------------------------------- 2. body-area complaints in everyday words

COMPLAINTS = [("left shoulder is a bit cranky", ["shoulder"]), ("my knee's been playing up", ["knee"]),
              ("lower back is a bit grumpy", ["lower_back"]), ("肩膀有点不舒服", ["shoulder"]),
              ("my neck is bothering me", ["neck"]), ("my back isn't feeling great", ["lower_back"])]
NOT_COMPLAINTS = ["my shoulder is fine", "no knee issues", "I had a cranky boss", "my knee is not cranky",
                  "my wife's knee is cranky", "is it normal that my knee is cranky?"]


@pytest.mark.parametrize("text, areas", COMPLAINTS)
def test_a_complaint_in_everyday_words_is_an_injury(text, areas):
    from coach.intake.complaints import body_complaint
    assert extract(text).get("injuries") == areas and body_complaint(text) == areas


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_without_one(text):
    from coach.intake.complaints import body_complaint
    assert body_complaint(text) == []
    assert "?" in text or not extract(text).get("injuries")  # a question is read as a question by the dialogue


@pytest.mark.parametrize("text, areas", COMPLAINTS[:4])
def test_a_complaint_at_another_onboarding_question_is_offered(coach, container, text, areas):
    at_step(container, "tg:8111", "sleep_hours", lang="zh" if "肩" in text else "en")
    out = typed(coach, "tg:8111", text)
    step, prof, data = state(container, "tg:8111")
    assert (data.get("offered") or {}).get("injuries") == areas and "injuries" not in prof
    assert "ob:keep:yes" in buttons_of(out) and step == "sleep_hours"


@pytest.mark.parametrize("text, areas", COMPLAINTS[:4])
def test_a_complaint_at_the_injury_question_answers_it(coach, container, text, areas):
    at_step(container, "tg:8112", "injuries", lang="zh" if "肩" in text else "en")
    typed(coach, "tg:8112", text)
    step, prof, _ = state(container, "tg:8112")
    assert prof["injuries"] == areas and step != "injuries"


def _user(container, key: str, **profile) -> None:
    from datetime import date
    from tests.factories import make_user
    make_user(container, key, chat_id=int(key[3:]), start=date(2026, 3, 2), profile=profile or None)


def _stored(container, key: str) -> dict:
    from storage import repos
    with container.session() as s:
        return dict(repos.profiles.current_profile(s, repos.users.find_user(s, key).id).data["profile"])


@pytest.mark.parametrize("text, areas", COMPLAINTS)
def test_a_complaint_after_the_plan_is_offered_for_yes(coach, container, text, areas):
    _user(container, "tg:8113", injuries=[])
    out = typed(coach, "tg:8113", text)
    assert any(b.startswith("cf:") for b in buttons_of(out)) and _stored(container, "tg:8113")["injuries"] == []
    typed(coach, "tg:8113", "yes" if text.isascii() else "是")
    assert _stored(container, "tg:8113")["injuries"] == areas


@pytest.mark.parametrize("text", NOT_COMPLAINTS[:3])
def test_no_complaint_after_the_plan_changes_nothing(coach, container, text):
    from storage import repos
    _user(container, "tg:8114", injuries=[])
    with container.session() as s:
        plan_before = repos.plans.active_plan(s, repos.users.find_user(s, "tg:8114").id).id
    out = typed(coach, "tg:8114", text)
    assert not any(b.startswith("cf:") for b in buttons_of(out)) and _stored(container, "tg:8114")["injuries"] == []
    with container.session() as s:
        uid = repos.users.find_user(s, "tg:8114").id
        assert repos.plans.active_plan(s, uid).id == plan_before and not repos.workouts.workout_logs(s, uid)


# --------------------------------------------------------------------------- 3. "skip" after the plan; misses in a row

def _at(coach_clock_day: int):
    from datetime import datetime, timezone
    return datetime(2026, 3, 1 + coach_clock_day, 9, tzinfo=timezone.utc)


def test_skip_with_no_question_open_offers_to_skip_today_and_logs_only_on_the_button(container):
    from storage import repos
    coach = Coach(container, clock=lambda: _at(1))  # day 1: a session day
    _user(container, "tg:8121")
    for _ in range(3):
        out = typed(coach, "tg:8121", "skip")
        assert "log:skipped" in buttons_of(out) and "not sure" not in text_of(out)
    with container.session() as s:
        assert not repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:8121").id)
    typed(coach, "tg:8121", callback="log:skipped")
    out = typed(coach, "tg:8121", "skip")
    assert "already logged" in text_of(out) and "menu:today" in buttons_of(out)
    with container.session() as s:
        logs = repos.workouts.workout_logs(s, repos.users.find_user(s, "tg:8121").id)
    assert [lg.status for lg in logs] == ["skipped"]


def test_skip_on_a_rest_day_says_so_with_the_main_choices(container):
    coach = Coach(container, clock=lambda: _at(2))  # day 2: no session in the default plan
    _user(container, "tg:8122")
    out = typed(coach, "tg:8122", "跳过")
    assert "rest day" in text_of(out) and "menu:plan" in buttons_of(out)


def test_skip_under_a_save_question_is_no(coach, container):
    _user(container, "tg:8123", injuries=[])
    typed(coach, "tg:8123", "left shoulder is a bit cranky")
    out = typed(coach, "tg:8123", "skip")
    assert "left your profile" in text_of(out) and _stored(container, "tg:8123")["injuries"] == []


def test_the_second_miss_in_a_row_offers_the_main_choices_not_the_same_reply(coach, container):
    _user(container, "tg:8124")
    first = typed(coach, "tg:8124", "asdf qwer")
    assert "not sure" in text_of(first) and not buttons_of(first)
    second = typed(coach, "tg:8124", "zzz blorp")
    assert "not sure" not in text_of(second) and "menu:today" in buttons_of(second)
    third = typed(coach, "tg:8124", "blorp blorp")
    assert "menu:today" in buttons_of(third)
    typed(coach, "tg:8124", "hi")  # understood: the run ends
    assert "not sure" in text_of(typed(coach, "tg:8124", "qqq www"))
    out = typed(coach, "tg:8124", callback="menu:plan")
    assert "Week 1" in text_of(out)


# --------------------------------------------------------------------------- 4. found by typing through onboarding and week 1

@pytest.mark.parametrize("text, lang", [("why do you need my age?", "en"), ("what's that for?", "en"),
                                        ("为什么要问这个？", "zh")])
def test_why_do_you_ask_is_answered_and_the_question_asked_again(coach, container, text, lang):
    at_step(container, "tg:8131", "age", lang=lang)
    out = typed(coach, "tg:8131", text)
    assert "/delete" in text_of(out) and len(out) == 2 and state(container, "tg:8131")[0] == "age"


@pytest.mark.parametrize("text", ["dumbells and a yoga mat", "a kettlebel"])
def test_common_equipment_typos_answer_the_equipment_question(coach, container, text):
    at_step(container, "tg:8132", "equipment")
    typed(coach, "tg:8132", text)
    step, prof, _ = state(container, "tg:8132")
    assert prof["equipment"] in (["dumbbells"], ["kettlebell"]) and step != "equipment"


def test_a_target_answer_does_not_replace_the_goal_given(coach, container):
    at_step(container, "tg:8133", "target")
    with container.session() as s:
        from storage import repos
        st = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:8133").id)
        data = dict(st.data)
        data["profile"] = {**data["profile"], "goal": "general_health"}
        repos.users.set_dialogue(s, st.user_id, flow="onboarding", step="target", data=data)
    out = typed(coach, "tg:8133", "lose 5kg by summer")
    step, prof, _ = state(container, "tg:8133")
    assert prof["goal"] == "general_health" and prof["target_weight_kg"] == 70 and "goal" not in text_of(out)


def test_the_activity_question_is_answered_only_when_asked(coach, container):
    at_step(container, "tg:8134", "experience")
    typed(coach, "tg:8134", "been lifting 2 years on and off")
    step, prof, _ = state(container, "tg:8134")
    assert prof["experience"] == "intermediate" and "currently_active" not in prof and step == "currently_active"


@pytest.mark.parametrize("text", ["swap good mornings for something else", "can I swap the split squats"])
def test_a_swap_with_no_replacement_named_gets_the_options(text):
    from coach.intake.swap_request import swap_request
    req = swap_request(text)
    assert req is not None and req.old in ("good_morning", "split_squat") and req.new is None


@pytest.mark.parametrize("text", ["my legs are killing me lol", "my quads are wrecked", "腿废了"])
def test_spent_muscles_in_everyday_words_are_normal_soreness(text):
    from coach.intake.others import normal_soreness
    assert normal_soreness(text) and not normal_soreness("my knee is killing me")


@pytest.mark.parametrize("text, code", [("kettelbell", "kettlebell"), ("tredmill", "treadmill"), ("a barbel", "barbell"),
                                        ("dumbells", "dumbbells")])
def test_equipment_typos(text, code):
    assert extract(text).get("equipment") == [code]


@pytest.mark.parametrize("text", ["what does intermediate mean?", "什么算中级？"])
def test_what_a_level_means_is_answered_at_the_experience_question(coach, container, text):
    at_step(container, "tg:8135", "experience", lang="zh" if "中" in text else "en")
    out = typed(coach, "tg:8135", text)
    step, prof, _ = state(container, "tg:8135")
    assert "Intermediate:" in text_of(out) or "中级" in text_of(out)
    assert step == "experience" and "experience" not in prof and "ob:experience:beginner" in buttons_of(out)


@pytest.mark.parametrize("text, kg", [("72,5 kg", 72.5), ("72,5", 72.5), ("weight 80,3kg", 80.3)])
def test_a_decimal_comma_is_a_decimal(coach, container, text, kg):
    at_step(container, "tg:8136", "weight_kg")
    typed(coach, "tg:8136", text)
    assert state(container, "tg:8136")[1]["weight_kg"] == kg


def test_a_blood_pressure_at_the_weight_question_is_no_weight(coach, container):
    at_step(container, "tg:8137", "weight_kg")
    out = typed(coach, "tg:8137", "130 over 85")
    step, prof, data = state(container, "tg:8137")
    assert "weight_kg" not in prof and step == "weight_kg" and "bp_systolic" not in prof
    assert data["offered"] == {"bp_systolic": 130, "bp_diastolic": 85} and "ob:keep:yes" in buttons_of(out)
