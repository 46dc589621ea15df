from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet


def users_list(*, search: str = "", role: str = "") -> QuerySet:
    """The accounts of the schema the connection is on, with their roles in one query."""
    qs = (
        get_user_model()
        .objects.prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
        .order_by("username")
    )
    if search:
        from django.db.models import Q

        qs = qs.filter(Q(username__icontains=search) | Q(first_name__icontains=search))
    if role:
        qs = qs.filter(groups__name=role)
    return qs
