"""Writes of the union funds. Each money change is audited in the same transaction.

Rules: ../shared/DESIGN.md "Union funds" (Trade Union Law art. 43: 2% of the monthly
payroll; art. 44: arrears may be taken to court, so the dunning record is kept whole).
The numbers come from the federation's rule table (``DuesPolicy``), never from code.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from federation.dues import selectors
from federation.dues.models import (
    Adjustment,
    CollectionMode,
    DuesNotice,
    DuesPolicy,
    NoticeStatus,
    OrganizingTarget,
    Payment,
    PayrollDeclaration,
    PeriodKind,
    Refund,
    Reminder,
    Remittance,
    RemittanceKind,
    TargetStatus,
    UnionDuesSettings,
)
from federation.dues.money import int_parse, money_parse, quantize_money, share_parse
from federation.dues.periods import Period, period_parse
from federation.platform.audit.models import AuditEvent, AuditKind
from federation.platform.audit.services import audit_record, jsonable, snapshot
from federation.platform.outbox.services import message_enqueue
from tenants.context import federation_side
from tenants.models import Union
from tenants.validators import validate_credit_code

NOTICE_FIELDS = [
    "period",
    "payroll_total",
    "rate",
    "amount_due",
    "amount_paid",
    "status",
    "due_date",
]
DECLARATION_FIELDS = ["period", "payroll_total", "headcount"]
POLICY_FIELDS = [
    "effective_from",
    "effective_to",
    "rate",
    "period_kind",
    "due_day",
    "grace_days",
    "reminder_every_days",
    "workplace_share",
    "upper_share",
    "city_share",
    "small_micro_refund_years",
]
PER_HEAD_MAX = Decimal("1000000.00")  # a monthly payroll above this per employee is a typo
_REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-/.:]{0,63}$")


class DuesConflict(Exception):
    """A write that collides with an existing record (API: 409)."""

    def __init__(self, detail: dict):
        super().__init__(str(detail))
        self.detail = detail


# --- helpers ---------------------------------------------------------------


def _actor_name(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return str(actor) if actor else "system"


def _audit(
    *,
    actor,
    kind,
    obj=None,
    before=None,
    after=None,
    union_slug="",
    note="",
    object_type="",
    object_id="",
):
    """Dues events go to the federation's audit log (public schema), from either host."""
    with schema_context(get_public_schema_name()):
        return audit_record(
            actor=actor,
            kind=kind,
            obj=obj,
            before=before,
            after=after,
            union_slug=union_slug,
            note=note,
            object_type=object_type,
            object_id=object_id,
        )


def _payer_slug(obj) -> str:
    union = getattr(obj, "union", None)
    return union.slug if union else ""


def _today() -> dt.date:
    return timezone.localdate()


def _date_parse(value, *, field: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: [_("Give a date as YYYY-MM-DD.")]}) from None


def _reference_parse(value, *, field: str = "reference") -> str:
    ref = str(value or "").strip()
    if not _REF_RE.match(ref):
        raise ValidationError(
            {field: [_("Give the bank reference: 1 to 64 letters, digits or - _ / . :")]}
        )
    return ref


def notice_amount(
    *, payroll_total: Decimal, rate: Decimal, mode: str, upper_share: Decimal
) -> Decimal:
    """payroll × rate, 0.01 CNY half-up; in split collection only the upper share is billed."""
    if mode == CollectionMode.SPLIT:
        return quantize_money(payroll_total * rate * upper_share)
    return quantize_money(payroll_total * rate)


def notice_status_for(notice: DuesNotice, *, today: dt.date | None = None) -> str:
    today = today or _today()
    if notice.status == NoticeStatus.WAIVED:
        return NoticeStatus.WAIVED
    if notice.amount_paid >= notice.amount_due:
        return NoticeStatus.PAID
    if today > notice.grace_until:
        return NoticeStatus.OVERDUE
    if notice.amount_paid > 0:
        return NoticeStatus.PARTIAL
    return NoticeStatus.ISSUED


# --- the rule table ----------------------------------------------------------


