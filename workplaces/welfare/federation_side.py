"""The federation's view of welfare work: counts from the facts the unions push, never a
name; and the one audited way for federation staff to open a single hardship file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from federation.hardship.models import HouseholdClaim
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import NotFoundError
from federation.rules.selectors import rule_value
from tenants.context import federation_side
from tenants.facts import facts_by_key
from tenants.models import Union, UnionRollup
from tenants.selectors import unions_serving
from workplaces.welfare.models import WelfareAuditKind


def _money(value: Any) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except ArithmeticError:
        return Decimal("0")


@federation_side
def welfare_rows(*, year: int | None = None) -> list[dict[str, Any]]:
    """Per union: hardship households by category and aid given in the year, visits and
    festival spending in the year, the festival spending per member against the yearly
    limit per member. One query per fact key."""
    year = year or timezone.localdate().year
    y = str(year)
    hardship = facts_by_key("welfare.hardship")
    visits = facts_by_key("welfare.visits_by_year")
    festival = facts_by_key("welfare.festival_by_year")
    members = dict(UnionRollup.objects.values_list("union_id", "members_active"))
    limit = rule_value("welfare.festival_yearly_limit", on=dt.date(year, 12, 31))
    rows = []
    for union in unions_serving():
        h = hardship.get(union.pk) or {}
        v = (visits.get(union.pk) or {}).get(y) or {}
        fest = _money((festival.get(union.pk) or {}).get(y))
        active = int(members.get(union.pk) or 0)
        per_member = (fest / active).quantize(Decimal("0.01")) if active else Decimal("0.00")
        rows.append(
            {
                "union": union.slug,
                "name": union.name,
                "deep": int(h.get("deep") or 0),
                "relative": int(h.get("relative") or 0),
                "accident": int(h.get("accident") or 0),
                "aid": f"{_money((h.get('aid_by_year') or {}).get(y)):.2f}",
                "visits": int(v.get("count") or 0),
                "visits_amount": f"{_money(v.get('amount')):.2f}",
                "festival": f"{fest:.2f}",
                "festival_per_member": f"{per_member:.2f}",
                "festival_limit": f"{limit:.2f}",
                "festival_over": per_member > limit,
                "reported": union.pk in hardship or union.pk in visits or union.pk in festival,
            }
        )
    return rows


@federation_side
def open_files(*, union: Union) -> list[dict[str, Any]]:
    """The union's open hardship files by number and date: no names, no hashes."""
    seen: dict[int, Any] = {}
    for file_id, opened_on in HouseholdClaim.objects.filter(union=union, is_open=True).values_list(
        "file_id", "opened_on"
    ):
        seen.setdefault(file_id, opened_on)
    return [{"file": k, "opened_on": v} for k, v in sorted(seen.items())]


@federation_side
def hardship_file_open(*, union: Union, file_id: int, reason: str, actor: Actor) -> dict[str, Any]:
    """Federation staff open one hardship file, with a reason: audited on the federation
    side and in the union's own log before anything is read."""
    if not reason.strip():
        from workplaces.rights.common import invalid

        raise invalid("reason", _("Say why the file is opened."), code="required")
    if not HouseholdClaim.objects.filter(union=union, file_id=file_id).exists():
        raise NotFoundError(_("No such hardship file."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            kind=WelfareAuditKind.HARDSHIP_FED_READ,
            object_type="welfare.hardshipfile",
            object_id=file_id,
            union_slug=union.slug,
            note=reason.strip(),
        )
    with schema_context(union.schema_name):
        from workplaces.welfare.models import HardshipFile

        file = HardshipFile.objects.select_related("member").filter(pk=file_id).first()
        if file is None:
            raise NotFoundError(_("No such hardship file."))
        audit_record(
            actor=None,
            kind=WelfareAuditKind.HARDSHIP_FED_READ,
            obj=file,
            union_slug=union.slug,
            note=f"{_('federation')} {actor_label(actor)}: {reason.strip()}",
        )
        return {
            "union": union.slug,
            "file": file.pk,
            "member_name": file.member.name,
            "member_no": file.member.member_no,
            "category": file.category,
            "household_size": file.household_size,
            "household_income": f"{file.household_income:.2f}",
            "reason": file.reason,
            "opened_on": file.opened_on,
            "notice_from": file.notice_from,
            "notice_to": file.notice_to,
            "reviewed_on": file.reviewed_on,
            "closed_on": file.closed_on,
            "aid": [
                {"kind": a.kind, "amount": f"{a.amount:.2f}", "given_on": a.given_on}
                for a in file.aid.all()
            ],
        }
