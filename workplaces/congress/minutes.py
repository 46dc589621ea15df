"""The minutes of a congress session (会议纪要): the text the officers record with the
session, and the printed minutes: the session and its headcount, attendance from the
roster, motions with their votes and resolutions, the documents, and the proposals'
handling report the session heard. An A4 PDF; every user value goes through ``pdf_text``
before it reaches a ReportLab Paragraph."""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.safety import pdf_cell, pdf_table, pdf_text
from tenants.context import union_side
from workplaces.congress.audit_kinds import CongressAuditKind
from workplaces.congress.models import Session
from workplaces.congress.report import report_line, session_proposals_report
from workplaces.congress.services import _slug, _text

MINUTES_MAX = 20_000


@union_side
@transaction.atomic
def session_minutes_write(*, session: Session, minutes: str, actor: Actor) -> Session:
    """Record (or correct) the minutes text of a session; the change is audited with the
    text before and after."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = snapshot(session, ["minutes"])
    session.minutes = _text(minutes, "minutes", MINUTES_MAX, required=False)
    session.save(update_fields=["minutes"])
    audit_record(
        actor=actor,
        kind=CongressAuditKind.SESSION_MINUTES,
        obj=session,
        before=before,
        after=snapshot(session, ["minutes"]),
        union_slug=_slug(),
    )
    return session


def _table(rows: list[list[Any]], widths: list[float], style: Any) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    table = pdf_table(
        [[pdf_cell(c, style) for c in row] for row in rows],
        col_widths=widths,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    return table


@union_side
def session_minutes_pdf(*, session: Session) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from federation.homes.documents import cjk_font
    from workplaces.organization.common import this_union

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22, alignment=1)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8)
    quorate = {True: _("quorate"), False: _("not quorate")}
    story: list[Any] = [
        Paragraph(f"{pdf_text(this_union().name)} {pdf_text(session.title)}", h1),
        Paragraph(pdf_text(_("Session minutes")), h1),
        Spacer(1, 4 * mm),
        Paragraph(
            pdf_text(
                _("%(kind)s, held on %(on)s: %(present)s of %(total)s delegates present, %(q)s.")
                % {
                    "kind": session.get_kind_display(),
                    "on": session.held_on.isoformat(),
                    "present": session.delegates_present,
                    "total": session.delegates_total,
                    "q": quorate[session.quorate],
                }
            ),
            body,
        ),
    ]
    if session.minutes:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(pdf_text(session.minutes), body))
    attendance = list(session.attendance.select_related("delegate").order_by("delegate_id"))
    if attendance:
        story.append(Paragraph(pdf_text(_("Attendance")), h2))
        for present in (True, False):
            names = "、".join(a.delegate.name for a in attendance if a.present is present)
            label = _("Present") if present else _("Absent")
            story.append(Paragraph(pdf_text(f"{label}：{names or '—'}"), body))
    story.append(Paragraph(pdf_text(_("Motions and resolutions")), h2))
    motions = [
        [
            m.title + (f"\n{m.resolution}" if m.resolution else ""),
            m.yes,
            m.no,
            m.abstain,
            _("Passed") if m.passed else _("Not passed"),
        ]
        for m in session.motions.all()
    ]
    if motions:
        head = [_("Motion"), _("In favour"), _("Against"), _("Abstain"), _("Result")]
        widths = [95 * mm, 18 * mm, 18 * mm, 18 * mm, 30 * mm]
        story.append(_table([head, *motions], widths, body))
    else:
        story.append(Paragraph(pdf_text(_("No motions yet.")), body))
    documents = [d.title for d in session.documents.all()]
    if documents:
        story.append(Paragraph(pdf_text(_("Documents")), h2))
        story.append(Paragraph(pdf_text("；".join(documents)), body))
    report = session_proposals_report(session=session)
    story.append(Paragraph(pdf_text(_("Proposals' handling report")), h2))
    story.append(Paragraph(pdf_text(report_line(report)), body))
    if report["answered"]:
        head = [_("No."), _("Proposal title"), _("Department"), _("Answered on"), _("Satisfaction")]
        rows = [
            [
                r["number"],
                r["title"],
                r["department"],
                r["answered_on"].isoformat(),
                r["satisfaction_label"] or _("Not rated"),
            ]
            for r in report["answered"]
        ]
        widths = [12 * mm, 80 * mm, 35 * mm, 24 * mm, 28 * mm]
        story.append(_table([head, *rows], widths, body))
    if report["in_hand"]:
        names = "；".join(
            f"{r['number']} {r['title']}（{r['department']}）" for r in report["in_hand"]
        )
        story.append(Paragraph(pdf_text(_("Still in hand: %(list)s") % {"list": names}), body))
    buf = io.BytesIO()
    SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=session.title[:100]
    ).build(story)
    return buf.getvalue()
