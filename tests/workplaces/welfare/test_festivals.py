"""Festival goods within the yearly limit per member, and the receipts."""

import io

import pytest

from workplaces.welfare.models import FestivalDistribution, FestivalReceipt

pytestmark = pytest.mark.django_db

URL = "/api/v1/welfare/festivals/"


def _dist(members, **overrides):
    data = {
        "festival": "春节",
        "distributed_on": "2026-02-10",
        "amount_per_head": "1500.00",
        "goods": "米、油",
        "members": [m.pk for m in members],
    }
    data.update(overrides)
    return data


def test_a_distribution_lists_its_members_and_who_has_not_signed(a_chair, member_in, union_a):
    a, b = member_in(union_a), member_in(union_a, name="李娜")
    made = a_chair.post(URL, _dist([a, b]), format="json")
    assert made.status_code == 201
    pk = made.json()["id"]
    a_chair.post(f"{URL}{pk}/receipts/", {"member": a.pk, "signed_on": "2026-02-10"}, format="json")
    detail = a_chair.get(f"{URL}{pk}/").json()
    assert [r["member"] for r in detail["missing_receipts"]] == [b.pk]


def test_a_distribution_over_the_yearly_limit_is_a_400_on_amount_per_head_and_nothing_is_written(
    a_chair, member_in, union_a, in_union
):
    a = member_in(union_a)
    a_chair.post(URL, _dist([a]), format="json")
    res = a_chair.post(
        URL,
        _dist([a], festival="中秋", distributed_on="2026-09-20", amount_per_head="500.01"),
        format="json",
    )
    assert res.status_code == 400
    assert list(res.json()) == ["amount_per_head"]
    assert "2000.00" in res.json()["amount_per_head"][0]
    with in_union(union_a):
        assert FestivalDistribution.objects.count() == 1


def test_reaching_the_limit_exactly_is_allowed_and_next_year_starts_again(
    a_chair, member_in, union_a
):
    a = member_in(union_a)
    a_chair.post(URL, _dist([a]), format="json")
    ok = a_chair.post(
        URL,
        _dist([a], festival="中秋", distributed_on="2026-09-20", amount_per_head="500.00"),
        format="json",
    )
    assert ok.status_code == 201
    nxt = a_chair.post(URL, _dist([a], distributed_on="2027-01-20"), format="json")
    assert nxt.status_code == 201


def test_a_signed_list_is_imported_and_a_bad_row_writes_nothing(
    a_chair, member_in, union_a, in_union
):
    a, b = member_in(union_a), member_in(union_a, name="李娜")
    pk = a_chair.post(URL, _dist([a, b]), format="json").json()["id"]
    bad = io.BytesIO(f"会员编号,签收日期\n{a.member_no},2026-02-11\n999999,2026-02-11\n".encode())
    bad.name = "list.csv"
    res = a_chair.post(f"{URL}{pk}/receipts/import/", {"file": bad}, format="multipart")
    assert res.status_code == 400
    assert list(res.json()) == ["file"]
    with in_union(union_a):
        assert FestivalReceipt.objects.filter(signed_on__isnull=False).count() == 0
    good = io.BytesIO(
        f"会员编号,签收日期\n{a.member_no},2026-02-11\n{b.member_no},2026-02-12\n".encode("gb18030")
    )
    good.name = "list.csv"
    res = a_chair.post(f"{URL}{pk}/receipts/import/", {"file": good}, format="multipart")
    assert res.json() == {"signed": 2}


def test_another_unions_distribution_is_a_404(a_chair, b_chair, member_in, union_b):
    theirs = b_chair.post(URL, _dist([member_in(union_b)]), format="json").json()
    assert a_chair.get(f"{URL}{theirs['id']}/").status_code == 404


def test_a_large_distributions_page_shows_receipts_by_pages_and_names_the_first_unsigned(
    union_a, in_union
):
    import datetime as dt
    from decimal import Decimal

    from django.test import Client

    from tests.conftest import PASSWORD, host_of
    from tests.workplaces.organization.factories import members_bulk
    from workplaces.welfare.services.festivals import festival_distribute

    with in_union(union_a):
        members = members_bulk(250)
        dist = festival_distribute(
            festival="春节",
            distributed_on=dt.date(2026, 2, 10),
            amount_per_head=Decimal("100.00"),
            members=members,
            actor=None,
        )
    client = Client(HTTP_HOST=host_of(union_a))
    client.cookies["django_language"] = "en"
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    html = client.get(f"/welfare/festivals/{dist.pk}/").content.decode()
    assert html.count("<tr><td>") == 100
    assert "Page 1 of 3" in html
    assert "Members missing a receipt (250)" in html
    assert "and 50 more (the export lists every receipt)." in html
    last = client.get(f"/welfare/festivals/{dist.pk}/?page=3").content.decode()
    assert last.count("<tr><td>") == 50


def _chair_page(union):
    from django.test import Client

    from tests.conftest import PASSWORD, host_of

    client = Client(HTTP_HOST=host_of(union))
    client.cookies["django_language"] = "en"
    client.post("/accounts/login/", {"username": "a_chair", "password": PASSWORD})
    return client


def _festival_post(numbers: str) -> dict[str, str]:
    return {
        "festival": "中秋",
        "distributed_on": "2026-09-20",
        "amount_per_head": "200.00",
        "goods": "月饼",
        "member_nos": numbers,
    }


def test_the_festival_page_lists_the_members_typed_by_number(member_in, union_a, in_union):
    a, b, _c = member_in(union_a), member_in(union_a), member_in(union_a)
    page = _chair_page(union_a)
    answer = page.post("/welfare/festivals/", _festival_post(f"{a.member_no}\n{b.member_no}\n"))
    assert answer.status_code == 302
    with in_union(union_a):
        assert sorted(FestivalReceipt.objects.values_list("member_id", flat=True)) == sorted(
            [a.pk, b.pk]
        )


def test_an_unknown_number_on_the_festival_page_writes_nothing(member_in, union_a, in_union):
    a = member_in(union_a)
    page = _chair_page(union_a)
    answer = page.post(
        "/welfare/festivals/", _festival_post(f"{a.member_no}\nNO-SUCH"), follow=True
    )
    assert "No active member with number NO-SUCH." in answer.content.decode()
    with in_union(union_a):
        assert FestivalDistribution.objects.count() == 0
