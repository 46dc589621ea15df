"""The pages' forms, found by walking both hosts as their top role over the demo township's
data (links followed from the home page, so detail pages are reached with real records),
each posted back with junk in every field: absurd numbers and dates, overlong and hostile
text, unknown choices, missing values. Every answer is below 500: a form a user can reach
never fails the server, whatever is typed in it.

``test_page_junk`` asks every page with junk query parameters; this walks what those pages
offer to post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.tenants.test_demo_township import township  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

SKIP = ("/api/", "/admin/", "/accounts/", "/i18n/", "/static/", "/media/", "/healthz")
PAGES_MAX = 600
FORMS_PER_ROUTE = 1  # two detail pages of one kind post the same form: one is enough


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> offered values
    files: list[str] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = Form(a.get("action", "")) if method == "post" else None
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "file":
                self._form.files.append(a["name"])
            elif kind not in ("submit", "button", "image", "reset"):
                self._form.fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea":
            self._form.fields.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select = a["name"]
            self._form.fields.setdefault(a["name"], [])
        if tag == "option" and self._form is not None and self._select:
            self._form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


class _Labels(HTMLParser):
    """The fields of a page a screen reader could not name: no enclosing <label>, no
    <label for=...>, no aria-label, aria-labelledby or title."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []  # (name, id)
        self.named: list[tuple[str, str, bool]] = []
        self.label_for: set[str] = set()
        self._in_label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "label":
            self._in_label += 1
            self.label_for.add(a.get("for", ""))
        elif tag in ("input", "select", "textarea"):
            if a.get("type", "text").lower() in ("hidden", "submit", "button", "image", "reset"):
                return
            own = any(a.get(k) for k in ("aria-label", "aria-labelledby", "title"))
            self.named.append((a.get("name", "?"), a.get("id", ""), own or self._in_label > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._in_label:
            self._in_label -= 1

    def unlabelled(self) -> list[str]:
        return [n for n, i, ok in self.named if not ok and not (i and i in self.label_for)]


def _route(path: str) -> str:
    """A path's shape: its numbers as one placeholder (two members post the same form)."""
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


# the last walk's unlabelled fields per host, {route: [field, ...]}: the label test reads
# them when a walk as the host's top role already ran (the same seeded pages), else walks
UNLABELLED: dict[str, dict[str, list[str]]] = {}


def _walk(
    client: Client, unlabelled: dict[str, list[str]] | None = None
) -> tuple[dict[str, int], dict[str, list[tuple[str, Form]]]]:
    seen: dict[str, int] = {}
    forms: dict[str, list[tuple[str, Form]]] = {}
    queue = ["/"]
    while queue and len(seen) < PAGES_MAX:
        path = queue.pop(0)
        if path in seen:
            continue
        resp = client.get(path)
        seen[path] = resp.status_code
        if resp.has_header("Location"):  # a redirect: follow it within the host
            target = urlsplit(urljoin(path, resp["Location"]))
            if not target.netloc and not target.path.startswith(SKIP):
                queue.append(target.path)
            continue
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(resp.content.decode())
        if unlabelled is not None:
            labels = _Labels()
            labels.feed(resp.content.decode())
            if missing := labels.unlabelled():
                unlabelled[_route(path)] = missing
        for href in page.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc or not target.path.startswith("/") or target.path.startswith(SKIP):
                continue
            if target.path not in seen and target.path not in queue:
                queue.append(target.path)
        for form in page.forms:
            action = urlsplit(urljoin(path, form.action or path)).path
            if action.startswith(SKIP):
                continue
            kinds = forms.setdefault(_route(action) + " " + ",".join(sorted(form.fields)), [])
            if len(kinds) < FORMS_PER_ROUTE:
                kinds.append((action, form))
    return seen, forms


JUNK_TEXT = "'\"><script>x</script>{{7*7}}=1+1\u202e" + "工" * 4000
JUNK_VARIANTS = {
    "huge numbers": lambda offered: "1e30",
    "bad date": lambda offered: "2026-02-30",
    "hostile text": lambda offered: JUNK_TEXT,
    "empty": lambda offered: "",
    "digits int() refuses": lambda offered: "²",
    "not a number": lambda offered: "NaN",
    "unknown choice": lambda offered: (offered[-1] + "x") if offered else "x",
}


def _post_junk(client: Client, action: str, form: Form, variant: str) -> int:
    junk = JUNK_VARIANTS[variant]
    data: dict[str, object] = {name: junk(offered) for name, offered in form.fields.items()}
    for name in form.files:
        data[name] = _upload(variant)
    return client.post(action, data).status_code


def _upload(variant: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"\x00\xff" * 50 if variant != "hostile text" else JUNK_TEXT.encode()
    return SimpleUploadedFile("junk.xlsx", body, content_type="application/octet-stream")


TOP = {"federation": ("localhost", "federation_admin"), "union": ("union-a.localhost", "a_chair")}


def _client(side: str) -> Client:
    host, username = TOP[side]
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    answer = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return client


@pytest.mark.parametrize("side", list(TOP))
def test_no_form_a_page_offers_answers_junk_with_a_500(side, township):  # noqa: F811
    client = _client(side)
    seen, forms = _walk(client, UNLABELLED.setdefault(side, {}))
    assert sum(code == 200 for code in seen.values()) > 30  # the walk reached the pages
    assert {p: c for p, c in seen.items() if c >= 500} == {}
    assert len(forms) > 10  # and found the forms
    failures = {}
    for kinds in forms.values():
        for action, form in kinds:
            for variant in JUNK_VARIANTS:
                code = _post_junk(client, action, form, variant)
                if code >= 500:
                    failures[f"{action} [{variant}]"] = code
    assert failures == {}


LESSER = {
    "federation": (
        "federation_clerk",
        "federation_assessor",
        "federation_reporter",
        "federation_viewer",
    ),
    "union": ("a_organization", "a_finance", "a_group_leader", "a_member"),
}


@pytest.mark.parametrize("side", list(TOP))
def test_no_page_a_lesser_role_can_reach_answers_with_a_500(side, township):  # noqa: F811
    """The walk above as each lesser role (a member linked to a record of the register, so
    their own pages have something to show), then every page route it did not reach: the
    branches a role takes are reached too. One test per host: the demo township is seeded
    once for its four roles."""
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context

    from tests.security.test_page_junk import _pages
    from workplaces.members.models import Member

    with schema_context(township[0].schema_name):
        member = Member.objects.filter(status="active").order_by("pk").first()
        member.user = get_user_model().objects.get(username="a_member")
        member.save(update_fields=["user"])
    host = TOP[side][0]
    reached, failures = {}, {}
    for username in LESSER[side]:
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        answer = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert answer.status_code == 302, username
        seen, _forms = _walk(client)
        routes = {p: client.get(p).status_code for p in _pages(side) if p not in seen}
        answers = {**seen, **routes}
        reached[username] = sum(code == 200 for code in answers.values())
        failures.update({f"{username} {p}": c for p, c in answers.items() if c >= 500})
    assert all(count > 5 for count in reached.values()), reached  # every walk reached pages
    assert failures == {}


@pytest.mark.parametrize("side", list(TOP))
def test_every_field_a_page_offers_has_a_name_a_screen_reader_reads(side, request):
    """A field with only a placeholder or a column header is read out as "edit text":
    every field of every page the top role reaches is labelled."""
    if side not in UNLABELLED:  # run alone: walk the seeded township here
        request.getfixturevalue("township")
        _walk(_client(side), UNLABELLED.setdefault(side, {}))
    assert UNLABELLED[side] == {}
