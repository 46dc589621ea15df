"""Pages of the union funds. Federation host: the board and cycle (``board``), a notice and a
union's dues (``notices``), statements and remittance (``transfers``), the rule table and
organizing targets (``admin``). Union host: the union's own dues page (``union``)."""

from federation.dues.views.admin import PolicyView, TargetsView
from federation.dues.views.board import BoardView, CycleView, ExportView
from federation.dues.views.notices import ArrearsPdfView, NoticePdfView, NoticeView, UnionDuesView
from federation.dues.views.transfers import RemittanceView, StatementUploadView, StatementView
from federation.dues.views.union import dues_page, notice_pdf

__all__ = [
    "ArrearsPdfView",
    "BoardView",
    "CycleView",
    "ExportView",
    "NoticePdfView",
    "NoticeView",
    "PolicyView",
    "RemittanceView",
    "StatementUploadView",
    "StatementView",
    "TargetsView",
    "UnionDuesView",
    "dues_page",
    "notice_pdf",
]
