"""Exercise catalog: typed model, vocabularies, loader and filters for the planner."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Kind = Literal["strength", "aerobic", "hiit", "mobility", "balance"]
Region = Literal["lower", "push", "pull", "core", "full_body", "cardio", "mobility", "balance"]
Pattern = Literal[
    "squat", "lunge", "hinge", "bridge", "calf", "knee_extension", "knee_flexion",
    "hip_abduction", "hip_adduction", "horizontal_push", "vertical_push", "chest_fly",
    "triceps", "horizontal_pull", "vertical_pull", "biceps", "rear_delt", "scapular",
    "anti_extension", "anti_rotation", "anti_lateral_flexion", "trunk_flexion",
    "trunk_rotation", "trunk_extension", "carry", "olympic", "cyclic", "interval",
    "jump", "mobility", "stretch", "balance",
]
MuscleGroup = Literal[
    "quads", "hamstrings", "glutes", "calves", "adductors", "hips", "chest", "shoulders",
    "triceps", "back", "lats", "upper_back", "biceps", "forearms", "core", "obliques",
    "lower_back", "full_body",
]
Equipment = Literal[
    "dumbbells", "kettlebell", "barbell", "bands", "pullup_bar", "bench", "machines",
    "bike", "treadmill", "pool",
]
InjuryArea = Literal["knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow"]
Level = Literal["beginner", "intermediate", "advanced"]
Impact = Literal["low", "high"]
Measure = Literal["reps", "seconds", "minutes"]
Lying = Literal["supine", "prone"]  # done lying on the back or the front (ACOG: not supine after the 1st trimester)

KINDS: tuple[str, ...] = get_args(Kind)
REGIONS: tuple[str, ...] = get_args(Region)
PATTERNS: tuple[str, ...] = get_args(Pattern)
MUSCLE_GROUPS: tuple[str, ...] = get_args(MuscleGroup)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
INJURY_AREAS: tuple[str, ...] = get_args(InjuryArea)
LEVELS: tuple[str, ...] = get_args(Level)
IMPACTS: tuple[str, ...] = get_args(Impact)
MEASURES: tuple[str, ...] = get_args(Measure)
LANGUAGES: tuple[str, ...] = ("en", "zh")
STRENGTH_REGIONS: tuple[str, ...] = ("lower", "push", "pull", "core", "full_body")
REGIONS_BY_KIND: dict[str, tuple[str, ...]] = {
    "strength": STRENGTH_REGIONS,
    "aerobic": ("cardio",),
    "hiit": ("cardio",),
    "mobility": ("mobility",),
    "balance": ("balance",),
}
GYM = "gym"  # user-side word: everything is available

T = TypeVar("T")
CATALOG_PATH = Path(__file__).parent / "catalog" / "exercises.json"
_ID_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"


class Localized(BaseModel):
    """A text in every supported language; readable as .en or ["en"]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        """Return the text in `lang` (KeyError when unsupported)."""
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return str(getattr(self, lang))

    def get(self, lang: str, default: str | None = None) -> str | None:
        """Return the text in `lang`, or `default`."""
        return str(getattr(self, lang)) if lang in LANGUAGES else default


class LocalizedCues(BaseModel):
    """One to three coaching cues per language; readable as .en or ["en"]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[str] = Field(min_length=1, max_length=3)
    zh: list[str] = Field(min_length=1, max_length=3)

    def __getitem__(self, lang: str) -> list[str]:
        """Return the cues in `lang` (KeyError when unsupported)."""
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return list(getattr(self, lang))

    def get(self, lang: str, default: list[str] | None = None) -> list[str] | None:
        """Return the cues in `lang`, or `default`."""
        return list(getattr(self, lang)) if lang in LANGUAGES else default

    @model_validator(mode="after")
    def _no_blank_cue(self) -> LocalizedCues:
        """Reject blank cues."""
        if any(not c.strip() for c in [*self.en, *self.zh]):
            raise ValueError("blank cue")
        return self


class Exercise(BaseModel):
    """One catalog exercise, validated against the closed vocabularies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN)
    name: Localized
    kind: Kind
    region: Region
    pattern: Pattern
    muscle_groups: list[MuscleGroup]
    equipment: list[Equipment]
    level: Level
    impact: Impact
    measure: Measure
    per_side: bool
    contraindicated: list[InjuryArea]
    substitutes: list[str] = Field(min_length=1, max_length=4)
    cues: LocalizedCues
    lying: Lying | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        """Check region/kind agreement, no duplicates and no self-substitution."""
        if self.region not in REGIONS_BY_KIND[self.kind]:
            raise ValueError(f"region {self.region!r} does not fit kind {self.kind!r}")
        for field in ("muscle_groups", "equipment", "contraindicated", "substitutes"):
            values = getattr(self, field)
            if len(set(values)) != len(values):
                raise ValueError(f"duplicate values in {field}")
        if self.id in self.substitutes:
            raise ValueError("an exercise cannot substitute itself")
        return self


