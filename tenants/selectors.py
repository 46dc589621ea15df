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

        qs = qs.filter(Q(name__icontains=search) | Q(slug__icontains=search) | Q(credit_code__icontains=search))
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
