"""Payroll declarations (工资总额申报) and their corrections.

A correction before payment recomputes the notice; after payment it is an ``Adjustment``
(never a silent change); an overpayment it leaves becomes a credit (DESIGN.md)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import rules, selectors
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import (
    Adjustment,
    DuesNotice,
    NoticeStatus,
    OrganizingTarget,
    PayrollDeclaration,
    Refund,
)
from federation.dues.periods import Period
from federation.dues.services._common import (
    DECLARATION_FIELDS,
    NOTICE_FIELDS,
    as_money,
    as_period,
    audit,
    today,
)
from federation.dues.services.credits import credit_carry
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from tenants import facts
from tenants.models import Union

PER_HEAD_MAX = Decimal("1000000.00")  # a monthly payroll above this per employee is a typo
HEADCOUNT_MAX = 1_000_000


def _declaration_check(*, period: Period, payroll: Decimal, headcount: int) -> None:
    """The rules a declaration must follow beyond its types: the rule table's period kind,
    a period that has started, a payroll plausible for the headcount."""
    errors: dict[str, list[ValidationError]] = {}
    policy = selectors.policy_for_period(period=period)
    if period.kind != policy.period_kind:
        msg = _("The rule table in force declares %(kind)s for this period.") % {
            "kind": policy.get_period_kind_display()
        }
        errors["period"] = [ValidationError(msg, code="period_kind")]
    elif period.start > today():
        errors["period"] = [
            ValidationError(_("This period has not started yet."), code="period_future")
        ]
    if payroll < 0:
        errors["payroll_total"] = [
            ValidationError(_("The payroll cannot be negative."), code="min_value")
        ]
    elif headcount and payroll / headcount > PER_HEAD_MAX:
        errors["payroll_total"] = [
            ValidationError(
                _("The payroll is not plausible for the headcount."), code="implausible"
            )
        ]
    if payroll > 0 and headcount == 0:
        errors["headcount"] = [
            ValidationError(_("Give the number of employees the payroll is for."), code="required")
        ]
    if errors:
        raise ValidationError(errors)


def _count(value: int | str) -> int:
    """The headcount (the door hands in an int; a script may pass its text)."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if not 0 <= count <= HEADCOUNT_MAX:
        raise ValidationError(
            {
                "headcount": [
                    _("Give a number from %(min)s to %(max)s.") % {"min": 0, "max": HEADCOUNT_MAX}
                ]
            },
            code="invalid",
        )
    return count


def _headcount_push(*, union: Union | None) -> None:
    """The headcount of the union's latest declaration is a fact the federation's membership
    share reads (``tenants.selectors.employees_effective``): as of the period's last day."""
    if union is None:
        return
    latest = PayrollDeclaration.objects.filter(union=union).order_by("-period_start", "-pk").first()
    if latest is None:
        return
    end = as_period(latest.period).end
    facts.fact_push(
        union=union,
        key="dues.headcount",
        value={"headcount": latest.headcount, "as_of": end.isoformat()},
    )


@transaction.atomic
def declaration_submit(
    *,
    period: Period | str,
    payroll_total: Decimal,
    headcount: int,
    actor: Actor,
    union: Union | None = None,
    target: OrganizingTarget | None = None,
) -> PayrollDeclaration:
    """A union's finance officer (or the federation, for an organizing target) declares the
    payroll total of a period: once (a second one is a conflict; correct it instead)."""
    p = as_period(period)
    payroll = as_money(payroll_total, field="payroll_total")
    count = _count(headcount)
    _declaration_check(period=p, payroll=payroll, headcount=count)
    decl = PayrollDeclaration(
        union=union,
        target=target,
        period=p.code,
        period_start=p.start,
        payroll_total=payroll,
        headcount=count,
        declared_by=actor_label(actor),
    )
    try:
        with transaction.atomic():
            decl.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("A declaration for this period exists; correct it instead."), code="declared"
        ) from None
    audit(
        actor=actor,
        kind=DuesAuditKind.DECLARATION_SUBMITTED,
        obj=decl,
        after=snapshot(decl, DECLARATION_FIELDS),
        union_slug=union.slug if union else "",
    )
    _headcount_push(union=union)
    return decl


