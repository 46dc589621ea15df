"""The host's union is kept per process for TENANT_ROUTING_CACHE_SECONDS (issue 16, load
test): a union deactivated or changed in this process is seen on the next request, another
process's change within the TTL, and one union's row never answers for another host."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants import middleware
from tenants.lifecycle import union_deactivate, union_reactivate
from tenants.models import Union
from tenants.services import union_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _long_ttl(settings):
    # long enough that only a clear (not the expiry) can explain a fresh read
    settings.TENANT_ROUTING_CACHE_SECONDS = 300


def _domain_queries(client, path="/api/v1/union/") -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    return status, sum('"tenants_domain"' in q["sql"] for q in ctx.captured_queries)


def test_the_second_request_does_not_read_the_domain_again(client_for, union_a):
    chair = client_for("a_chair", union_a)
    assert _domain_queries(chair) == (200, 1)
    assert _domain_queries(chair) == (200, 0)


def test_a_deactivated_union_is_refused_on_the_next_request(client_for, union_a):
    chair = client_for("a_chair", union_a)
    assert _domain_queries(chair) == (200, 1)
    assert _domain_queries(chair) == (200, 0)  # served from the cache
    union_deactivate(union=union_a, actor="test")
    connection.set_schema_to_public()
    assert chair.get("/api/v1/union/").status_code == 404
    assert chair.get("/").status_code == 404
    union_reactivate(union=Union.objects.get(pk=union_a.pk), actor="test", reason="复会")
    connection.set_schema_to_public()
    assert chair.get("/api/v1/union/").status_code == 200


def test_deactivation_through_the_federation_api_is_seen_at_once(
    client_for, federation_admin_api, union_a
):
    chair = client_for("a_chair", union_a)
    assert chair.get("/api/v1/union/").status_code == 200
    resp = federation_admin_api.post("/api/v1/unions/union-a/deactivate/", {}, format="json")
    assert resp.status_code == 200
    assert chair.get("/api/v1/union/").status_code == 404


def test_a_change_by_the_service_is_read_on_the_next_request(client_for, union_a):
    chair = client_for("a_chair", union_a)
    assert chair.get("/api/v1/union/").json()["name"] == union_a.name
    union_update(union=union_a, actor="test", name="改名后的工会")
    connection.set_schema_to_public()
    assert chair.get("/api/v1/union/").json()["name"] == "改名后的工会"


def test_another_process_change_is_seen_once_the_entry_expires(
    client_for, union_a, settings, monkeypatch
):
    """A change this process did not make (another worker's: here a queryset update, which
    sends no signal) is served at most TENANT_ROUTING_CACHE_SECONDS late."""
    settings.TENANT_ROUTING_CACHE_SECONDS = 5
    now = [1000.0]
    monkeypatch.setattr(middleware.time, "monotonic", lambda: now[0])
    chair = client_for("a_chair", union_a)
    assert chair.get("/api/v1/union/").status_code == 200
    Union.objects.filter(pk=union_a.pk).update(status="inactive")
    now[0] += 4.9
    assert chair.get("/api/v1/union/").status_code == 200  # within the TTL: not yet seen
    now[0] += 0.2
    assert chair.get("/api/v1/union/").status_code == 404


def test_a_row_read_before_a_clear_is_not_kept_after_it(client_for, union_a, monkeypatch):
    """A request that read the union before another thread's change committed must not put
    that old row back into the cache after the change cleared it."""
    read = middleware.TenantMainMiddleware.get_tenant

    def read_then_cleared(self, domain_model, hostname):
        tenant = read(self, domain_model, hostname)
        middleware.routing_cache_clear()  # the other thread's commit, between read and store
        return tenant

    monkeypatch.setattr(middleware.TenantMainMiddleware, "get_tenant", read_then_cleared)
    chair = client_for("a_chair", union_a)
    assert chair.get("/api/v1/union/").status_code == 200
    assert middleware._ROUTES == {}


def test_the_cache_is_off_at_zero(client_for, union_a, settings):
    settings.TENANT_ROUTING_CACHE_SECONDS = 0
    chair = client_for("a_chair", union_a)
    assert _domain_queries(chair) == (200, 1)
    assert _domain_queries(chair) == (200, 1)


def test_each_host_gets_its_own_union_and_data(client_for, union_a, union_b, in_union):
    """Isolation with a warm cache: requests to the two unions and the federation,
    interleaved, each answer with their own union and their own members only."""
    from tests.workplaces.members.conftest import member_payload
    from workplaces.members.services import member_create

    for union, name in ((union_a, "甲会员"), (union_b, "乙会员")):
        with in_union(union):
            member_create(actor="test", **dict(member_payload(), name=name))
    connection.set_schema_to_public()
    a = client_for("a_chair", union_a)
    b = client_for("b_chair", union_b)
    fed = client_for("federation_admin")
    for _ in range(3):
        for client, union, mine, other in (
            (a, union_a, "甲会员", "乙会员"),
            (b, union_b, "乙会员", "甲会员"),
        ):
            profile = client.get("/api/v1/union/").json()
            assert (profile["slug"], profile["name"]) == (union.slug, union.name)
            names = [m["name"] for m in client.get("/api/v1/members/").json()["results"]]
            assert mine in names
            assert other not in names
        assert fed.get("/api/v1/unions/").status_code == 200
        assert fed.get("/api/v1/union/").status_code == 404  # no union route on the federation
    # a token of one union still means nothing at the other with both rows cached
    a.credentials(HTTP_AUTHORIZATION=b._credentials["HTTP_AUTHORIZATION"])
    assert a.get("/api/v1/union/").status_code == 401
    assert set(middleware._ROUTES) == {
        f"union-a.{settings.BASE_DOMAIN}",
        f"union-b.{settings.BASE_DOMAIN}",
        settings.BASE_DOMAIN,
    }


def test_an_unknown_host_is_a_404_and_not_kept(client_for):
    from tests.conftest import HostClient

    assert HostClient(f"nobody.{settings.BASE_DOMAIN}").get("/healthz").status_code == 404
    assert f"nobody.{settings.BASE_DOMAIN}" not in middleware._ROUTES


def test_the_request_gets_a_copy_of_the_cached_row(client_for, union_a, rf):
    chair = client_for("a_chair", union_a)
    assert chair.get("/api/v1/union/").status_code == 200
    cached = middleware._ROUTES[f"union-a.{settings.BASE_DOMAIN}"][1]
    req = rf.get("/", HTTP_HOST=f"union-a.{settings.BASE_DOMAIN}")
    middleware.UnionRoutingMiddleware(lambda r: None).process_request(req)
    assert req.tenant == cached
    assert req.tenant is not cached
    req.tenant.name = "某个视图改了它"
    assert cached.name == union_a.name
