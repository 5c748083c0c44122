"""The passages: Markdown files with YAML front matter under knowledge/passages/<lang>/."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PASSAGES_DIR = Path(__file__).parent / "passages"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5x faster start-up
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
REQUIRED = ("id", "title", "language", "tags", "source")


@dataclass(frozen=True)
class Passage:
    """One knowledge passage with the public source it rests on."""

    id: str
    title: str
    text: str
    source: str
    language: str
    tags: tuple[str, ...] = ()
    topic: str = ""
    translation_of: str | None = None
    path: str = field(default="", compare=False)
    # a condition's signs to stop and get help for: terms a plan citing the passage must show in its alerts (rule 76),
    # and the alert, in the passage's language, that shows them all
    warning_signs: tuple[str, ...] = ()
    warning_alert: str = ""

    @property
    def content_hash(self) -> str:
        raw = "\x1f".join([self.title, self.text, self.source, self.language, ",".join(self.tags)])
        return hashlib.sha256(raw.encode()).hexdigest()[:16]

    @property
    def base_id(self) -> str:
        """The English id this passage translates (its own id when English)."""
        return self.translation_of or self.id

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "text": self.text, "source": self.source,
                "language": self.language, "tags": list(self.tags)}


def parse_passage(path: Path) -> Passage:
    """Parse one passage file; ValueError names the file and the problem."""
    m = _FRONT.match(path.read_text(encoding="utf-8"))
    if not m:
        raise ValueError(f"{path}: missing YAML front matter")
    meta = yaml.load(m.group(1), Loader=_Loader) or {}
    missing = [k for k in REQUIRED if not meta.get(k)]
    if missing:
        raise ValueError(f"{path}: front matter lacks {', '.join(missing)}")
    return Passage(id=str(meta["id"]), title=str(meta["title"]).strip(), text=m.group(2).strip(),
                   source=str(meta["source"]).strip(), language=str(meta["language"]),
                   tags=tuple(str(t) for t in meta["tags"]), topic=str(meta.get("topic", "")),
                   translation_of=meta.get("translation_of"), path=str(path),
                   warning_signs=tuple(str(w) for w in meta.get("warning_signs") or ()),
                   warning_alert=str(meta.get("warning_alert") or "").strip())


def load_passages(root: Path | None = None) -> list[Passage]:
    """All passages under root (default: the packaged ones), sorted by id; ids must be unique."""
    return list(_load(str(root or PASSAGES_DIR)))


@lru_cache(maxsize=8)
def _load(root: str) -> tuple[Passage, ...]:
    items = [parse_passage(p) for p in sorted(Path(root).rglob("*.md"))]
    seen: set[str] = set()
    for p in items:
        if p.id in seen:
            raise ValueError(f"duplicate passage id {p.id}")
        seen.add(p.id)
    return tuple(sorted(items, key=lambda p: p.id))


@lru_cache(maxsize=8)
def _by_id(root: str) -> dict[str, Passage]:
    return {p.id: p for p in _load(root)}


def get_passage(passage_id: str, root: Path | None = None) -> Passage | None:
    """One passage by id, or None."""
    return _by_id(str(root or PASSAGES_DIR)).get(passage_id)


def by_tag(tag: str, language: str = "en", root: Path | None = None) -> Passage | None:
    """The passage carrying `tag` in `language`, falling back to English."""
    index = _by_tag(str(root or PASSAGES_DIR))
    return index.get((tag, language)) or index.get((tag, "en"))


@lru_cache(maxsize=8)
def _by_tag(root: str) -> dict[tuple[str, str], Passage]:
    """(tag, language) -> the first passage by id carrying it (a plan asks ~20 tags; was a scan of every passage)."""
    index: dict[tuple[str, str], Passage] = {}
    for p in _load(root):
        for tag in p.tags:
            index.setdefault((tag, p.language), p)
    return index