@transaction.atomic
def policy_set(
    *,
    actor,
    rate,
    upper_share,
    due_day,
    grace_days,
    reminder_every_days,
    effective_from=None,
    period_kind: str | None = None,
    city_share=None,
    small_micro_refund_years=None,
) -> DuesPolicy:
    """Add (or amend) the rule row starting on ``effective_from``; earlier rows stay as they were
    for their periods, the row before is closed the day before the new one starts."""
    errors: dict[str, list[str]] = {}
    values: dict = {}
    for field, fn in (
        ("rate", lambda: share_parse(rate, field="rate", allow_zero=False)),
        ("upward_share", lambda: share_parse(upper_share, field="upward_share")),
        ("due_day", lambda: int_parse(due_day, field="due_day", minimum=1, maximum=28)),
        ("grace_days", lambda: int_parse(grace_days, field="grace_days", minimum=0, maximum=365)),
        (
            "reminder_every_days",
            lambda: int_parse(
                reminder_every_days, field="reminder_every_days", minimum=1, maximum=365
            ),
        ),
        ("effective_from", lambda: _date_parse(effective_from or _today(), field="effective_from")),
    ):
        try:
            values[field] = fn()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if city_share is not None:
        try:
            values["city_share"] = share_parse(city_share, field="city_share")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if period_kind is not None and period_kind not in PeriodKind.values:
        errors["period"] = [_("Choose monthly or quarterly.")]
    years = small_micro_refund_years
    if years is not None:
        try:
            years = sorted(
                {
                    int_parse(y, field="small_micro_refund_years", minimum=2000, maximum=2100)
                    for y in years
                }
            )
        except (ValidationError, TypeError):
            errors["small_micro_refund_years"] = [_("Give a list of years such as [2025, 2026].")]
    if "rate" in values and values["rate"] > Decimal("0.1"):
        errors["rate"] = [_("A rate above 0.1000 is not plausible.")]
    if errors:
        raise ValidationError(errors)
    start = values["effective_from"]
    base = selectors.policy_in_force(on=start)
    row = DuesPolicy.objects.select_for_update().filter(effective_from=start).first()
    before = snapshot(row, POLICY_FIELDS) if row else None
    if row is None:
        row = DuesPolicy(effective_from=start)
        for name in POLICY_FIELDS[3:]:
            setattr(row, name, getattr(base, name))
        later = (
            DuesPolicy.objects.filter(effective_from__gt=start).order_by("effective_from").first()
        )
        row.effective_to = later.effective_from - dt.timedelta(days=1) if later else None
        DuesPolicy.objects.filter(effective_from__lt=start).exclude(effective_to__lt=start).update(
            effective_to=start - dt.timedelta(days=1)
        )
    row.rate = values["rate"]
    row.upper_share = values["upward_share"]
    row.workplace_share = Decimal("1.0000") - values["upward_share"]
    row.due_day = values["due_day"]
    row.grace_days = values["grace_days"]
    row.reminder_every_days = values["reminder_every_days"]
    if "city_share" in values:
        row.city_share = values["city_share"]
    if period_kind is not None:
        row.period_kind = period_kind
    if years is not None:
        row.small_micro_refund_years = years
    row.created_by = _actor_name(actor)
    row.save()
    _audit(
        actor=actor,
        kind=AuditKind.POLICY,
        obj=row,
        before=before,
        after=snapshot(row, POLICY_FIELDS),
    )
    return row


@transaction.atomic
def union_settings_set(
    *, union: Union, actor, collection_mode: str, small_micro: bool = False, contact_email: str = ""
) -> UnionDuesSettings:
    """How one union's funds are collected; notices already issued keep the mode they had."""
    if collection_mode not in (CollectionMode.FULL, CollectionMode.SPLIT):
        raise ValidationError({"collection_mode": [_("Choose full or split.")]})
    row, _created = UnionDuesSettings.objects.select_for_update().get_or_create(union=union)
    before = snapshot(row, ["collection_mode", "small_micro", "contact_email"])
    row.collection_mode = collection_mode
    row.small_micro = bool(small_micro)
    row.contact_email = (contact_email or "").strip()
    row.full_clean(exclude=["union"])
    row.save()
    _audit(
        actor=actor,
        kind=AuditKind.POLICY,
        obj=row,
        before=before,
        after=snapshot(row, ["collection_mode", "small_micro", "contact_email"]),
        union_slug=union.slug,
    )
    return row


