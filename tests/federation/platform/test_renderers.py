"""The API's JSON renderer writes with orjson what DRF's renderer writes (federation/platform/
renderers.py): the same bytes for every kind of value an answer holds, and DRF's own
renderer wherever orjson would differ or refuse."""

import dataclasses
import datetime as dt
import json
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from federation.platform.renderers import JSONRenderer
from tenants.models import UnionKind
from tests.factories import MemberFactory


def _both(data, media_type="application/json"):
    return JSONRenderer().render(data, media_type, {}), DRFJSONRenderer().render(
        data, media_type, {}
    )


@dataclasses.dataclass
class _Point:
    x: int


SHANGHAI = ZoneInfo("Asia/Shanghai")
VALUES = {
    "text": "王小明 · “引号” \\ / \t\n\x01",
    "utc": dt.datetime(2026, 12, 7, 21, 0, 0, 123456, tzinfo=dt.UTC),
    "shanghai": dt.datetime(2026, 12, 8, 5, 0, tzinfo=SHANGHAI),
    "naive": dt.datetime(2026, 12, 7, 21, 0),
    "date": dt.date(1901, 1, 1),
    "time": dt.time(8, 30, 15, 500),
    "decimal": Decimal("1234.50"),
    "lazy": gettext_lazy("Imported"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "choice": UnionKind.ENTERPRISE,
    "floats": [0.1, 1e16, 1e22, -0.0, 3.0, 5e-324, 123456789012345678.0],
    "ints": [0, -1, 2**63 - 1],
    "keys": {1: "a", "b": 2},
    "nested": {"list": [None, True, False, ({"x": []},)]},
    "line_separators": "a\u2028b\u2029c",
    "timedelta": dt.timedelta(hours=1, microseconds=5),
}


@pytest.mark.parametrize("key", sorted(VALUES))
def test_each_kind_of_value_is_written_as_drf_writes_it(key):
    ours, drf = _both({key: VALUES[key], "after": "尾"})
    assert ours == drf


def test_a_page_of_rows_is_written_as_drf_writes_it():
    page = {"count": 2, "next": None, "results": [dict(VALUES, id=i) for i in range(2)]}
    ours, drf = _both(page)
    assert ours == drf


def test_the_line_separators_are_escaped_as_drf_escapes_them():
    ours, _drf = _both({"t": "a\u2028b"})
    assert ours == b'{"t":"a\\u2028b"}'


def test_a_float_below_1e_minus_4_is_spelled_without_the_zero_but_reads_the_same():
    ours, drf = _both({"f": 1e-7})
    assert (ours, drf) == (b'{"f":1e-7}', b'{"f":1e-07}')
    assert json.loads(ours) == json.loads(drf)


def test_a_nan_drf_would_refuse_with_a_500_is_written_as_null():
    with pytest.raises(ValueError, match="JSON compliant"):
        DRFJSONRenderer().render({"n": Decimal("NaN")}, "application/json", {})
    assert JSONRenderer().render({"n": Decimal("NaN")}, "application/json", {}) == b'{"n":null}'


def test_an_integer_past_64_bits_goes_through_drfs_renderer():
    ours, drf = _both({"big": 2**70, "neg": -(2**65)})
    assert ours == drf == b'{"big":1180591620717411303424,"neg":-36893488147419103232}'


def test_a_pretty_printed_answer_goes_through_drfs_renderer():
    ours, drf = _both({"a": [1, 2]}, "application/json; indent=4")
    assert ours == drf
    assert b"\n    " in ours


def test_a_value_neither_can_write_is_still_refused():
    with pytest.raises(TypeError):
        JSONRenderer().render({"x": object()}, "application/json", {})


def test_a_dataclass_is_refused_as_drf_refuses_it():
    with pytest.raises(TypeError):
        DRFJSONRenderer().render({"p": _Point(1)}, "application/json", {})
    with pytest.raises(TypeError):
        JSONRenderer().render({"p": _Point(1)}, "application/json", {})


def test_the_member_list_is_answered_with_the_bytes_drf_would_write(
    union_a, in_union, union_a_chair_api
):
    with in_union(union_a):
        MemberFactory(name="王“一”\u2028", monthly_wage=Decimal("5000.50"))
        MemberFactory(name="李二")
    r = union_a_chair_api.get("/api/v1/members/")
    assert r.status_code == 200
    assert r.content == DRFJSONRenderer().render(r.data, "application/json", {})
    assert "王“一”\\u2028" in r.content.decode()
