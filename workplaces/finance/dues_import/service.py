"""Importing member dues payments from a file (xlsx or csv), the bank's or the payroll
office's list of who paid which month.

Import rule (DESIGN.md): every row is checked first and nothing is written when any row
fails, unless the officer asks for the valid rows only. Each payment is recorded once (a
constraint on member, month, date and amount), so importing the same file again, or a
longer one holding it, records only what is new. The payments of one date arrive in the
books as one collection and one income entry (会费); every ledger row changed and the
import itself are audited. Sizes are bounded by the rule table
(``finance.dues_import_max_kb``, ``finance.dues_import_max_rows``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, audit_record_many
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.activities.context import slug_here
from workplaces.finance import locks
from workplaces.finance.dues_import.checks import Checked, Line, rows_check
from workplaces.finance.dues_ledger import collection_book, dues_due, dues_rules
from workplaces.finance.kinds import FinanceAudit
from workplaces.finance.models import DuesCollection, DuesImportLine, MemberDues
from workplaces.finance.services import _year_open, facts_after_commit
from workplaces.members.imports.reading import bad_file, read_table
from workplaces.members.models import MemberStatus


@dataclass
class DuesImportResult:
    total: int = 0
    recorded: int = 0
    already_recorded: int = 0
    amount: Decimal = Decimal("0.00")
    errors: list[dict[str, Any]] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "recorded": self.recorded,
            "already_recorded": self.already_recorded,
            "amount": f"{self.amount:.2f}",
            "errors": self.errors,
            "collections": self.collections,
            "written": self.written,
            "dry_run": self.dry_run,
        }


def upload_limit_bytes() -> int:
    return int(rule_value("finance.dues_import_max_kb")) * 1024


def upload_check(*, size: int) -> None:
    """Refuse a file over the rule's size before reading it (the door calls this with the
    upload's declared size, the service again with the bytes read)."""
    if size <= 0:
        raise bad_file(_("The file is empty."), "empty")
    limit = upload_limit_bytes()
    if size > limit:
        raise bad_file(_("The file is larger than %(kb)d KB.") % {"kb": limit // 1024}, "too_large")


@union_side
@transaction.atomic
def dues_import(
    *,
    actor: Actor,
    content: bytes,
    filename: str = "",
    dry_run: bool = False,
    valid_only: bool = False,
) -> DuesImportResult:
    """Check the file, then record its new payments (all or nothing, or the valid rows only)."""
    upload_check(size=len(content))
    limit = upload_limit_bytes()
    header, rows = read_table(
        content=content,
        filename=filename,
        max_rows=int(rule_value("finance.dues_import_max_rows")),
        max_unpacked=5 * limit,
    )
    if not dry_run:
        # one import or payroll collection at a time: the check below sees every payment
        # recorded before it, and a retried request finds its rows recorded
        locks.lock_dues_collection()
    checked = rows_check(header=header, rows=rows)
    result = DuesImportResult(
        total=checked.total,
        recorded=len(checked.lines),
        already_recorded=checked.already,
        amount=sum((line.amount for line in checked.lines), Decimal("0.00")),
        errors=checked.errors,
        dry_run=dry_run,
    )
    if checked.errors and not valid_only and not dry_run:
        result.recorded, result.amount = 0, Decimal("0.00")
        return result
    if dry_run or not checked.lines:
        return result
    digest = hashlib.sha256(content).hexdigest()
    result.collections = _write(actor=actor, checked=checked, digest=digest)
    result.written = True
    audit_record(
        actor=actor,
        kind=FinanceAudit.DUES_IMPORTED,
        object_type="finance.duesimport",
        object_id=digest[:16],
        after={
            "file": filename[:200],
            "sha256": digest,
            "rows": checked.total,
            "recorded": result.recorded,
            "already_recorded": result.already_recorded,
            "errors": len(checked.errors),
            "amount": f"{result.amount:.2f}",
            "collections": result.collections,
        },
        union_slug=slug_here(),
    )
    facts_after_commit()
    return result


def _ledger_rows(lines: list[Line]) -> dict[tuple[int, dt.date], MemberDues]:
    """The ledger rows the payments go to, locked; a month not generated yet gets its row
    (the due from the member's wage and the rule in force that month)."""
    wanted = {(line.member.pk, line.month): line.member for line in lines}
    rules = dues_rules(months={month for _pk, month in wanted})
    MemberDues.objects.bulk_create(
        [
            MemberDues(
                member=member,
                month=month,
                wage=member.monthly_wage,
                due=dues_due(
                    wage=member.monthly_wage,
                    retained=member.status == MemberStatus.RETAINED,
                    on=month,
                    rule=rules[month],
                ),
            )
            for (_pk, month), member in wanted.items()
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    rows = MemberDues.objects.select_for_update().filter(
        member_id__in={k[0] for k in wanted}, month__in={k[1] for k in wanted}
    )
    return {
        (r.member_id, r.month): r for r in rows.order_by("pk") if (r.member_id, r.month) in wanted
    }


def _reference(digest: str, paid_on: dt.date) -> str:
    base = f"IMPORT-{digest[:12]}-{paid_on:%Y%m%d}"
    reference, n = base, 1
    while DuesCollection.objects.filter(reference=reference).exists():
        n += 1
        reference = f"{base}-{n}"
    return reference


def _write(*, actor: Actor, checked: Checked, digest: str) -> list[str]:
    lines = checked.lines
    for year in sorted({line.paid_on.year for line in lines}):
        _year_open(year)
    ledger = _ledger_rows(lines)
    by_date: dict[dt.date, list[Line]] = {}
    for line in lines:
        by_date.setdefault(line.paid_on, []).append(line)
    references, audit_rows, new_lines = [], [], []
    before = {key: row.paid for key, row in ledger.items()}
    for paid_on in sorted(by_date):
        group = by_date[paid_on]
        collection = DuesCollection.objects.create(
            month=min(line.month for line in group),
            reference=_reference(digest, paid_on),
            paid_on=paid_on,
            total=sum((line.amount for line in group), Decimal("0.00")),
            members=len({line.member.pk for line in group}),
            created_by=actor_label(actor),
        )
        for line in group:
            row = ledger[(line.member.pk, line.month)]
            row.paid += line.amount
            row.paid_on = max(filter(None, (row.paid_on, paid_on)))
            row.collection = collection
            new_lines.append(
                DuesImportLine(
                    member=line.member,
                    month=line.month,
                    amount=line.amount,
                    paid_on=paid_on,
                    collection=collection,
                    row=line.row,
                )
            )
        collection_book(
            actor=actor,
            collection=collection,
            summary=_("Member dues imported, paid on %(on)s (%(ref)s)")
            % {"on": f"{paid_on:%Y-%m-%d}", "ref": collection.reference},
        )
        references.append(collection.reference)
    try:
        with transaction.atomic():
            DuesImportLine.objects.bulk_create(new_lines, batch_size=1000)
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("These payments were recorded meanwhile; import the file again."), code="duplicate"
        ) from None
    MemberDues.objects.bulk_update(
        list(ledger.values()), ["paid", "paid_on", "collection"], batch_size=1000
    )
    for key, row in ledger.items():
        audit_rows.append(
            {
                "object_type": "finance.memberdues",
                "object_id": row.pk,
                "before": {"paid": before[key]},
                "after": {"paid": row.paid},
            }
        )
    audit_record_many(
        actor=actor, kind=FinanceAudit.DUES_COLLECTED, rows=audit_rows, union_slug=slug_here()
    )
    return references
