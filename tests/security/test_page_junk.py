"""Finding 6 for the pages: every page of both hosts, asked by the host's top role with
junk in every query parameter a page reads (absurd years and months, bad dates, quotes,
unknown choices), answers without a 5xx."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.security.routes import HOSTS, _walk, concrete

pytestmark = pytest.mark.django_db

JUNK = (
    "year=99999999999999999999&month=13&period=x-Q9&from=0000-00-00&to=2026-02-30"
    "&page=-1&page_size=1e30&status=%27%22&kind=%3Cx%3E&union=%27&search=%27%22%3C%3E"
    "&format=x&q=%E2%80%AE&group=1e30&member=-1&round=abc&cycle=0x1&on=9999-99-99"
    "&rows=x&edit=1e30"
)
# digits str.isdigit() takes and int() refuses: superscript two, circled one
DIGITS = "".join(
    f"&{name}=%C2%B2&{name}2=%E2%91%A0"
    for name in ("year", "month", "page", "page_size", "group", "member", "rows", "edit", "id")
).lstrip("&")
TOP = {"federation": ("localhost", "federation_admin"), "union": ("union-a.localhost", "a_chair")}
SKIP = ("api/", "admin/", "accounts/", "i18n/", "static", "media")


def _pages(side: str) -> list[str]:
    urlconf = HOSTS[side][0]
    from django.urls import get_resolver

    return sorted(
        {
            concrete(route)
            for route, _cb in _walk(get_resolver(urlconf))
            if not route.startswith(SKIP)
        }
    )


@pytest.mark.parametrize("side", list(HOSTS))
def test_no_page_answers_junk_query_parameters_with_a_500(side, union_a):
    host, username = TOP[side]
    client = Client(HTTP_HOST=host)
    assert (
        client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code
        == 302
    )
    pages = _pages(side)
    assert len(pages) > 20
    answers = {path: client.get(f"{path}?{JUNK}").status_code for path in pages}
    assert sum(code == 200 for code in answers.values()) > 20  # the pages were reached
    assert {path: code for path, code in answers.items() if code >= 500} == {}


@pytest.mark.parametrize("side", list(HOSTS))
def test_no_page_answers_digits_int_refuses_with_a_500(side, union_a):
    host, username = TOP[side]
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    assert (
        client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code
        == 302
    )
    answers = {path: client.get(f"{path}?{DIGITS}").status_code for path in _pages(side)}
    assert sum(code == 200 for code in answers.values()) > 20
    assert {path: code for path, code in answers.items() if code >= 500} == {}
