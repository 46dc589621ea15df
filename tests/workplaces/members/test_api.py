import json

import pytest

from federation.platform.audit.models import AuditEvent
from tenants.models import MemberIndex, UnionRollup
from tests.workplaces.members.conftest import member_payload, unique_id
from workplaces.members.crypto import id_hash
from workplaces.members.models import Member, MembershipEvent

pytestmark = pytest.mark.django_db


def test_adding_a_member_issues_a_number_and_reads_birth_date_from_the_id(a_org):
    payload = member_payload(id_number=unique_id("F"), gender="F", name="王芳")
    r = a_org.post("/api/v1/members/", payload, format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["member_no"] == "000001"
    assert body["status"] == "active"
    assert (
        body["birth_date"]
        == f"{payload['id_number'][6:10]}-{payload['id_number'][10:12]}-{payload['id_number'][12:14]}"
    )
    assert body["monthly_wage"] == "4500.00"
    assert body["dues_monthly"] == "22.50"
    assert body["history"][0]["status"] == "active"
    assert body["history"][0]["on"] == "2020-03-01"


def test_member_numbers_follow_each_other(a_org):
    first = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    second = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    assert (first["member_no"], second["member_no"]) == ("000001", "000002")


def test_adding_writes_an_audit_event_a_timeline_event_and_the_index(a_org, union_a, in_union):
    payload = member_payload()
    r = a_org.post("/api/v1/members/", payload, format="json")
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="member.created", object_id=str(r.json()["id"]))
        assert event.actor_name == "a_organization"
        assert event.after["name"] == "张伟"
        assert MembershipEvent.objects.filter(member_id=r.json()["id"]).count() == 1
    row = MemberIndex.objects.get(union=union_a)
    assert row.id_hash == id_hash(payload["id_number"])
    assert row.active is True


def test_the_public_index_never_holds_a_plain_id_number(a_org, union_a):
    from django.db import connection

    payload = member_payload()
    a_org.post("/api/v1/members/", payload, format="json")
    connection.set_schema_to_public()
    with connection.cursor() as cur:
        cur.execute("SELECT id_hash FROM public.tenants_memberindex")
        values = [row[0] for row in cur.fetchall()]
    assert values == [id_hash(payload["id_number"])]
    assert payload["id_number"] not in values[0]


def test_the_same_person_twice_in_one_union_is_a_conflict(a_org):
    payload = member_payload()
    assert a_org.post("/api/v1/members/", payload, format="json").status_code == 201
    r = a_org.post("/api/v1/members/", payload, format="json")
    assert r.status_code == 409
    assert r.json()["code"] == "member_exists"
    assert "000001" in r.json()["detail"]


def test_an_active_member_of_another_union_is_refused_without_naming_it(a_org, b_org, union_b):
    payload = member_payload()
    assert a_org.post("/api/v1/members/", payload, format="json").status_code == 201
    r = b_org.post("/api/v1/members/", payload, format="json")
    assert r.status_code == 409
    detail = r.json()["detail"]
    assert r.json()["code"] == "member_elsewhere"
    assert "transfer" in detail
    assert "UNION-A" not in detail
    assert "union-a" not in detail
    assert MemberIndex.objects.filter(union=union_b).count() == 0


def test_after_leaving_a_person_can_join_another_union(a_org, b_org):
    payload = member_payload()
    member = a_org.post("/api/v1/members/", payload, format="json").json()
    r = a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "withdrawn", "reason": "辞职", "on": "2026-01-31"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert b_org.post("/api/v1/members/", payload, format="json").status_code == 201


def test_a_retained_member_still_holds_the_membership(a_org, b_org):
    payload = member_payload()
    member = a_org.post("/api/v1/members/", payload, format="json").json()
    r = a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "retired", "reason": "退休", "on": "2026-01-31"},
        format="json",
    )
    assert r.json()["status"] == "retained"
    assert r.json()["dues_monthly"] == "0.00"
    assert b_org.post("/api/v1/members/", payload, format="json").status_code == 409


