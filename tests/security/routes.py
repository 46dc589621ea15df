"""The API routes of both hosts, walked from the URL resolvers (not listed by hand), for
the suites that send something to every door: the access matrix, the junk-body walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

HOSTS = {
    "federation": ("federation.config.urls_federation", "localhost"),
    "union": ("federation.config.urls_union", "union-a.localhost"),
}
PATH_VALUES = {"int": "999999", "slug": "no-such-union", "str": "no-such-thing", "path": "x"}
METHODS = ("get", "post", "put", "patch", "delete")
WRITE_METHODS = ("post", "put", "patch")


def _walk(resolver: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def concrete(route: str) -> str:
    """A path for a route pattern, with values that name nothing (so detail routes 404)."""
    return "/" + re.sub(
        r"<(?:(\w+):)?\w+>", lambda m: PATH_VALUES.get(m.group(1) or "str", "x"), route
    ).lstrip("^").rstrip("$")


def view_class(callback: Any) -> Any:
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def api_routes(side: str) -> Iterator[tuple[str, Any]]:
    urlconf, _host = HOSTS[side]
    for route, callback in _walk(get_resolver(urlconf)):
        if route.startswith("api/v1/"):
            yield route, view_class(callback)
