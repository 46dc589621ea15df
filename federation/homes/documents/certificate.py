"""The certificate (荣誉证书): A4 landscape, drawn on a canvas. ``drawString`` never reads
markup, so the union's and the round's names are shown as typed."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from federation.homes.documents.fonts import cjk_font
from federation.homes.models import Title
from tenants.selectors import federation_tenant

RED = colors.HexColor("#b71c1c")
GOLD = colors.HexColor("#c9a227")


def _honour(title: Title) -> str:
    level = title.level
    if level.stars:
        return f"{'★' * level.stars}（{level.stars}星级）职工之家"
    return f"{level.name}职工之家" if "职工之家" not in level.name else level.name


def _frame(c: Any, width: float, height: float) -> None:
    c.setStrokeColor(RED)
    c.setLineWidth(6)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1.5)
    c.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)


def _body(c: Any, title: Title, font: str, width: float, height: float) -> None:
    c.setFillColor(RED)
    c.setFont(font, 40)
    c.drawCentredString(width / 2, height - 55 * mm, "荣 誉 证 书")
    c.setFillColor(colors.black)
    c.setFont(font, 18)
    c.drawCentredString(width / 2, height - 80 * mm, title.union.name)
    c.setFont(font, 14)
    c.drawCentredString(width / 2, height - 98 * mm, f"在“{title.round.title}”中，经验收评定为")
    c.setFillColor(RED)
    c.setFont(font, 30)
    c.drawCentredString(width / 2, height - 118 * mm, _honour(title))
    c.setFillColor(colors.black)
    c.setFont(font, 12)
    score = title.assessment.score
    closing = "特发此证，以资鼓励。"
    line = f"验收得分：{score:.2f}　　{closing}" if score is not None else closing
    c.drawCentredString(width / 2, height - 134 * mm, line)


def _footer(c: Any, title: Title, font: str, width: float) -> None:
    c.setFont(font, 11)
    left = 30 * mm
    c.drawString(left, 40 * mm, f"证书编号：{title.number}")
    c.drawString(left, 33 * mm, f"授予日期：{title.awarded_on:%Y年%m月%d日}")
    c.drawString(
        left,
        26 * mm,
        f"复核日期：{title.recheck_due:%Y年%m月%d日}前（逾期未复核或复核不合格的，撤销称号）",
    )
    issuer = federation_tenant().name
    c.setFont(font, 14)
    c.drawRightString(width - 35 * mm, 40 * mm, issuer)
    c.setFont(font, 11)
    c.drawRightString(width - 35 * mm, 33 * mm, f"{title.awarded_on:%Y年%m月%d日}")
    # a seal-like ring over the issuer's name, as on a stamped certificate (drawn, no image)
    cx = width - 35 * mm - pdfmetrics.stringWidth(issuer, font, 14) / 2
    c.saveState()
    c.setStrokeAlpha(0.55)
    c.setFillAlpha(0.55)
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setLineWidth(2)
    c.circle(cx, 38 * mm, 16 * mm)
    c.setFont(font, 18)
    c.drawCentredString(cx, 36 * mm, "★")
    c.setFont(font, 7)
    c.drawCentredString(cx, 27 * mm, "职工之家验收专用")
    c.restoreState()


def _withdrawn_stamp(c: Any, title: Title, font: str, width: float, height: float) -> None:
    if not title.withdrawn_on:
        return
    c.saveState()
    c.setFillColor(RED)
    c.setFillAlpha(0.25)
    c.setFont(font, 64)
    c.translate(width / 2, height / 2)
    c.rotate(25)
    c.drawCentredString(0, 0, f"已撤销 {title.withdrawn_on:%Y-%m-%d}")
    c.restoreState()


def certificate_pdf(*, title: Title) -> bytes:
    """An A4 landscape certificate: union, level (with stars where the scheme uses them),
    round, score, certificate number, award and re-check dates, issuing federation."""
    font = cjk_font()
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setTitle(f"{_('Staff home certificate')} {title.number}")
    c.setAuthor(federation_tenant().name)
    _frame(c, width, height)
    _body(c, title, font, width, height)
    _footer(c, title, font, width)
    _withdrawn_stamp(c, title, font, width, height)
    c.showPage()
    c.save()
    return buf.getvalue()