def test_leave_records_the_timeline_and_audit(a_org, union_a, in_union):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    r = a_org.post(
        f"/api/v1/members/{member['id']}/leave/",
        {"status": "deceased", "reason": "病故", "on": "2026-02-10"},
        format="json",
    )
    history = r.json()["history"]
    assert [(h["status"], h["on"], h["reason"]) for h in history] == [
        ("active", "2020-03-01", "Joined"),
        ("deceased", "2026-02-10", "病故"),
    ]
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="member.left", object_id=str(member["id"]))
        assert event.before["status"] == "active"
        assert event.after["status"] == "deceased"


def test_leaving_twice_is_refused(a_org):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    url = f"/api/v1/members/{member['id']}/leave/"
    a_org.post(url, {"status": "withdrawn", "reason": "x", "on": "2026-01-31"}, format="json")
    r = a_org.post(url, {"status": "expelled", "reason": "x", "on": "2026-02-01"}, format="json")
    assert r.status_code == 400
    assert list(r.json()) == ["status"]


def test_leaving_in_the_future_or_before_joining_is_refused(a_org):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    url = f"/api/v1/members/{member['id']}/leave/"
    assert a_org.post(
        url, {"status": "withdrawn", "reason": "x", "on": "2199-01-01"}, format="json"
    ).json() == {"on": ["The date cannot be in the future."]}
    assert a_org.post(
        url, {"status": "withdrawn", "reason": "x", "on": "2019-01-01"}, format="json"
    ).json() == {"on": ["The date is before the member joined."]}


