"""What rights and welfare pages share: the role gate, running a service from a form with
its refusal shown as a message (fields named in Chinese), and small forms."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.platform import form_fields
from federation.platform.accounts.permissions import has_role
from federation.platform.errors import DomainError
from tenants.context import on_federation_side

FIELD_LABELS: dict[str, Any] = {
    "kind": gettext_lazy("kind"),
    "ends_on": gettext_lazy("ends on"),
    "starts_on": gettext_lazy("starts on"),
    "signed_on": gettext_lazy("signed on"),
    "filed_on": gettext_lazy("filed on"),
    "objected_on": gettext_lazy("objection received on"),
    "employee_side": gettext_lazy("for the employees"),
    "employer_side": gettext_lazy("for the employer"),
    "file": gettext_lazy("file"),
    "members": gettext_lazy("members"),
    "outcome": gettext_lazy("outcome"),
    "closed_on": gettext_lazy("closed on"),
    "member": gettext_lazy("member"),
    "amount": gettext_lazy("amount"),
    "reason": gettext_lazy("reason"),
    "amount_per_head": gettext_lazy("amount per head"),
    "category": gettext_lazy("category"),
    "spouse_id_number": gettext_lazy("spouse's ID number"),
    "given_on": gettext_lazy("given on"),
    "on": gettext_lazy("date"),
    "notice_from": gettext_lazy("public notice from"),
    "notice_to": gettext_lazy("public notice until"),
    "pregnancy_started_on": gettext_lazy("pregnancy started on"),
    "delivered_on": gettext_lazy("delivered on"),
    "miscarried_on": gettext_lazy("miscarriage on"),
    "held_on": gettext_lazy("held on"),
    "referred_on": gettext_lazy("referred on"),
    "referred_to": gettext_lazy("referred to"),
    "signed": gettext_lazy("signed on"),
}


def page(*roles: str, federation: bool = False) -> Callable[..., Any]:
    """A page of one side for the named roles (the side's top role passes every check)."""

    def deco(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if on_federation_side() != federation:
                raise Http404
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return deco


def refusal_text(exc: ValidationError | DomainError) -> str:
    if isinstance(exc, DomainError):
        return exc.detail
    if hasattr(exc, "error_dict"):
        parts = []
        for field, errors in exc.message_dict.items():
            label = FIELD_LABELS.get(field, "")
            for message in errors:
                parts.append(f"{label}：{message}" if label else message)
        return "；".join(parts)
    return "；".join(exc.messages)


def run(request: HttpRequest, fn: Callable[..., Any], /, **kwargs: Any) -> Any | None:
    """Call a service; on a refusal show it as a message and return None."""
    try:
        result = fn(**kwargs)
    except (ValidationError, DomainError) as exc:
        messages.error(request, refusal_text(exc))
        return None
    messages.success(request, _("Saved."))
    return result


def form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}：{message}" if label else str(message))


class DateInput(forms.DateInput):
    input_type = "date"


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return form_fields.DateField(label=label, required=required, widget=DateInput())


def size_ok(request: HttpRequest, *, limit: int) -> bool:
    """An upload's declared size within ``limit``, checked before the body is read."""
    from workplaces.rights.api.common import body_size_check

    try:
        body_size_check(request, limit=limit)
    except ValidationError as exc:
        messages.error(request, refusal_text(exc))
        return False
    return True


def area(rows: int) -> forms.Textarea:
    """A text area as wide as its column (phone width), never wider."""
    return forms.Textarea(attrs={"rows": rows, "style": "width:100%;box-sizing:border-box"})
