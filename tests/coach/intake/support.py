"""Shared helpers for the intake tests: the labelled utterances, tolerant comparison, fuzzing strategies."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parents[2] / "data" / "intake_utterances.jsonl"
TODAY = date(2026, 11, 15)


def load_cases() -> list[dict[str, Any]]:
    """The labelled utterances, one JSON object a line."""
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def same(got: Any, want: Any) -> bool:
    """Equality with a 0.1 tolerance for numbers (bools compare exactly)."""
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and abs(got - want) <= 0.1
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(same(got[k], want[k]) for k in want)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return got == want


# documented value types of every extracted field
ENUM_VALUES = {
    "sex": {"male", "female", "other"},
    "experience": {"beginner", "intermediate", "advanced"},
    "goal": {"fat_loss", "muscle_gain", "endurance", "general_health", "mobility"},
}
LIST_VALUES = {
    "equipment": {"dumbbells", "kettlebell", "barbell", "bands", "pullup_bar", "bench", "machines", "gym",
                  "bike", "treadmill", "pool"},
    "injuries": {"knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow"},
    "conditions": {"hypertension", "type2_diabetes", "type1_diabetes", "heart_disease", "asthma",
                   "pregnancy", "osteoporosis", "osteoarthritis", "kidney_disease", "stroke", "copd",
                   "atrial_fibrillation", "pacemaker", "frailty", "falls", "walking_aid"},
    "symptoms": {"chest_pain", "dizziness", "fainting", "shortness_of_breath", "palpitations",
                 "ankle_swelling", "leg_pain_walking", "headache", "vision_change", "vaginal_bleeding",
                 "fluid_leakage", "painful_contractions", "calf_pain"},
    # medication classes that change the prescription (a named drug outside these is kept only when typed
    # as the answer to the medications question, never extracted from free text)
    "medications": {"beta_blocker", "insulin", "sulfonylurea", "anticoagulant", "antihypertensive"},
}
INT_FIELDS = {"age", "resting_hr", "bp_systolic", "bp_diastolic", "days_per_week", "minutes_per_session",
              "target_weeks"}
FLOAT_FIELDS = {"height_cm", "weight_kg", "body_fat_pct", "sleep_hours", "target_weight_kg", "target_delta_kg"}
HHMM = re.compile(r"\d\d:\d\d")


def check_type(name: str, value: Any) -> None:
    """Assert that a field value has its documented type."""
    if name in INT_FIELDS:
        assert type(value) is int, (name, value)
    elif name in FLOAT_FIELDS:
        assert type(value) is float, (name, value)
    elif name in ENUM_VALUES:
        assert value in ENUM_VALUES[name], (name, value)
    elif name in LIST_VALUES:
        assert isinstance(value, list) and set(value) <= LIST_VALUES[name] and len(set(value)) == len(value)
    elif name == "currently_active":
        assert type(value) is bool
    elif name == "preferences":
        assert set(value) == {"likes", "dislikes"}
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values())
    elif name == "reminder_time":
        assert HHMM.fullmatch(value) and int(value[:2]) < 24 and int(value[3:]) < 60, value
    elif name == "timezone":
        assert isinstance(value, str) and value
    else:
        raise AssertionError(f"undocumented field {name!r}")


# words that steer random text into the parser's branches
PIECES = list("0123456789 ./:'\"-,%") + [
    "kg", "lbs", "cm", "m", "ft", "st", "斤", "公斤", "米", "岁", "分钟", "小时", "周", "天", "次", "每", "半",
    "一", "二", "三", "十", "百", "两", "万", "am", "pm", "over", "bp ", "weight ", "height ", "I'm ", "lose ",
    "gain ", "in ", "months", "weeks", "by March", "remind me at ", "no ", "never ", "not ", "chest pain",
    "dizzy", "knee", "hurts", "gym", "dumbbells", "UTC+", "Europe/Paris", "年", "月", "前", "体重", "身高",
    "提醒", "早上", "晚上", "点", "没有", "不", "喜欢", "讨厌", "running", "I love ", "actually ", "sorry ",
    "my dad ", "高压", "低压", "百分之", "周一", "到", "周五", "\ue103", "’", "”", "５", "，", "。",
]
messy_text = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
FIELDS = sorted(INT_FIELDS | FLOAT_FIELDS | set(ENUM_VALUES) | set(LIST_VALUES) |
                {"currently_active", "consent", "preferences", "reminder_time", "timezone", "bp", "unknown"})
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
