"""What the pages of organization and congress share: role gates for each side, the
errors of a refused service call as field messages, small parsers of form values."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from federation.platform.accounts.permissions import has_role
from federation.platform.errors import DomainError
from tenants.context import on_federation_side


def union_page(*roles: str) -> Callable:
    """A union-host page for the named roles (the chair passes every check)."""

    def deco(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if on_federation_side():
                raise Http404
            if roles and not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return deco


def federation_page(*roles: str) -> Callable:
    def deco(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not on_federation_side():
                raise Http404
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return deco


def errors_of(exc: Exception) -> dict[str, list[str]]:
    """A service's refusal as ``{field: [messages]}`` for the template."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        return {"__all__": [str(m) for m in exc.messages]}
    if isinstance(exc, DomainError):
        return {"__all__": [exc.detail]}
    raise exc


def parse_date(value: str | None, field: str, errors: dict[str, list[str]]) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.setdefault(field, []).append("YYYY-MM-DD")
        return None


def parse_int(
    value: str | None,
    field: str,
    errors: dict[str, list[str]],
    *,
    lo: int = 0,
    hi: int = 10_000_000,
) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        errors.setdefault(field, []).append(f"{lo}–{hi}")
        return None
    if not lo <= number <= hi:
        errors.setdefault(field, []).append(f"{lo}–{hi}")
        return None
    return number


def required(value: Any, field: str, errors: dict[str, list[str]], message: str) -> None:
    if value in (None, ""):
        errors.setdefault(field, []).append(message)
