"""The member list and search are the register's hot path (issue 16, load test): their
queries per request are counted exactly, so a lookup added per request or per row fails
here before it shows in the load test's p95."""

import pytest

from tests.factories import MemberFactory, UnionGroupFactory

# per request on a union's host, token-authenticated, once this process has looked the
# host's union up (tenants/middleware.py keeps it TENANT_ROUTING_CACHE_SECONDS): the
# search_path to the union, the token with its user and roles, the dues rule in force, the
# page (members with their group's name, and the total by a window count). The first
# request of a host adds the search_path to public and the union of the host.
LIST_QUERIES = 4


@pytest.fixture
def register(union_a, in_union):
    with in_union(union_a):
        groups = [UnionGroupFactory(name=f"测试组{i}") for i in range(3)]
        for i in range(60):
            MemberFactory(name=f"王{i}", group=groups[i % 3] if i % 4 else None)


@pytest.fixture
def officer(a_org):
    assert a_org.get("/api/v1/members/?page_size=1").status_code == 200  # the token's first use
    return a_org


@pytest.mark.parametrize(
    ("query", "rows"), [("?page_size=50", 50), ("?search=王", 50), ("?search=王&page=2", 10)]
)
def test_a_page_of_the_member_list_costs_a_fixed_number_of_queries(
    register, officer, django_assert_num_queries, query, rows
):
    with django_assert_num_queries(LIST_QUERIES):
        r = officer.get(f"/api/v1/members/{query}")
    assert r.status_code == 200
    assert len(r.json()["results"]) == rows


def test_a_masked_reader_pays_the_same_queries(
    register, client_for, union_a, django_assert_num_queries
):
    finance = client_for("a_finance", union_a)
    assert finance.get("/api/v1/members/?page_size=1").status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        r = finance.get("/api/v1/members/?search=王")
    assert r.status_code == 200
    assert r.json()["results"][0]["identity_masked"] is True


def test_the_list_rows_read_as_values_equal_the_output_serializer(register, union_a, in_union):
    from workplaces.members.api import MemberOutputSerializer
    from workplaces.members.api.serializers import LIST_VALUES, member_row_of_values
    from workplaces.members.models import Member
    from workplaces.members.selectors import dues_rule_in_force, members_with_dues

    with in_union(union_a):
        rule = dues_rule_in_force()
        models = {m.pk: m for m in members_with_dues(Member.objects.select_related("group"))}
        for v in Member.objects.values(*LIST_VALUES):
            for reveal in (True, False):
                shown = MemberOutputSerializer(models[v["id"]], context={"reveal": reveal}).data
                assert member_row_of_values(v, rule=rule, reveal=reveal) == dict(shown)


def test_the_list_rows_given_the_time_zone_once_equal_the_output_serializer_in_that_zone(
    register, union_a, in_union
):
    from django.utils import timezone

    from workplaces.members.api import MemberOutputSerializer
    from workplaces.members.api.serializers import LIST_VALUES, member_row_of_values
    from workplaces.members.models import Member
    from workplaces.members.selectors import dues_rule_in_force, members_with_dues

    with in_union(union_a), timezone.override("America/New_York"):
        rule = dues_rule_in_force()
        models = {m.pk: m for m in members_with_dues(Member.objects.select_related("group"))}
        tz = timezone.get_current_timezone()
        rows = list(Member.objects.values(*LIST_VALUES))
        assert rows
        for v in rows:
            shown = dict(MemberOutputSerializer(models[v["id"]]).data)
            row = member_row_of_values(v, rule=rule, tz=tz)
            assert row == shown
            assert row["created_at"].endswith(("-05:00", "-04:00"))
