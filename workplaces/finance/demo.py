"""Demo union finance: this year's budget, income and approved expenses, an audit review
with a finding still open, and the member dues ledger with one member unpaid 6 months."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tenants.utils import tenant_context


def demo_finance_seed(union) -> None:
    from workplaces.finance import dues_ledger, review, services
    from workplaces.finance.models import Budget
    from workplaces.members.models import Member

    today = timezone.localdate()
    with tenant_context(union):
        if Budget.objects.filter(year=today.year).exists():
            return
        chair = get_user_model().objects.filter(groups__name="chair").order_by("pk").first()
        if chair is None:
            return
        services.budget_create(
            actor=chair,
            year=today.year,
            lines=[
                {"category": "会费", "amount": Decimal("12000.00")},
                {"category": "拨缴经费返还", "amount": Decimal("80000.00")},
                {"category": "职工活动支出", "amount": Decimal("60000.00")},
                {"category": "维权支出", "amount": Decimal("8000.00")},
                {"category": "业务支出", "amount": Decimal("15000.00")},
            ],
        )
        jan = dt.date(today.year, 1, 15)
        services.entry_create(
            actor=None,
            kind="income",
            category="行政补助",
            amount=Decimal("20000.00"),
            on=jan,
            summary="行政拨付工会活动经费",
            voucher_no="记-001",
        )
        spend = [
            ("职工活动支出", "3200.00", "职工篮球赛场地及用品", "", None),
            ("职工活动支出", "9600.00", "中秋节慰问品", "festival_goods", 32),
            ("业务支出", "1800.00", "工会干部培训资料", "", None),
            ("维权支出", "1200.00", "劳动法律咨询", "", None),
        ]
        for i, (category, amount, summary, cap, headcount) in enumerate(spend, start=2):
            entry = services.entry_create(
                actor=None,
                kind="expense",
                category=category,
                amount=Decimal(amount),
                on=jan + dt.timedelta(days=30 * i),
                summary=summary,
                voucher_no=f"记-{i:03d}",
                cap=cap,
                headcount=headcount,
                committee_decision="工会委员会会议纪要" if Decimal(amount) > 5000 else "",
            )
            services.entry_approve(actor=chair, entry=entry)
        services.entry_create(
            actor=None,
            kind="expense",
            category="其他支出",
            amount=Decimal("450.00"),
            on=today,
            summary="办公用品（待审批）",
            voucher_no="记-099",
        )
        _demo_review(review, chair, today)
        _demo_dues(dues_ledger, chair, today, Member)


def _demo_review(review, chair, today) -> None:
    class _Audit:
        is_authenticated = True
        is_active = True
        is_superuser = True
        pk = chair.pk

        def get_username(self) -> str:
            return "demo-audit"

    row = review.review_create(
        actor=_Audit(),
        kind="budget",
        year=today.year,
        title=f"{today.year}年度预算审查",
        reviewed_on=dt.date(today.year, 2, 20),
        conclusion="预算编制基本合理。",
    )
    review.finding_add(
        actor=_Audit(),
        review=row,
        description="部分支出凭证缺少经办人签字。",
        responsible="财务委员",
        deadline=today + dt.timedelta(days=30),
    )


def _demo_dues(dues_ledger, chair, today, Member) -> None:
    members = list(Member.objects.filter(status="active").order_by("pk"))
    if not members:
        return
    first = dues_ledger.month_add(dues_ledger.month_start(today), -6)
    for n in range(6):
        month = dues_ledger.month_add(first, n)
        dues_ledger.dues_month_generate(actor=chair, month=month)
        items = [
            {"member": m.pk, "amount": row.due}
            for m in members[1:]
            for row in m.dues_months.filter(month=month, due__gt=0)
        ]
        if items:
            dues_ledger.dues_collect(
                actor=chair,
                month=month,
                reference=f"PAYROLL-{month:%Y%m}",
                paid_on=month + dt.timedelta(days=9),
                items=items,
            )
