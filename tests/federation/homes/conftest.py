"""Fixtures of the staff-home tests: the default scheme, a round over union-a and union-b,
and helpers that fill, submit and review an assessment through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def records_clean(union, *, members=None, on=None):
    """The union's own records in order, so no veto check blocks: a current committee term,
    a congress a month ago, a payroll declaration for last month, and members at 95% of the
    employees (facts as the union-side modules push them)."""
    from federation.dues.models import PayrollDeclaration
    from tenants.facts import fact_push
    from tenants.models import UnionRollup

    on = on or timezone.localdate()
    fact_push(
        union=union,
        key="organization.term",
        value={
            "elected_on": str(on - dt.timedelta(days=365)),
            "ends_on": str(on + dt.timedelta(days=3 * 365)),
            "status": "in_term",
            "committee_size": 7,
            "women_on_committee": 2,
        },
    )
    fact_push(union=union, key="congress.last_held_on", value=str(on - dt.timedelta(days=30)))
    last_month = (on.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    PayrollDeclaration.objects.get_or_create(
        union=union,
        period=f"{last_month:%Y-%m}",
        defaults={
            "period_start": last_month,
            "payroll_total": Decimal("100000.00"),
            "headcount": union.employee_count,
        },
    )
    active = members if members is not None else union.employee_count * 95 // 100
    UnionRollup.objects.update_or_create(union=union, defaults={"members_active": active})


@pytest.fixture
def clean_records(db, union_a, union_b):
    records_clean(union_a)
    records_clean(union_b)


@pytest.fixture
def scheme(db, clean_records):
    from federation.homes.services import scheme_default_ensure

    return scheme_default_ensure()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def round_ab(scheme, union_a, union_b, today):
    from federation.homes.services import round_open

    return round_open(
        scheme=scheme,
        title="2026 验收",
        deadline=today + dt.timedelta(days=10),
        unions=["union-a", "union-b"],
        actor="federation_assessor",
    )


@pytest.fixture
def assessment_a(round_ab, union_a):
    return round_ab.assessments.get(union=union_a)


@pytest.fixture
def assessment_b(round_ab, union_b):
    return round_ab.assessments.get(union=union_b)


def full_scores(assessment, *, field="self_score", total=None, zero=(), typed=False):
    """Items giving every criterion its maximum, or scaled to ``total`` (two decimals, the
    remainder on the last criterion); codes in ``zero`` get 0."""
    items = list(assessment.items.select_related("criterion").order_by("criterion__order"))
    maxes = [i.criterion.max_points for i in items]
    if total is None:
        scores = list(maxes)
    else:
        total = Decimal(total)
        scale = total / sum(maxes)
        scores = [(m * scale).quantize(Decimal("0.01")) for m in maxes]
        scores[-1] += total - sum(scores)
    out = []
    for item, score in zip(items, scores, strict=True):
        if item.criterion.code in zero:
            score = Decimal("0")
        out.append({"code": item.criterion.code, field: score if typed else str(score)})
    return out


@pytest.fixture
def fill_and_submit(in_union):
    """fill_and_submit(assessment, union, total=None, approval="90") through the services."""
    from federation.homes.services import assessment_save, assessment_submit

    def run(assessment, union, *, total=None, approval="90", zero=()):
        with in_union(union):
            assessment_save(
                union=union,
                assessment=assessment,
                items=full_scores(assessment, total=total, zero=zero, typed=True),
                approval_rate=Decimal(approval),
                actor="chair",
            )
            return assessment_submit(union=union, assessment=assessment, actor="chair")

    return run


@pytest.fixture
def review(db):
    """review(assessment, total=..., decision="accept") scores every criterion then decides."""
    from federation.homes.services import assessment_review

    def run(assessment, *, total=None, decision="accept", zero=(), comment="", deadline=None):
        if isinstance(deadline, str):
            deadline = dt.date.fromisoformat(deadline)
        return assessment_review(
            assessment=assessment,
            items=full_scores(assessment, field="score", total=total, zero=zero, typed=True),
            decision=decision,
            comment=comment,
            deadline=deadline,
            actor="federation_assessor",
        )

    return run


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
