"""The dues cycle: one notice per payer and period, issued from its declaration.

Idempotent by constraint: the unique (union, period) / (target, period) decides, so a second
run, a retried task or two cycles at once never make a second notice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.dues import rules, selectors
from federation.dues.kinds import DuesAuditKind
from federation.dues.models import (
    CollectionMode,
    DuesCredit,
    DuesNotice,
    DuesPolicy,
    PayrollDeclaration,
    TargetStatus,
    UnionDuesSettings,
)
from federation.dues.periods import Period
from federation.dues.services._common import NOTICE_FIELDS, as_period, audit_many, today
from federation.dues.services.credits import credits_apply
from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot
from federation.platform.outbox.services import message_enqueue
from tenants.context import federation_side
from tenants.models import Union

Made = tuple[int, int | None, int | None]  # (notice id, union id, target id)


def _notice_for(
    *, decl: PayrollDeclaration, policy: DuesPolicy, period: Period, mode: str, now: dt.datetime
) -> DuesNotice:
    amount = rules.notice_amount(
        payroll_total=decl.payroll_total,
        rate=policy.rate,
        mode=mode,
        upper_share=policy.upper_share,
    )
    due = period.due_date(policy.due_day)
    grace = due + dt.timedelta(days=policy.grace_days)
    status = rules.initial_status(amount=amount, grace_until=grace, today=today())
    return DuesNotice(
        union_id=decl.union_id,
        target_id=decl.target_id,
        declaration=decl,
        policy=policy if policy.pk else None,
        period=period.code,
        period_start=period.start,
        collection_mode=mode,
        payroll_total=decl.payroll_total,
        rate=policy.rate,
        workplace_share=policy.workplace_share,
        upper_share=policy.upper_share,
        city_share=policy.city_share,
        amount_issued=amount,
        amount_due=amount,
        amount_paid=Decimal("0.00"),
        status=status,
        due_date=due,
        grace_until=grace,
        reminders_sent=0,
        issued_at=now,
        overdue_since=today() if status == rules.OVERDUE else None,
    )


def _insert_ignoring_conflicts(notices: list[DuesNotice]) -> list[Made]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: the unique constraints decide. Returns
    the rows made by this call."""
    if not notices:
        return []
    fields = [f for f in DuesNotice._meta.concrete_fields if not f.primary_key]
    cols = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(DuesNotice._meta.db_table)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    made: list[Made] = []
    with connection.cursor() as cur:
        for start in range(0, len(notices), 500):
            chunk = notices[start : start + 500]
            params: list[Any] = []
            for obj in chunk:
                params += [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
            cur.execute(
                f"INSERT INTO public.{table} ({cols}) VALUES {', '.join([row_sql] * len(chunk))} "  # noqa: S608 - names from the model
                "ON CONFLICT DO NOTHING RETURNING id, union_id, target_id",
                params,
            )
            made += [tuple(row) for row in cur.fetchall()]  # type: ignore[misc]
    return made


def _issue(*, decls: list[PayrollDeclaration], period: Period, actor: Actor) -> list[int]:
    """Notices for these declarations; one audit event per notice made, written in bulk."""
    if not decls:
        return []
    policy = selectors.policy_for_period(period=period)
    modes = dict(
        UnionDuesSettings.objects.filter(
            union_id__in=[d.union_id for d in decls if d.union_id]
        ).values_list("union_id", "collection_mode")
    )
    now = timezone.now()
    notices = [
        _notice_for(
            decl=d,
            policy=policy,
            period=period,
            mode=CollectionMode.PREPARATORY
            if d.target_id
            else modes.get(d.union_id or 0, CollectionMode.FULL),
            now=now,
        )
        for d in decls
    ]
    made = _insert_ignoring_conflicts(notices)
    by_key = {(n.union_id, n.target_id): n for n in notices}
    slugs = dict(
        Union.objects.filter(pk__in=[u for _i, u, _t in made if u]).values_list("pk", "slug")
    )
    audit_many(
        actor=actor,
        kind=DuesAuditKind.NOTICE_ISSUED,
        rows=[
            {
                "object_type": "dues.duesnotice",
                "object_id": pk,
                "union_slug": slugs.get(union_id, "") if union_id else "",
                "after": snapshot(by_key[(union_id, target_id)], NOTICE_FIELDS),
            }
            for pk, union_id, target_id in made
        ],
    )
    made_ids = [pk for pk, _u, _t in made]
    if made_ids and DuesCredit.objects.filter(applied_to__isnull=True).exists():
        credits_apply(notice_ids=made_ids, actor=actor)
    return made_ids


def _cycle_check(p: Period) -> None:
    policy = selectors.policy_for_period(period=p)
    if p.kind != policy.period_kind:
        msg = _("The rule table in force bills %(kind)s for this period.") % {
            "kind": policy.get_period_kind_display()
        }
        raise ValidationError({"period": [msg]}, code="period_kind")
    if p.end >= today():
        raise ValidationError(
            {"period": [_("A period is billed after it has ended.")]}, code="period_open"
        )


@federation_side
@transaction.atomic(durable=True)
def dues_cycle_run(*, period: Period | str, actor: Actor = None) -> dict[str, Any]:
    """Issue one notice per union (and organizing target) with a declaration for ``period``.

    Unions without a declaration are listed, never billed (a notice is never invented)."""
    p = as_period(period)
    _cycle_check(p)
    billable = selectors.unions_billable().values("pk")
    declared = PayrollDeclaration.objects.filter(period=p.code).filter(
        Q(union__in=billable) | Q(target__status=TargetStatus.ACTIVE)
    )
    total = declared.count()
    # only declarations without a notice are read, locked: a correction committing meanwhile
    # cannot leave a notice with the old payroll
    pending = declared.filter(notice__isnull=True).select_for_update(of=("self",)).order_by("pk")
    created = _issue(decls=list(pending), period=p, actor=actor)
    return {
        "period": p.code,
        "notices_created": len(created),
        "notices_existing": total - len(created),
        "missing_declarations": selectors.missing_declarations(period=p),
    }


@transaction.atomic
def notice_issue(
    *, union: Union, period: Period | str, actor: Actor = None
) -> tuple[DuesNotice | None, bool]:
    """One union's notice for ``period`` (the per-union task of the beat cycle); idempotent."""
    p = as_period(period)
    decl = PayrollDeclaration.objects.select_for_update().filter(union=union, period=p.code).first()
    if decl is None:
        return None, False
    created = _issue(decls=[decl], period=p, actor=actor)
    return DuesNotice.objects.get(union=union, period=p.code), bool(created)


@transaction.atomic(durable=True)
def notices_issue_pending(*, union: Union, actor: Actor = None) -> int:
    """Bill the union's declarations of ended periods that have no notice yet (late ones)."""
    pending = [
        d
        for d in PayrollDeclaration.objects.filter(union=union, notice__isnull=True)
        .select_for_update(of=("self",))
        .order_by("pk")
        if as_period(d.period).end < today()
    ]
    return sum(len(_issue(decls=[d], period=as_period(d.period), actor=actor)) for d in pending)


@transaction.atomic(durable=True)
def target_notices_issue_pending(*, actor: Actor = None) -> int:
    """Bill the organizing targets' declarations of ended periods that have no notice yet:
    the beat's monthly cycle and daily job run this beside the per-union tasks (筹备金)."""
    pending = [
        d
        for d in PayrollDeclaration.objects.filter(
            target__status=TargetStatus.ACTIVE, notice__isnull=True
        )
        .select_for_update(of=("self",))
        .order_by("pk")
        if as_period(d.period).end < today()
    ]
    return sum(len(_issue(decls=[d], period=as_period(d.period), actor=actor)) for d in pending)


def declaration_missing_remind(*, union: Union, period: Period | str) -> bool:
    """Ask a union that has not declared for an ended period to declare (once per period)."""
    p = as_period(period)
    if PayrollDeclaration.objects.filter(union=union, period=p.code).exists():
        return False
    made = message_enqueue(
        union=union,
        kind="dues.declaration_missing",
        subject=_("Please declare your payroll for %(period)s") % {"period": p.code},
        body=_(
            "The federation has no payroll declaration of your union for %(period)s. "
            "Please declare the payroll total and headcount on the union funds page."
        )
        % {"period": p.code},
        dedupe_key=f"dues-missing:{union.slug}:{p.code}",
        email=selectors.union_settings(union=union).contact_email,
        link="/dues/",
    )
    return bool(made)
