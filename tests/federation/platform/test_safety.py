"""The export and PDF safety helpers: long user text in a table cell prints over pages,
quickly, and shows every character it was given."""

import io

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle

from federation.platform.pdf import pdf_font
from federation.platform.safety import PDF_CHUNK, _chunks, pdf_cell, pdf_table

HOSTILE = '<script>alert(1)</script> & <img src="/etc/passwd"/>'


def test_a_long_text_is_cut_after_a_sentence_where_there_is_one():
    text = ("甲" * 500 + "。") * 4
    pieces = _chunks(text, PDF_CHUNK)
    assert "".join(pieces) == text
    assert all(p.endswith("。") for p in pieces)
    assert max(len(p) for p in pieces) <= PDF_CHUNK


def test_a_text_without_a_break_is_cut_at_the_size():
    pieces = _chunks("长" * 2000, PDF_CHUNK)
    assert [len(p) for p in pieces] == [PDF_CHUNK, PDF_CHUNK, 2000 - 2 * PDF_CHUNK]


def test_a_short_text_is_one_paragraph_and_a_long_one_several():
    # one long CJK paragraph is re-wrapped at every page a row splits over (seconds)
    assert len(pdf_cell("短", ParagraphStyle("s"))) == 1
    assert len(pdf_cell("长" * 10_000, ParagraphStyle("s"))) == 13


def test_a_10000_character_hostile_cell_prints_over_pages_literally():
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    style = ParagraphStyle("b", fontName=pdf_font(), fontSize=9, leading=12, wordWrap="CJK")
    text = HOSTILE + "长" * (10_000 - len(HOSTILE))
    table = pdf_table(
        [[pdf_cell("1", style), pdf_cell(text, style)]], col_widths=[20 * mm, 55 * mm]
    )
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([table])
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert len(reader.pages) > 3
    shown = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert "".join(HOSTILE.split()) in shown
