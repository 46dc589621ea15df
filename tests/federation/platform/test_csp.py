"""The Content-Security-Policy (settings.CONTENT_SECURITY_POLICY, django-csp through
``federation.platform.csp``): every page of both hosts carries it, scripts come from this
site only, and no template holds a script the policy would refuse (an inline script, an
``on...=`` handler, a ``javascript:`` link). PDFs and JSON go without it."""

import re
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, HostClient

ROOT = Path(__file__).resolve().parents[3]


def _directives(answer) -> dict[str, list[str]]:
    header = answer["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "username", "path"),
    [
        ("localhost", "federation_admin", "/dashboard/"),
        ("union-a.localhost", "a_chair", "/members/"),
        ("union-a.localhost", None, "/accounts/login/"),
        ("localhost", None, "/no-such-page/"),
    ],
)
def test_every_page_allows_scripts_from_this_site_only(host, username, path, union_a):
    client = HostClient(host)
    if username:
        assert client.login(username=username, password=PASSWORD) or client.post(
            "/accounts/login/", {"username": username, "password": PASSWORD}
        )
    answer = client.get(path)
    assert answer["Content-Type"].startswith("text/html")
    directives = _directives(answer)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]


@pytest.mark.django_db
def test_a_pdf_and_json_go_without_a_policy_an_svg_with_it(federation_admin_api, union_a):
    """A PDF opens in the browser's own viewer, which a policy can blank; JSON is not run."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from federation.platform.csp import DocumentCSPMiddleware

    json_answer = federation_admin_api.get("/api/v1/dashboard/")
    assert json_answer.status_code == 200
    assert "Content-Security-Policy" not in json_answer
    middleware = DocumentCSPMiddleware(lambda request: answers[request.path])
    answers = {
        "/x.pdf": HttpResponse(b"%PDF-1.4", content_type="application/pdf"),
        "/x.svg": HttpResponse(b"<svg/>", content_type="image/svg+xml"),
    }
    assert "Content-Security-Policy" not in middleware(RequestFactory().get("/x.pdf"))
    assert (
        "script-src 'self'" in middleware(RequestFactory().get("/x.svg"))["Content-Security-Policy"]
    )


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>"  # a script element without a source
    r"|\son[a-z]+\s*="  # an event handler attribute
    r"|javascript:",
    re.IGNORECASE,
)


def test_no_template_holds_a_script_the_policy_would_refuse():
    templates = [
        path
        for package in ("federation", "tenants", "workplaces")
        for path in (ROOT / package).rglob("templates/**/*.html")
    ]
    assert len(templates) > 50
    offenders = {
        str(path.relative_to(ROOT)): INLINE.findall(path.read_text(encoding="utf-8"))
        for path in templates
        if INLINE.search(path.read_text(encoding="utf-8"))
    }
    assert offenders == {}


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["localhost", "union-a.localhost"])
def test_the_favicon_is_the_sites_icon_on_both_hosts(host, union_a):
    client = HostClient(host)
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith("img/favicon.svg")
    icon = client.get(answer["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content if icon.streaming else [icon.content])