# --- declarations --------------------------------------------------------------


def _declaration_values(
    *, period, payroll_total, headcount, period_kind: str | None = None
) -> tuple[Period, Decimal, int]:
    errors: dict[str, list[str]] = {}
    p = payroll = count = None
    try:
        p = period_parse(period)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        payroll = money_parse(payroll_total, field="payroll_total", allow_zero=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        count = int_parse(headcount, field="headcount", minimum=0, maximum=1_000_000)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if p is not None:
        policy = selectors.policy_for_period(period=p)
        if p.kind != policy.period_kind:
            errors["period"] = [
                _("The rule table in force declares %(kind)s for this period.")
                % {"kind": policy.get_period_kind_display()}
            ]
        elif p.start > _today():
            errors["period"] = [_("This period has not started yet.")]
    if payroll is not None and count is not None:
        if count and payroll / count > PER_HEAD_MAX:
            errors["payroll_total"] = [_("The payroll is not plausible for the headcount.")]
        if payroll > 0 and count == 0:
            errors["headcount"] = [_("Give the number of employees the payroll is for.")]
    if errors:
        raise ValidationError(errors)
    return p, payroll, count


@transaction.atomic
def declaration_submit(
    *,
    period,
    payroll_total,
    headcount,
    actor,
    union: Union | None = None,
    target: OrganizingTarget | None = None,
) -> PayrollDeclaration:
    """A union's finance officer declares the payroll total of a period (once; then corrections)."""
    p, payroll, count = _declaration_values(
        period=period, payroll_total=payroll_total, headcount=headcount
    )
    decl = PayrollDeclaration(
        union=union,
        target=target,
        period=p.code,
        period_start=p.start,
        payroll_total=payroll,
        headcount=count,
        declared_by=_actor_name(actor),
    )
    try:
        with transaction.atomic():
            decl.save()
    except IntegrityError:
        raise DuesConflict(
            {"period": [_("A declaration for this period exists; correct it instead.")]}
        ) from None
    _audit(
        actor=actor,
        kind=AuditKind.DECLARATION,
        obj=decl,
        after=snapshot(decl, DECLARATION_FIELDS),
        union_slug=union.slug if union else "",
    )
    return decl


@transaction.atomic
def declaration_correct(
    *, declaration: PayrollDeclaration, payroll_total, headcount, actor, reason: str = ""
) -> PayrollDeclaration:
    """Correct a declaration. While its notice is unpaid the notice is recomputed; once money
    was paid the change is an ``Adjustment`` of the notice (never a silent change)."""
    decl = PayrollDeclaration.objects.select_for_update().get(pk=declaration.pk)
    _p, payroll, count = _declaration_values(
        period=decl.period, payroll_total=payroll_total, headcount=headcount
    )
    notice = DuesNotice.objects.select_for_update().filter(declaration=decl).first()
    slug = decl.union.slug if decl.union_id else ""
    if notice is not None and (
        notice.status == NoticeStatus.WAIVED or Refund.objects.filter(notice=notice).exists()
    ):
        raise ValidationError(
            {
                "payroll_total": [
                    _("This period is closed (waived or refunded); it cannot be corrected.")
                ]
            }
        )
    before = snapshot(decl, DECLARATION_FIELDS)
    decl.payroll_total = payroll
    decl.headcount = count
    decl.corrected_at = timezone.now()
    decl.corrections = F("corrections") + 1
    decl.save()
    decl.refresh_from_db()
    _audit(
        actor=actor,
        kind=AuditKind.DECLARATION,
        obj=decl,
        before=before,
        after=snapshot(decl, DECLARATION_FIELDS),
        union_slug=slug,
        note=reason or "correction",
    )
    if notice is None:
        return decl
    new_amount = notice_amount(
        payroll_total=payroll,
        rate=notice.rate,
        mode=notice.collection_mode,
        upper_share=notice.upper_share,
    )
    n_before = snapshot(notice, NOTICE_FIELDS)
    if notice.amount_paid == 0 and not notice.adjustments.exists():
        notice.payroll_total = payroll
        notice.amount_issued = new_amount
        notice.amount_due = new_amount
        notice.status = notice_status_for(notice)
        notice.save()
        _audit(
            actor=actor,
            kind=AuditKind.NOTICE,
            obj=notice,
            before=n_before,
            after=snapshot(notice, NOTICE_FIELDS),
            union_slug=slug,
            note="recomputed before payment",
        )
        return decl
    adj = Adjustment.objects.create(
        notice=notice,
        old_payroll=notice.payroll_total,
        new_payroll=payroll,
        old_amount=notice.amount_due,
        new_amount=new_amount,
        delta=new_amount - notice.amount_due,
        reason=(reason or "")[:300],
        created_by=_actor_name(actor),
    )
    notice.payroll_total = payroll
    notice.amount_due = new_amount
    notice.status = notice_status_for(notice)
    notice.save()
    _audit(
        actor=actor,
        kind=AuditKind.ADJUSTMENT,
        obj=adj,
        before=n_before,
        after={**snapshot(notice, NOTICE_FIELDS), "delta": adj.delta},
        union_slug=slug,
    )
    return decl


# --- the cycle ---------------------------------------------------------------------


def _notice_for(
    *, decl: PayrollDeclaration, policy: DuesPolicy, period: Period, mode: str, today: dt.date, now
) -> DuesNotice:
    amount = notice_amount(
        payroll_total=decl.payroll_total,
        rate=policy.rate,
        mode=mode,
        upper_share=policy.upper_share,
    )
    due = period.due_date(policy.due_day)
    grace = due + dt.timedelta(days=policy.grace_days)
    overdue = today > grace and amount > 0
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
        status=NoticeStatus.PAID
        if amount == 0
        else (NoticeStatus.OVERDUE if overdue else NoticeStatus.ISSUED),
        due_date=due,
        grace_until=grace,
        reminders_sent=0,
        issued_at=now,
        overdue_since=today if overdue else None,
    )


