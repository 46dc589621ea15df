"""Welfare pages on a union host: visits, festival goods with receipts, hardship files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.platform.accounts.permissions import has_role
from workplaces.members.models import Member, MemberStatus
from workplaces.members.selectors import members_by_numbers
from workplaces.rights.views.common import form_errors, page, run, size_ok
from workplaces.welfare import selectors
from workplaces.welfare.models import FestivalDistribution, HardshipFile, Visit
from workplaces.welfare.roles import HARDSHIP_MANAGERS, WELFARE_MANAGERS, WELFARE_READERS
from workplaces.welfare.services import festivals, hardship, visits
from workplaces.welfare.views import forms


def _member(request: HttpRequest, member_no: str) -> Member | None:
    member = Member.objects.filter(member_no=member_no.strip()).first()
    if member is None:
        messages.error(request, _("No member with number %(no)s.") % {"no": member_no})
    return member


@page(*WELFARE_READERS)
def visit_list(request: HttpRequest) -> HttpResponse:
    manage = has_role(request.user, *WELFARE_MANAGERS)
    reasons = visits.visit_reasons()
    form = forms.VisitForm(request.POST or None, reasons=reasons)
    if request.method == "POST" and manage:
        if form.is_valid():
            d = dict(form.cleaned_data)
            member = _member(request, d.pop("member_no"))
            if member and run(request, visits.visit_record, member=member, actor=request.user, **d):
                return redirect("welfare:visits")
        else:
            form_errors(request, form)
    return render(
        request,
        "welfare/visits.html",
        {
            "visits": Visit.objects.select_related("member")[:200],
            "reasons": reasons,
            "form": form,
            "can_manage": manage,
        },
    )


RECEIPTS_PER_PAGE = 100
MISSING_NAMED = 200


@page(*WELFARE_READERS)
def festival_list(request: HttpRequest) -> HttpResponse:
    manage = has_role(request.user, *WELFARE_MANAGERS)
    form = forms.FestivalForm(request.POST or None)
    if request.method == "POST" and manage:
        if form.is_valid():
            d = dict(form.cleaned_data)
            numbers = d.pop("member_nos").split()
            if numbers:
                members, missing = members_by_numbers(
                    numbers=numbers, statuses=(MemberStatus.ACTIVE,)
                )
            else:
                members, missing = list(Member.objects.filter(status=MemberStatus.ACTIVE)), []
            if missing:
                messages.error(
                    request, _("No active member with number %(no)s.") % {"no": "、".join(missing)}
                )
            else:
                made = run(
                    request,
                    festivals.festival_distribute,
                    members=members,
                    actor=request.user,
                    **d,
                )
                if made is not None:
                    return redirect("welfare:festival", pk=made.pk)
        else:
            form_errors(request, form)
    return render(
        request,
        "welfare/festivals.html",
        {"festivals": selectors.festivals_with_counts(), "form": form, "can_manage": manage},
    )


@page(*WELFARE_READERS)
def festival_detail(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(FestivalDistribution, pk=pk)
    dist = selectors.festivals_with_counts().get(pk=pk)
    # a distribution to every member of a large union is thousands of receipts: the page
    # shows them by pages and names the first unsigned; the export lists them all
    return render(
        request,
        "welfare/festival.html",
        {
            "d": dist,
            "page_obj": Paginator(selectors.receipts(dist), RECEIPTS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "missing": selectors.receipts(dist, missing=True)[:MISSING_NAMED],
            "missing_more": max(0, getattr(dist, "missing_count", 0) - MISSING_NAMED),
            "sign_form": forms.ReceiptForm(initial={"signed_on": timezone.localdate()}),
            "import_form": forms.ImportForm(),
            "can_manage": has_role(request.user, *WELFARE_MANAGERS),
        },
    )


@require_POST
@page(*WELFARE_MANAGERS)
def festival_receipt(request: HttpRequest, pk: int, how: str) -> HttpResponse:
    dist = get_object_or_404(FestivalDistribution, pk=pk)
    if how == "import":
        if size_ok(request, limit=festivals.IMPORT_MAX_BYTES):
            form: Any = forms.ImportForm(request.POST, request.FILES)
            if form.is_valid():
                run(
                    request,
                    festivals.receipts_import,
                    distribution=dist,
                    upload=form.cleaned_data["file"],
                    actor=request.user,
                )
            else:
                form_errors(request, form)
        return redirect("welfare:festival", pk=pk)
    form = forms.ReceiptForm(request.POST)
    if form.is_valid():
        member = _member(request, form.cleaned_data["member_no"])
        if member is not None:
            run(
                request,
                festivals.receipt_sign,
                distribution=dist,
                member=member,
                signed_on=form.cleaned_data["signed_on"],
                actor=request.user,
            )
    else:
        form_errors(request, form)
    return redirect("welfare:festival", pk=pk)


@page(*WELFARE_READERS)
def festival_export(request: HttpRequest, pk: int) -> HttpResponse:
    from workplaces.welfare.documents import receipts_xlsx

    dist = get_object_or_404(FestivalDistribution, pk=pk)
    response = HttpResponse(
        receipts_xlsx(dist),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="festival-{dist.pk}.xlsx"'
    return response


@page(*HARDSHIP_MANAGERS)
def hardship_list(request: HttpRequest) -> HttpResponse:
    form = forms.HardshipForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    if request.method == "POST":
        if form.is_valid():
            d = dict(form.cleaned_data)
            member = _member(request, d.pop("member_no"))
            if member is not None:
                made = run(request, hardship.hardship_open, member=member, actor=request.user, **d)
                if made is not None:
                    return redirect("welfare:hardship-file", pk=made.pk)
        else:
            form_errors(request, form)
    files = HardshipFile.objects.select_related("member")
    return render(
        request,
        "welfare/hardship.html",
        {"files": [(f, selectors.income_against_line(f)) for f in files], "form": form},
    )


@page(*HARDSHIP_MANAGERS)
def hardship_file(request: HttpRequest, pk: int) -> HttpResponse:
    f = get_object_or_404(HardshipFile.objects.select_related("member"), pk=pk)
    return render(
        request,
        "welfare/hardship_file.html",
        {
            "f": f,
            "line": selectors.income_against_line(f),
            "aid": f.aid.all(),
            "reviews": f.reviews.all(),
            "aid_form": forms.AidForm(initial={"given_on": timezone.localdate()}),
            "review_form": forms.ReviewForm(initial={"year": timezone.localdate().year}),
            "notice_form": forms.NoticeForm(),
            "close_form": forms.CloseForm(initial={"on": timezone.localdate()}),
        },
    )


FILE_ACTIONS: dict[str, Any] = {
    "aid": (forms.AidForm, hardship.aid_give),
    "review": (forms.ReviewForm, hardship.hardship_review),
    "notice": (forms.NoticeForm, hardship.hardship_notice),
    "close": (forms.CloseForm, hardship.hardship_close),
}


@require_POST
@page(*HARDSHIP_MANAGERS)
def hardship_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    f = get_object_or_404(HardshipFile, pk=pk)
    if action in FILE_ACTIONS:
        form_class, service = FILE_ACTIONS[action]
        form = form_class(request.POST)
        if form.is_valid():
            run(request, service, file=f, actor=request.user, **form.cleaned_data)
        else:
            form_errors(request, form)
    return redirect("welfare:hardship-file", pk=pk)


@page(*HARDSHIP_MANAGERS)
def hardship_ledger_pdf(request: HttpRequest) -> HttpResponse:
    from workplaces.welfare.documents import hardship_ledger_pdf as build

    response = HttpResponse(build(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="hardship.pdf"'
    return response
