"""Demo data: every demo union gets a committee term; one (联合工会) is overdue for 换届."""

from __future__ import annotations

from django.utils import timezone

from tenants.models import Union

OVERDUE_UNION = "lianhe"


def organization_demo_seed(union: Union) -> None:
    from django_tenants.utils import schema_context

    from workplaces.members.models import Member, MemberStatus
    from workplaces.organization.common import add_months
    from workplaces.organization.models import Position
    from workplaces.organization.services import (
        SeatInput,
        committee_band,
        members_active_count,
        term_create,
    )

    today = timezone.localdate()
    with schema_context(union.schema_name):
        from workplaces.organization.models import Term

        if Term.objects.exists():  # idempotent: seeded already
            return
        band = committee_band(members=members_active_count())
        size = int(band["min"])
        people = list(Member.objects.filter(status=MemberStatus.ACTIVE).order_by("pk")[:size])
        if len(people) < size:
            return
        positions = [Position.CHAIR, Position.VICE_CHAIR, Position.ORGANIZATION, Position.FINANCE]
        seats = [
            SeatInput(
                name=m.name,
                position=positions[i] if i < len(positions) else Position.MEMBER,
                member=m.pk,
                woman=m.gender == "F",
            )
            for i, m in enumerate(people)
        ]
        if union.slug == OVERDUE_UNION:
            elected_on = add_months(today, -(5 * 12 + 3))
        else:
            elected_on = add_months(today, -26)
        term_create(
            elected_on=elected_on,
            term_years=5,
            approved_on=elected_on,
            approval_ref="示例镇总工会〔批复〕",
            committee=seats,
            audit_committee=[people[-1].name],
            women_committee=[m.name for m in people if m.gender == "F"][:3],
            actor=None,
        )
        from tenants.facts import facts_refresh

        facts_refresh(keys=["organization.term", "organization.pending"])