def _insert_ignoring_conflicts(
    notices: list[DuesNotice],
) -> list[tuple[int, int | None, int | None]]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING: the unique constraints decide, so two
    cycles at once (or a retried task) never make a second notice. Returns the rows made."""
    if not notices:
        return []
    fields = [f for f in DuesNotice._meta.concrete_fields if not f.primary_key]
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(DuesNotice._meta.db_table)
    made: list[tuple[int, int | None, int | None]] = []
    with connection.cursor() as cur:
        for start in range(0, len(notices), 500):
            chunk = notices[start : start + 500]
            row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
            params: list = []
            for obj in chunk:
                params += [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
            cur.execute(
                f"INSERT INTO public.{table} ({cols}) VALUES {', '.join([row_sql] * len(chunk))} "  # noqa: S608 - names from the model
                "ON CONFLICT DO NOTHING RETURNING id, union_id, target_id",
                params,
            )
            made += cur.fetchall()
    return made


def _issue(*, decls: list[PayrollDeclaration], period: Period, actor) -> list[int]:
    if not decls:
        return []
    policy = selectors.policy_for_period(period=period)
    modes = dict(
        UnionDuesSettings.objects.filter(
            union_id__in=[d.union_id for d in decls if d.union_id]
        ).values_list("union_id", "collection_mode")
    )
    today, now = _today(), timezone.now()
    notices = []
    for d in decls:
        mode = (
            CollectionMode.PREPARATORY
            if d.target_id
            else modes.get(d.union_id, CollectionMode.FULL)
        )
        notices.append(
            _notice_for(decl=d, policy=policy, period=period, mode=mode, today=today, now=now)
        )
    made = _insert_ignoring_conflicts(notices)
    by_key = {(n.union_id, n.target_id): n for n in notices}
    slugs = dict(
        Union.objects.filter(pk__in=[u for _i, u, _t in made if u]).values_list("pk", "slug")
    )
    name = _actor_name(actor)
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    with schema_context(get_public_schema_name()):
        # one audit event per notice, written in bulk (a cycle issues hundreds at once)
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    actor_id=actor_id,
                    actor_name=name,
                    kind=AuditKind.NOTICE,
                    object_type="dues.duesnotice",
                    object_id=str(pk),
                    union_slug=slugs.get(union_id, ""),
                    after=jsonable(snapshot(by_key[(union_id, target_id)], NOTICE_FIELDS)),
                    note="issued",
                )
                for pk, union_id, target_id in made
            ]
        )
    return [pk for pk, _u, _t in made]


@federation_side
@transaction.atomic
def dues_cycle_run(*, period, actor=None) -> dict:
    """Issue one notice per union (and organizing target) with a declaration for ``period``.

    Idempotent: the unique constraint (union, period) decides, so a second run, or two at
    once, create nothing new. Unions without a declaration are listed, never billed.
    """
    p = period_parse(period)
    policy = selectors.policy_for_period(period=p)
    if p.kind != policy.period_kind:
        raise ValidationError(
            {
                "period": [
                    _("The rule table in force bills %(kind)s for this period.")
                    % {"kind": policy.get_period_kind_display()}
                ]
            }
        )
    if p.end >= _today():
        raise ValidationError({"period": [_("A period is billed after it has ended.")]})
    billable = selectors.unions_billable().values("pk")
    declared = PayrollDeclaration.objects.filter(period=p.code).filter(
        Q(union__in=billable) | Q(target__status=TargetStatus.ACTIVE)
    )
    total = declared.count()
    # only declarations without a notice are read: a second run costs two small queries
    # locked: a correction committing meanwhile cannot leave a notice with the old payroll
    pending = declared.filter(notice__isnull=True).select_for_update(of=("self",)).order_by("pk")
    created = _issue(decls=list(pending), period=p, actor=actor)
    return {
        "period": p.code,
        "notices_created": len(created),
        "notices_existing": total - len(created),
        "missing_declarations": selectors.missing_declarations(period=p),
    }


@transaction.atomic
def notice_issue(*, union: Union, period, actor=None) -> tuple[DuesNotice | None, bool]:
    """One union's notice for ``period`` (the per-union task of the beat cycle); idempotent."""
    p = period_parse(period)
    decl = PayrollDeclaration.objects.select_for_update().filter(union=union, period=p.code).first()
    if decl is None:
        return None, False
    created = _issue(decls=[decl], period=p, actor=actor)
    return DuesNotice.objects.get(union=union, period=p.code), bool(created)


