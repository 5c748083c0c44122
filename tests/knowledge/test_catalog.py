"""Tests for the exercise catalog: schema, vocabularies, safety flags, names and coverage."""

from __future__ import annotations

import ast
import copy
import json
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge import catalog as cat  # noqa: E402
from knowledge.catalog import (  # noqa: E402
    EQUIPMENT,
    INJURY_AREAS,
    KINDS,
    LEVELS,
    MUSCLE_GROUPS,
    PATTERNS,
    REGIONS,
    REGIONS_BY_KIND,
    STRENGTH_REGIONS,
    Exercise,
    available,
    load_catalog,
    options,
    parse_catalog,
    safe_for,
)

RAW: list[dict[str, Any]] = json.loads(cat.CATALOG_PATH.read_text(encoding="utf-8"))
IDS = [str(e.get("id")) for e in RAW]
KEYS = {
    "id", "name", "kind", "region", "pattern", "muscle_groups", "equipment", "level",
    "impact", "measure", "per_side", "contraindicated", "substitutes", "cues",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# Name keyword -> areas that MUST be contraindicated (matched on the lower-cased English name).
KEYWORD_RULES: list[tuple[str, set[str]]] = [
    (r"jump|plyo", {"knee", "ankle"}),
    (r"pistol", {"knee"}),
    (r"sprint", {"knee", "ankle"}),
    (r"skater", {"knee", "ankle"}),
    (r"burpee", {"knee", "ankle"}),
    (r"\bskip", {"knee", "ankle"}),
    (r"\bbound", {"knee", "ankle"}),
    (r"\bhops?\b|\bhopping", {"knee", "ankle"}),
    (r"\brun|\bjog|high knees", {"knee", "ankle"}),
    (r"deadlift", {"lower_back"}),
    (r"good morning", {"lower_back"}),
    (r"bent[- ]over row", {"lower_back"}),
    (r"(kettlebell|dumbbell) swing", {"lower_back"}),
    (r"\bsit-?ups?\b", {"lower_back"}),
    (r"\bclean\b", {"lower_back", "wrist"}),
    (r"snatch", {"lower_back", "shoulder", "wrist"}),
    (r"\bjerk", {"lower_back", "shoulder", "wrist"}),
    (r"overhead", {"shoulder"}),
    (r"push press|military press|arnold press", {"shoulder"}),
    (r"upright row", {"shoulder"}),
    (r"\bdips?\b", {"shoulder"}),
    (r"behind[- ]the[- ]neck", {"shoulder", "neck"}),
    (r"handstand", {"shoulder", "wrist"}),
    (r"front squat", {"wrist"}),
    (r"skull ?crusher", {"elbow"}),
    (r"neck bridge", {"neck"}),
]
HIGH_IMPACT_WORDS = r"jump|plyo|sprint|skater|burpee|\bskip|\bbound|\bhops?\b|\brun|\bjog|high knees|butt kicks"

# Words that name a piece of equipment: the name must contain one when the item is listed ...
NAMES_ITEM = {
    "dumbbells": r"dumbbell",
    "kettlebell": r"kettlebell",
    "barbell": r"barbell",
    "bands": r"\bband",
    "pullup_bar": r"pull-up|chin-up|\bbar\b",
    "bench": r"bench",
    "machines": r"machine|cable",
    "bike": r"\bbike|cycl",
    "treadmill": r"treadmill",
    "pool": r"pool|swim|water|aqua",
}
# ... and must not contain one when it is not ("Assisted pull-up (machine)" names the movement, not the bar).
CLAIMS_ITEM = {**NAMES_ITEM, "pullup_bar": r"pull-up bar|\bbar\b"}

EQUIPMENT_SITUATIONS = [frozenset()] + [frozenset({item}) for item in EQUIPMENT]
INJURY_SITUATIONS = (
    [frozenset()]
    + [frozenset({a}) for a in INJURY_AREAS]
    + [frozenset(pair) for pair in combinations(INJURY_AREAS, 2)]
)
SLOTS: dict[str, dict[str, Any]] = {
    "lower": {"region": "lower", "kind": "strength"},
    "push": {"region": "push", "kind": "strength"},
    "pull": {"region": "pull", "kind": "strength"},
    "core": {"region": "core", "kind": "strength"},
    "aerobic": {"kind": "aerobic", "low_impact_only": True},
    "balance": {"kind": "balance"},
    "mobility": {"kind": "mobility"},
}


def _label(items: frozenset[str]) -> str:
    """Readable pytest id for a set of words."""
    return "+".join(sorted(items)) or "-"


@pytest.fixture(scope="module")
def catalog() -> dict[str, Exercise]:
    """The loaded catalog."""
    return load_catalog()


# ---------------------------------------------------------------- schema


def test_catalog_is_a_large_json_array() -> None:
    assert isinstance(RAW, list)
    assert len(RAW) >= 160


@pytest.mark.parametrize("raw", RAW, ids=IDS)
def test_every_entry_validates_with_exact_keys(raw: dict[str, Any]) -> None:
    assert set(raw) == KEYS
    assert set(raw["name"]) == {"en", "zh"} and set(raw["cues"]) == {"en", "zh"}
    Exercise.model_validate(raw)


def test_load_catalog_keeps_file_order_and_is_cached(catalog: dict[str, Exercise]) -> None:
    assert list(catalog) == IDS
    assert load_catalog() is catalog


def test_ids_unique_and_snake_case() -> None:
    dupes = [i for i, n in Counter(IDS).items() if n > 1]
    assert not dupes
    assert [i for i in IDS if not SNAKE.match(i)] == []


@pytest.mark.parametrize("ex_id", IDS)
def test_substitutes_exist_differ_and_share_region(catalog: dict[str, Exercise], ex_id: str) -> None:
    ex = catalog[ex_id]
    assert 1 <= len(ex.substitutes) <= 4
    assert len(set(ex.substitutes)) == len(ex.substitutes)
    assert ex.id not in ex.substitutes
    for sub in ex.substitutes:
        assert sub in catalog, f"{ex.id}: unknown substitute {sub}"
        assert catalog[sub].region == ex.region, f"{ex.id}: {sub} is in another region"


@pytest.mark.parametrize("ex_id", IDS)
def test_names_and_cues_in_both_languages(catalog: dict[str, Exercise], ex_id: str) -> None:
    ex = catalog[ex_id]
    assert ex.name.en.strip() and not CJK.search(ex.name.en)
    assert CJK.search(ex.name.zh), f"{ex.id}: zh name is not Chinese"
    assert 1 <= len(ex.cues.en) <= 3 and 1 <= len(ex.cues.zh) <= 3
    assert all(c.strip() and not CJK.search(c) for c in ex.cues.en)
    assert all(CJK.search(c) for c in ex.cues.zh)
    assert ex.name["zh"] == ex.name.zh and ex.cues["en"] == ex.cues.en


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_names_unique_per_language(catalog: dict[str, Exercise], lang: str) -> None:
    names = Counter(ex.name[lang].casefold() for ex in catalog.values())
    assert [n for n, k in names.items() if k > 1] == []


@pytest.mark.parametrize("raw", RAW, ids=IDS)
def test_vocabularies_respected(raw: dict[str, Any]) -> None:
    assert raw["kind"] in KINDS
    assert raw["region"] in REGIONS_BY_KIND[raw["kind"]]
    assert raw["pattern"] in PATTERNS
    assert raw["level"] in LEVELS
    assert raw["impact"] in ("low", "high")
    assert raw["measure"] in ("reps", "seconds", "minutes")
    assert isinstance(raw["per_side"], bool)
    assert set(raw["muscle_groups"]) <= set(MUSCLE_GROUPS)
    assert set(raw["equipment"]) <= set(EQUIPMENT)
    assert not {"gym", "none"} & set(raw["equipment"])
    assert set(raw["contraindicated"]) <= set(INJURY_AREAS)
    if raw["kind"] in ("aerobic", "hiit") and raw["pattern"] == "cyclic":
        assert raw["muscle_groups"] == []
    if raw["kind"] == "aerobic":
        assert raw["measure"] == "minutes"


def test_vocabularies_are_exactly_the_documented_ones() -> None:
    assert set(REGIONS) == {*STRENGTH_REGIONS, "cardio", "mobility", "balance"}
    assert len(MUSCLE_GROUPS) == 18 and len(PATTERNS) == 32
    assert set(INJURY_AREAS) == {"knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow"}
    assert "gym" not in EQUIPMENT and "none" not in EQUIPMENT


# ---------------------------------------------------------------- safety flags


@pytest.mark.parametrize("ex_id", IDS)
def test_injury_keyword_rules(catalog: dict[str, Exercise], ex_id: str) -> None:
    ex = catalog[ex_id]
    name, flags = ex.name.en.lower(), set(ex.contraindicated)
    for pattern, areas in KEYWORD_RULES:
        if re.search(pattern, name):
            assert areas <= flags, f"{ex.name.en!r} matches {pattern!r}: needs {sorted(areas - flags)}"
    if ex.pattern == "jump" or ex.impact == "high":
        assert {"knee", "ankle"} <= flags, f"{ex.id}: jumping/high impact needs knee and ankle"
    if ex.pattern == "olympic":
        assert {"lower_back", "wrist"} <= flags
    if "superman" in name and ex.equipment:
        assert "lower_back" in flags


@pytest.mark.parametrize("ex_id", IDS)
def test_impact_matches_name(catalog: dict[str, Exercise], ex_id: str) -> None:
    ex = catalog[ex_id]
    if re.search(HIGH_IMPACT_WORDS, ex.name.en.lower()) or ex.pattern == "jump":
        assert ex.impact == "high", f"{ex.name.en!r} must be high impact"


@pytest.mark.parametrize("ex_id", IDS)
def test_names_are_honest_about_equipment(catalog: dict[str, Exercise], ex_id: str) -> None:
    ex = catalog[ex_id]
    name = ex.name.en.lower()
    for item in EQUIPMENT:
        if item in ex.equipment:
            assert re.search(NAMES_ITEM[item], name), f"{ex.name.en!r} does not name {item}"
        else:
            assert not re.search(CLAIMS_ITEM[item], name), f"{ex.name.en!r} names unlisted {item}"


# ---------------------------------------------------------------- coverage and variety


@pytest.mark.parametrize("injuries", INJURY_SITUATIONS, ids=_label)
@pytest.mark.parametrize("equipment", EQUIPMENT_SITUATIONS, ids=_label)
def test_beginner_coverage(equipment: frozenset[str], injuries: frozenset[str]) -> None:
    missing = [
        slot
        for slot, kwargs in SLOTS.items()
        if not options(equipment, injuries, max_level="beginner", **kwargs)
    ]
    assert missing == [], f"equipment={_label(equipment)} injuries={_label(injuries)}"


def test_variety(catalog: dict[str, Exercise]) -> None:
    kinds = Counter(ex.kind for ex in catalog.values())
    assert kinds["strength"] >= 70 and kinds["aerobic"] >= 20 and kinds["hiit"] >= 12
    assert kinds["mobility"] >= 20 and kinds["balance"] >= 15
    strength = [ex for ex in catalog.values() if ex.kind == "strength"]
    regions = Counter(ex.region for ex in strength)
    assert all(regions[r] >= 5 for r in STRENGTH_REGIONS), regions
    assert {ex.level for ex in strength} == set(LEVELS)
    assert {item for ex in catalog.values() for item in ex.equipment} == set(EQUIPMENT)
    for item in ("dumbbells", "kettlebell", "barbell", "bands", "pullup_bar", "bench", "machines", "pool"):
        assert any(item in ex.equipment for ex in strength), item


def test_strength_equipment_spread_per_region(catalog: dict[str, Exercise]) -> None:
    strength = [ex for ex in catalog.values() if ex.kind == "strength"]
    for region in ("lower", "push", "pull", "core"):
        have = {item for ex in strength if ex.region == region for item in ex.equipment}
        assert {"dumbbells", "bands", "machines"} <= have, (region, have)
        assert any(not ex.equipment for ex in strength if ex.region == region)


# ---------------------------------------------------------------- helpers


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


def test_catalog_agrees_with_the_plan_validator(catalog: dict[str, Exercise]) -> None:
    """The coach's validator reads names (and ids): its equipment and injury words must agree with the flags."""
    validate = pytest.importorskip("coach.validate")
    name_implies = getattr(validate, "name_implies", None)
    injury_words = getattr(validate, "INJURY_WORDS", None)
    if name_implies is None or injury_words is None:
        pytest.skip("coach.validate has no name_implies/INJURY_WORDS")
    problems = []
    for ex in catalog.values():
        extra = set(name_implies(ex.name.en)) - set(ex.equipment)
        if extra:
            problems.append(f"{ex.id}: name implies {sorted(extra)}")
        text = ex.name.en + " " + ex.id.replace("_", " ")
        for area, pattern in injury_words.items():
            if pattern.search(text) and area not in ex.contraindicated:
                problems.append(f"{ex.id}: validator flags {area}")
    assert problems == []
