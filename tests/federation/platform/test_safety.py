"""The export and PDF safety helpers: long user text in a table cell prints over pages,
quickly, and shows every character it was given."""

import io

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from federation.platform.pdf import pdf_font
from federation.platform.safety import (
    PDF_CHUNK,
    _chunks,
    pdf_cell,
    pdf_cell_fitting,
    pdf_plain_style,
    pdf_table,
)

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


def _style():
    return ParagraphStyle("b", fontName=pdf_font(), fontSize=9, leading=12)


def test_a_short_one_line_value_that_fits_is_plain_text():
    assert pdf_cell_fitting("王秀英", _style(), 60) == "王秀英"


def test_a_value_wider_than_its_cell_is_wrapped_paragraphs():
    cell = pdf_cell_fitting("很长的说明" * 10, _style(), 60)
    assert isinstance(cell, list)
    assert isinstance(cell[0], Paragraph)


def test_a_value_with_a_line_break_or_control_is_not_plain_text():
    for text in ("甲\n乙", "甲\r乙", "甲\t乙", "甲\x1b乙"):
        assert isinstance(pdf_cell_fitting(text, _style(), 500), list), repr(text)


def test_markup_in_a_plain_cell_prints_as_it_was_typed():
    from reportlab.platypus import SimpleDocTemplate, TableStyle

    typed = "<b>x</b>&amp;"
    cell = pdf_cell_fitting(typed, _style(), 400)
    assert cell == typed
    table = pdf_table([[cell]], col_widths=[420])
    table.setStyle(TableStyle(pdf_plain_style(_style(), ((0, 0), (-1, -1)))))
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([table])
    assert typed in PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text()
