"""Demo data: every demo union gets a committee term and this year's work plan (one item
past its due date, shown on the union home); one (联合工会) is overdue for 换届."""

from __future__ import annotations

import datetime as dt

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
            # required from the rule's count of women members on: three of the union's women
            women_committee=list(
                Member.objects.filter(status=MemberStatus.ACTIVE, gender="F")
                .order_by("pk")
                .values_list("name", flat=True)[:3]
            ),
            actor=None,
        )
        _work_plan_seed(today)
        from tenants.facts import facts_refresh

        facts_refresh(keys=["organization.term", "organization.pending"])


def _work_plan_seed(today: dt.date) -> None:
    """This year's plan: one item done, one past its due date and half done, one ahead.
    Rows written directly: the plan services are durable transactions, and the demo seed
    runs in one transaction."""
    from workplaces.organization.models import PlanItem, WorkPlan

    plan = WorkPlan.objects.create(year=today.year, title=f"{today.year}年工会工作计划")
    rows = [
        ("召开职工代表大会，报告上年提案办理情况", "组织委员", today - dt.timedelta(days=120), 100),
        ("开展职工技能竞赛", "文体委员", today - dt.timedelta(days=20), 50),
        ("走访慰问困难职工", "主席", today + dt.timedelta(days=40), 0),
    ]
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            title=title,
            owner=owner,
            due_on=due_on,
            progress=progress,
            done_on=due_on if progress == 100 else None,
        )
        for title, owner, due_on, progress in rows
    )