def parse_catalog(entries: Any) -> dict[str, Exercise]:
    """Validate raw catalog entries; raise ValueError naming the bad id."""
    if not isinstance(entries, list):
        raise ValueError("catalog must be a JSON array of exercise objects")
    catalog: dict[str, Exercise] = {}
    for index, raw in enumerate(entries):
        ex_id = raw.get("id") if isinstance(raw, dict) else None
        label = repr(ex_id) if ex_id else f"#{index}"
        try:
            ex = Exercise.model_validate(raw)
        except ValidationError as err:
            raise ValueError(f"invalid exercise {label}: {err}") from err
        if ex.id in catalog:
            raise ValueError(f"duplicate exercise id {ex.id!r}")
        catalog[ex.id] = ex
    for ex in catalog.values():
        missing = [s for s in ex.substitutes if s not in catalog]
        if missing:
            raise ValueError(f"exercise {ex.id!r} has unknown substitutes {missing}")
    return catalog


def per_exercise(fn: Callable[[Exercise], T]) -> Callable[[Exercise], T]:
    """Caches `fn`, a pure function of one catalog exercise, by exercise id (an object other than the one cached for
    that id is computed afresh); for answers the planner asks for again and again. The answer is shared: return
    immutable values (bool, str, tuple, frozenset)."""
    memo: dict[str, tuple[Exercise, T]] = {}

    @wraps(fn)
    def cached(ex: Exercise) -> T:
        hit = memo.get(ex.id)
        if hit is None or hit[0] is not ex:
            hit = memo[ex.id] = (ex, fn(ex))
        return hit[1]
    return cached


@lru_cache(maxsize=1)
def load_catalog() -> dict[str, Exercise]:
    """Load and validate the bundled catalog once, keyed by id in file order."""
    with CATALOG_PATH.open(encoding="utf-8") as fh:
        return parse_catalog(json.load(fh))


def available(ex: Exercise, equipment: Iterable[str]) -> bool:
    """True when the user has every item the exercise needs ("gym" = everything)."""
    have = set(equipment)
    return GYM in have or set(ex.equipment) <= have


def safe_for(ex: Exercise, injuries: Iterable[str]) -> bool:
    """True when none of the user's injury areas is contraindicated.

    Contraindications restrict painful ranges and impact, not a movement itself: with a knee problem, supported or
    depth-limited squats (chair squat, sit-to-stand, wall sit), step-ups, leg press and knee extensions stay
    (Crossley 2016, ACR 2019), while jumps, pistols and deep or loaded lunges and squats go.
    """
    return not set(ex.contraindicated) & set(injuries)


def options(
    equipment: Iterable[str],
    injuries: Iterable[str],
    *,
    region: str | None = None,
    kind: str | None = None,
    max_level: str = "advanced",
    low_impact_only: bool = False,
) -> list[Exercise]:
    """Exercises the user can do safely, filtered, in catalog file order."""
    if region is not None and region not in REGIONS:
        raise ValueError(f"unknown region {region!r}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if max_level not in LEVELS:
        raise ValueError(f"unknown level {max_level!r}")
    have, hurt, top = set(equipment), set(injuries), LEVELS.index(max_level)
    return [
        ex
        for ex, level in _subset(region, kind)
        if level <= top
        and not (low_impact_only and ex.impact != "low")
        and available(ex, have)
        and safe_for(ex, hurt)
    ]


@lru_cache(maxsize=64)
def _subset(region: str | None, kind: str | None) -> tuple[tuple[Exercise, int], ...]:
    """The catalog's exercises of a region and kind (None: any) with their level's rank, in file order (options()
    is asked ~5 times a plan; the region/kind scan is done once)."""
    return tuple((ex, LEVELS.index(ex.level)) for ex in load_catalog().values()
                 if (region is None or ex.region == region) and (kind is None or ex.kind == kind))
