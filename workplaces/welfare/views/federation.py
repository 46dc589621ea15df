"""Federation pages: welfare per union (counts only) and the audited opening of one
hardship file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.platform.accounts.roles import FEDERATION_STAFF
from tenants.models import Union
from workplaces.rights.views.common import form_errors, page, run
from workplaces.welfare import federation_side
from workplaces.welfare.views import forms


@page(*FEDERATION_STAFF, federation=True)
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "welfare/federation_overview.html",
        {"rows": federation_side.welfare_rows(), "open_form": forms.OpenFileForm()},
    )


@require_POST
@page(*FEDERATION_STAFF, federation=True)
def open_file(request: HttpRequest) -> HttpResponse:
    """One file, opened with a reason: the service audits it before reading."""
    form = forms.OpenFileForm(request.POST)
    data = None
    if form.is_valid():
        union = Union.objects.filter(slug=form.cleaned_data["union"], is_federation=False).first()
        if union is None:
            from django.contrib import messages

            messages.error(request, _("No such union."))
        else:
            data = run(
                request,
                federation_side.hardship_file_open,
                union=union,
                file_id=form.cleaned_data["file"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
    else:
        form_errors(request, form)
    if data is None:
        return overview(request)
    return render(request, "welfare/federation_file.html", {"f": data})
