"""What the federation's dues pages share: the role gate, the period argument, and turning
a refusal (bad input, a domain error) into messages that name the field in Chinese."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.views import View
from rest_framework.exceptions import ValidationError as DRFValidationError

from federation.dues import selectors
from federation.dues.api.inputs import FIELD_LABELS
from federation.dues.periods import period_containing, period_parse
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_DUES, FEDERATION_STAFF
from federation.platform.errors import DomainError
from tenants.context import on_federation_side

PAGE_ERRORS = (DjangoValidationError, DRFValidationError, DomainError)
FormErrors = list[tuple[str, list[str]]]


def _flat(messages: Any) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flat(value)]
    if isinstance(messages, list | tuple):
        return [m for value in messages for m in _flat(value)]
    return [str(messages)]


def form_errors(exc: Exception) -> tuple[FormErrors, int]:
    """(``[(Chinese field label, messages)]``, HTTP status) for a refused form."""
    if isinstance(exc, DomainError):
        return [("", [exc.detail])], exc.status
    detail: dict[str, Any]
    if isinstance(exc, DRFValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
    elif isinstance(exc, DjangoValidationError) and hasattr(exc, "error_dict"):
        detail = exc.message_dict
    else:
        detail = {"__all__": getattr(exc, "messages", [str(exc)])}
    pairs = [
        (
            str(FIELD_LABELS.get(field, field))
            if field not in ("__all__", "non_field_errors")
            else "",
            _flat(msgs),
        )
        for field, msgs in detail.items()
    ]
    return pairs, 400


class DuesPage(LoginRequiredMixin, View):
    """Federation staff read; ``write_roles`` may POST (empty: the administrator only)."""

    write_roles: tuple[str, ...] = (FED_DUES,)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not on_federation_side():
            raise PermissionDenied
        if request.user.is_authenticated:
            allowed = self.write_roles if request.method == "POST" else FEDERATION_STAFF
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def period_kind_today() -> str:
    return selectors.policy_in_force(on=timezone.localdate()).period_kind


def default_period() -> str:
    known = selectors.periods_known()
    if known:
        return known[0]
    return period_containing(timezone.localdate(), period_kind_today()).previous().code


def period_arg(request: HttpRequest) -> str:
    raw = request.GET.get("period", "").strip()
    if not raw:
        return default_period()
    try:
        return period_parse(raw).code
    except DjangoValidationError:
        return default_period()


def period_or_default(raw: str) -> str:
    try:
        return period_parse(raw).code
    except DjangoValidationError:
        return default_period()