def _closed_check(notice: DuesNotice | None) -> None:
    if notice is not None and (
        notice.status == NoticeStatus.WAIVED or Refund.objects.filter(notice=notice).exists()
    ):
        raise ValidationError(
            {
                "payroll_total": [
                    _("This period is closed (waived or refunded); it cannot be corrected.")
                ]
            },
            code="closed",
        )


@transaction.atomic(durable=True)
def declaration_correct(
    *,
    declaration: PayrollDeclaration,
    payroll_total: Decimal,
    headcount: int,
    actor: Actor,
    reason: str = "",
) -> PayrollDeclaration:
    """Correct a declaration. While its notice is unpaid the notice is recomputed; once money
    was paid the change is an ``Adjustment`` of the notice (never a silent change)."""
    decl = PayrollDeclaration.objects.select_for_update().get(pk=declaration.pk)
    payroll = as_money(payroll_total, field="payroll_total")
    count = _count(headcount)
    _declaration_check(period=as_period(decl.period), payroll=payroll, headcount=count)
    notice = DuesNotice.objects.select_for_update().filter(declaration=decl).first()
    _closed_check(notice)
    before = snapshot(decl, DECLARATION_FIELDS)
    decl.payroll_total = payroll
    decl.headcount = count
    decl.corrected_at = timezone.now()
    decl.corrections = F("corrections") + 1  # type: ignore[assignment]
    decl.save()
    decl.refresh_from_db()
    slug = decl.union.slug if decl.union_id and decl.union else ""
    audit(
        actor=actor,
        kind=DuesAuditKind.DECLARATION_CORRECTED,
        obj=decl,
        before=before,
        after=snapshot(decl, DECLARATION_FIELDS),
        union_slug=slug,
        note=reason[:500],
    )
    _headcount_push(union=decl.union)
    if notice is not None:
        _notice_follow(notice=notice, payroll=payroll, reason=reason, actor=actor, slug=slug)
        if notice.amount_paid > notice.amount_due:
            credit_carry(notice=notice, actor=actor)
    return decl


def _notice_follow(
    *, notice: DuesNotice, payroll: Decimal, reason: str, actor: Actor, slug: str
) -> None:
    """The notice follows a corrected payroll: recomputed before payment, adjusted after."""
    new_amount = rules.notice_amount(
        payroll_total=payroll,
        rate=notice.rate,
        mode=notice.collection_mode,
        upper_share=notice.upper_share,
    )
    before = snapshot(notice, NOTICE_FIELDS)
    if notice.amount_paid == 0 and not notice.adjustments.exists():
        notice.payroll_total = payroll
        notice.amount_issued = new_amount
        notice.amount_due = new_amount
        notice.status = _status(notice)
        notice.save()
        audit(
            actor=actor,
            kind=DuesAuditKind.NOTICE_RECOMPUTED,
            obj=notice,
            before=before,
            after=snapshot(notice, NOTICE_FIELDS),
            union_slug=slug,
        )
        return
    adj = Adjustment.objects.create(
        notice=notice,
        old_payroll=notice.payroll_total,
        new_payroll=payroll,
        old_amount=notice.amount_due,
        new_amount=new_amount,
        delta=new_amount - notice.amount_due,
        reason=reason[:300],
        created_by=actor_label(actor),
    )
    notice.payroll_total = payroll
    notice.amount_due = new_amount
    notice.status = _status(notice)
    notice.save()
    audit(
        actor=actor,
        kind=DuesAuditKind.NOTICE_ADJUSTED,
        obj=adj,
        before=before,
        after={**snapshot(notice, NOTICE_FIELDS), "delta": adj.delta},
        union_slug=slug,
    )


def _status(notice: DuesNotice) -> str:
    return rules.notice_status_for(
        status=notice.status,
        amount_due=notice.amount_due,
        amount_paid=notice.amount_paid,
        grace_until=notice.grace_until,
        today=today(),
    )
