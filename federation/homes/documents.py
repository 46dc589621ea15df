"""The certificate (PDF) and the township overview (xlsx).

The certificate embeds WenQuanYi Micro Hei (a TrueType CJK font installed from PyPI with
the ``paperang-p2-fonts-cjk`` package), so Chinese renders the same on every reader; without
that package it falls back to reportlab's built-in CID font STSong-Light (not embedded).
"""

from __future__ import annotations

import io
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes.models import Title

CID_FALLBACK = "STSong-Light"
EMBEDDED = "WenQuanYiMicroHei"


@cache
def cjk_font() -> str:
    """Register and return the name of the CJK font to use."""
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


def certificate_pdf(*, title: Title) -> bytes:
    """An A4 landscape certificate: union, level (with stars where the scheme uses them),
    round, score, certificate number, award and re-check dates, issuing federation."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    from tenants.selectors import federation_tenant

    font = cjk_font()
    buf = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setTitle(f"{_('Staff home certificate')} {title.number}")
    c.setAuthor(federation_tenant().name)
    red = colors.HexColor("#b71c1c")
    gold = colors.HexColor("#c9a227")
    c.setStrokeColor(red)
    c.setLineWidth(6)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setStrokeColor(gold)
    c.setLineWidth(1.5)
    c.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)

    c.setFillColor(red)
    c.setFont(font, 40)
    c.drawCentredString(width / 2, height - 55 * mm, "荣 誉 证 书")
    c.setFillColor(colors.black)
    c.setFont(font, 18)
    c.drawCentredString(width / 2, height - 80 * mm, title.union.name)
    c.setFont(font, 14)
    level = title.level
    honour = f"{level.name}职工之家" if "职工之家" not in level.name else level.name
    if level.stars:
        honour = f"{'★' * level.stars}（{level.stars}星级）职工之家"
    score = title.assessment.score
    text = f"在“{title.round.title}”中，经验收评定为"
    c.drawCentredString(width / 2, height - 98 * mm, text)
    c.setFillColor(red)
    c.setFont(font, 30)
    c.drawCentredString(width / 2, height - 118 * mm, honour)
    c.setFillColor(colors.black)
    c.setFont(font, 12)
    c.drawCentredString(
        width / 2,
        height - 134 * mm,
        f"验收得分：{score:.2f}　　特发此证，以资鼓励。"
        if score is not None
        else "特发此证，以资鼓励。",
    )

    c.setFont(font, 11)
    left = 30 * mm
    c.drawString(left, 40 * mm, f"证书编号：{title.number}")
    c.drawString(left, 33 * mm, f"授予日期：{title.awarded_on:%Y年%m月%d日}")
    c.drawString(
        left,
        26 * mm,
        f"复核日期：{title.recheck_due:%Y年%m月%d日}前（逾期未复核或复核不合格的，撤销称号）",
    )
    c.setFont(font, 14)
    c.drawRightString(width - 35 * mm, 40 * mm, federation_tenant().name)
    c.setFont(font, 11)
    c.drawRightString(width - 35 * mm, 33 * mm, f"{title.awarded_on:%Y年%m月%d日}")
    # a seal-like ring over the issuer's name, as on a stamped certificate (drawn, no image asset)
    issuer = federation_tenant().name
    cx = width - 35 * mm - pdfmetrics.stringWidth(issuer, font, 14) / 2
    c.saveState()
    c.setStrokeAlpha(0.55)
    c.setFillAlpha(0.55)
    c.setStrokeColor(red)
    c.setFillColor(red)
    c.setLineWidth(2)
    c.circle(cx, 38 * mm, 16 * mm)
    c.setFont(font, 18)
    c.drawCentredString(cx, 36 * mm, "★")
    c.setFont(font, 7)
    c.drawCentredString(cx, 27 * mm, "职工之家验收专用")
    c.restoreState()
    if title.withdrawn_on:
        c.saveState()
        c.setFillColor(red)
        c.setFillAlpha(0.25)
        c.setFont(font, 64)
        c.translate(width / 2, height / 2)
        c.rotate(25)
        c.drawCentredString(0, 0, f"已撤销 {title.withdrawn_on:%Y-%m-%d}")
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def overview_xlsx(*, overview: dict) -> bytes:
    """The township overview as a workbook: titles, per level, expiring, returned."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Titles")[:31]
    ws.append(
        [
            _("Union"),
            _("Address"),
            _("Level"),
            _("Certificate number"),
            _("Round"),
            _("Awarded on"),
            _("Re-check due"),
            _("Score"),
        ]
    )
    for t in overview["titles"]:
        ws.append(
            [
                t.union.name,
                t.union.slug,
                t.level.name,
                t.number,
                t.round.title,
                t.awarded_on,
                t.recheck_due,
                t.assessment.score,
            ]
        )
        ws.cell(row=ws.max_row, column=8).number_format = "0.00"
    _bold(ws, Font)
    ws2 = wb.create_sheet(_("Per level")[:31])
    ws2.append([_("Level"), _("Unions")])
    for name, n in overview["levels"].items():
        ws2.append([name, n])
    ws2.append([_("Without a title"), max(overview["unions"] - overview["titled"], 0)])
    _bold(ws2, Font)
    ws3 = wb.create_sheet(_("Expiring in 90 days")[:31])
    ws3.append([_("Union"), _("Level"), _("Re-check due")])
    for t in overview["expiring"]:
        ws3.append([t.union.name, t.level.name, t.recheck_due])
    _bold(ws3, Font)
    ws4 = wb.create_sheet(_("Returned")[:31])
    ws4.append([_("Union"), _("Round"), _("Reason"), _("New deadline")])
    for r in overview["returned"]:
        a = r["assessment"]
        ws4.append([a.union.name, a.round.title, r["reason"], a.effective_deadline])
    _bold(ws4, Font)
    for sheet in wb.worksheets:
        for col, width in zip("ABCDEFGH", (36, 18, 14, 22, 30, 14, 14, 10), strict=True):
            sheet.column_dimensions[col].width = width
    ws.append([])
    ws.append([_("As of"), timezone.localdate()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _bold(ws, font_cls) -> None:
    for cell in ws[1]:
        cell.font = font_cls(bold=True)


def evidence_zip(*, assessment):
    """Every evidence file of an assessment in one zip, by criterion, with the self-assessment
    as a CSV sheet (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    import csv
    import tempfile
    import zipfile

    out = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        sheet = io.StringIO()
        writer = csv.writer(sheet)
        writer.writerow(
            [_("Code"), _("Category"), _("Criterion"), _("Points"), _("Self score"), _("Evidence")]
        )
        for item in assessment.items.select_related("criterion").order_by("criterion__order"):
            c = item.criterion
            writer.writerow(
                [c.code, c.category, c.title, c.max_points, item.self_score, item.evidence]
            )
        zf.writestr("self-assessment.csv", "\ufeff" + sheet.getvalue())
        for f in assessment.files.select_related("item__criterion").order_by("id"):
            folder = f.item.criterion.code if f.item_id else "general"
            name = f"{folder}/{f.original_name}"
            n = 1
            while name in used:
                n += 1
                stem, dot, ext = f.original_name.rpartition(".")
                name = f"{folder}/{stem or ext}-{n}{dot}{ext if stem else ''}"
            used.add(name)
            try:
                with f.file.open("rb") as handle:
                    zf.writestr(name, handle.read())
            except FileNotFoundError:
                continue
    out.seek(0)
    return out


def self_assessment_pdf(*, assessment, vetoes: list[dict]) -> bytes:
    """The self-assessment as a printable form (自评表): every criterion with the self score
    and evidence, the totals, the approval rate and the veto checks, with lines for the
    chair's signature and the union's seal, for the on-site check."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    title_style = ParagraphStyle("t", fontName=font, fontSize=15, leading=21, alignment=1)
    body = ParagraphStyle("b", fontName=font, fontSize=9.5, leading=14)
    small = ParagraphStyle("s", fontName=font, fontSize=8.5, leading=12)
    a = assessment
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"{a.round.title} 自评表",
    )
    status = a.get_status_display()
    story = [
        Paragraph(f"{a.round.title}<br/>职工之家建设自评表", title_style),
        Spacer(1, 4 * mm),
        Paragraph(f"工会：{a.union.name}　　验收标准：{a.round.scheme}　　状态：{status}", body),
        Paragraph(
            f"截止日期：{a.effective_deadline}　　打印时间：{timezone.localtime():%Y-%m-%d %H:%M}",
            body,
        ),
        Spacer(1, 3 * mm),
    ]
    rows = [["编号", "验收项目", "分值", "自评分", "佐证材料"]]
    files_by_item: dict = {}
    for f in a.files.all():
        files_by_item.setdefault(f.item_id, []).append(f.original_name)
    for item in a.items.select_related("criterion").order_by("criterion__order"):
        c = item.criterion
        evidence = item.evidence or ""
        if files_by_item.get(item.pk):
            evidence += ("<br/>" if evidence else "") + "附件：" + "、".join(files_by_item[item.pk])
        rows.append(
            [
                c.code,
                Paragraph(f"［{c.category}］{c.title}{'（必备）' if c.mandatory else ''}", small),
                f"{c.max_points:.2f}",
                "" if item.self_score is None else f"{item.self_score:.2f}",
                Paragraph(evidence.replace("\n", "<br/>") or "—", small),
            ]
        )
    rows.append(
        [
            "",
            Paragraph("合计", small),
            f"{a.round.scheme.total_points:.2f}",
            f"{a.self_total:.2f}",
            "",
        ]
    )
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
    story.append(
        Table(
            rows, repeatRows=1, style=style, colWidths=[13 * mm, 78 * mm, 14 * mm, 15 * mm, 62 * mm]
        )
    )
    story.append(Spacer(1, 4 * mm))
    rate = "—" if a.approval_rate is None else f"{a.approval_rate:.2f}%"
    story.append(Paragraph(f"会员满意度测评：{rate}　{a.survey_note}", body))
    story.append(Spacer(1, 2 * mm))
    labels = {"pass": "通过", "fail": "未通过", "no_data": "无数据（现场核查）"}
    story.append(Paragraph("一票否决项核查：", body))
    for v in vetoes:
        story.append(
            Paragraph(
                f"· {v['label']}：{labels.get(v['status'], v['status'])}。{v['reason']}", small
            )
        )
    story.append(Spacer(1, 12 * mm))
    story.append(
        Paragraph(
            "工会主席（签字）：____________　　　　工会（盖章）　　　　日期：____________", body
        )
    )
    doc.build(story)
    return buf.getvalue()
