"""The page of the member dues import (the finance officer uploads the bank's or the
payroll office's list of payments) and its template."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FINANCE
from federation.platform.errors import DomainError
from workplaces.activities.pages import union_page
from workplaces.finance import dues_import
from workplaces.finance.api_import import template_response
from workplaces.finance.dues_import.columns import HEADERS


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (xlsx or csv)"))
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, record nothing"), required=False)
    valid_only = forms.BooleanField(
        label=gettext_lazy("Record the valid rows even if other rows have errors"),
        required=False,
    )


def _finance_only(request) -> None:
    if not has_role(request.user, FINANCE):
        raise PermissionDenied


@union_page
def dues_import_page(request):
    _finance_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            dues_import.upload_check(size=upload.size or 0)
            result = dues_import.dues_import(
                actor=request.user,
                content=upload.read(dues_import.upload_limit_bytes() + 1),
                filename=upload.name or "",
                dry_run=form.cleaned_data["dry_run"],
                valid_only=form.cleaned_data["valid_only"],
            )
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        except DomainError as exc:
            messages.error(request, exc.detail)
        else:
            if result.written:
                messages.success(
                    request,
                    _("%(n)d payments recorded (%(amount)s CNY).")
                    % {"n": result.recorded, "amount": f"{result.amount:.2f}"},
                )
            elif result.errors and not result.dry_run and not form.cleaned_data["valid_only"]:
                messages.error(request, _("Rows have errors; nothing was recorded."))
    return render(
        request,
        "finance/dues_import.html",
        {
            "form": form,
            "result": result,
            "columns": [texts[0] for texts in HEADERS.values()],
            "limit_kb": dues_import.upload_limit_bytes() // 1024,
        },
    )


@union_page
def dues_import_template(request):
    _finance_only(request)
    return template_response()
