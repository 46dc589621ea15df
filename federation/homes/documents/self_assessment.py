"""The printable self-assessment (自评表) for the on-site check: every criterion with the
self score and evidence, the totals, the approval rate and the veto checks, with lines for
the chair's signature and the union's seal. Every user value through ``pdf_text``."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from federation.homes.documents.fonts import cjk_font
from federation.homes.models import Assessment
from federation.platform.safety import pdf_cell, pdf_table, pdf_text

CHECK_LABELS = {
    "pass": "通过",
    "fail": "未通过",
    "no_data": "无记录（不得验收）",
    "error": "数据有误",
}


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=font, fontSize=15, leading=21, alignment=1),
        "body": ParagraphStyle("b", fontName=font, fontSize=9.5, leading=14),
        "small": ParagraphStyle("s", fontName=font, fontSize=8.5, leading=12),
    }


def _head(a: Assessment, st: dict[str, ParagraphStyle]) -> list[Any]:
    return [
        Paragraph(f"{pdf_text(a.round.title)}<br/>职工之家建设自评表", st["title"]),
        Spacer(1, 4 * mm),
        Paragraph(
            f"工会：{pdf_text(a.union.name)}　　验收标准：{pdf_text(a.round.scheme)}"
            f"　　状态：{pdf_text(a.get_status_display())}",
            st["body"],
        ),
        Paragraph(
            f"截止日期：{a.effective_deadline}　　打印时间：{timezone.localtime():%Y-%m-%d %H:%M}",
            st["body"],
        ),
        Spacer(1, 3 * mm),
    ]


def _rows(a: Assessment, small: ParagraphStyle) -> list[list[Any]]:
    files_by_item: dict[int | None, list[str]] = {}
    for f in a.files.all():
        files_by_item.setdefault(f.item_id, []).append(f.original_name)
    rows: list[list[Any]] = [["编号", "验收项目", "分值", "自评分", "佐证材料"]]
    for item in a.items.select_related("criterion").order_by("criterion__order"):
        c = item.criterion
        evidence = pdf_cell(item.evidence, small) if item.evidence else []
        if files_by_item.get(item.pk):
            names = "、".join(pdf_text(n) for n in files_by_item[item.pk])
            evidence.append(Paragraph("附件：" + names, small))
        mandatory = "（必备）" if c.mandatory else ""
        rows.append(
            [
                Paragraph(pdf_text(c.code), small),
                Paragraph(f"［{pdf_text(c.category)}］{pdf_text(c.title)}{mandatory}", small),
                f"{c.max_points:.2f}",
                "" if item.self_score is None else f"{item.self_score:.2f}",
                evidence or Paragraph("—", small),
            ]
        )
    total = f"{a.round.scheme.total_points:.2f}"
    rows.append(["", Paragraph("合计", small), total, f"{a.self_total:.2f}", ""])
    return rows


def _table(rows: list[list[Any]], font: str) -> LongTable:
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (2, 1), (3, -1), "RIGHT"),
        ]
    )
    widths = [13 * mm, 78 * mm, 14 * mm, 15 * mm, 62 * mm]
    return pdf_table(rows, repeatRows=1, style=style, col_widths=widths)


def _tail(a: Assessment, vetoes: list[dict[str, Any]], st: dict[str, ParagraphStyle]) -> list[Any]:
    rate = "—" if a.approval_rate is None else f"{a.approval_rate:.2f}%"
    story: list[Any] = [
        Spacer(1, 4 * mm),
        Paragraph(f"会员满意度测评：{rate}　{pdf_text(a.survey_note)}", st["body"]),
        Spacer(1, 2 * mm),
        Paragraph("一票否决项核查：", st["body"]),
    ]
    for v in vetoes:
        status = CHECK_LABELS.get(v["status"], pdf_text(v["status"]))
        text = f"· {pdf_text(v['label'])}：{status}。{pdf_text(v['reason'])}"
        story.append(Paragraph(text, st["small"]))
    story += [
        Spacer(1, 12 * mm),
        Paragraph(
            "工会主席（签字）：____________　　　　工会（盖章）　　　　日期：____________",
            st["body"],
        ),
    ]
    return story


def self_assessment_pdf(*, assessment: Assessment, vetoes: list[dict[str, Any]]) -> bytes:
    font = cjk_font()
    st = _styles(font)
    a = assessment
    buf = io.BytesIO()
    margins = {f"{side}Margin": 14 * mm for side in ("left", "right", "top", "bottom")}
    doc = SimpleDocTemplate(buf, pagesize=A4, title=f"{a.round.title} 自评表", **margins)
    story = _head(a, st) + [_table(_rows(a, st["small"]), font)] + _tail(a, vetoes, st)
    doc.build(story)
    return buf.getvalue()
