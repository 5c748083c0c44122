"""Whole-dataset checks of the exercise catalog (knowledge/catalog/exercises.json): schema, vocabularies,
safety flags, honest names and coverage. Each check reports every offending exercise, one line each.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

import pytest
from pydantic import ValidationError

from coach.planning.validator import INJURY_WORDS, name_implies
from knowledge import catalog as cat
from knowledge.catalog import (
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
    options,
)

RAW: list[dict[str, Any]] = json.loads(cat.CATALOG_PATH.read_text(encoding="utf-8"))
IDS = [str(e.get("id")) for e in RAW]
KEYS = {
    "id", "name", "kind", "region", "pattern", "muscle_groups", "equipment", "level",
    "impact", "measure", "per_side", "contraindicated", "substitutes", "cues",
}
OPTIONAL_KEYS = {"lying"}
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


def _label(items: Iterable[str]) -> str:
    """Readable name for a set of words ('-' for none)."""
    return "+".join(sorted(items)) or "-"


def assert_no_problems(problems: list[str]) -> None:
    """Fail with every problem on its own line (not just the first one)."""
    if problems:
        pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(problems), pytrace=False)


def for_each(entries: Iterable[Any], check: Callable[[Any], Iterable[str]]) -> list[str]:
    """The problems `check` finds in each entry, flattened in file order."""
    return [problem for entry in entries for problem in check(entry)]


# ---------------------------------------------------------------- schema


def test_catalog_is_a_large_json_array() -> None:
    assert isinstance(RAW, list)
    assert len(RAW) >= 160


def _schema_problems(raw: dict[str, Any]) -> list[str]:
    who = f"exercise {raw.get('id')!r}"
    problems = []
    if KEYS - set(raw):
        problems.append(f"{who}: missing keys {sorted(KEYS - set(raw))}")
    if set(raw) - KEYS - OPTIONAL_KEYS:
        problems.append(f"{who}: unexpected keys {sorted(set(raw) - KEYS - OPTIONAL_KEYS)}")
    for field in ("name", "cues"):
        value = raw.get(field)
        if not isinstance(value, dict) or set(value) != {"en", "zh"}:
            found = sorted(value) if isinstance(value, dict) else value
            problems.append(f"{who}: {field} must have exactly the languages en and zh, has {found!r}")
    try:
        Exercise.model_validate(raw)
    except ValidationError as exc:
        problems.append(f"{who}: does not validate: {exc}")
    return problems


def test_every_entry_validates_with_exact_keys() -> None:
    assert_no_problems(for_each(RAW, _schema_problems))


def test_ids_unique_and_snake_case() -> None:
    dupes = [i for i, n in Counter(IDS).items() if n > 1]
    assert not dupes
    assert [i for i in IDS if not SNAKE.match(i)] == []


def _substitute_problems(catalog: dict[str, Exercise], ex: Exercise) -> list[str]:
    who = f"exercise {ex.id!r}"
    problems = []
    if not 1 <= len(ex.substitutes) <= 4:
        problems.append(f"{who}: {len(ex.substitutes)} substitutes, want 1 to 4")
    if len(set(ex.substitutes)) != len(ex.substitutes):
        problems.append(f"{who}: substitutes repeat: {ex.substitutes}")
    if ex.id in ex.substitutes:
        problems.append(f"{who}: substitutes itself")
    for sub in ex.substitutes:
        if sub not in catalog:
            problems.append(f"{who}: unknown substitute {sub!r}")
        elif catalog[sub].region != ex.region:
            problems.append(f"{who}: substitute {sub!r} is in region {catalog[sub].region!r}, not {ex.region!r}")
    return problems


def test_substitutes_exist_differ_and_share_region(catalog: dict[str, Exercise]) -> None:
    assert_no_problems(for_each(catalog.values(), lambda ex: _substitute_problems(catalog, ex)))


def _language_problems(ex: Exercise) -> list[str]:
    who = f"exercise {ex.id!r}"
    problems = []
    if not ex.name.en.strip() or CJK.search(ex.name.en):
        problems.append(f"{who}: en name {ex.name.en!r} is empty or has Chinese characters")
    if not CJK.search(ex.name.zh):
        problems.append(f"{who}: zh name {ex.name.zh!r} is not Chinese")
    for lang in ("en", "zh"):
        if not 1 <= len(ex.cues[lang]) <= 3:
            problems.append(f"{who}: {len(ex.cues[lang])} {lang} cues, want 1 to 3")
    problems += [f"{who}: en cue {c!r} is empty or has Chinese characters"
                 for c in ex.cues.en if not c.strip() or CJK.search(c)]
    problems += [f"{who}: zh cue {c!r} is not Chinese" for c in ex.cues.zh if not CJK.search(c)]
    if ex.name["zh"] != ex.name.zh or ex.cues["en"] != ex.cues.en:
        problems.append(f"{who}: item access by language disagrees with the attributes")
    return problems


def test_names_and_cues_in_both_languages(catalog: dict[str, Exercise]) -> None:
    assert_no_problems(for_each(catalog.values(), _language_problems))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_names_unique_per_language(catalog: dict[str, Exercise], lang: str) -> None:
    names = Counter(ex.name[lang].casefold() for ex in catalog.values())
    assert [n for n, k in names.items() if k > 1] == []


# field -> (allowed words, the vocabulary's name in messages)
SCALAR_VOCABULARIES: dict[str, tuple[Iterable[str], str]] = {
    "kind": (KINDS, "KINDS"),
    "pattern": (PATTERNS, "PATTERNS"),
    "level": (LEVELS, "LEVELS"),
    "impact": (("low", "high"), "('low', 'high')"),
    "measure": (("reps", "seconds", "minutes"), "('reps', 'seconds', 'minutes')"),
}
# list field -> (allowed words, the vocabulary's name, what one item is called in messages)
LIST_VOCABULARIES: dict[str, tuple[Iterable[str], str, str]] = {
    "muscle_groups": (MUSCLE_GROUPS, "MUSCLE_GROUPS", "muscle group"),
    "equipment": (EQUIPMENT, "EQUIPMENT", "equipment"),
    "contraindicated": (INJURY_AREAS, "INJURY_AREAS", "contraindicated area"),
}


def _vocabulary_problems(raw: dict[str, Any]) -> list[str]:
    who = f"exercise {raw.get('id')!r}"
    problems = [f"{who}: {field} {raw.get(field)!r} not in {name}"
                for field, (allowed, name) in SCALAR_VOCABULARIES.items() if raw.get(field) not in allowed]
    kind = raw.get("kind")
    if kind in REGIONS_BY_KIND and raw.get("region") not in REGIONS_BY_KIND[kind]:
        problems.append(f"{who}: region {raw.get('region')!r} not in REGIONS_BY_KIND[{kind!r}]")
    if not isinstance(raw.get("per_side"), bool):
        problems.append(f"{who}: per_side {raw.get('per_side')!r} is not a boolean")
    for field, (allowed, name, item) in LIST_VOCABULARIES.items():
        problems += [f"{who}: {item} {word!r} not in {name}" for word in raw.get(field) or [] if word not in allowed]
    problems += [f"{who}: equipment lists the user-side word {word!r}"
                 for word in raw.get("equipment") or [] if word in ("gym", "none")]
    if kind in ("aerobic", "hiit") and raw.get("pattern") == "cyclic" and raw.get("muscle_groups") != []:
        problems.append(f"{who}: cyclic {kind} must list no muscle groups, lists {raw.get('muscle_groups')}")
    if kind == "aerobic" and raw.get("measure") != "minutes":
        problems.append(f"{who}: aerobic exercise measured in {raw.get('measure')!r}, not minutes")
    return problems


def test_vocabularies_respected() -> None:
    assert_no_problems(for_each(RAW, _vocabulary_problems))


def test_vocabularies_are_exactly_the_documented_ones() -> None:
    assert set(REGIONS) == {*STRENGTH_REGIONS, "cardio", "mobility", "balance"}
    assert len(MUSCLE_GROUPS) == 18 and len(PATTERNS) == 32
    assert set(INJURY_AREAS) == {"knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow"}
    assert "gym" not in EQUIPMENT and "none" not in EQUIPMENT


# ---------------------------------------------------------------- safety flags


def _injury_problems(ex: Exercise) -> list[str]:
    who = f"exercise {ex.id!r} ({ex.name.en!r})"
    name, flags = ex.name.en.lower(), set(ex.contraindicated)
    problems = [f"{who}: name matches {pattern!r}, so contraindicated needs {sorted(areas - flags)}"
                for pattern, areas in KEYWORD_RULES if re.search(pattern, name) and not areas <= flags]
    if (ex.pattern == "jump" or ex.impact == "high") and not {"knee", "ankle"} <= flags:
        problems.append(f"{who}: jumping/high impact needs knee and ankle, has {sorted(flags)}")
    if ex.pattern == "olympic" and not {"lower_back", "wrist"} <= flags:
        problems.append(f"{who}: olympic lift needs lower_back and wrist, has {sorted(flags)}")
    if "superman" in name and ex.equipment and "lower_back" not in flags:
        problems.append(f"{who}: loaded superman needs lower_back")
    return problems


def test_injury_keyword_rules(catalog: dict[str, Exercise]) -> None:
    assert_no_problems(for_each(catalog.values(), _injury_problems))


def test_impact_matches_name(catalog: dict[str, Exercise]) -> None:
    problems = [f"exercise {ex.id!r} ({ex.name.en!r}): must be high impact, is {ex.impact!r}"
                for ex in catalog.values()
                if (re.search(HIGH_IMPACT_WORDS, ex.name.en.lower()) or ex.pattern == "jump") and ex.impact != "high"]
    assert_no_problems(problems)


def _equipment_name_problems(ex: Exercise) -> list[str]:
    who = f"exercise {ex.id!r} ({ex.name.en!r})"
    name = ex.name.en.lower()
    problems = []
    for item in EQUIPMENT:
        if item in ex.equipment and not re.search(NAMES_ITEM[item], name):
            problems.append(f"{who}: equipment {item!r} is listed but the name does not say so")
        elif item not in ex.equipment and re.search(CLAIMS_ITEM[item], name):
            problems.append(f"{who}: the name claims {item!r}, which is not in its equipment")
    return problems


def test_names_are_honest_about_equipment(catalog: dict[str, Exercise]) -> None:
    assert_no_problems(for_each(catalog.values(), _equipment_name_problems))


# ---------------------------------------------------------------- coverage and variety


def test_beginner_coverage() -> None:
    """Every beginner with one piece of equipment (or none) and up to two injured areas gets every slot filled."""
    problems = []
    for equipment in EQUIPMENT_SITUATIONS:
        for injuries in INJURY_SITUATIONS:
            missing = [slot for slot, kwargs in SLOTS.items()
                       if not options(equipment, injuries, max_level="beginner", **kwargs)]
            if missing:
                problems.append(f"equipment={_label(equipment)} injuries={_label(injuries)}: "
                                f"no beginner option for {', '.join(missing)}")
    assert_no_problems(problems)


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


def test_catalog_agrees_with_the_plan_validator(catalog: dict[str, Exercise]) -> None:
    """The coach's validator reads names (and ids): its equipment and injury words must agree with the flags."""
    problems = []
    for ex in catalog.values():
        extra = set(name_implies(ex.name.en)) - set(ex.equipment)
        if extra:
            problems.append(f"exercise {ex.id!r}: the validator reads equipment {sorted(extra)} in its name")
        text = ex.name.en + " " + ex.id.replace("_", " ")
        for area, pattern in INJURY_WORDS.items():
            if pattern.search(text) and area not in ex.contraindicated:
                problems.append(f"exercise {ex.id!r}: the validator rules it out for {area!r}, "
                                "which is not in contraindicated")
    assert_no_problems(problems)
