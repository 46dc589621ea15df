"""The staff home's documents: the certificate and the printable self-assessment (PDF), the
township overview (xlsx) and the evidence zip. Every user value goes through
``federation.platform.safety``: ``pdf_text`` into a ReportLab paragraph, ``cell_safe`` into
a spreadsheet or CSV cell."""

from federation.homes.documents.certificate import certificate_pdf
from federation.homes.documents.exports import evidence_zip, overview_xlsx
from federation.homes.documents.fonts import cjk_font
from federation.homes.documents.self_assessment import self_assessment_pdf

__all__ = ["certificate_pdf", "cjk_font", "evidence_zip", "overview_xlsx", "self_assessment_pdf"]
