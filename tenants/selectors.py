import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from tenants.models import Union, UnionHealth, UnionStatus


def unions_all() -> QuerySet[Union]:
    """Every workplace union (the federation's own public row is not one)."""
    return Union.objects.filter(is_federation=False)


def unions_serving() -> QuerySet[Union]:
    return unions_all().filter(status=UnionStatus.ACTIVE, ready=True).order_by("schema_name")


def union_list(*, kind: str = "", status: str = "", search: str = "") -> QuerySet[Union]:
    """The union list of the federation, with its roll-up and latest health in one query."""
    latest = UnionHealth.objects.filter(union=OuterRef("pk")).order_by("-taken_on")
    qs = (
        unions_all()
        .select_related("rollup")
        .prefetch_related("domains")
        .annotate(
            health_on=Subquery(latest.values("taken_on")[:1]),
            health_ok=Subquery(latest.values("migrations_applied")[:1]),
            health_tables=Subquery(latest.values("table_count")[:1]),
            health_last_activity=Subquery(latest.values("last_activity")[:1]),
        )
        .order_by("name")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if search:
        from django.db.models import Q

        qs = qs.filter(
            Q(name__icontains=search) | Q(slug__icontains=search) | Q(credit_code__icontains=search)
        )
    return qs


def union_get(*, slug: str) -> Union:
    return unions_all().get(slug=slug)


def union_member_count(union: Union) -> int:
    rollup = getattr(union, "rollup", None)
    try:
        return rollup.members_active if rollup else 0
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return 0


def federation_tenant() -> Union:
    return Union.objects.get(is_federation=True)


@dataclass(frozen=True)
class EmployeesEffective:
    """The employee count a membership share divides by: the latest of the registered
    count and the headcount declared for dues (``source``: "registered" | "declared")."""

    count: int
    source: str
    as_of: dt.date | None


def employees_effective(union: Union) -> EmployeesEffective | None:
    """Latest of the registered employee count (its history) and the headcount in the
    union's latest payroll declaration (the ``dues.headcount`` fact the dues services push:
    ``{"headcount": n, "as_of": "YYYY-MM-DD"}``). None when neither is known (0 counts as
    unknown)."""
    from tenants.models import EmployeeCountChange, UnionFact

    registered_as_of = (
        EmployeeCountChange.objects.filter(union_id=union.pk)
        .order_by("-as_of", "-changed_at", "-id")
        .values_list("as_of", flat=True)
        .first()
    )
    if registered_as_of is None and union.created_at is not None:
        registered_as_of = union.created_at.date()
    candidates: list[EmployeesEffective] = []
    if union.employee_count:
        candidates.append(EmployeesEffective(union.employee_count, "registered", registered_as_of))
    declared = UnionFact.objects.filter(union_id=union.pk, key="dues.headcount").values_list(
        "value", flat=True
    )
    for value in declared[:1]:
        if isinstance(value, dict) and value.get("headcount"):
            as_of = dt.date.fromisoformat(value["as_of"]) if value.get("as_of") else None
            candidates.append(EmployeesEffective(int(value["headcount"]), "declared", as_of))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.as_of or dt.date.min, c.source == "declared"))


def employees_effective_many(unions: list[Union]) -> dict[int, EmployeesEffective | None]:
    """``employees_effective`` for many unions in two queries (pages listing unions)."""
    from tenants.models import EmployeeCountChange, UnionFact

    ids = [u.pk for u in unions]
    registered: dict[int, dt.date] = {}
    for union_id, as_of in (
        EmployeeCountChange.objects.filter(union_id__in=ids)
        .order_by("union_id", "-as_of", "-changed_at", "-id")
        .distinct("union_id")
        .values_list("union_id", "as_of")
    ):
        registered[union_id] = as_of
    declared = dict(
        UnionFact.objects.filter(union_id__in=ids, key="dues.headcount").values_list(
            "union_id", "value"
        )
    )
    out: dict[int, EmployeesEffective | None] = {}
    for union in unions:
        candidates: list[EmployeesEffective] = []
        since: dt.date | None = registered.get(union.pk) or (
            union.created_at.date() if union.created_at else None
        )
        if union.employee_count:
            candidates.append(EmployeesEffective(union.employee_count, "registered", since))
        value = declared.get(union.pk)
        if isinstance(value, dict) and value.get("headcount"):
            on = dt.date.fromisoformat(value["as_of"]) if value.get("as_of") else None
            candidates.append(EmployeesEffective(int(value["headcount"]), "declared", on))
        out[union.pk] = (
            max(candidates, key=lambda c: (c.as_of or dt.date.min, c.source == "declared"))
            if candidates
            else None
        )
    return out
