"""Every message the code can show has a Chinese translation with the same placeholders."""
from __future__ import annotations

import re
from pathlib import Path

from coach.i18n import _catalog, extract_messages

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_every_message_in_the_code_is_translated_to_chinese():
    sources = sorted(p for d in ("coach", "bot") for p in (ROOT / d).rglob("*.py"))
    msgids = {m for m, _f, _l in extract_messages(sources)}
    assert len(msgids) > 400
    zh = _catalog("zh")
    missing = sorted(m for m in msgids if m not in zh)
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:3]} (run python -m coach.i18n, fill msgstr)"


def test_translations_keep_the_placeholders():
    bad = [m for m, s in _catalog("zh").items() if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(s))]
    assert bad == []
