from django.http import Http404
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.models import UnionStatus


class UnionRoutingMiddleware(TenantMainMiddleware):
    """Route by host; a union that is not ready or was deactivated is not served."""

    def get_tenant(self, domain_model, hostname):
        tenant = super().get_tenant(domain_model, hostname)
        if not tenant.is_federation and (not tenant.ready or tenant.status != UnionStatus.ACTIVE):
            raise domain_model.DoesNotExist
        return tenant

    def no_tenant_found(self, request, hostname):
        raise Http404("No union is served at this address.")
