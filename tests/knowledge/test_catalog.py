"""Tests for the exercise catalog's API: loading, availability, safety, options and parse errors."""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from knowledge import catalog as cat
from knowledge.catalog import Exercise, available, load_catalog, options, parse_catalog, safe_for

RAW: list[dict[str, Any]] = json.loads(cat.CATALOG_PATH.read_text(encoding="utf-8"))
IDS = [str(e.get("id")) for e in RAW]


def test_load_catalog_keeps_file_order_and_is_cached(catalog: dict[str, Exercise]) -> None:
    assert list(catalog) == IDS
    assert load_catalog() is catalog


def test_available(catalog: dict[str, Exercise]) -> None:
    bodyweight, bench_press = catalog["glute_bridge"], catalog["dumbbell_bench_press"]
    assert available(bodyweight, set()) and available(bodyweight, {"none"})
    assert not available(bench_press, {"dumbbells"})
    assert available(bench_press, {"dumbbells", "bench"})
    assert available(bench_press, {"gym"})
    assert not available(catalog["goblet_squat"], {"bands"})


def test_safe_for(catalog: dict[str, Exercise]) -> None:
    assert not safe_for(catalog["goblet_squat"], {"knee"})
    assert safe_for(catalog["goblet_squat"], {"neck"})
    assert safe_for(catalog["burpee"], set())
    assert not safe_for(catalog["burpee"], {"ankle", "neck"})


def test_options_filters_and_keeps_file_order(catalog: dict[str, Exercise]) -> None:
    order = {ex_id: i for i, ex_id in enumerate(catalog)}
    result = options({"gym"}, set())
    assert [ex.id for ex in result] == list(catalog)
    lower = options(set(), {"knee"}, region="lower", kind="strength", max_level="beginner")
    assert lower and [order[ex.id] for ex in lower] == sorted(order[ex.id] for ex in lower)
    for ex in lower:
        assert ex.region == "lower" and ex.level == "beginner" and not ex.equipment
        assert "knee" not in ex.contraindicated
    cardio = options({"gym"}, set(), kind="hiit", low_impact_only=True)
    assert cardio and all(ex.impact == "low" and ex.kind == "hiit" for ex in cardio)
    mid = options({"gym"}, set(), max_level="intermediate")
    assert all(ex.level != "advanced" for ex in mid) and len(mid) < len(result)


@pytest.mark.parametrize(
    "kwargs", [{"region": "legs"}, {"kind": "cardio"}, {"max_level": "expert"}]
)
def test_options_rejects_unknown_words(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        options(set(), set(), **kwargs)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: e.update(extra_field=1), "goblet_squat"),
        (lambda e: e.update(equipment=["gym"]), "goblet_squat"),
        (lambda e: e.update(contraindicated=["toe"]), "goblet_squat"),
        (lambda e: e.update(region="cardio"), "goblet_squat"),
        (lambda e: e.update(substitutes=["goblet_squat"]), "goblet_squat"),
        (lambda e: e.update(substitutes=["no_such_exercise"]), "goblet_squat"),
        (lambda e: e["cues"].update(zh=[]), "goblet_squat"),
    ],
)
def test_parse_catalog_names_the_bad_id(change: Any, expected: str) -> None:
    entries = copy.deepcopy(RAW)
    change(next(e for e in entries if e["id"] == expected))
    with pytest.raises(ValueError, match=expected):
        parse_catalog(entries)


def test_parse_catalog_rejects_duplicates_and_non_lists() -> None:
    entries = copy.deepcopy(RAW)
    entries.append(copy.deepcopy(entries[0]))
    with pytest.raises(ValueError, match=entries[0]["id"]):
        parse_catalog(entries)
    with pytest.raises(ValueError):
        parse_catalog({"id": "x"})


def test_knowledge_imports_no_app_package() -> None:
    tree = ast.parse(Path(cat.__file__).read_text(encoding="utf-8"))
    modules = [
        name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for name in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""])
    ]
    assert not [m for m in modules if m.split(".")[0] in {"coach", "bot"}]
