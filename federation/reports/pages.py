"""What the reports pages share: who may see them, the Chinese names of the fields their
error messages name, and turning a refusal (bad input or a domain error) into those
messages. The same typed serializers as the API parse the posted forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from rest_framework import serializers

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_REPORTING, FEDERATION_STAFF
from federation.platform.errors import DomainError
from tenants.context import on_federation_side

T = TypeVar("T")
Errors = dict[str, list[str]]

FIELD_LABELS = {
    "form": _("Form"),
    "period": _("Period"),
    "due_date": pgettext_lazy("report", "Due date"),
    "unions": _("Send to"),
    "code": _("Code"),
    "title": pgettext_lazy("report", "Title"),
    "description": _("Description"),
    "fields": _("Field"),
    "rules": _("Rules"),
    "comment": _("Comment"),
    "status": _("Status"),
    "channel": _("Channel"),
    "adopted_on": _("Adopted on"),
    "note": _("Note"),
    "name": _("Channel"),
    "points": _("Points"),
    "effective_from": _("Effective from"),
    "event_date": _("Event date"),
    "body": _("Text"),
    "photos": _("Photos"),
    "values": _("Values"),
}


def exc_errors(exc: ValidationError | DomainError, *, field: str = "__all__") -> Errors:
    """A refusal as ``{field: [messages]}`` (a domain error lands on ``field``)."""
    if isinstance(exc, DomainError):
        return {field: [exc.detail]}
    if hasattr(exc, "error_dict"):
        return dict(exc.message_dict)
    return {"__all__": list(exc.messages)}


def parsed(serializer: type[serializers.Serializer], data: dict[str, Any]) -> dict[str, Any]:
    """Posted data through the API's input serializer; bad input is a ValidationError with
    the same keys the API answers with."""
    s = serializer(data=data)
    if not s.is_valid():
        raise ValidationError(
            {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in s.errors.items()}
        )
    return dict(s.validated_data)


def attempt(
    fn: Callable[[], T], *, conflict_field: str = "__all__"
) -> tuple[T | None, Errors, int]:
    """Run a parse and a service call: ``(result, {}, 200)``, or ``(None, errors, status)``
    for a refusal (400 for bad input, the domain error's own status otherwise)."""
    try:
        return fn(), {}, 200
    except ValidationError as exc:
        return None, exc_errors(exc), 400
    except DomainError as exc:
        return None, exc_errors(exc, field=conflict_field), exc.status


class ReportsPage(LoginRequiredMixin, View):
    """A federation page of reporting: every federation role reads, the reporting officer
    writes."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not on_federation_side():
            raise PermissionDenied
        if request.user.is_authenticated:
            allowed = (FED_REPORTING,) if request.method == "POST" else FEDERATION_STAFF
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def can_write(self, request: HttpRequest) -> bool:
        return has_role(request.user, FED_REPORTING)
