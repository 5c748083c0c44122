"""Retrieval quality on the evaluation set: hit@5 must stay at or above 90 %, MRR is reported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.index import IndexConfig
from knowledge.retriever import Retriever

DATA = Path(__file__).parent / "data"


def questions() -> list[dict]:
    out = []
    for f in sorted(DATA.glob("kb_eval_*.jsonl")):
        out += [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@pytest.fixture(scope="module")
def retriever(shared_chroma):
    return Retriever(IndexConfig(chroma_path=shared_chroma))


def test_evaluation_set_is_big_enough():
    qs = questions()
    assert sum(q["lang"] == "en" for q in qs) >= 70 and sum(q["lang"] == "zh" for q in qs) >= 30


def test_hit_at_5_and_mrr(retriever, capsys):
    ranks: dict[str, list[int | None]] = {"en": [], "zh": []}
    for q in questions():
        ids = [h.passage.id for h in retriever.search(q["q"], k=5)]
        want = set(q["ids"])
        ranks[q["lang"]].append(next((i + 1 for i, x in enumerate(ids) if x in want or f"{x}-zh" in want), None))
    report = {}
    for lang, rs in ranks.items():
        report[lang] = (sum(r is not None for r in rs) / len(rs), sum(1 / r for r in rs if r) / len(rs), len(rs))
    all_ranks = ranks["en"] + ranks["zh"]
    hit = sum(r is not None for r in all_ranks) / len(all_ranks)
    with capsys.disabled():
        for lang, (h, m, n) in report.items():
            print(f"\nretrieval {lang}: n={n} hit@5={h:.3f} MRR={m:.3f}")
    assert hit >= 0.90
    assert report["zh"][0] >= 0.90


def test_shared_questions_find_a_passage_with_the_terms(retriever):
    shared = [json.loads(x) for x in (DATA / "kb_shared.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    misses = []
    for q in shared:
        hits = retriever.search(q["q"], k=5)
        if not any(any(t.lower() in (h.passage.title + " " + h.passage.text).lower() for t in q["any"]) for h in hits):
            misses.append(q["q"])
    assert misses == []