@transaction.atomic
def notices_issue_pending(*, union: Union, actor=None) -> int:
    """Bill the union's declarations of ended periods that have no notice yet (late declarations)."""
    today = _today()
    pending = [
        d
        for d in PayrollDeclaration.objects.filter(union=union, notice__isnull=True)
        .select_for_update(of=("self",))
        .order_by("pk")
        if period_parse(d.period).end < today
    ]
    made = 0
    for decl in pending:
        made += len(_issue(decls=[decl], period=period_parse(decl.period), actor=actor))
    return made


def declaration_missing_remind(*, union: Union, period) -> bool:
    """Ask a union that has not declared for an ended period to declare (a notice is never invented)."""
    p = period_parse(period)
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


# --- payments ---------------------------------------------------------------------


@transaction.atomic
def payment_record(
    *, notice: DuesNotice, amount, paid_on, reference, actor, source: str = "manual"
) -> Payment:
    """Record a bank payment on a notice. A bank reference is used once (unique); paying more
    than the balance is refused; the status follows (issued → partial → paid)."""
    errors: dict[str, list[str]] = {}
    value = day = ref = None
    for field, fn in (
        ("amount", lambda: money_parse(amount, field="amount")),
        ("paid_on", lambda: _date_parse(paid_on, field="paid_on")),
        ("reference", lambda: _reference_parse(reference)),
    ):
        try:
            result = fn()
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if field == "amount":
            value = result
        elif field == "paid_on":
            day = result
        else:
            ref = result
    if day is not None and (day > _today() or day < dt.date(2000, 1, 1)):
        errors["paid_on"] = (
            [_("The payment date cannot be in the future.")]
            if day > _today()
            else [_("Give a date as YYYY-MM-DD.")]
        )
    if errors:
        raise ValidationError(errors)
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    if locked.status == NoticeStatus.WAIVED:
        raise ValidationError({"notice": [_("This notice was waived.")]})
    if Payment.objects.filter(reference=ref).exists():
        raise DuesConflict(
            {"reference": [_("A payment with this bank reference is already recorded.")]}
        )
    if value > locked.balance:
        raise ValidationError(
            {
                "amount": [
                    _("The amount is more than the balance of %(balance)s.")
                    % {"balance": locked.balance}
                ]
            }
        )
    before = snapshot(locked, NOTICE_FIELDS)
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                notice=locked,
                amount=value,
                paid_on=day,
                reference=ref,
                recorded_by=_actor_name(actor),
                source=source,
            )
    except IntegrityError:
        raise DuesConflict(
            {"reference": [_("A payment with this bank reference is already recorded.")]}
        ) from None
    locked.amount_paid = locked.amount_paid + value
    locked.status = notice_status_for(locked)
    locked.save(update_fields=["amount_paid", "status"])
    _audit(
        actor=actor,
        kind=AuditKind.PAYMENT,
        obj=payment,
        before=before,
        after={
            **snapshot(locked, NOTICE_FIELDS),
            "payment": snapshot(payment, ["amount", "paid_on", "reference"]),
        },
        union_slug=_payer_slug(locked),
    )
    notice.amount_paid, notice.status = locked.amount_paid, locked.status
    return payment


