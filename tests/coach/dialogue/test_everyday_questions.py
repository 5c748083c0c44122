"""Everyday questions get the passage about them (tests/data/retrieval_everyday.jsonl), typed through the real
Dialogue: "will lifting make me bulky" is answered from the muscle-building passages, not a medication one."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from coach.services.knowledge_query import search_text
from knowledge.corpus import load_passages
from tests.factories import make_user

ROWS = [json.loads(line) for line in (Path(__file__).parents[2] / "data" / "retrieval_everyday.jsonl")
        .read_text(encoding="utf-8").splitlines() if line.strip()]
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
_CITED = re.compile(r"\[(kb-[a-z0-9-]+)\]")


def test_the_set_is_varied_and_names_real_passages():
    ids = {p.id for p in load_passages()}
    assert len(ROWS) >= 30 and {r["lang"] for r in ROWS} == {"en", "zh"}
    assert all(r["expect"] and set(r["expect"]) <= ids for r in ROWS), [r["q"] for r in ROWS if not set(r["expect"]) <= ids]


def test_everyday_words_are_paired_with_the_passages_words_only_when_short():
    assert "hypertrophy" in search_text("will lifting make me bulky")
    assert "增肌" in search_text("举铁会变壮吗")
    assert search_text("how long should I rest between sets") == "how long should I rest between sets"
    long = "will lifting make me bulky " + "and so on " * 20
    assert search_text(long) == long.strip()


@pytest.mark.slow
def test_everyday_questions_are_answered_from_the_right_passage(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:5", start=date(2026, 3, 2), chat_id=5, profile={"conditions": ["hypertension"],
                                                                            "medications": ["beta_blocker"]})
    right, wrong = 0, []
    for row in ROWS:
        text = "\n".join(r.text for r in coach.handle(Incoming(user_key="tg:5", chat_id=5, text=row["q"])))
        cited = _CITED.search(text)
        if cited and cited.group(1) in row["expect"]:
            right += 1
        else:
            wrong.append((row["q"], cited.group(1) if cited else text[:60]))
    print(f"\neveryday questions: top passage right {right}/{len(ROWS)}")
    print(wrong)
    assert right / len(ROWS) >= 0.9, wrong
    assert not [w for w in wrong if w[0] in ("will lifting make me bulky", "举铁会变壮吗")], wrong
