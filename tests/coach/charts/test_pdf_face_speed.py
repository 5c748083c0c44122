"""The small CJK face PDFs are subset from (coach.charts.pdf_face): what it holds, and that a report never loses a
glyph because of it. Its speed is measured in bench/chart_bench.py, not here."""
from __future__ import annotations

import io
import logging

import pymupdf
import pytest
from fontTools import ttLib
from fontTools.cffLib import CFFFontSet
from fpdf import FPDF

from coach.charts import fonts, pdf_face
from coach.i18n import _catalog


@pytest.fixture(scope="module")
def face(tmp_path_factory):
    """The face, built here and now into a folder of this module's own (the build takes seconds)."""
    pdf_face.configure(tmp_path_factory.mktemp("fonts"))
    path = pdf_face.ready(wait=True)
    yield path
    pdf_face.configure(tmp_path_factory.getbasetemp() / "unused-fonts")


@pytest.fixture(scope="module")
def full_cmap():
    return ttLib.TTFont(str(fonts.cjk_font_path()), lazy=True).getBestCmap()


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    fonts.add_pdf_font(pdf, "noto")
    pdf.add_page()
    pdf.set_font("noto", size=10)
    pdf.multi_cell(0, 6, text)
    return pdf_face.pdf_bytes(pdf, "noto")


def _embedded_glyphs(raw: bytes) -> tuple[str, set[str]]:
    """The PDF's text as a reader extracts it, and the glyph names of the CJK font embedded in it."""
    doc = pymupdf.open(stream=raw, filetype="pdf")
    (xref, *_rest), = doc.get_page_fonts(0)
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(doc.extract_font(xref)[3]), None)
    return doc[0].get_text(), set(cff[cff.keys()[0]].charset)


def test_the_face_holds_every_glyph_of_the_catalogue_digits_and_ascii(face, full_cmap):
    held = ttLib.TTFont(str(face), lazy=True).getBestCmap()
    wanted = {c for msgid, msgstr in _catalog("zh").items() for c in msgid + msgstr}
    wanted |= {chr(c) for c in range(0x20, 0x7F)} | set("°±×÷–—‘’“”…•→←↑↓−≤≥，。、；：？！（）《》【】「」")
    missing = sorted(c for c in wanted if ord(c) in full_cmap and ord(c) not in held)
    assert not missing, missing
    assert all(held[ord(c)] == full_cmap[ord(c)] for c in wanted if ord(c) in held)  # the same glyphs (CIDs)
    assert len(held) < len(full_cmap) / 3  # and it is a small part of the font


def test_a_report_in_chinese_embeds_every_glyph_it_shows(face, full_cmap):
    text = "体重 3月12日：每周训练 4 次，RPE 6–7 → 目标 64 kg"
    shown, glyphs = _embedded_glyphs(_pdf(text))
    assert shown.split() == text.split()
    assert {full_cmap[ord(c)] for c in text} <= glyphs


def test_a_name_with_a_rare_hanzi_still_renders_from_the_full_font(face, full_cmap):
    held = ttLib.TTFont(str(face), lazy=True).getBestCmap()
    rare = next(chr(c) for c in range(0x4E00, 0xA000) if c in full_cmap and c not in held)
    text = f"王{rare}的体重 81 kg"
    shown, glyphs = _embedded_glyphs(_pdf(text))
    assert rare in shown
    assert full_cmap[ord(rare)] in glyphs and {full_cmap[ord(c)] for c in text} <= glyphs


def test_a_damaged_face_file_means_the_full_font_not_a_failed_report(tmp_path, full_cmap, caplog):
    pdf_face.configure(tmp_path)
    try:
        pdf_face.face_path().write_bytes(b"not a font")
        pdf_face._face.cache_clear()
        with caplog.at_level(logging.WARNING, logger="coach.charts.pdf_face"):
            shown, glyphs = _embedded_glyphs(_pdf("睡眠 7.5 小时"))
    finally:
        pdf_face.configure(tmp_path / "unused")
        pdf_face._face.cache_clear()
    assert shown.split() == ["睡眠", "7.5", "小时"]
    assert {full_cmap[ord(c)] for c in "睡眠小时"} <= glyphs
    assert "unreadable" in caplog.text


def test_the_face_is_named_by_the_font_and_the_characters_it_holds(tmp_path):
    pdf_face.configure(tmp_path)
    try:
        name = pdf_face.face_path().name
        assert pdf_face.face_path().parent == tmp_path and name.startswith("NotoSansSC-pdf-")
        assert set("体重月日0123456789ABCabc") <= set(pdf_face.charset())
        assert pdf_face.ready(start=False) is None  # not built in this folder, and not started by asking
    finally:
        pdf_face.configure(tmp_path / "unused")
