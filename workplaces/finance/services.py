"""Writes of the union's books: budget, entries, approval, reversal, vouchers, final
accounts. The rules (基层工会经费收支管理办法 2017 and the rule table):
- an expense counts only once the chair approves it, never by its own author; above
  ``finance.committee_threshold`` a committee decision must be recorded first;
- an entry is never deleted (a trigger refuses it), only reversed by a counter-entry;
- a capped expense (``finance.caps``) may not take the year's spending per person over the cap.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import CHAIR
from federation.platform.actors import Actor, actor_id, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, NotAllowedError, duplicate_only
from federation.rules.selectors import rule_value
from tenants import facts
from workplaces.activities.context import slug_here
from workplaces.activities.files import DOCUMENT_TYPES, upload_check
from workplaces.finance import locks
from workplaces.finance.categories import caps, category_resolve
from workplaces.finance.kinds import FinanceAudit
from workplaces.finance.models import (
    Attachment,
    Budget,
    BudgetLine,
    Entry,
    EntryKind,
    EntrySource,
    EntryStatus,
    FinalAccount,
)

CENT = Decimal("0.01")
ENTRY_FIELDS = [
    "kind",
    "category",
    "amount",
    "on",
    "summary",
    "voucher_no",
    "status",
    "source",
    "cap",
    "headcount",
    "committee_decision",
    "approved_by",
    "reversal_of_id",
]


def _slug() -> str:
    return slug_here()


def facts_after_commit() -> None:
    facts.facts_refresh_on_commit(["finance.by_year"])


def _year_open(year: int) -> None:
    locks.lock_year(year)
    if FinalAccount.objects.filter(year=year).exists():
        raise ConflictError(
            _("The accounts of %(year)s are closed.") % {"year": year}, code="year_closed"
        )


@transaction.atomic
def budget_create(*, actor: Actor, year: int, lines: list[dict], note: str = "") -> Budget:
    """The year's budget by category (a category once)."""
    on = dt.date(year, 1, 1)
    resolved: dict[str, tuple[str, Decimal]] = {}
    for i, line in enumerate(lines):
        kind, code = category_resolve(line["category"], on=on, field=f"lines[{i}].category")
        if code in resolved:
            raise ValidationError({"lines": _("A category appears twice.")}, code="duplicate")
        resolved[code] = (kind, line["amount"])
    if Budget.objects.filter(year=year).exists():
        raise ConflictError(_("There is a budget for %(year)s already.") % {"year": year})
    try:
        with transaction.atomic():
            budget = Budget.objects.create(year=year, note=note, created_by=actor_label(actor))
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("There is a budget for %(year)s already.") % {"year": year}) from None
    BudgetLine.objects.bulk_create(
        [BudgetLine(budget=budget, kind=k, category=c, amount=a) for c, (k, a) in resolved.items()]
    )
    audit_record(
        actor=actor,
        kind=FinanceAudit.BUDGET,
        obj=budget,
        after={"year": year, "lines": {c: a for c, (_k, a) in resolved.items()}},
        union_slug=_slug(),
    )
    return budget


def _cap_check(*, code: str, amount: Decimal, headcount: int | None, on: dt.date) -> None:
    spec = caps(on=on).get(code)
    if spec is None:
        raise ValidationError({"cap": _("Unknown spending cap.")}, code="invalid_choice")
    if not headcount:
        raise ValidationError({"headcount": _("Give the number of people.")}, code="required")
    locks.lock_cap(code, on.year)
    spent = Decimal("0")
    rows = Entry.objects.filter(cap=code, on__year=on.year, kind=EntryKind.EXPENSE).exclude(
        status=EntryStatus.REJECTED
    )
    for row in rows.values("amount", "headcount", "reversal_of__headcount"):
        people = row["headcount"] or row["reversal_of__headcount"] or 1
        spent += row["amount"] / people
    limit = Decimal(str(spec["per_person_year"]))
    if spent + amount / headcount > limit:
        raise ValidationError(
            {
                "amount": _(
                    "Over the cap for %(name)s: %(limit)s CNY per person a year, "
                    "%(spent)s spent so far."
                )
                % {
                    "name": spec["name"],
                    "limit": limit,
                    "spent": spent.quantize(CENT, rounding=ROUND_HALF_UP),
                }
            },
            code="over_cap",
        )


@transaction.atomic
def entry_create(
    *,
    actor: Actor,
    kind: str,
    category: str,
    amount: Decimal,
    on: dt.date,
    summary: str,
    voucher_no: str = "",
    cap: str = "",
    headcount: int | None = None,
    committee_decision: str = "",
    committee_decided_on: dt.date | None = None,
) -> Entry:
    """Record income (it counts at once) or an expense (it waits for the chair)."""
    kind, code = category_resolve(category, on=on, kind=kind)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")}, code="min_value")
    _year_open(on.year)
    if cap:
        if kind != EntryKind.EXPENSE:
            raise ValidationError({"cap": _("Only an expense counts against a cap.")})
        _cap_check(code=cap, amount=amount, headcount=headcount, on=on)
    entry = Entry(
        kind=kind,
        category=code,
        amount=amount,
        on=on,
        summary=summary,
        voucher_no=voucher_no,
        status=EntryStatus.APPROVED if kind == EntryKind.INCOME else EntryStatus.PENDING,
        cap=cap,
        headcount=headcount,
        committee_decision=committee_decision,
        committee_decided_on=committee_decided_on,
        author_id=actor_id(actor),
        author_name=actor_label(actor),
    )
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.ENTRY_CREATED,
        obj=entry,
        after=snapshot(entry, ENTRY_FIELDS),
        union_slug=_slug(),
    )
    facts_after_commit()
    return entry


