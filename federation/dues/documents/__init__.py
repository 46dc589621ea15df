"""Printable and exportable documents of the union funds: the arrears statement and the
notice (PDF), the board (xlsx). User text is escaped in PDFs and neutralised in sheets."""

from federation.dues.documents.arrears import arrears_pdf
from federation.dues.documents.exports import board_xlsx
from federation.dues.documents.notice import notice_pdf

__all__ = ["arrears_pdf", "board_xlsx", "notice_pdf"]
