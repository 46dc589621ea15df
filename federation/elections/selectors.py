"""Reads of election steps (public rows)."""

from __future__ import annotations

from django.db.models import QuerySet

from federation.elections.models import ElectionApplication, ElectionResult, StepStatus
from tenants.models import Union


def pending_counts(*, union: Union) -> dict[str, int]:
    return {
        "applications": ElectionApplication.objects.filter(
            union_id=union.pk, status=StepStatus.SUBMITTED
        ).count(),
        "results": ElectionResult.objects.filter(
            union_id=union.pk, status=StepStatus.SUBMITTED
        ).count(),
    }


def applications(*, union: Union | None = None, status: str = "") -> QuerySet[ElectionApplication]:
    qs = ElectionApplication.objects.select_related("union")
    if union is not None:
        qs = qs.filter(union_id=union.pk)
    return qs.filter(status=status) if status else qs


def results(*, union: Union | None = None, status: str = "") -> QuerySet[ElectionResult]:
    qs = ElectionResult.objects.select_related("union")
    if union is not None:
        qs = qs.filter(union_id=union.pk)
    return qs.filter(status=status) if status else qs
