"""The CJK font charts and reports are set in: Noto Sans SC, shipped inside a PyPI wheel (pylopdf-fonts-zh-cn,
OFL-1.1), so Chinese labels never depend on the fonts a machine happens to have and nothing is downloaded."""
from __future__ import annotations

import copy
import io
import threading
from pathlib import Path
from typing import Any

import pylopdf_fonts_zh_cn

CJK_FAMILY = "Noto Sans SC"
_lock = threading.Lock()
_registered = False
_pdf_face: Any = None  # the CJK face as fpdf parsed it, once per process (see add_pdf_font)
_pdf_bytes = b""


def cjk_font_path() -> Path:
    """The Noto Sans SC OpenType file inside the installed wheel."""
    return pylopdf_fonts_zh_cn.sans_path()


FAMILY = ["DejaVu Sans", CJK_FAMILY]  # Latin text and signs (−, →) in DejaVu; glyphs it lacks from the CJK face


def register() -> None:
    """Add the CJK font to matplotlib's font manager and make the pair the default family, once per process.

    Set once rather than per figure: rc_context is process-global, and two threads drawing at once would restore
    each other's settings."""
    global _registered
    with _lock:
        if not _registered:
            # imported here (heavy, optional): only processes that draw load matplotlib
            import matplotlib
            from matplotlib import font_manager

            font_manager.fontManager.addfont(str(cjk_font_path()))
            matplotlib.rcParams["font.family"] = FAMILY
            _registered = True


def add_pdf_font(pdf: Any, family: str) -> None:
    """Add the CJK face to an fpdf document under `family`.

    fpdf's add_font parses the 8 MB font each time (its character map and 65,000 widths: ~0.45 s of an /export).
    It is parsed once per process here; each document gets a copy of that parse with its own fontTools object
    (fpdf's output subsets it in place; coach.charts.pdf_face swaps in the small face when it can) and its own subset
    map. Bounding boxes are not recomputed on output (fontTools drew every used glyph three times for them: ~40% of
    the subsetting; fpdf takes the font's box from the parse above). Anything unexpected (another fpdf's
    internals): the plain add_font."""
    global _pdf_face, _pdf_bytes
    from fontTools import ttLib  # imported here (heavy, optional): only /export builds a PDF
    from fpdf.fonts import SubsetMap, TTFFont

    with _lock:
        if _pdf_face is None:
            _pdf_bytes = cjk_font_path().read_bytes()
            _pdf_face = TTFFont(pdf, io.BytesIO(_pdf_bytes), family.lower(), "")
        face, raw = _pdf_face, _pdf_bytes
    try:
        font = copy.copy(face)
        font.i, font.fontkey = len(pdf.fonts) + 1, family.lower()
        font.ttfont = ttLib.TTFont(io.BytesIO(raw), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        font.subset, font.missing_glyphs, font.biggest_size_pt, font._hbfont = SubsetMap(font), [], 0, None
    except (AttributeError, TypeError):  # pragma: no cover - an fpdf whose font object is laid out differently
        pdf.add_font(family, fname=str(cjk_font_path()))
        return
    pdf.fonts[family.lower()] = font
    if font.is_cff and font.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")
