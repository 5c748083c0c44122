"""Set logs read from messages: sets, reps per set, load (kg; lb and 斤 converted), in English and Chinese."""
from __future__ import annotations

import pytest

from coach.intake.sets import Candidate, catalog_candidates, exercise_key, match_exercise, parse_sets

LB = 0.45359237

# (message, exercise as typed, reps per set, load in kg per set or None)
CASES = [
    ("squat 3x10 @ 40 kg", "squat", [10, 10, 10], 40),
    ("squats 3x10 at 40 kg", "squats", [10, 10, 10], 40),
    ("Squat 3 x 10 @ 40kg", "squat", [10, 10, 10], 40),
    ("squat 3×10 40kg", "squat", [10, 10, 10], 40),
    ("squat 3*10 with 40 kilos", "squat", [10, 10, 10], 40),
    ("Squat three sets of ten at forty kg", "squat", [10, 10, 10], 40),
    ("did 3 sets of 10 squats with 40kg", "squats", [10, 10, 10], 40),
    ("squat: 3 sets, 10 reps, 40 kg", "squat", [10, 10, 10], 40),
    ("10 reps x 3 sets of lunges", "lunges", [10, 10, 10], None),
    ("lunges 10 reps 3 sets", "lunges", [10, 10, 10], None),
    ("bench 60kg 8,8,7", "bench", [8, 8, 7], 60),
    ("bench 60 kg 8, 8, 7", "bench", [8, 8, 7], 60),
    ("bench press 60kg: 8/8/7", "bench press", [8, 8, 7], 60),
    ("bench press 135 lbs 3x5", "bench press", [5, 5, 5], 135 * LB),
    ("bench 135lb 5,5,5", "bench", [5, 5, 5], 135 * LB),
    ("deadlift 225 pounds 1x5", "deadlift", [5], 225 * LB),
    ("deadlift 100kg x 5", "deadlift", [5], 100),
    ("deadlift 100 kg for 5 reps", "deadlift", [5], 100),
    ("squat 3x8-10 @ 50 kg", "squat", [8, 8, 8], 50),
    ("squats 3 sets of 8 to 10 with 50kg", "squats", [8, 8, 8], 50),
    ("goblet squat 3x12 with a 16 kg kettlebell", "goblet squat kettlebell", [12, 12, 12], 16),
    ("goblet squats 3 sets of 12 with 16kg", "goblet squats", [12, 12, 12], 16),
    ("dumbbell bench press 3x10 20kg", "dumbbell bench press", [10, 10, 10], 20),
    ("squats 3x8-10 with 20 lb dumbbells", "squats dumbbells", [8, 8, 8], 20 * LB),
    ("overhead press 4x6 @ 30", "overhead press", [6, 6, 6, 6], 30),
    ("ohp 30kg 6 6 5 5", "ohp", [6, 6, 5, 5], 30),
    ("rows 3x12 25kg", "rows", [12, 12, 12], 25),
    ("hip thrust 3x10 60kg", "hip thrust", [10, 10, 10], 60),
    ("Romanian deadlift 3 x 10 @ 40 kg", "romanian deadlift", [10, 10, 10], 40),
    ("I did 3 sets of 12 push-ups", "pushup", [12, 12, 12], None),
    ("push-ups 3x15", "pushup", [15, 15, 15], None),
    ("pushups 4 sets of 20", "pushup", [20, 20, 20, 20], None),
    ("20 push-ups", "pushup", [20], None),
    ("pull-ups 5,4,3", "pullup", [5, 4, 3], None),
    ("pullups: 6, 5, 5, 4", "pullup", [6, 5, 5, 4], None),
    ("chin-ups 3x5 bodyweight", "chinup", [5, 5, 5], None),
    ("squat 3x10 bodyweight", "squat", [10, 10, 10], None),
    ("bodyweight squats 3x20", "squats", [20, 20, 20], None),
    ("3 sets of 15 glute bridges", "glute bridges", [15, 15, 15], None),
    ("dips 3x8 +10kg", "dips", [8, 8, 8], 10),
    ("Today I did squat 3x10 @ 40 kg", "squat", [10, 10, 10], 40),
    ("just finished bench 3x8 at 50kg", "bench", [8, 8, 8], 50),
    ("leg press 3x12 @ 100kg", "leg press", [12, 12, 12], 100),
    ("lat pulldown 3 sets x 10 reps @ 45 kg", "lat pulldown", [10, 10, 10], 45),
    ("biceps curls 3x12 with 8kg", "biceps curls", [12, 12, 12], 8),
    ("深蹲 3组×10个 40公斤", "深蹲", [10, 10, 10], 40),
    ("深蹲 3组x10个 40公斤", "深蹲", [10, 10, 10], 40),
    ("深蹲三组，每组十个，四十公斤", "深蹲", [10, 10, 10], 40),
    ("深蹲两组都做了15个", "深蹲", [15, 15], None),
    ("俯卧撑做了4组，每组15个", "俯卧撑", [15, 15, 15, 15], None),
    ("做了15个俯卧撑", "俯卧撑", [15], None),
    ("卧推 60公斤 8，8，7个", "卧推", [8, 8, 7], 60),
    ("卧推60kg 8/8/7", "卧推", [8, 8, 7], 60),
    ("硬拉 5组5个 80公斤", "硬拉", [5, 5, 5, 5, 5], 80),
    ("硬拉100千克做了5个", "硬拉", [5], 100),
    ("引体向上3组，每组8个", "引体向上", [8, 8, 8], None),
    ("今天练了深蹲，3组12次，负重20公斤", "深蹲", [12, 12, 12], 20),
    ("哑铃卧推 3组 每组10下 15公斤", "哑铃卧推", [10, 10, 10], 15),
    ("深蹲 3组8-10个 50公斤", "深蹲", [8, 8, 8], 50),
    ("深蹲 80斤 3x10", "深蹲", [10, 10, 10], 40),
    ("臀桥 3组15个", "臀桥", [15, 15, 15], None),
    ("做了弓步 10个x3组", "弓步", [10, 10, 10], None),
    ("自重深蹲 3组20个", "深蹲", [20, 20, 20], None),
    ("卧推 135磅 3x5", "卧推", [5, 5, 5], 135 * LB),
]


