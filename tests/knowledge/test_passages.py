"""The passages themselves: front matter, en/zh pairs for the plan tags the engine cites, and the corrected facts."""
from __future__ import annotations

import re

import pytest

from knowledge.corpus import PASSAGES_DIR, by_tag, get_passage, load_passages, parse_passage

# The plan: tags issue 12 adds; the planning engine cites them through knowledge.corpus.by_tag.
PLAN_TAGS = (
    "plan:hard-stop", "plan:clearance", "plan:beta-blockers", "plan:insulin", "plan:anticoagulants",
    "plan:cardiac-rehab", "plan:pregnancy-trimester", "plan:pregnancy-warning-signs", "plan:youth-dose",
    "plan:youth-strength", "plan:youth-weight", "plan:knee-quadriceps", "plan:hypertrophy-volume",
    "plan:frequency", "plan:underweight", "plan:stroke", "plan:copd", "plan:afib", "plan:pacemaker",
)
FIELDS = ("id", "title", "language", "topic", "tags", "source")


def _front(path) -> str:
    return path.read_text(encoding="utf-8").split("\n---", 1)[0]


@pytest.mark.parametrize("path", sorted(PASSAGES_DIR.rglob("*.md")), ids=lambda p: p.name)
def test_every_passage_has_the_front_matter_fields(path):
    front = _front(path)
    missing = [f for f in FIELDS if not re.search(rf"^{f}:\s*\S", front, re.M)]
    assert missing == []
    p = parse_passage(path)
    assert p.language == path.parent.name and path.stem == p.id
    assert p.text and p.source


def test_zh_passages_point_at_an_english_original():
    for p in load_passages():
        if p.language == "zh":
            assert p.id == f"{p.translation_of}-zh" and get_passage(p.translation_of) is not None, p.id


@pytest.mark.parametrize("tag", PLAN_TAGS)
def test_plan_tag_resolves_in_both_languages(tag):
    en, zh = by_tag(tag, "en"), by_tag(tag, "zh")
    assert en is not None and en.language == "en" and tag in en.tags
    assert zh is not None and zh.language == "zh" and tag in zh.tags


@pytest.mark.parametrize("tag", PLAN_TAGS)
def test_every_english_passage_with_the_tag_has_a_zh_counterpart_with_it(tag):
    for p in load_passages():
        if p.language == "en" and tag in p.tags:
            zh = get_passage(f"{p.id}-zh")
            assert zh is not None and tag in zh.tags, p.id


def test_tagged_passages_are_found_by_their_own_tag():
    """by_tag never answers a tag with a passage that does not carry it (guards typos in the tags above)."""
    for tag in PLAN_TAGS:
        for lang in ("en", "zh"):
            assert tag in by_tag(tag, lang).tags


@pytest.mark.parametrize("pid", ["kb-diabetes-002", "kb-diabetes-002-zh", "kb-insulin-001", "kb-insulin-001-zh"])
def test_insulin_pre_exercise_thresholds_follow_riddell_2017(pid):
    text = get_passage(pid).text
    assert "Riddell" in get_passage(pid).source
    assert re.search(r"(below|低于)\s*5\.0 mmol/L", text, re.I)        # the no-start threshold is 5.0, not 2.9
    assert re.search(r"10-20\s*(g|克)", text)                      # carbohydrate to take before starting
    assert "5.0-6.9" in text and re.search(r"10\s*(g|克)", text)   # ~10 g before aerobic exercise
    assert re.search(r"(above|高于)\s*15\.0 mmol/L", text, re.I) and re.search(r"ketones|血酮", text)
    assert "2.9" not in text


def test_kb_diabetes_002_gives_every_riddell_band():
    for pid in ("kb-diabetes-002", "kb-diabetes-002-zh"):
        text = get_passage(pid).text
        for band in ("5.0 mmol/L (90 mg/dL)", "5.0-6.9", "7.0-10.0", "10.1-15.0", "15.0 mmol/L (270 mg/dL)"):
            assert band.replace(" (", "（").replace(")", "）") in text or band in text, (pid, band)


def test_chinese_bp_passage_does_not_call_acc_aha_stages_grades():
    text = get_passage("kb-bp-001-zh").text
    assert "1级高血压：收缩压130" not in text and "2级高血压：收缩压≥140" not in text
    assert "1期" in text and "2期" in text
    # the mapping to the 2018 Chinese guideline grades
    assert "140-159" in text and "90-99" in text and "160-179" in text and "100-109" in text
    assert re.search(r"3级.{0,4}≥180", text) and "≥110" in text


def test_pregnancy_warning_signs_list_is_complete():
    for pid, words in (("kb-pregnancy-007", ("bleeding", "contractions", "fluid", "shortness of breath", "dizziness",
                                             "headache", "chest pain", "muscle weakness", "calf")),
                       ("kb-pregnancy-007-zh", ("出血", "宫缩", "流液", "气短", "头晕", "头痛", "胸痛", "无力", "小腿"))):
        text = get_passage(pid).text
        assert [w for w in words if w not in text] == [], pid


def test_hard_stop_names_the_blood_pressure_and_symptom_stops():
    for pid in ("kb-hard-stop-001", "kb-hard-stop-001-zh"):
        text = get_passage(pid).text
        assert "180/110" in text and re.search(r"chest pain|胸痛", text)
