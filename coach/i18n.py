"""Message catalogs (gettext .po files read with Babel): English msgids, Chinese translations."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOCALES_DIR = Path(__file__).parent / "locales"
SUPPORTED = ("en", "zh")


@lru_cache(maxsize=4)
def _catalog(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == "en" or not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def norm_lang(lang: str | None) -> str:
    """'zh', 'zh-CN', 'zh_Hans' → 'zh'; anything else → 'en'."""
    return "zh" if lang and lang.lower().startswith("zh") else "en"


def t(lang: str | None, msgid: str, **kwargs: object) -> str:
    """Translate `msgid` into `lang` (falling back to English) and fill {placeholders}."""
    text = _catalog(norm_lang(lang)).get(msgid, msgid)
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return msgid.format(**kwargs)
    return text


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it now."""
    return msgid
