"""Demo welfare records: visits and a festival distribution in every union, hardship
files with aid at 卫生院 and 联合工会."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_tenants.utils import tenant_context

HARDSHIP = ("weisheng", "lianhe")


def demo_welfare_seed(union) -> None:  # type: ignore[no-untyped-def]
    from tenants.facts import facts_refresh
    from workplaces.members.models import Member, MemberStatus
    from workplaces.welfare.models import Visit
    from workplaces.welfare.services.festivals import festival_distribute
    from workplaces.welfare.services.hardship import aid_give, hardship_open
    from workplaces.welfare.services.visits import visit_record

    today = timezone.localdate()
    with tenant_context(union):
        members = list(Member.objects.filter(status=MemberStatus.ACTIVE).order_by("pk"))
        if not members or Visit.objects.exists():
            return  # nothing to hand out to, or seeded already
        visit_record(
            member=members[0],
            reason="illness",
            visited_on=today - dt.timedelta(days=20),
            amount=Decimal("500.00"),
            visitors="工会主席",
            actor=None,
        )
        festival_distribute(
            festival="春节",
            distributed_on=dt.date(today.year, 1, 20),
            amount_per_head=Decimal("300.00"),
            members=members,
            goods="米、油",
            actor=None,
        )
        if union.slug in HARDSHIP:
            for member, category in zip(
                members[1:4], ("deep", "relative", "accident"), strict=False
            ):
                file = hardship_open(
                    member=member,
                    category=category,
                    household_size=3,
                    household_income=Decimal("2400.00"),
                    reason="家庭成员重病，医疗支出大",
                    opened_on=dt.date(today.year, 1, 5),
                    notice_from=dt.date(today.year, 1, 6),
                    notice_to=dt.date(today.year, 1, 12),
                    actor=None,
                )
                aid_give(
                    file=file,
                    kind="cash",
                    amount=Decimal("1000.00"),
                    given_on=dt.date(today.year, 1, 20),
                    actor=None,
                )
        facts_refresh(
            keys=["welfare.hardship", "welfare.visits_by_year", "welfare.festival_by_year"]
        )