def test_patch_changes_particulars_and_audits_only_the_difference(a_org, union_a, in_union):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    r = a_org.patch(
        f"/api/v1/members/{member['id']}/",
        {"monthly_wage": "4010.00", "phone": "13900001111"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["dues_monthly"] == "20.05"
    with in_union(union_a):
        event = AuditEvent.objects.get(kind="member.updated", object_id=str(member["id"]))
    assert event.before == {"phone": "13800001234", "monthly_wage": "4500.00"}
    assert event.after == {"phone": "13900001111", "monthly_wage": "4010.00"}


def test_the_id_number_cannot_be_patched(a_org):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    r = a_org.patch(f"/api/v1/members/{member['id']}/", {"id_number": unique_id()}, format="json")
    assert r.status_code == 400
    assert r.json() == {"id_number": ["The ID number cannot be changed."]}


def test_search_and_filters(a_org, union_a, in_union):
    from workplaces.members.groups import group_create

    with in_union(union_a):
        group = group_create(name="一车间", actor="test")
    a_org.post("/api/v1/members/", member_payload(name="张伟", group=group.pk), format="json")
    a_org.post(
        "/api/v1/members/",
        member_payload(name="李娜", gender="F", employment="migrant"),
        format="json",
    )
    third = a_org.post("/api/v1/members/", member_payload(name="王强"), format="json").json()

    def names(query):
        r = a_org.get(f"/api/v1/members/?{query}")
        assert r.status_code == 200, r.json()
        return [m["name"] for m in r.json()["results"]]

    assert names("search=李") == ["李娜"]
    assert names(f"group={group.pk}") == ["张伟"]
    assert names("gender=F") == ["李娜"]
    assert names("employment=migrant") == ["李娜"]
    assert names(f"member_no={third['member_no']}") == ["王强"]
    assert names(f"search={third['member_no']}") == ["王强"]
    assert names("status=active") == ["张伟", "李娜", "王强"]
    assert names("status=withdrawn") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=bogus", "status"),
        ("gender=X", "gender"),
        ("group=abc", "group"),
        ("employment=1", "employment"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(a_org, query, field):
    r = a_org.get(f"/api/v1/members/?{query}")
    assert r.status_code == 400
    assert list(r.json()) == [field]


def test_dues_summary_totals_active_members(a_org):
    a_org.post("/api/v1/members/", member_payload(monthly_wage="4009.99"), format="json")
    a_org.post("/api/v1/members/", member_payload(monthly_wage="4010.00"), format="json")
    retired = a_org.post(
        "/api/v1/members/", member_payload(monthly_wage="9000.00"), format="json"
    ).json()
    a_org.post(
        f"/api/v1/members/{retired['id']}/leave/",
        {"status": "retired", "reason": "退休"},
        format="json",
    )
    r = a_org.get("/api/v1/members/dues/")
    assert r.json()["monthly_total"] == "40.05"
    assert r.json()["members_paying"] == 2


def test_the_rollup_is_pushed_after_adding_and_leaving(a_org, union_a):
    a_org.post(
        "/api/v1/members/",
        member_payload(gender="F", employment="migrant", monthly_wage="4010.00"),
        format="json",
    )
    m = a_org.post("/api/v1/members/", member_payload(monthly_wage="5000.00"), format="json").json()
    rollup = UnionRollup.objects.get(union=union_a)
    assert (
        rollup.members_active,
        rollup.members_women,
        rollup.members_migrant,
        rollup.members_retained,
    ) == (2, 1, 1, 0)
    assert str(rollup.member_dues_monthly) == "45.05"
    a_org.post(
        f"/api/v1/members/{m['id']}/leave/", {"status": "retired", "reason": "退休"}, format="json"
    )
    rollup.refresh_from_db()
    assert (
        rollup.members_active,
        rollup.members_women,
        rollup.members_migrant,
        rollup.members_retained,
    ) == (1, 1, 1, 1)
    assert str(rollup.member_dues_monthly) == "20.05"


def test_the_federation_union_list_shows_the_rollup(a_org, client_for, union_a):
    a_org.post("/api/v1/members/", member_payload(), format="json")
    r = client_for("federation_admin").get("/api/v1/unions/union-a/")
    assert r.json()["member_count"] == 1


def test_union_b_cannot_read_union_a_members(a_org, client_for, union_b):
    member = a_org.post("/api/v1/members/", member_payload(), format="json").json()
    b_chair = client_for("b_chair", union_b)
    assert b_chair.get(f"/api/v1/members/{member['id']}/").status_code == 404
    assert b_chair.get("/api/v1/members/").json()["count"] == 0
    assert (
        b_chair.post(
            f"/api/v1/members/{member['id']}/leave/",
            {"status": "withdrawn", "reason": "x"},
            format="json",
        ).status_code
        == 404
    )


def test_a_token_of_union_a_means_nothing_at_union_b(client_for, union_a, union_b):
    from tests.conftest import _token_for

    client = client_for(None, union_b)
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_chair', union_a)}")
    assert client.get("/api/v1/members/").status_code == 401


def test_the_member_api_does_not_exist_on_the_federation_host(client_for):
    assert client_for("federation_admin").get("/api/v1/members/").status_code == 404


def test_group_leader_sees_only_the_group(a_org, client_for, union_a, in_union):
    from django.contrib.auth import get_user_model

    from workplaces.members.groups import group_create

    with in_union(union_a):
        leader = get_user_model().objects.get(username="a_group_leader")
        mine = group_create(name="我的小组", leader_id=leader.pk, actor="test")
        other = group_create(name="别的小组", actor="test")
    a_org.post("/api/v1/members/", member_payload(name="组内", group=mine.pk), format="json")
    outsider = a_org.post(
        "/api/v1/members/", member_payload(name="组外", group=other.pk), format="json"
    ).json()
    leader_api = client_for("a_group_leader", union_a)
    assert [m["name"] for m in leader_api.get("/api/v1/members/").json()["results"]] == ["组内"]
    assert leader_api.get(f"/api/v1/members/{outsider['id']}/").status_code == 404
    assert [g["name"] for g in leader_api.get("/api/v1/groups/").json()["results"]] == ["我的小组"]


def test_groups_can_be_created_with_a_leader_and_renamed(a_org):
    r = a_org.post("/api/v1/groups/", {"name": "二车间"}, format="json")
    assert r.status_code == 201
    r = a_org.patch(f"/api/v1/groups/{r.json()['id']}/", {"name": "二车间小组"}, format="json")
    assert r.json()["name"] == "二车间小组"
    assert a_org.post("/api/v1/groups/", {"name": "二车间小组"}, format="json").status_code == 400


def test_an_application_becomes_a_member_from_the_approval_date(a_org, union_a):
    payload = member_payload()
    payload.pop("joined_on")
    r = a_org.post("/api/v1/applications/", payload, format="json")
    assert r.status_code == 201, r.json()
    app_id = r.json()["id"]
    assert UnionRollup.objects.filter(union=union_a, members_active__gt=0).count() == 0
    r = a_org.post(f"/api/v1/applications/{app_id}/approve/", {"on": "2026-11-02"}, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["joined_on"] == "2026-11-02"
    assert r.json()["history"][0]["reason"] == "Application approved"
    assert r.json()["member_no"] == "000001"
    listed = a_org.get("/api/v1/applications/?status=approved").json()["results"]
    assert [(a["id"], a["member"]) for a in listed] == [(app_id, r.json()["id"])]
    again = a_org.post(f"/api/v1/applications/{app_id}/approve/", {}, format="json")
    assert again.status_code == 400


def test_a_rejected_application_creates_nobody(a_org, union_a, in_union):
    payload = member_payload()
    payload.pop("joined_on")
    app_id = a_org.post("/api/v1/applications/", payload, format="json").json()["id"]
    r = a_org.post(
        f"/api/v1/applications/{app_id}/reject/", {"reason": "非本单位职工"}, format="json"
    )
    assert r.json()["status"] == "rejected"
    with in_union(union_a):
        assert Member.objects.count() == 0


def test_an_application_for_someone_active_elsewhere_is_refused_at_approval(a_org, b_org):
    payload = member_payload()
    a_org.post("/api/v1/members/", payload, format="json")
    payload.pop("joined_on")
    app_id = b_org.post("/api/v1/applications/", payload, format="json").json()["id"]
    r = b_org.post(f"/api/v1/applications/{app_id}/approve/", {}, format="json")
    assert r.status_code == 409
    assert b_org.get("/api/v1/applications/?status=submitted").json()["count"] == 1


def test_the_fast_list_rows_equal_the_serializer(a_org, union_a, in_union):
    from workplaces.members.api import MemberOutputSerializer, member_row
    from workplaces.members.groups import group_create
    from workplaces.members.selectors import members_with_dues

    with in_union(union_a):
        group = group_create(name="一组", actor="t")
    a_org.post(
        "/api/v1/members/", member_payload(group=group.pk, monthly_wage="4009.99"), format="json"
    )
    a_org.post("/api/v1/members/", member_payload(), format="json")
    with in_union(union_a):
        for m in members_with_dues(Member.objects.select_related("group")):
            assert member_row(m) == dict(MemberOutputSerializer(m).data)


@pytest.mark.parametrize(("reader", "masked"), [("a_organization", False), ("a_finance", True)])
def test_a_member_answer_equals_the_detail_serializer(
    client_for, a_org, union_a, in_union, reader, masked
):
    from rest_framework.renderers import JSONRenderer

    from workplaces.members.api.serializers import MemberDetailSerializer
    from workplaces.members.groups import group_create

    with in_union(union_a):
        group = group_create(name="二组", actor="t")
    made = a_org.post(
        "/api/v1/members/", member_payload(group=group.pk, monthly_wage="5123.45"), format="json"
    ).json()
    edited = a_org.patch(f"/api/v1/members/{made['id']}/", {"phone": "13900001111"}, format="json")
    got = client_for(reader, union_a).get(f"/api/v1/members/{made['id']}/").json()
    with in_union(union_a):
        member = Member.objects.select_related("group").get(pk=made["id"])
        expected = MemberDetailSerializer(member, context={"reveal": not masked}).data
        rendered = json.loads(JSONRenderer().render(expected))
    assert got == rendered
    assert got["identity_masked"] is masked
    assert len(got["history"]) == 1
    assert edited.json()["phone"] == "13900001111"


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("王", ["王强"]),
        ("000002", ["李娜"]),
        ("1380000", ["王强", "李娜"]),
        ("Anna", ["Anna Li"]),
        ("anna", ["Anna Li"]),
    ],
)
def test_search_terms(a_org, term, expected):
    a_org.post("/api/v1/members/", member_payload(name="王强", phone="13800001111"), format="json")
    a_org.post(
        "/api/v1/members/",
        member_payload(name="李娜", gender="F", phone="13800002222"),
        format="json",
    )
    a_org.post(
        "/api/v1/members/",
        member_payload(name="Anna Li", gender="F", phone="13900003333"),
        format="json",
    )
    assert [
        m["name"] for m in a_org.get(f"/api/v1/members/?search={term}").json()["results"]
    ] == expected


def test_search_by_full_id_number(a_org):
    payload = member_payload(name="王强")
    a_org.post("/api/v1/members/", payload, format="json")
    a_org.post("/api/v1/members/", member_payload(name="李娜", gender="F"), format="json")
    assert [
        m["name"]
        for m in a_org.get(f"/api/v1/members/?search={payload['id_number']}").json()["results"]
    ] == ["王强"]


def test_finance_sets_a_new_dues_rate_from_a_date_and_the_rollup_follows(
    a_org, client_for, union_a
):
    a_org.post("/api/v1/members/", member_payload(monthly_wage="4010.00"), format="json")
    finance = client_for("a_finance", union_a)
    r = finance.post(
        "/api/v1/members/dues/", {"effective_from": "2026-01-01", "rate": "0.0100"}, format="json"
    )
    assert r.status_code == 201, r.json()
    assert r.json() == {
        "rate": "0.0100",
        "floor_unit": "10.00",
        "effective_from": "2026-01-01",
        "members_paying": 1,
        "monthly_total": "40.10",
    }
    assert str(UnionRollup.objects.get(union=union_a).member_dues_monthly) == "40.10"
    assert a_org.get("/api/v1/members/").json()["results"][0]["dues_monthly"] == "40.10"


@pytest.mark.parametrize(
    "body",
    [
        {"effective_from": "x", "rate": "0.01"},
        {"effective_from": "2026-01-01", "rate": "0.5"},
        {"effective_from": "2026-01-01", "rate": "abc"},
        {"rate": "0.01"},
    ],
)
def test_bad_dues_rules_are_a_400(client_for, union_a, body):
    r = client_for("a_finance", union_a).post("/api/v1/members/dues/", body, format="json")
    assert r.status_code == 400


def test_the_organization_officer_cannot_change_the_dues_rate(a_org):
    r = a_org.post(
        "/api/v1/members/dues/", {"effective_from": "2026-01-01", "rate": "0.01"}, format="json"
    )
    assert r.status_code == 403
    assert a_org.get("/api/v1/members/dues/").json()["rate"] == "0.0050"


def test_the_list_query_count_does_not_grow_with_the_members(a_org, union_a, in_union):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workplaces.members.groups import group_create

    with in_union(union_a):
        groups = [group_create(name=f"组{i}", actor="t") for i in range(3)]

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert a_org.get("/api/v1/members/?search=张").status_code == 200
        return len(ctx.captured_queries)

    a_org.post("/api/v1/members/", member_payload(group=groups[0].pk), format="json")
    few = queries()
    for i in range(12):
        a_org.post("/api/v1/members/", member_payload(group=groups[i % 3].pk), format="json")
    assert queries() == few


def test_a_member_with_a_linked_login_reads_only_their_own_record(
    a_org, client_for, union_a, in_union
):
    from django.contrib.auth import get_user_model

    with in_union(union_a):
        login = get_user_model().objects.get(username="a_member")
    mine = a_org.post("/api/v1/members/", member_payload(name="本人"), format="json").json()
    other = a_org.post("/api/v1/members/", member_payload(name="别人"), format="json").json()
    member_api = client_for("a_member", union_a)
    assert member_api.get("/api/v1/members/me/").status_code == 404
    r = a_org.patch(f"/api/v1/members/{mine['id']}/", {"user": login.pk}, format="json")
    assert r.json()["user"] == login.pk
    me = member_api.get("/api/v1/members/me/")
    assert (me.status_code, me.json()["name"], me.json()["dues_monthly"]) == (200, "本人", "22.50")
    assert member_api.get("/api/v1/members/").status_code == 403
    assert member_api.get(f"/api/v1/members/{other['id']}/").status_code == 403
    assert a_org.patch(
        f"/api/v1/members/{other['id']}/", {"user": login.pk}, format="json"
    ).json() == {"user": ["This login belongs to another member."]}
