"""Message catalogs (gettext .po files read with Babel): English msgids, Chinese translations."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LOCALES_DIR = Path(__file__).parent / "locales"


@lru_cache(maxsize=4)
def _catalog(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not path.exists():
        return {}
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def norm_lang(lang: str | None) -> str:
    """'zh', 'zh-CN', 'zh_Hans' → 'zh'; anything else → 'en'."""
    return "zh" if lang and lang.lower().startswith("zh") else "en"


@lru_cache(maxsize=32)
def _messages(lang: str | None) -> dict[str, str]:
    """The catalog of `lang` as given ('zh-CN', None...): t() is called ~500 times a plan."""
    return _catalog(norm_lang(lang))


def t(lang: str | None, msgid: str, /, **kwargs: object) -> str:
    """Translate `msgid` into `lang` (falling back to English) and fill {placeholders}."""
    text = _messages(lang).get(msgid, msgid)
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return msgid.format(**kwargs)
    return text


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it now."""
    return msgid


def extract_messages(paths: list[Path]) -> list[tuple[str, str, int]]:
    """Every literal msgid passed to t(), _() or N_() (first string argument), with file and line."""
    found: list[tuple[str, str, int]] = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("t", "_", "N_"):
                continue
            for arg in node.args:
                text = _literal(arg)
                if text is not None:
                    found.append((text, str(path), node.lineno))
                    break
    return found


def _literal(node: object) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def update_catalog(lang: str = "zh") -> tuple[int, int]:
    """Merge the code's msgids into locales/<lang>/LC_MESSAGES/messages.po, keeping translations; (total, missing)."""
    root = Path(__file__).resolve().parent.parent
    sources = sorted(p for d in ("coach", "bot") for p in (root / d).rglob("*.py"))
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    old = {}
    if path.exists():
        with path.open("rb") as fh:
            old = {m.id: m.string for m in read_po(fh, locale=lang) if m.id}
    cat = Catalog(locale=lang, project="fitcoach", charset="utf-8")
    for msgid, file, line in extract_messages(sources):
        cat.add(msgid, string=old.get(msgid, ""), locations=[(str(Path(file).relative_to(root)), line)])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, cat, width=120, sort_output=True)
    missing = sum(1 for m in cat if m.id and not m.string)
    return len([m for m in cat if m.id]), missing


if __name__ == "__main__":  # python -m coach.i18n  → refresh the catalogs from the code
    total, missing = update_catalog("zh")
    print(f"zh catalog: {total} messages, {missing} untranslated")
