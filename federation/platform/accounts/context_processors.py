from django.conf import settings

from federation.platform.accounts import nav
from federation.platform.accounts.roles import FEDERATION_ROLES, UNION_ROLES
from federation.platform.accounts.services import user_roles
from tenants.context import on_federation_side


def site(request):
    tenant = getattr(request, "tenant", None)
    federation = on_federation_side()
    labels = FEDERATION_ROLES if federation else UNION_ROLES
    user = getattr(request, "user", None)
    return {
        "current_union": None if federation else tenant,
        "federation_tenant": tenant if federation else None,
        "on_federation": federation,
        "base_domain": settings.BASE_DOMAIN,
        "my_roles": [labels[r] for r in sorted(user_roles(user)) if r in labels] if user else [],
        "nav_items": nav.items_for(request, side="federation" if federation else "union"),
    }
