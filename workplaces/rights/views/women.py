"""The women workers' register, health check and nominations: the women workers' officer
and the chair only; every read of a record is audited by the service."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workplaces.members.models import Member
from workplaces.rights.models import HealthCheck, HonourNomination, ProtectionRecord
from workplaces.rights.roles import WOMEN_OFFICERS
from workplaces.rights.services import women as services
from workplaces.rights.views import forms
from workplaces.rights.views.common import form_errors, page, run


def _member(request: HttpRequest, member_no: str) -> Member | None:
    from django.contrib import messages

    member = Member.objects.filter(member_no=member_no.strip()).first()
    if member is None:
        messages.error(request, _("No member with number %(no)s.") % {"no": member_no})
    return member


@page(*WOMEN_OFFICERS)
def register(request: HttpRequest) -> HttpResponse:
    form = forms.ProtectionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            member = _member(request, data.pop("member_no"))
            if member is not None:
                made = run(
                    request,
                    services.protection_record_create,
                    member=member,
                    actor=request.user,
                    **data,
                )
                if made is not None:
                    return redirect("rights:women-record", pk=made.pk)
        else:
            form_errors(request, form)
    records = services.protection_records_read(actor=request.user)
    rows = [(r, services.record_entitlements(r)) for r in records]
    return render(
        request,
        "rights/women.html",
        {
            "rows": rows,
            "form": form,
            "checks": HealthCheck.objects.all(),
            "check_form": forms.HealthCheckForm(),
            "nominations": HonourNomination.objects.select_related("member"),
            "nomination_form": forms.NominationForm(),
            "decide_form": forms.NominationDecideForm(),
        },
    )


@page(*WOMEN_OFFICERS)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = services.protection_record_read(
        record=get_object_or_404(ProtectionRecord, pk=pk), actor=request.user
    )
    return render(
        request,
        "rights/women_record.html",
        {"r": record, "e": services.record_entitlements(record)},
    )


@require_POST
@page(*WOMEN_OFFICERS)
def health_check(request: HttpRequest) -> HttpResponse:
    form = forms.HealthCheckForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("rights:women")
    d = form.cleaned_data
    numbers = [n.strip() for n in d["member_nos"].splitlines() if n.strip()]
    members = list(Member.objects.filter(member_no__in=numbers))
    missing = sorted(set(numbers) - {m.member_no for m in members})
    if missing:
        from django.contrib import messages

        messages.error(request, _("No member with number %(no)s.") % {"no": "、".join(missing)})
        return redirect("rights:women")
    run(
        request,
        services.health_check_record,
        year=d["year"],
        held_on=d["held_on"],
        provider=d["provider"],
        members=members,
        actor=request.user,
    )
    return redirect("rights:women")


@page(*WOMEN_OFFICERS)
def health_check_detail(request: HttpRequest, year: int) -> HttpResponse:
    check = get_object_or_404(HealthCheck, year=year)
    members = services.health_check_read(check=check, actor=request.user)
    return render(request, "rights/health_check.html", {"check": check, "members": members})


@require_POST
@page(*WOMEN_OFFICERS)
def nomination(request: HttpRequest) -> HttpResponse:
    form = forms.NominationForm(request.POST)
    if form.is_valid():
        d = dict(form.cleaned_data)
        member = _member(request, d.pop("member_no"))
        if member is not None:
            run(request, services.nomination_create, member=member, actor=request.user, **d)
    else:
        form_errors(request, form)
    return redirect("rights:women")


@require_POST
@page(*WOMEN_OFFICERS)
def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    n = get_object_or_404(HonourNomination, pk=pk)
    form = forms.NominationDecideForm(request.POST)
    if form.is_valid():
        run(
            request,
            services.nomination_decide,
            nomination=n,
            status=form.cleaned_data["status"],
            actor=request.user,
        )
    return redirect("rights:women")
