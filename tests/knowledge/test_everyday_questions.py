"""Everyday questions an outside tester asked (periods, carbs at night, a heart rate of 190, teens and steroids, hangovers,
shin splints...): each finds the passage written for it (tests/knowledge/data/kb_eval_everyday.jsonl), and the
passages for the dangerous ones say the safe thing where the coach's answer shows it (its first 900 characters)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from knowledge.corpus import get_passage, load_passages
from knowledge.index import IndexConfig
from knowledge.retriever import Retriever

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "kb_eval_everyday.jsonl")
        .read_text(encoding="utf-8").splitlines() if line.strip()]
NEW = ("kb-nutrient-timing-001", "kb-fasted-cardio-001", "kb-high-hr-001", "kb-teen-pes-001", "kb-teen-pes-002",
       "kb-sweat-001", "kb-spot-reduction-001", "kb-results-001", "kb-time-of-day-001", "kb-alcohol-001",
       "kb-alcohol-002", "kb-shin-splints-001", "kb-cramps-001", "kb-muscle-fat-001")
SHOWN = 900  # coach.dialogue.ask._passage quotes this much of a passage
# questions where the wrong passage first would be unsafe: the right one must come first
MUST_BE_FIRST = ("my heart rate hit 190 on the bike, is that dangerous?", "骑车心率到190危险吗",
                 "are steroids safe for teens", "青少年用类固醇安全吗", "what happens if a teenager uses anabolic steroids",
                 "15岁孩子可以吃肌酸吗", "can I exercise with a hangover", "宿醉能运动吗")


def _rank(retriever: Retriever, row: dict) -> int | None:
    ids = [h.passage.id for h in retriever.search(row["q"], k=5)]
    return next((i + 1 for i, x in enumerate(ids) if x in row["ids"]), None)


@pytest.fixture(scope="module")
def retriever(shared_chroma):
    return Retriever(IndexConfig(chroma_path=shared_chroma))


def test_the_set_names_real_passages_in_the_questions_language():
    ids = {p.id for p in load_passages()}
    assert len(ROWS) >= 60 and {r["lang"] for r in ROWS} == {"en", "zh"}
    for r in ROWS:
        assert r["ids"] and set(r["ids"]) <= ids, r
        assert all(i.endswith("-zh") == (r["lang"] == "zh") for i in r["ids"]), r


@pytest.mark.parametrize("pid", NEW)
def test_new_topics_have_an_english_and_a_chinese_passage_with_the_same_sources(pid):
    en, zh = get_passage(pid), get_passage(f"{pid}-zh")
    assert en is not None and zh is not None and en.source == zh.source and en.tags == zh.tags


def test_their_numbers_are_the_sources_numbers():
    checks = {
        "kb-high-hr-001": ["220 minus your age", "208 - 0.7 x age"],
        "kb-alcohol-001": ["14 units a week", "three or more days", "8 g of pure alcohol"],
        "kb-sweat-001": ["1.5 L of fluid for each kilogram", "2% of your body weight"],
        "kb-nutrient-timing-001": ["30-40 g of casein", "less than 4 hours", "1.2 g of carbohydrate per kg"],
        "kb-shin-splints-001": ["up to 20 minutes every 2 to 3 hours"],
        "kb-cramps-001": ["a few seconds to 10 minutes", "up to 24 hours", "longer than 10 minutes"],
        "kb-results-001": ["0.5-1 kg a week", "66 days", "18 to 254 days"],
    }
    for pid, phrases in checks.items():
        text = get_passage(pid).text
        assert [p for p in phrases if p not in text] == [], pid
    assert "Tanaka" in get_passage("kb-high-hr-001").source and "Sawka" in get_passage("kb-sweat-001").source
    assert "Chief Medical Officers" in get_passage("kb-alcohol-001").source


def test_dangerous_questions_get_the_safe_thing_in_the_part_the_coach_shows():
    hr_en, hr_zh = get_passage("kb-high-hr-001").text[:SHOWN], get_passage("kb-high-hr-001-zh").text[:SHOWN]
    assert re.search(r"chest pain.*emergency number|emergency number.*chest pain", hr_en, re.S)
    assert "胸痛" in hr_zh and "急救电话" in hr_zh and "120" in hr_zh
    steroids_en, steroids_zh = get_passage("kb-teen-pes-002").text, get_passage("kb-teen-pes-002-zh").text
    assert steroids_en.startswith("No.") and "not safe for teenagers" in steroids_en[:SHOWN]
    assert steroids_zh.startswith("不安全") and "医生" in steroids_zh[:SHOWN]
    assert "under 18" in get_passage("kb-supplements-002").text[:SHOWN]  # creatine for adults, not for teens
    assert "discourages" in get_passage("kb-teen-pes-001").text[:300]


def test_everyday_questions_find_their_passage(retriever, capsys):
    ranks = [_rank(retriever, r) for r in ROWS]
    top1 = sum(r == 1 for r in ranks) / len(ranks)
    top3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    with capsys.disabled():
        print(f"\neveryday questions: n={len(ranks)} top1={top1:.3f} top3={top3:.3f}")
    assert top1 >= 0.9 and top3 >= 0.95, [r["q"] for r, k in zip(ROWS, ranks) if k != 1]
    first = {r["q"]: k for r, k in zip(ROWS, ranks) if r["q"] in MUST_BE_FIRST}
    assert len(first) == len(MUST_BE_FIRST) and all(k == 1 for k in first.values()), first
