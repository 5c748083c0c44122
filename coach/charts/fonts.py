"""The CJK font charts and reports are set in: Noto Sans SC, shipped inside a PyPI wheel (pylopdf-fonts-zh-cn,
OFL-1.1), so Chinese labels never depend on the fonts a machine happens to have and nothing is downloaded."""
from __future__ import annotations

import threading
from pathlib import Path

import pylopdf_fonts_zh_cn

CJK_FAMILY = "Noto Sans SC"
_lock = threading.Lock()
_registered = False


def cjk_font_path() -> Path:
    """The Noto Sans SC OpenType file inside the installed wheel."""
    return pylopdf_fonts_zh_cn.sans_path()


def register() -> list[str]:
    """Add the CJK font to matplotlib's font manager (once per process); the font family list to draw with."""
    global _registered
    with _lock:
        if not _registered:
            # imported here (heavy, optional): only processes that draw load matplotlib
            from matplotlib import font_manager

            font_manager.fontManager.addfont(str(cjk_font_path()))
            _registered = True
    # DejaVu Sans first for Latin text and signs (−, →); glyphs it lacks fall back to the CJK face
    return ["DejaVu Sans", CJK_FAMILY]
