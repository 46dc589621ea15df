"""Festival goods (节日慰问): a distribution to a list of members at an amount per head,
within the yearly limit per member (rule table), and each member's receipt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record_many
from federation.platform.errors import ConflictError
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from workplaces.members.models import Member, MemberStatus
from workplaces.rights.common import audited, invalid, union_slug
from workplaces.welfare.models import (
    FestivalDistribution,
    FestivalReceipt,
    ReceiptVia,
    WelfareAuditKind,
)

FESTIVAL_FACTS = ("welfare.festival_by_year",)
IMPORT_MAX_BYTES = 2 * 1024 * 1024


def festival_given(*, member_ids: list[int], year: int) -> dict[int, Decimal]:
    """What each member already received in festival goods in ``year``."""
    rows = (
        FestivalReceipt.objects.filter(member_id__in=member_ids, distribution__year=year)
        .values("member_id")
        .annotate(s=Sum("distribution__amount_per_head"))
    )
    return {r["member_id"]: r["s"] or Decimal("0") for r in rows}


@transaction.atomic
def festival_distribute(
    *,
    festival: str,
    distributed_on: dt.date,
    amount_per_head: Decimal,
    members: list[Member],
    goods: str = "",
    actor: Actor,
) -> FestivalDistribution:
    """Record a distribution. Every member's festival goods in the calendar year stay
    within the yearly limit in force on the day (基层工会经费收支管理办法); a member who
    would pass it refuses the whole list, nothing written."""
    if not members:
        raise invalid("members", _("List the members who receive the goods."), code="required")
    year = distributed_on.year
    if FestivalDistribution.objects.filter(year=year, festival=festival.strip()).exists():
        raise ConflictError(
            _("This festival's distribution for %(year)s is already recorded.") % {"year": year},
            code="duplicate",
        )
    ids = sorted({m.pk for m in members})
    locked = list(Member.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    inactive = [m.member_no for m in locked if m.status != MemberStatus.ACTIVE]
    if inactive:
        raise invalid(
            "members",
            _("Not active members: %(nos)s.") % {"nos": "、".join(inactive)},
            code="inactive",
        )
    limit = rule_value("welfare.festival_yearly_limit", on=distributed_on)
    given = festival_given(member_ids=ids, year=year)
    over = [m for m in locked if given.get(m.pk, Decimal("0")) + amount_per_head > limit]
    if over:
        raise invalid(
            "amount_per_head",
            _(
                "Over the yearly limit of %(limit)s yuan per member for festival goods: "
                "%(n)s members would pass it (%(nos)s)."
            )
            % {
                "limit": f"{limit:.2f}",
                "n": len(over),
                "nos": "、".join(m.member_no for m in over[:10]),
            },
            code="over_limit",
        )
    dist = FestivalDistribution.objects.create(
        festival=festival.strip(),
        year=year,
        distributed_on=distributed_on,
        goods=goods.strip(),
        amount_per_head=amount_per_head,
    )
    FestivalReceipt.objects.bulk_create(
        [FestivalReceipt(distribution=dist, member_id=pk) for pk in ids]
    )
    audited(
        actor=actor,
        kind=WelfareAuditKind.FESTIVAL,
        obj=dist,
        after={
            "festival": dist.festival,
            "year": year,
            "amount_per_head": amount_per_head,
            "members": ids,
        },
    )
    facts_refresh_on_commit(FESTIVAL_FACTS)
    return dist


@transaction.atomic(durable=True)
def receipt_sign(
    *, distribution: FestivalDistribution, member: Member, signed_on: dt.date, actor: Actor
) -> FestivalReceipt:
    receipt = (
        FestivalReceipt.objects.select_for_update()
        .filter(distribution=distribution, member=member)
        .first()
    )
    if receipt is None:
        raise invalid("member", _("This member is not on the list."), code="not_listed")
    if signed_on < distribution.distributed_on:
        raise invalid("signed_on", _("Signed before the goods were handed out."), code="order")
    before = {"signed_on": receipt.signed_on}
    receipt.signed_on, receipt.via = signed_on, ReceiptVia.SIGNATURE
    receipt.save(update_fields=["signed_on", "via"])
    audited(
        actor=actor,
        kind=WelfareAuditKind.RECEIPT,
        obj=receipt,
        before=before,
        after={"signed_on": signed_on, "member": member.pk},
    )
    return receipt


def _rows(upload: UploadedFile) -> list[list[str]]:
    """The rows of a signed list: csv (UTF-8, with or without BOM, or GB18030) or xlsx, read
    by the member import's bounded reader (a zip bomb or a sheet declaring too many rows is
    refused before it is read)."""
    from workplaces.members.imports.reading import read_table

    if upload.size is None or upload.size > IMPORT_MAX_BYTES:
        raise invalid(
            "file",
            _("The file is larger than %(mb)s MB.") % {"mb": IMPORT_MAX_BYTES // 2**20},
            code="too_large",
        )
    header, rows = read_table(content=upload.read(), filename=upload.name or "")
    return [["" if v is None else str(v).strip() for v in row] for row in [header, *rows]]


@transaction.atomic
def receipts_import(
    *, distribution: FestivalDistribution, upload: UploadedFile, actor: Actor
) -> int:
    """Import a signed list (member number, signed date). Every row is checked first;
    one bad row writes nothing and the errors name the rows."""
    rows = _rows(upload)
    if rows and rows[0] and not rows[0][0][:1].isdecimal():
        rows = rows[1:]  # a header row
    receipts = {
        r.member.member_no: r
        for r in FestivalReceipt.objects.select_for_update()
        .select_related("member")
        .filter(distribution=distribution)
    }
    errors, updates = [], []
    for n, row in enumerate(rows, start=2):
        if not any(row):
            continue
        no = row[0] if row else ""
        when = row[1] if len(row) > 1 else ""
        receipt = receipts.get(no)
        try:
            signed_on = dt.date.fromisoformat(when[:10])
        except ValueError:
            signed_on = None
        if receipt is None:
            errors.append(_("Row %(n)s: member %(no)s is not on the list.") % {"n": n, "no": no})
        elif signed_on is None or signed_on < distribution.distributed_on:
            errors.append(_("Row %(n)s: the signed date is not valid.") % {"n": n})
        else:
            updates.append((receipt, signed_on))
    if errors:
        raise invalid("file", "; ".join(errors[:20]), code="rows")
    for receipt, signed_on in updates:
        receipt.signed_on, receipt.via = signed_on, ReceiptVia.IMPORT
    FestivalReceipt.objects.bulk_update([r for r, _d in updates], ["signed_on", "via"])
    audit_record_many(
        actor=actor,
        kind=WelfareAuditKind.RECEIPT,
        rows=[
            {
                "object_type": "welfare.festivalreceipt",
                "object_id": r.pk,
                "after": {"signed_on": d, "via": ReceiptVia.IMPORT},
            }
            for r, d in updates
        ],
        union_slug=union_slug(),
    )
    return len(updates)
