"""Issue 15 item 5 for the festival receipts import: a signed list is read by the bounded
reader, so a small xlsx claiming a huge sheet is refused before it is read."""

import io

import pytest

from tests.workplaces.members.test_import_limits import _claim_size, _xlsx
from tests.workplaces.welfare.test_festivals import URL, _dist
from workplaces.welfare.models import FestivalReceipt

pytestmark = pytest.mark.django_db


def _upload(content: bytes, name: str = "list.xlsx") -> io.BytesIO:
    f = io.BytesIO(content)
    f.name = name
    return f


def test_a_small_xlsx_claiming_a_huge_sheet_is_refused_before_reading(
    a_chair, member_in, union_a, in_union
):
    a = member_in(union_a)
    pk = a_chair.post(URL, _dist([a]), format="json").json()["id"]
    content = _xlsx([["会员编号", "签收日期"], [a.member_no, "2026-02-11"]])
    bomb = _claim_size(content, b"xl/worksheets/sheet1.xml", 3 * 1024**3)
    res = a_chair.post(f"{URL}{pk}/receipts/import/", {"file": _upload(bomb)}, format="multipart")
    assert res.status_code == 400
    assert res.json() == {"file": ["The xlsx file unpacks to more than 100 MB."]}
    with in_union(union_a):
        assert FestivalReceipt.objects.filter(signed_on__isnull=False).count() == 0


def test_a_signed_xlsx_list_is_still_imported(a_chair, member_in, union_a):
    a = member_in(union_a)
    pk = a_chair.post(URL, _dist([a]), format="json").json()["id"]
    content = _xlsx([["会员编号", "签收日期"], [a.member_no, "2026-02-11"]])
    res = a_chair.post(
        f"{URL}{pk}/receipts/import/", {"file": _upload(content)}, format="multipart"
    )
    assert res.json() == {"signed": 1}
