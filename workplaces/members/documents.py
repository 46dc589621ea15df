"""The printable member registration form (会员登记表), one A4 page per member.

Every value a union typed goes through ``pdf_text`` before it enters a Paragraph. The CJK
font is WenQuanYi Micro Hei from the ``paperang-p2-fonts-cjk`` package (embedded), with
reportlab's STSong-Light as the fallback.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from django.utils import timezone

from federation.platform.safety import pdf_text
from workplaces.members.models import Member

EMBEDDED = "WenQuanYiMicroHei"
CID_FALLBACK = "STSong-Light"


@cache
def cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics

    try:
        from importlib.resources import files

        from reportlab.pdfbase.ttfonts import TTFont

        path = files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
        pdfmetrics.registerFont(TTFont(EMBEDDED, str(path), subfontIndex=0))
        return EMBEDDED
    except Exception:  # noqa: BLE001 - package missing or unreadable: the CID font always works
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return CID_FALLBACK


def _display(member: Member, name: str) -> str:
    value: Any = getattr(member, name)
    getter = getattr(member, f"get_{name}_display", None)
    if getter is not None and value not in (None, ""):
        return str(getter())
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _rows(member: Member, *, id_number: str, phone: str) -> list[tuple[str, str, str, str]]:
    """(label, value, label, value) per table row, in the collection's order."""
    model = ""
    if member.model_worker:
        model = "是" + (
            f"（{member.get_model_worker_level_display()}）" if member.model_worker_level else ""
        )
    else:
        model = "否"
    return [
        ("姓名", member.name, "性别", member.get_gender_display()),
        ("民族", _display(member, "ethnicity"), "出生日期", member.birth_date.isoformat()),
        ("公民身份号码", id_number, "手机号码", phone),
        ("政治面貌", _display(member, "political_status"), "学历", _display(member, "education")),
        ("户籍类型", _display(member, "household_type"), "户籍地", member.household_place),
        (
            "用工形式",
            member.get_employment_display(),
            "是否农民工",
            "是" if member.is_migrant else "否",
        ),
        ("岗位/职务", member.position, "技能等级", _display(member, "skill_level")),
        ("是否劳模", model, "会员卡号", member.card_no),
        ("入会日期", member.joined_on.isoformat(), "会员编号", member.member_no),
        (
            "工会小组",
            member.group.name if member.group_id and member.group else "",
            "会籍状态",
            member.get_status_display(),
        ),
        (
            "退休日期",
            _display(member, "retirement_date"),
            "月工资（元）",
            f"{member.monthly_wage:,.2f}",
        ),
        ("家庭住址", member.address, "", ""),
    ]


def registration_pdf(*, member: Member, union_name: str, id_number: str, phone: str) -> bytes:
    """会员登记表: the member's record as the national real-name collection asks for it.
    ``id_number`` and ``phone`` come in already masked or not, as the reader may see them."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    cell = ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=14)
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=1)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title="会员登记表",
        author=union_name,
    )
    data = [
        [Paragraph(pdf_text(v), cell) for v in row]
        for row in _rows(member, id_number=id_number, phone=phone)
    ]
    table = Table(data, colWidths=[28 * mm, 57 * mm, 28 * mm, 57 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ("BACKGROUND", (2, 0), (2, -2), colors.HexColor("#f2f2f2")),
                ("SPAN", (1, -1), (3, -1)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story = [
        Paragraph("会员登记表", title),
        Spacer(1, 4 * mm),
        Paragraph(pdf_text(f"工会名称：{union_name}"), small),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 10 * mm),
        Paragraph(
            "本人签名：＿＿＿＿＿＿　　　　工会（盖章）　　　　填表日期："
            + timezone.localdate().isoformat(),
            small,
        ),
    ]
    doc.build(story)
    return buf.getvalue()
