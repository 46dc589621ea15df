"""Routing by host, with the host's union kept per process for a few seconds.

The union of a host is read from the public schema on every request by django-tenants (a
``SET search_path`` to public and the domain query: 2 of the member list's 7 round trips,
issue 16). Here the row is kept in this process for ``TENANT_ROUTING_CACHE_SECONDS``
(default 5; 0 turns the cache off). Every save or delete of a union or a domain in this
process (``union_deactivate``, ``union_update``, the admin ...) forgets the whole cache at
once and again when its transaction commits, so this process refuses a deactivated union
on its next request; another gunicorn worker or machine may still serve it until its own
entry expires, that is for at most ``TENANT_ROUTING_CACHE_SECONDS`` (deploy/SCALING.md).
Only hosts that have a domain row are kept (no entry for an unknown host), so the cache
cannot grow past the number of domains; each request gets its own copy of the row.
"""

import copy
import threading
import time

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.models import Union, UnionStatus

_ROUTES: dict[str, tuple[float, Union]] = {}
_LOCK = threading.Lock()
# bumped by every clear: a row read before a clear is not kept after it
_GENERATION = [0]


def routing_cache_clear() -> None:
    """Forget every host's union in this process."""
    with _LOCK:
        _ROUTES.clear()
        _GENERATION[0] += 1


def routing_cache_clear_on_change() -> None:
    """A union or a domain is being saved: forget now, and again when the transaction
    commits (a request served between the save and the commit must not keep the row as it
    was before)."""
    routing_cache_clear()
    transaction.on_commit(routing_cache_clear)


def routing_cache_ttl() -> float:
    return float(getattr(settings, "TENANT_ROUTING_CACHE_SECONDS", 5))


class UnionRoutingMiddleware(TenantMainMiddleware):
    """Route by host; a union that is not ready or was deactivated is not served."""

    def get_tenant(self, domain_model, hostname):
        tenant = self._union_of_host(domain_model, hostname)
        if not tenant.is_federation and (not tenant.ready or tenant.status != UnionStatus.ACTIVE):
            raise domain_model.DoesNotExist
        return tenant

    def _union_of_host(self, domain_model, hostname) -> Union:
        ttl = routing_cache_ttl()
        if ttl <= 0:
            return super().get_tenant(domain_model, hostname)
        now = time.monotonic()
        hit = _ROUTES.get(hostname)
        if hit is not None and hit[0] > now:
            # a copy: the middleware and views set attributes on request.tenant
            return copy.copy(hit[1])
        generation = _GENERATION[0]
        tenant = super().get_tenant(domain_model, hostname)
        with _LOCK:
            if generation == _GENERATION[0]:
                _ROUTES[hostname] = (now + ttl, copy.copy(tenant))
        return tenant

    def no_tenant_found(self, request, hostname):
        raise Http404("No union is served at this address.")
