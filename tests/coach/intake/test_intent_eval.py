"""Acceptance of the intent layer on the held-out evaluation set (tests/data/understanding_eval.jsonl):
intent accuracy >= 95 %, value exact-match >= 97 %, none of it used for training."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.intake import intent as ilayer
from coach.intake.intent_eval import evaluate, load, same, values_match

EVAL = Path(__file__).parents[2] / "data" / "understanding_eval.jsonl"


@pytest.fixture(scope="module")
def rows():
    return load(EVAL)


@pytest.fixture(scope="module")
def report(rows):
    rep = evaluate(rows)
    print("\n" + "\n".join(rep.lines()))
    return rep


def test_the_evaluation_set_is_held_out_and_large_enough(rows):
    assert len(rows) >= 400
    trained = {e.text.strip().lower() for e in ilayer.load_examples()}
    assert not [r["text"] for r in rows if r["text"].strip().lower() in trained]
    assert {r["lang"] for r in rows} >= {"en", "zh"}


def test_intent_accuracy(report):
    assert report.n >= 400
    assert report.accuracy >= 0.95, report.misses


def test_every_intent_and_language_is_mostly_right(report):
    for name, (ok, total) in {**report.per_intent, **report.per_lang}.items():
        assert ok / total >= 0.85, (name, ok, total)


def test_value_exact_match(report):
    assert report.values_n >= 250
    assert report.value_accuracy >= 0.97, report.value_misses


def test_value_comparison_is_strict_where_it_matters():
    assert same(81.2, 81.24) and not same(81.2, 81.4)
    assert same(["a", "b"], ["b", "a"]) and not same(["a"], ["a", "b"])
    assert not values_match({"weight_kg": 72}, {"target_weight_kg": 72})
