"""Tests for coach.intake.lexicon_en and lexicon_zh: data only, each language in its own module."""

from __future__ import annotations

import ast
import inspect
import re
from types import ModuleType

import pytest

from coach.domain.vocab import EQUIPMENT, GOALS, INJURIES, KNOWN_CONDITIONS, SYMPTOMS
from coach.intake import lexicon_en, lexicon_zh

CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
SYNONYM_TABLES = {"SYMPTOMS": SYMPTOMS, "CONDITIONS": KNOWN_CONDITIONS, "INJURIES": INJURIES,
                  "EQUIPMENT": EQUIPMENT, "GOALS": GOALS}


@pytest.mark.parametrize("module", [lexicon_en, lexicon_zh])
def test_lexicons_are_data(module: ModuleType) -> None:
    tree = ast.parse(inspect.getsource(module))
    logic = [type(n).__name__ for n in ast.walk(tree)
             if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While, ast.If,
                               ast.ListComp, ast.DictComp, ast.Call))
             and not (isinstance(n, ast.Call) and getattr(n.func, "id", "") == "frozenset")]
    assert logic == [], f"{module.__name__} holds logic: {logic}"


def _strings(module: ModuleType) -> list[tuple[str, str]]:
    """(table name, pattern or word) for every string in the synonym tables and word lists."""
    out = []
    for name, value in vars(module).items():
        if name.isupper() and isinstance(value, dict):
            for v in value.values():
                items = v if isinstance(v, list) else []
                out += [(name, s) for s in items if isinstance(s, str)]
    return out


def test_english_lexicon_has_no_chinese() -> None:
    bad = [(n, s) for n, s in _strings(lexicon_en) if CJK.search(s)]
    assert bad == []


def test_chinese_lexicon_is_all_chinese() -> None:
    bad = [(n, s) for n, s in _strings(lexicon_zh) if not CJK.search(s)]
    assert bad == []


@pytest.mark.parametrize("table, codes", SYNONYM_TABLES.items())
def test_synonym_codes_are_known(table: str, codes: tuple[str, ...]) -> None:
    for module in (lexicon_en, lexicon_zh):
        unknown = [c for c in getattr(module, table) if c not in codes and not c.startswith("_")]
        assert unknown == [], (module.__name__, table, unknown)


def test_chinese_word_for_knee() -> None:
    assert "膝盖" in lexicon_zh.INJURIES["knee"]
