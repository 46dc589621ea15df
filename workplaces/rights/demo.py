"""Demo rights records: contracts in force in most unions, an expired one at 东方, a
mediation case past its deadline at 交投, a mediation committee everywhere."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tenants.utils import tenant_context

from workplaces.rights.clocks import days_add, years_add

EXPIRED = "dongfang"
OVERDUE_MEDIATION = "jiaotou"


def _contract_in_force(today: dt.date, workers: int) -> None:
    from workplaces.rights.services.contracts import contract_create, contract_update, round_add

    start = years_add(today, -1)
    c = contract_create(
        kind="collective",
        employer="",
        workers_covered=workers,
        signed_on=days_add(start, -10),
        starts_on=start,
        ends_on=days_add(years_add(start, 3), -1),
        filed_on=days_add(start, -5),
        actor=None,
    )
    # the draft put to the workers' congress before signing (typed by hand: the demo's
    # congress sessions are this year's)
    contract_update(
        contract=c,
        changes={
            "congress_voted_on": days_add(start, -20),
            "congress_yes": 52,
            "congress_total": 60,
        },
        actor=None,
    )
    round_add(
        contract=c,
        held_on=days_add(start, -40),
        employee_side=["工会主席", "职工代表"],
        employer_side=["总经理", "人事经理"],
        summary="就工资增长、工时和休假达成一致。",
        actor=None,
    )
    contract_create(
        kind="women",
        workers_covered=workers // 3,
        signed_on=days_add(start, -10),
        starts_on=start,
        ends_on=days_add(years_add(start, 3), -1),
        filed_on=days_add(start, -5),
        actor=None,
    )


def demo_rights_seed(union) -> None:  # type: ignore[no-untyped-def]
    from tenants.facts import facts_refresh
    from workplaces.rights.models import CollectiveContract
    from workplaces.rights.services.contracts import contract_create
    from workplaces.rights.services.mediation import committee_set, mediation_receive

    today = timezone.localdate()
    workers = max(int(union.employee_count * 0.9), 1)
    with tenant_context(union):
        if CollectiveContract.objects.exists():
            return  # seeded already
        if union.slug == EXPIRED:
            contract_create(
                kind="collective",
                workers_covered=workers,
                signed_on=dt.date(2021, 12, 20),
                starts_on=dt.date(2022, 1, 1),
                ends_on=dt.date(2024, 12, 31),
                filed_on=dt.date(2021, 12, 25),
                actor=None,
            )
        else:
            _contract_in_force(today, workers)
        committee_set(
            members=[
                {"name": "工会主席", "side": "employees", "is_chair": True},
                {"name": "职工代表", "side": "employees"},
                {"name": "人事经理", "side": "employer"},
                {"name": "行政主管", "side": "employer"},
            ],
            since=years_add(today, -1),
            actor=None,
        )
        if union.slug == OVERDUE_MEDIATION:
            mediation_receive(
                received_on=days_add(today, -25),
                applicant="职工甲",
                respondent=union.name.removesuffix("工会"),
                matter="加班费计算争议",
                actor=None,
            )
        facts_refresh(
            keys=[
                "rights.contract",
                "rights.contracts_in_force",
                "rights.workers_covered",
                "rights.mediation",
            ]
        )
