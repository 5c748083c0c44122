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
