"""Physician review 15: a Chinese plan shows no English fragment (a string built outside t(), or a msgid missing from
the zh catalogue). Plans for many different zh profiles are rendered; no run of 3+ ASCII letters may appear outside
passage ids, source lines, units and abbreviations. The profiles are this test's own."""
from __future__ import annotations

import itertools
import re

import pytest

from coach.domain.profile import validate_profile
from coach.planning import make_plan
from coach.render import render_plan

WORD = re.compile(r"[A-Za-z]{3,}")
PASSAGE_ID = re.compile(r"kb-[a-z0-9-]+")
ALLOWED = {"RPE", "ICD", "HIIT", "BMI", "WHO", "ACSM", "ADA", "kcal", "bpm", "mmHg", "mmol", "min", "FITT", "ESC", "NHS",
           "GINA", "HRR", "cleared", "RED", "NICE", "Borg", "ACOG"}
CONDITIONS = [[], ["hypertension"], ["type2_diabetes"], ["type1_diabetes"], ["osteoarthritis"], ["heart_disease"],
              ["atrial_fibrillation"], ["asthma"], ["copd"], ["kidney_disease"], ["osteoporosis"], ["stroke"],
              ["frailty"], ["pacemaker"]]
GOALS = ["fat_loss", "muscle_gain", "endurance", "general_health"]


def _profiles():
    ages = itertools.cycle([16, 28, 45, 58, 67, 76])
    meds = itertools.cycle([[], ["beta_blocker"], ["anticoagulant"], ["insulin"], ["furosemide"]])
    out = []
    for i, cond in enumerate(CONDITIONS):
        age = next(ages)
        raw = {"age": age, "sex": "female" if i % 2 else "male", "height_cm": 165, "weight_kg": 82,
               "experience": "beginner", "currently_active": bool(i % 3), "goal": GOALS[i % 4],
               "days_per_week": 2 + i % 4, "minutes_per_session": 30 + 15 * (i % 3), "equipment": ["dumbbells"],
               "conditions": cond, "medications": next(meds), "language": "zh"}
        if i % 3 == 0 and age >= 18:
            raw.update(target_weight_kg=70, target_weeks=6)
        if i % 4 == 1:
            raw["clearance"] = {"by": "GP", "date": "2026-10-01", "limits": "心率不超过115"}
        if i % 5 == 2:
            raw["symptoms"] = ["dizziness"]
        out.append(raw)
    return out


def _english(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if line.startswith("[kb-"):  # a passage's title and its source, cited as published
            continue
        out += [w for w in WORD.findall(PASSAGE_ID.sub("", line)) if w not in ALLOWED]
    return out


@pytest.mark.parametrize("raw", _profiles(), ids=lambda r: "-".join(r["conditions"]) or "none")
def test_a_chinese_plan_has_no_english_fragment(raw):
    text = render_plan(make_plan(validate_profile(raw), 12), "zh")
    assert _english(text) == []