@transaction.atomic
def refund_record(*, notice: DuesNotice, refunded_on, reference, actor) -> Refund:
    """Full refund to a small or micro enterprise for a year in the rule table: a record."""
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    errors: dict[str, list[str]] = {}
    try:
        day = _date_parse(refunded_on, field="refunded_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        ref = _reference_parse(reference)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    p = period_parse(locked.period)
    policy = selectors.policy_for_period(period=p)
    if not locked.union_id or not selectors.union_settings(union=locked.union).small_micro:
        raise ValidationError({"notice": [_("Only small and micro enterprises are refunded.")]})
    if p.year not in [int(y) for y in policy.small_micro_refund_years or []]:
        raise ValidationError(
            {"notice": [_("The rule table grants no refund for %(year)s.") % {"year": p.year}]}
        )
    if locked.status != NoticeStatus.PAID or locked.amount_paid <= 0:
        raise ValidationError({"notice": [_("Refunds follow payment: this notice is not paid.")]})
    if Refund.objects.filter(notice=locked).exists():
        raise DuesConflict({"notice": [_("This notice was already refunded.")]})
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                notice=locked,
                amount=locked.amount_paid,
                refunded_on=day,
                reference=ref,
                recorded_by=_actor_name(actor),
            )
    except IntegrityError:
        raise DuesConflict({"reference": [_("This bank reference is already used.")]}) from None
    _audit(
        actor=actor,
        kind=AuditKind.REFUND,
        obj=refund,
        after=snapshot(refund, ["notice_id", "amount", "refunded_on", "reference"]),
        union_slug=locked.union.slug,
    )
    return refund


