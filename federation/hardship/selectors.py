"""Federation-side reads of the household index: counts and file numbers, never names."""

from __future__ import annotations

from django.db.models import Count

from federation.hardship.models import HouseholdClaim
from tenants.context import federation_side


@federation_side
def open_files_by_union() -> dict[int, list[int]]:
    """``{union_id: [file_id, ...]}`` of the open files (for the audited open action)."""
    out: dict[int, list[int]] = {}
    for union_id, file_id in (
        HouseholdClaim.objects.filter(is_open=True)
        .values_list("union_id", "file_id")
        .distinct()
        .order_by("union_id", "file_id")
    ):
        out.setdefault(union_id, []).append(file_id)
    return out


@federation_side
def open_file_exists(*, union_id: int, file_id: int) -> bool:
    return HouseholdClaim.objects.filter(union_id=union_id, file_id=file_id).exists()


def open_households_count() -> int:
    return (
        HouseholdClaim.objects.filter(is_open=True)
        .values("union_id", "file_id")
        .annotate(n=Count("id"))
        .count()
    )
