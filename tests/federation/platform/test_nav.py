"""The menu's links are reversed once per URLconf (federation/platform/accounts/nav.py):
each host's menu still links to its own side's pages, whichever host drew a menu first."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import resolve, set_urlconf
from django_tenants.utils import schema_context

from tests.conftest import PASSWORD, host_of

pytestmark = pytest.mark.django_db


def _menu(host: str, username: str, url: str, schema: str) -> list[str]:
    client = Client(HTTP_HOST=host)
    with schema_context(schema):  # a union's officers are users of its schema
        assert client.login(username=username, password=PASSWORD)
    try:
        r = client.get(url)
    finally:
        connection.set_schema_to_public()
    assert r.status_code == 200
    nav = r.content.decode().split('<nav class="mainnav">')[1].split("</nav>")[0]
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.parametrize("first", ["federation", "union"])
def test_each_hosts_menu_links_to_its_own_pages(union_a, first):
    pages = {
        "federation": ("localhost", "federation_admin", "/dashboard/", "public"),
        "union": (host_of(union_a), "a_chair", "/", union_a.schema_name),
    }
    order = [first, *(side for side in pages if side != first)]
    menus = {side: _menu(*pages[side]) for side in order}
    assert set(menus["federation"]) != set(menus["union"])
    for href in menus["federation"]:
        resolve(href, urlconf="federation.config.urls_federation")
    for href in menus["union"]:
        resolve(href, urlconf="federation.config.urls_union")
    assert "/dashboard/" in menus["federation"]


@pytest.mark.parametrize("first", ["federation", "union"])
def test_a_name_is_reversed_in_the_urlconf_in_force(first):
    from federation.platform.accounts.nav import _url

    urlconfs = {
        "federation": "federation.config.urls_federation",
        "union": "federation.config.urls_union",
    }
    expected = {"federation": "/unions/", "union": None}  # the unions' list: federation only
    try:
        for side in [first, *(s for s in urlconfs if s != first)]:
            set_urlconf(urlconfs[side])
            assert _url("unions:list") == expected[side]
    finally:
        set_urlconf(None)
