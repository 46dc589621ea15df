"""The arrears statement (欠缴记录): every notice, reminder, payment, adjustment and refund
of a union's dues in order, the record the federation brings to court (Trade Union Law
art. 43, payment order)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from federation.dues import selectors, statute
from federation.dues.documents._pdf import P, T, build, grid, money, style
from federation.dues.models import DuesNotice
from tenants.models import Union

Row = list[Any]


def _header(union: Union, outstanding: Any, body: ParagraphStyle) -> list[Flowable]:
    small = style("s", 8.5, 12)
    return [
        Paragraph(_("Union funds arrears statement"), style("t", 16, 22)),
        T(
            _("Union: %(name)s　Credit code: %(code)s"),
            {"name": union.name, "code": union.credit_code or "-"},
            body,
        ),
        T(
            _("Printed at %(at)s　Outstanding: %(amount)s CNY"),
            {"at": f"{timezone.localtime():%Y-%m-%d %H:%M}", "amount": money(outstanding)},
            body,
        ),
        P(
            statute.cite_payment_order()
            + " "
            + _(
                "This statement lists every notice, reminder, payment and adjustment of the "
                "union funds recorded by the federation."
            ),
            small,
        ),
        Spacer(1, 6 * mm),
    ]


def _notices_table(notices: list[DuesNotice]) -> Table:
    head = [
        _("Notice"),
        _("Period"),
        _("Due date"),
        _("Payroll"),
        _("Amount due"),
        _("Paid"),
        _("Balance"),
        _("Status"),
    ]
    rows: list[Row] = [head] + [
        [
            n.number,
            n.period,
            str(n.due_date),
            money(n.payroll_total),
            money(n.amount_due),
            money(n.amount_paid),
            money(n.balance),
            n.get_status_display(),
        ]
        for n in notices
    ]
    return Table(rows, repeatRows=1, style=grid(right=(3, 6)))


def _issued(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    detail = _("payroll %(p)s × rate %(r)s") % {"p": money(n.payroll_total), "r": f"{n.rate:.2%}"}
    return _("Notice issued"), money(n.amount_issued), detail


def _reminded(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    return _("Reminder sent"), money(obj.outstanding), P(obj.email or _("in-app notice"), small)


def _paid(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    ref = P(_("reference %(ref)s") % {"ref": obj.reference}, small)
    return _("Payment received"), money(obj.amount), ref


def _adjusted(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    text = f"{money(obj.old_amount)} → {money(obj.new_amount)} {obj.reason}"
    return _("Adjustment"), f"{obj.delta:+,.2f}", P(text, small)


def _refunded(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    ref = P(_("reference %(ref)s") % {"ref": obj.reference}, small)
    return _("Refund (small or micro enterprise)"), money(obj.amount), ref


def _credit_out(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    return _("Overpayment carried as a credit"), money(obj.amount), ""


def _credit_in(n: DuesNotice, obj: Any, small: ParagraphStyle) -> tuple[str, str, Any]:
    detail = _("from %(notice)s") % {"notice": obj.source.number}
    return _("Credit applied"), money(obj.amount), detail


EVENT_ROWS: dict[str, Callable[[DuesNotice, Any, ParagraphStyle], tuple[str, str, Any]]] = {
    "notice": _issued,
    "reminder": _reminded,
    "payment": _paid,
    "adjustment": _adjusted,
    "refund": _refunded,
    "credit_out": _credit_out,
    "credit_in": _credit_in,
}


def _history_table(notices: list[DuesNotice]) -> Table:
    small = style("s", 8.5, 12)
    rows: list[Row] = [[_("Date"), _("Notice"), _("Event"), _("Amount"), _("Details")]]
    for n in notices:
        for item in selectors.notice_history(notice=n):
            event, amount, detail = EVENT_ROWS[item["kind"]](n, item["obj"], small)
            rows.append([str(item["on"]), n.number, event, amount, detail])
    return Table(
        rows,
        repeatRows=1,
        style=grid(right=(3, 3)),
        colWidths=[22 * mm, 18 * mm, 40 * mm, 25 * mm, 75 * mm],
    )


def arrears_pdf(*, union: Union) -> bytes:
    """Every notice of the union with its whole history, and the outstanding balance."""
    record = selectors.arrears_record(union=union)
    body = style("b", 9.5, 14)
    story: list[Flowable] = [
        *_header(union, record["outstanding"], body),
        Paragraph(_("Notices"), body),
        _notices_table(record["notices"]),
        Spacer(1, 5 * mm),
        Paragraph(_("History of the debt"), body),
        _history_table(record["notices"]),
    ]
    return build(story, title=_("Union funds arrears statement"))