@pytest.mark.parametrize("text, name, reps, load", CASES, ids=[c[0] for c in CASES])
def test_one_exercise_per_message(text, name, reps, load):
    entries = parse_sets(text)
    assert len(entries) == 1, entries
    e = entries[0]
    assert e.name == name
    assert list(e.reps) == reps
    if load is None:
        assert set(e.loads_kg) == {None}
    else:
        assert all(x == pytest.approx(load, abs=0.01) for x in e.loads_kg)


def test_enough_phrasings_in_both_languages():
    zh = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c[0])]
    assert len(CASES) >= 60 and len(zh) >= 18


@pytest.mark.parametrize("text, unit", [("bench 135 lbs 3x5", "lb"), ("squat 3x10 @ 40 kg", "kg"),
                                        ("深蹲 80斤 3x10", "jin"), ("push-ups 3x15", "")])
def test_the_unit_typed_is_kept(text, unit):
    assert parse_sets(text)[0].unit == unit


def test_a_rep_range_keeps_its_low_end_and_the_range():
    e = parse_sets("squat 3x8-10 @ 50 kg")[0]
    assert e.reps == (8, 8, 8) and e.rep_range == (8, 10)


def test_bodyweight_is_marked():
    assert parse_sets("chin-ups 3x5 bodyweight")[0].bodyweight
    assert not parse_sets("squat 3x10 @ 40 kg")[0].bodyweight


def test_several_exercises_in_one_message():
    entries = parse_sets("squat 3x10 @ 40 kg, bench 3x8 @ 50 kg; rows 3x12 25kg")
    assert [(e.name, e.reps[0], e.loads_kg[0]) for e in entries] == [("squat", 10, 40), ("bench", 8, 50),
                                                                      ("rows", 12, 25)]
    zh = parse_sets("深蹲3组10个40公斤，然后卧推3组8个30公斤")
    assert [(e.name, e.sets, e.loads_kg[0]) for e in zh] == [("深蹲", 3, 40), ("卧推", 3, 30)]


def test_too_hard_is_noticed():
    assert parse_sets("deadlift 100kg x 5, way too hard")[0].hard
    assert parse_sets("深蹲 3组10个 60公斤 太重了")[0].hard
    assert not parse_sets("deadlift 100kg x 5")[0].hard


@pytest.mark.parametrize("text", [
    "I weigh 62.8 kg", "62.8", "bp 90/60", "blood pressure 125/78", "slept 7 hours", "3 days a week, 45 minutes",
    "I'm 34, 180 cm, 75 kg", "ran 5 km", "walked 30 minutes", "2x10 min intervals", "plank 3x60 s", "done",
    "今天练完了", "体重62.8公斤", "睡了7个小时", "lose 5 kg in 12 weeks", "resting heart rate 58", "how do I squat?",
    "typo, it's 62.8", "please send my workouts at 6pm", "我今天跑了5公里", "3 sets of 30 seconds plank",
    "done, that was a good one", "the last one was hard", "that one felt easy", "another one tomorrow",
])
def test_messages_that_are_not_set_logs(text):
    assert parse_sets(text) == []


PLAN = [Candidate("goblet_squat", ("Dumbbell goblet squat", "哑铃高脚杯深蹲"), 2, True),
        Candidate("dumbbell_bench_press", ("Dumbbell bench press", "哑铃卧推"), 1, True),
        Candidate("push_up", ("Push-up", "俯卧撑"), 1, False)]


@pytest.mark.parametrize("name, expected", [
    ("squat", "goblet_squat"), ("squats", "goblet_squat"), ("深蹲", "goblet_squat"), ("bench", "dumbbell_bench_press"),
    ("卧推", "dumbbell_bench_press"), ("pushup", "push_up"), ("俯卧撑", "push_up"),
])
def test_a_name_means_the_exercise_in_the_plan(name, expected):
    assert match_exercise(name, [*PLAN, *catalog_candidates()]) == expected


def test_catalog_names_and_ambiguity():
    cat = catalog_candidates()
    assert match_exercise("dumbbell bench press", cat) == "dumbbell_bench_press"
    assert match_exercise("pull-ups", cat) == "pull_up"
    assert match_exercise("引体向上", cat) == "pull_up"
    assert match_exercise("squat", cat) is None  # goblet, back, band...: kept as typed rather than guessed
    assert match_exercise("felt great", cat) is None
    assert exercise_key("Bench Press") == "bench_press" and exercise_key("深蹲") == "深蹲"


def test_one_as_a_count_still_counts():
    assert [(e.name, e.reps) for e in parse_sets("bench one set of 8 at 60kg")] == [("bench", (8,))]
    assert [(e.name, e.reps) for e in parse_sets("squats, one set of ten")] == [("squats", (10,))]


def test_how_it_felt_is_not_part_of_the_name():
    assert [e.name for e in parse_sets("rdl 3x10 60kg felt easy")] == ["rdl"]
    assert [e.name for e in parse_sets("bench 3x8 70kg felt heavy")] == ["bench"]
    assert [e.name for e in parse_sets("good mornings 3x10 20kg")] == ["good mornings"]
