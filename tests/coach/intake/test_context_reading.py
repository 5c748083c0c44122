"""Rules behind the second round of understanding fixes: questions about a symptom against reports, "is it ok to
train today?", answers read in the context of the question, remarks about current activity, RPE typed with sets,
not active lately and blood-pressure medicine."""
from __future__ import annotations

import pytest

from coach.intake import extract
from coach.intake.intent import classify
from coach.intake.intent_answers import activity_remark, answer_values, read_answer
from coach.intake.mentions import asks_about_red_flag, mentions_red_flag
from coach.intake.readiness import asks_readiness
from coach.intake.sets import parse_sets

HYPOTHETICAL = [
    "what if the chest tightness comes back?", "如果胸闷又来了怎么办", "what does palpitations mean", "心悸是什么意思",
    "If I get dizzy during squats, what should I do?", "要是跑步时头晕了怎么办？", "万一我晕倒了呢",
    "what happens if I pass out at the gym?", "in case I feel faint, what do I do?", "假如跑步时喘不上气怎么办",
    "if my heart starts racing, should I stop?", "晕厥是什么意思",
]
REPORTS = [
    "my chest is tight right now", "刚才跑步时胸口疼", "I get dizzy if I stand up fast", "chest pain again?",
    "is chest pain normal after running?", "I have chest pain, what if it gets worse?", "如果胸口疼，今天还能练吗",
    "胸闷是什么意思？我现在就胸闷", "should I worry if my heart races after sprints?", "what is this chest pain I have?",
    "I felt dizzy yesterday, what should I do if it happens again?", "跑步的时候胸口疼，要紧吗", "如果头晕正常吗",
    "I keep getting dizzy, what does that mean?",
]


@pytest.mark.parametrize("text", HYPOTHETICAL)
def test_a_question_about_a_symptom_is_no_report(text):
    assert asks_about_red_flag(text) and mentions_red_flag(text) == []
    assert classify(text).intent == "question"


@pytest.mark.parametrize("text", REPORTS)
def test_reports_worry_and_anything_about_now_still_count(text):
    assert mentions_red_flag(text) and asks_about_red_flag(text) == []


@pytest.mark.parametrize("text", ["is it ok to train today?", "今天可以练吗", "should I work out today, I'm sore",
                                  "am I ok to train?", "train or rest today?", "今天能不能去健身房", "腿还酸，今天要不要练",
                                  "我今天还能练吗", "would it be wise to exercise tonight?", "今晚可以跑步吗"])
def test_readiness_questions(text):
    assert asks_readiness(text) and classify(text).intent == "question"


@pytest.mark.parametrize("text", ["how do I do a glute bridge", "will lifting make me bulky", "我跑不动了", "今天练完了",
                                  "我现在可以去健身房了", "can I train my legs twice a week?", "膝盖疼能练深蹲吗"])
def test_not_readiness_questions(text):
    assert not asks_readiness(text)


@pytest.mark.parametrize("key, text", [("minutes_per_session", "I walk the dog about half an hour"),
                                       ("minutes_per_session", "my commute is 20 minutes by bike"),
                                       ("minutes_per_session", "我每天遛狗半小时"), ("days_per_week", "我每天都散步"),
                                       ("days_per_week", "I cycle to work every day")])
def test_remarks_about_current_activity(key, text):
    assert activity_remark(key, text) and answer_values(key, text) == {"not_an_answer": True}


@pytest.mark.parametrize("key, text", [("minutes_per_session", "I can do 30 minutes"), ("minutes_per_session", "45"),
                                       ("minutes_per_session", "每次能练45分钟"), ("sleep_hours", "I walk the dog a lot")])
def test_answers_and_other_steps_are_no_remarks(key, text):
    assert not activity_remark(key, text)


def test_an_answer_for_another_field_is_offered_not_kept():
    reading = read_answer("minutes_per_session", "I sleep about 7 hours", extract("I sleep about 7 hours"), {})
    assert reading.kept == {} and reading.offered == {"sleep_hours": 7}


def test_one_number_answers_one_question():
    reading = read_answer("sleep_hours", "about 7 hours", extract("about 7 hours"), {})
    assert reading.kept == {"sleep_hours": 7}  # not also a 420-minute session
    reading = read_answer("age", "34, 180 cm, 75 kg", extract("34, 180 cm, 75 kg"), {})
    assert reading.kept == {"age": 34, "height_cm": 180, "weight_kg": 75}


@pytest.mark.parametrize("text, rpe", [("squat 3x15 @ 16kg rpe 9", 9), ("bench 60kg 8,8,7 @ rpe 8", 8),
                                       ("rows 3x12 rpe7.5", 7.5), ("squat 3x10 @ 40 kg, 2 RIR", 8),
                                       ("深蹲 3组×10个 40公斤 感觉8分", 8), ("rows 3x12 @8 rpe", 8),
                                       ("squat 3x10 @ 40 kg", None), ("rows 3x12 rpe 12", None)])
def test_rpe_typed_with_the_sets_is_read_and_never_taken_for_reps(text, rpe):
    entry = parse_sets(text)[0]
    assert entry.rpe == rpe and entry.sets >= 3
    assert entry.reps[0] in (8, 10, 12, 15)


@pytest.mark.parametrize("text, want", [
    ("最近没怎么运动", {"currently_active": False}), ("这几个月都没怎么动", {"currently_active": False}),
    ("haven't done much exercise lately", {"currently_active": False}),
    ("我在吃降压药", {"medications": ["antihypertensive"]}), ("I take blood pressure pills", {"medications": ["antihypertensive"]}),
    ("pills for my blood pressure", {"medications": ["antihypertensive"]}),
    ("I'm on medication for my high blood pressure", {"medications": ["antihypertensive"], "conditions": ["hypertension"]}),
    ("没怎么运动过", {"experience": "beginner"}),
    ("平时走走路，算是活动的吧", {"currently_active": True}), ("也算比较活跃", {"currently_active": True}),
    ("不算活跃", {"currently_active": False}), ("算不上活跃", {"currently_active": False}), ("我不算是活动的", {}),
])
def test_inactive_lately_and_blood_pressure_medicine(text, want):
    assert extract(text) == want


def test_blood_pressure_medicine_outside_onboarding_is_a_fact_to_confirm():
    assert classify("我在吃降压药").values == {"medication_add": "antihypertensive"}
