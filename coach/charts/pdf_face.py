"""A smaller copy of the CJK face for the PDF report, built once per machine and kept on disk.

fpdf subsets the font it embeds on every PDF, and fontTools' cost grows with the font it starts from: from the 8 MB
Noto Sans SC (65,000 glyphs, layout tables, shared subroutines) ~0.5-1 s of CPU per report, from this face (~7,400
glyphs, no layout tables, no subroutines) ~0.15-0.25 s. The face holds every character the catalogue's messages use,
ASCII, Latin-1 and Latin Extended-A, punctuation, arrows and maths signs, CJK punctuation, full-width forms and the
6,763 hanzi of GB 2312 (the characters of nearly every Chinese name and note). A report whose text needs a glyph the
face lacks (a rare hanzi in a name) is made from the full font instead (fonts.pdf_bytes): slower, never wrong.

The face is named by a hash of the font file and of the character set (a catalogue that gains characters gets a new
face). A running bot builds it at start-up (bot.ops' warm-up calls `ready`), in a separate, niced process (~7 s of
CPU); until it is on disk reports use the full font, and a report never starts a build itself (a test suite's many
short-lived data dirs would each start one). `configure` points the cache at the data dir (bot wiring); otherwise
the temp dir.
    python -m coach.charts.pdf_face PATH   # build the face into PATH (what the background build runs)
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from coach.charts.fonts import cjk_font_path

log = logging.getLogger(__name__)
RECIPE = 1  # bump when the way the face is built changes (the file name changes with it)
RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x2100, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
          (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))
# tables fpdf never uses for a CID-keyed CFF font (it embeds the CFF table alone) or drops itself
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "FFTM", "meta"]
_lock = threading.Lock()
_cache_dir: Path | None = None
_started = False  # a build process was started by this process (at most one)


def configure(cache_dir: Path) -> None:
    """Keep the face in `cache_dir` (the data dir's fonts/ folder in a running bot)."""
    global _cache_dir
    _cache_dir = Path(cache_dir)
    face_path.cache_clear()


def charset() -> str:
    """Every character the face holds, sorted."""
    from coach.i18n import _catalog  # the messages as the report shows them

    chars = {chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)}
    for msgid, msgstr in _catalog("zh").items():
        chars.update(msgid, msgstr)
    for first in range(0xB0, 0xF8):  # GB 2312's hanzi rows (level 1 and 2)
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes((first, second)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(c for c in chars if c.isprintable()))


@lru_cache(maxsize=1)
def face_path() -> Path:
    """Where the face for this font file, character set and recipe lives (it may not be built yet)."""
    digest = hashlib.sha256(cjk_font_path().read_bytes())
    digest.update(f"{RECIPE}:{charset()}".encode())
    folder = _cache_dir or Path(tempfile.gettempdir()) / "fitcoach-fonts"
    return folder / f"NotoSansSC-pdf-{digest.hexdigest()[:16]}.otf"


def build(dst: Path) -> None:
    """Subset the full font to `charset()` into `dst` (written to a temporary name, then renamed: a reader never
    sees half a file, and two builders at once both end with a whole one)."""
    from fontTools import subset, ttLib

    font = ttLib.TTFont(str(cjk_font_path()), recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, desubroutinize=True,
                             layout_features=[], name_IDs=["*"], name_languages=["*"])
    options.drop_tables += DROP_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in charset()])
    subsetter.subset(font)
    dst.parent.mkdir(parents=True, exist_ok=True)
    part = dst.with_name(f"{dst.name}.{os.getpid()}.part")
    font.save(str(part))
    os.replace(part, dst)


def _build_in_background(dst: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                                         os.environ.get("PYTHONPATH", "")])}
    try:
        done = subprocess.run([sys.executable, "-m", "coach.charts.pdf_face", str(dst)], env=env, check=False,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=600)
        if done.returncode:
            log.warning("the PDF font face was not built (exit %s); reports use the full font", done.returncode)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("the PDF font face was not built (%s); reports use the full font", type(exc).__name__)


def ready(*, start: bool = True, wait: bool = False) -> Path | None:
    """The face's path when it is on disk. Otherwise None, after starting its build in the background (once per
    process) when `start`; `wait` builds it here and now instead."""
    global _started
    path = face_path()
    if path.exists():
        return path
    if wait:
        build(path)
        return path
    with _lock:
        if start and not _started:
            _started = True
            threading.Thread(target=_build_in_background, args=(path,), name="pdf-face", daemon=True).start()
    return None


@lru_cache(maxsize=2)
def _face(path: Path) -> tuple[bytes, frozenset[str]]:
    """The face's bytes and glyph names, read once per process."""
    from fontTools import ttLib

    raw = path.read_bytes()
    return raw, frozenset(ttLib.TTFont(io.BytesIO(raw), lazy=True).getGlyphOrder())


def face_for(glyph_names: set[str]) -> Any | None:
    """A fresh fontTools font of the face when it is built and holds every glyph in `glyph_names`; else None."""
    from fontTools import ttLib

    path = ready(start=False)
    if path is None:
        return None
    try:
        raw, names = _face(path)
    except Exception as exc:  # noqa: BLE001 - removed or damaged meanwhile: the full font, never a failed report
        log.warning("the PDF font face %s is unreadable (%s); reports use the full font", path.name,
                    type(exc).__name__)
        return None
    if not glyph_names <= names:
        return None
    return ttLib.TTFont(io.BytesIO(raw), recalcTimestamp=False, recalcBBoxes=False, lazy=True)


def pdf_bytes(pdf: Any, family: str) -> bytes:
    """`pdf.output()`, its CJK face (added by fonts.add_pdf_font under `family`) subset from the small face when
    that holds every glyph the document uses, else from the full font."""
    font = pdf.fonts.get(family.lower())
    subset = getattr(font, "subset", None)
    if subset is not None:
        face = face_for({glyph.glyph_name for glyph, _code in subset.items() if glyph is not None})
        if face is not None:
            font.ttfont = face
    return bytes(pdf.output())


if __name__ == "__main__":
    os.nice(10)  # a one-off build beside a running bot: its turns come first
    build(Path(sys.argv[1]))