@transaction.atomic
def notice_waive(*, notice: DuesNotice, reason: str, actor) -> DuesNotice:
    locked = DuesNotice.objects.select_for_update().get(pk=notice.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason.")]})
    if locked.amount_paid > 0:
        raise ValidationError({"notice": [_("A notice with payments cannot be waived.")]})
    before = snapshot(locked, NOTICE_FIELDS)
    locked.status = NoticeStatus.WAIVED
    locked.save(update_fields=["status"])
    _audit(
        actor=actor,
        kind=AuditKind.NOTICE,
        obj=locked,
        before=before,
        after=snapshot(locked, NOTICE_FIELDS),
        union_slug=_payer_slug(locked),
        note=reason.strip()[:500],
    )
    return locked


# --- overdue and reminders -------------------------------------------------------------


@transaction.atomic
def notices_mark_overdue(*, today: dt.date | None = None) -> int:
    """Notices unpaid after due date + grace days become overdue (the daily job)."""
    today = today or _today()
    due = list(
        DuesNotice.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status__in=[NoticeStatus.ISSUED, NoticeStatus.PARTIAL],
            grace_until__lt=today,
            amount_paid__lt=F("amount_due"),
        )
        .select_related("union")
        .order_by("pk")
    )
    if not due:
        return 0
    DuesNotice.objects.filter(pk__in=[n.pk for n in due]).update(
        status=NoticeStatus.OVERDUE, overdue_since=today
    )
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor_name="system",
                kind=AuditKind.NOTICE,
                object_type="dues.duesnotice",
                object_id=str(n.pk),
                union_slug=n.union.slug if n.union_id else "",
                before={"status": n.status},
                after={"status": NoticeStatus.OVERDUE, "overdue_since": today.isoformat()},
                note="overdue",
            )
            for n in due
        ]
    )
    return len(due)


@transaction.atomic
def reminder_send(
    *, union: Union, today: dt.date | None = None, email: str = ""
) -> Reminder | None:
    """Remind a union of its overdue notices (催收): on the rule table's interval, at most once a
    day (unique union + day), in-app and by email through the outbox."""
    today = today or _today()
    overdue = list(
        DuesNotice.objects.select_for_update()
        .filter(union=union, status=NoticeStatus.OVERDUE)
        .order_by("period_start", "pk")
    )
    overdue = [n for n in overdue if n.balance > 0]
    if not overdue:
        return None
    every = selectors.policy_in_force(on=today).reminder_every_days
    last = Reminder.objects.filter(union=union).order_by("-sent_on").first()
    if last is not None and (today - last.sent_on).days < every:
        return None
    outstanding = sum((n.balance for n in overdue), Decimal("0.00"))
    lines = "\n".join(
        _("%(period)s: due %(due)s, paid %(paid)s, balance %(balance)s (due date %(date)s)")
        % {
            "period": n.period,
            "due": n.amount_due,
            "paid": n.amount_paid,
            "balance": n.balance,
            "date": n.due_date,
        }
        for n in overdue
    )
    subject = _("Reminder: union funds overdue, %(amount)s CNY outstanding") % {
        "amount": outstanding
    }
    body = _(
        "Your union's funds (工会经费) are overdue:\n%(lines)s\nPlease pay the outstanding %(amount)s CNY. "
        "Trade Union Law art. 44: arrears can be claimed in court."
    ) % {"lines": lines, "amount": outstanding}
    recipient = email or selectors.union_settings(union=union).contact_email
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                union=union,
                sent_on=today,
                outstanding=outstanding,
                subject=subject[:200],
                body=body,
                email=recipient,
            )
    except IntegrityError:
        return None  # already reminded today (a retried or concurrent job)
    reminder.notices.set(overdue)
    now = timezone.now()
    DuesNotice.objects.filter(pk__in=[n.pk for n in overdue]).update(
        reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
    )
    message_enqueue(
        union=union,
        kind="dues.reminder",
        subject=subject,
        body=body,
        dedupe_key=f"dues-reminder:{union.slug}:{today.isoformat()}",
        email=recipient,
        link="/dues/",
    )
    _audit(
        actor=None,
        kind=AuditKind.NOTICE,
        obj=reminder,
        union_slug=union.slug,
        after={"outstanding": outstanding, "notices": [n.pk for n in overdue], "email": recipient},
        note="reminder sent",
    )
    return reminder


# --- remittance -----------------------------------------------------------------------


