"""Demo data for the union funds: a few months of declarations, notices and payments per demo
union, so the board is not empty; one union (东方精密) is overdue and has been reminded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from federation.dues.periods import MONTHLY, Period, period_containing
from tenants.models import Union

OVERDUE_UNION = "dongfang"
SPLIT_UNION = "jiaotou"
SMALL_MICRO_UNION = "lianhe"
AVERAGE_WAGE = Decimal("6800.00")


def _setup(union: Union) -> None:
    from federation.dues import services
    from federation.dues.models import DuesPolicy

    if not DuesPolicy.objects.exists():
        services.policy_set(
            actor=None,
            rate=Decimal("0.0200"),
            upper_share=Decimal("0.4000"),
            due_day=15,
            grace_days=10,
            reminder_every_days=7,
            effective_from=dt.date(2025, 1, 1),
            city_share=Decimal("0.5000"),
            small_micro_refund_years=[2025],
        )
    services.union_settings_set(
        union=union,
        actor=None,
        collection_mode="split" if union.slug == SPLIT_UNION else "full",
        small_micro=union.slug == SMALL_MICRO_UNION,
        contact_email=f"caiwu@{union.slug}.example.cn",
    )


def _month(union: Union, period: Period, i: int, *, latest: bool, today: dt.date) -> None:
    """Declare, bill (dated the day after the period, as the beat does) and pay one month."""
    from federation.dues import services
    from federation.dues.models import DuesNotice

    headcount = max(union.employee_count, 1)
    payroll = (AVERAGE_WAGE * headcount + Decimal(37 * i * headcount % 9973)).quantize(
        Decimal("0.01")
    )
    services.declaration_submit(
        union=union, period=period, payroll_total=payroll, headcount=headcount, actor=None
    )
    notice, _ = services.notice_issue(union=union, period=period, actor=None)
    if notice is None:
        return
    issued_on = min(period.end + dt.timedelta(days=1), today)
    notice.issued_at = timezone.make_aware(dt.datetime.combine(issued_on, dt.time(1, 30)))
    DuesNotice.objects.filter(pk=notice.pk).update(issued_at=notice.issued_at)
    if union.slug == OVERDUE_UNION and i >= 1:
        return  # pays nothing since the first month: overdue
    if latest and union.slug in ("weisheng", "zhongxin-school"):
        return  # not paid yet, still within its due date
    half = (notice.amount_due / 2).quantize(Decimal("0.01"))
    services.payment_record(
        notice=notice,
        amount=half if latest else notice.amount_due,
        paid_on=max(min(today, notice.due_date), issued_on),
        reference=f"DEMO-{union.slug}-{period.code}",
        actor=None,
    )


def dues_demo_seed(union: Union) -> None:
    from federation.dues import services

    with schema_context(get_public_schema_name()):
        today = timezone.localdate()
        _setup(union)
        periods = []
        p = period_containing(today, MONTHLY)
        for _ in range(4):
            p = p.previous()
            periods.append(p)
        periods.reverse()  # oldest first
        for i, period in enumerate(periods):
            _month(union, period, i, latest=i == len(periods) - 1, today=today)
        services.notices_mark_overdue(today=today)
        services.reminder_send(union=union, today=today)