@transaction.atomic
def entry_approve(
    *,
    actor: Actor,
    entry: Entry,
    committee_decision: str = "",
    committee_decided_on: dt.date | None = None,
) -> Entry:
    """The chair approves an expense; never its own author; above the threshold only with
    the committee's decision recorded."""
    if not has_role(actor, CHAIR):
        raise NotAllowedError(_("Only the chair approves expenses."), code="not_chair")
    locks.lock_year(entry.on.year)
    row = locks.lock_entry(entry.pk)
    if row.author_id is not None and row.author_id == actor_id(actor):
        raise NotAllowedError(_("The author of an expense cannot approve it."), code="own_entry")
    if row.kind != EntryKind.EXPENSE or row.status != EntryStatus.PENDING:
        raise ConflictError(_("This entry is not waiting for approval."), code="not_pending")
    before = snapshot(row, ENTRY_FIELDS)
    if committee_decision:
        row.committee_decision = committee_decision
        row.committee_decided_on = committee_decided_on or timezone.localdate()
    threshold = rule_value("finance.committee_threshold", on=row.on)
    if row.amount > threshold and not row.committee_decision:
        raise ConflictError(
            _("Above %(t)s CNY the committee's decision must be recorded first.")
            % {"t": threshold},
            code="committee_decision_required",
        )
    row.status = EntryStatus.APPROVED
    row.approved_by = actor_label(actor)
    row.approved_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.ENTRY_APPROVED,
        obj=row,
        before=before,
        after=snapshot(row, ENTRY_FIELDS),
        union_slug=_slug(),
    )
    facts_after_commit()
    return row


@transaction.atomic
def entry_reject(*, actor: Actor, entry: Entry, reason: str) -> Entry:
    if not has_role(actor, CHAIR):
        raise NotAllowedError(_("Only the chair decides on expenses."), code="not_chair")
    row = locks.lock_entry(entry.pk)
    if row.status != EntryStatus.PENDING:
        raise ConflictError(_("This entry is not waiting for approval."), code="not_pending")
    before = snapshot(row, ENTRY_FIELDS)
    row.status, row.reject_reason = EntryStatus.REJECTED, reason
    row.approved_by, row.approved_at = actor_label(actor), timezone.now()
    row.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.ENTRY_REJECTED,
        obj=row,
        before=before,
        after=snapshot(row, ENTRY_FIELDS),
        union_slug=_slug(),
    )
    return row


@transaction.atomic
def entry_reverse(*, actor: Actor, entry: Entry, on: dt.date, reason: str) -> Entry:
    """A counter-entry with the opposite amount: the two net to zero and both stay."""
    _year_open(on.year)
    row = locks.lock_entry(entry.pk)
    if row.reversal_of_id is not None:
        raise ConflictError(_("A reversal cannot be reversed."), code="is_reversal")
    if row.status != EntryStatus.APPROVED:
        raise ConflictError(_("Only an entry that counts can be reversed."), code="not_approved")
    if Entry.objects.filter(reversal_of=row).exists():
        raise ConflictError(_("This entry is reversed already."), code="reversed")
    counter = Entry(
        kind=row.kind,
        category=row.category,
        amount=-row.amount,
        on=on,
        summary=(_("Reversal of #%(id)s: %(reason)s") % {"id": row.pk, "reason": reason})[:300],
        voucher_no=row.voucher_no,
        status=EntryStatus.APPROVED,
        source=EntrySource.REVERSAL,
        cap=row.cap,
        headcount=row.headcount,
        reversal_of=row,
        author_id=actor_id(actor),
        author_name=actor_label(actor),
        approved_by=actor_label(actor),
        approved_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            counter.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(_("This entry is reversed already."), code="reversed") from None
    audit_record(
        actor=actor,
        kind=FinanceAudit.ENTRY_REVERSED,
        obj=counter,
        before=snapshot(row, ENTRY_FIELDS),
        after=snapshot(counter, ENTRY_FIELDS),
        union_slug=_slug(),
        note=reason,
    )
    facts_after_commit()
    return counter


@transaction.atomic
def attachment_add(*, actor: Actor, entry: Entry, upload: UploadedFile) -> Attachment:
    content_type, digest = upload_check(upload, field="file", allowed=DOCUMENT_TYPES)
    row = Attachment(
        entry=entry,
        original_name=(upload.name or "voucher")[:200],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest,
        uploaded_by=actor_label(actor),
    )
    row.file.save(upload.name or "voucher", upload, save=False)
    row.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.ATTACHMENT,
        obj=row,
        after={"entry": entry.pk, "name": row.original_name, "sha256": digest},
        union_slug=_slug(),
    )
    return row


@transaction.atomic(durable=True)
def final_account_close(*, actor: Actor, year: int) -> FinalAccount:
    """Close the year (决算): no pending expense may remain; the totals are frozen and no
    entry may be dated in that year afterwards."""
    from workplaces.finance.selectors import finance_report

    locks.lock_year(year)
    if FinalAccount.objects.filter(year=year).exists():
        raise ConflictError(_("The accounts of %(year)s are closed.") % {"year": year})
    if Entry.objects.filter(on__year=year, status=EntryStatus.PENDING).exists():
        raise ConflictError(_("Expenses are still waiting for approval."), code="pending")
    totals = finance_report(year=year)
    row = FinalAccount.objects.create(
        year=year, closed_on=timezone.localdate(), totals=totals, closed_by=actor_label(actor)
    )
    audit_record(
        actor=actor, kind=FinanceAudit.FINAL_ACCOUNT, obj=row, after=totals, union_slug=_slug()
    )
    return row