@transaction.atomic
def remittance_record(
    *, period, kind: str, amount, transferred_on, reference, actor, union: Union | None = None
) -> Remittance:
    """Record a transfer: a workplace share returned to a union (回拨) or the city share (上解).
    The amount cannot exceed what the period's payments leave to transfer."""
    p = period_parse(period)
    errors: dict[str, list[str]] = {}
    if kind not in RemittanceKind.values:
        errors["kind"] = [_("Choose workplace_return or city_upward.")]
    if kind == RemittanceKind.WORKPLACE_RETURN and union is None:
        errors["union"] = [_("Name the union the share goes back to.")]
    try:
        value = money_parse(amount, field="amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        day = _date_parse(transferred_on, field="transferred_on")
        if day > _today():
            errors["transferred_on"] = [_("The transfer date cannot be in the future.")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        ref = _reference_parse(reference)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    # one transfer of a kind at a time per period: lock the period's rows
    list(Remittance.objects.select_for_update().filter(period=p.code))
    calc = selectors.remittance_for_period(period=p.code)
    if kind == RemittanceKind.CITY_UPWARD:
        remaining = calc["city_remaining"]
        union = None
    else:
        remaining = calc["return_due_by_union"].get(union.pk, Decimal("0.00")) - calc[
            "returned_by_union"
        ].get(union.pk, Decimal("0.00"))
    if Remittance.objects.filter(reference=ref).exists():
        raise DuesConflict({"reference": [_("This bank reference is already used.")]})
    if value > remaining:
        raise ValidationError(
            {"amount": [_("More than what is left to transfer (%(left)s).") % {"left": remaining}]}
        )
    try:
        with transaction.atomic():
            row = Remittance.objects.create(
                period=p.code,
                kind=kind,
                union=union,
                amount=value,
                transferred_on=day,
                reference=ref,
                recorded_by=_actor_name(actor),
            )
    except IntegrityError:
        raise DuesConflict({"reference": [_("This bank reference is already used.")]}) from None
    _audit(
        actor=actor,
        kind=AuditKind.REMITTANCE,
        obj=row,
        union_slug=union.slug if union else "",
        after=snapshot(
            row, ["period", "kind", "union_id", "amount", "transferred_on", "reference"]
        ),
    )
    return row


# --- organizing targets ---------------------------------------------------------------


@transaction.atomic
def target_create(
    *,
    name: str,
    credit_code: str,
    actor,
    contact: str = "",
    contact_email: str = "",
    employee_count=0,
) -> OrganizingTarget:
    """Register an employer without a union (建会对象); it is billed 筹备金 at the same rate."""
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    code = (credit_code or "").strip().upper()
    if not name or len(name) > 200:
        errors["name"] = [_("Give the employer's name (at most 200 characters).")]
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        errors["credit_code"] = exc.messages
    else:
        if (
            OrganizingTarget.objects.filter(credit_code=code).exists()
            or Union.objects.filter(credit_code=code).exists()
        ):
            errors["credit_code"] = [
                _("An employer or union with this credit code is already registered.")
            ]
    try:
        count = int_parse(employee_count or 0, field="employee_count", minimum=0, maximum=1_000_000)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    target = OrganizingTarget(
        name=name,
        credit_code=code,
        contact=(contact or "")[:100],
        contact_email=(contact_email or "").strip(),
        employee_count=count,
    )
    target.full_clean()
    target.save()
    _audit(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=target,
        after=snapshot(target, ["name", "credit_code"]),
        note="organizing target registered",
    )
    return target


@transaction.atomic
def target_founded(*, target: OrganizingTarget, union: Union, actor) -> OrganizingTarget:
    """The employer founded its union: from now on it is billed as that union."""
    locked = OrganizingTarget.objects.select_for_update().get(pk=target.pk)
    if locked.status != TargetStatus.ACTIVE:
        raise ValidationError({"status": [_("This target is no longer being organized.")]})
    locked.status = TargetStatus.FOUNDED
    locked.union = union
    locked.save(update_fields=["status", "union"])
    _audit(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=locked,
        after={"union": union.slug, "status": locked.status},
        union_slug=union.slug,
        note="union founded",
    )
    return locked
