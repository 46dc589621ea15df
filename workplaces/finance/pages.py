"""Finance pages (union host): the books, a new entry, approval, reversal, the yearly
report and budget. For the chair, the finance officer and the audit committee only."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from federation.platform import form_fields
from workplaces.activities.forms_util import field_set
from workplaces.activities.pages import run, union_page
from workplaces.finance import returns, selectors, services
from workplaces.finance.categories import caps, categories
from workplaces.finance.models import Attachment, Entry, EntryKind


def nav_register() -> None:
    from federation.platform.accounts import nav
    from federation.platform.accounts.roles import AUDIT, FEDERATION_STAFF, FINANCE

    nav.register(
        "union", "finance:books", gettext_lazy("Finance"), roles=(FINANCE, AUDIT), order=50
    )
    nav.register(
        "union", "finance:audit", gettext_lazy("Audit committee"), roles=(AUDIT,), order=51
    )
    nav.register(
        "federation",
        "fed_finance:overview",
        gettext_lazy("Union spending"),
        roles=FEDERATION_STAFF,
        order=46,
    )


def _books(view, *, readers_post: bool):
    @union_page
    def wrapper(request, *args, **kwargs):
        if not selectors.can_read(request.user):
            raise PermissionDenied
        if request.method == "POST" and not (readers_post or selectors.can_write(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def books_page(view):
    """Read by the chair, the finance officer and the audit committee; written by finance."""
    return _books(view, readers_post=False)


def books_action(view):
    """A reader may post: the service decides who (the chair approves, ...)."""
    return _books(view, readers_post=True)


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdecimal() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@books_page
def books(request):
    year = _year(request)
    entries = selectors.entry_list(year=year).prefetch_related("attachments")[:500]
    return render(
        request,
        "finance/books.html",
        {
            "year": year,
            "entries": entries,
            "report": selectors.finance_report(year=year),
            "pending": selectors.entry_list(status="pending")[:100],
            "can_write": selectors.can_write(request.user),
        },
    )


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=EntryKind.choices)
    category = forms.ChoiceField(label=gettext_lazy("Category"))
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (CNY)"), min_value=0.01, max_digits=14, decimal_places=2
    )
    on = form_fields.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(label=pgettext_lazy("bookkeeping", "Summary"), max_length=300)
    voucher_no = forms.CharField(
        label=gettext_lazy("Voucher number"), max_length=40, required=False
    )
    cap = forms.ChoiceField(label=gettext_lazy("Spending cap"), required=False)
    headcount = forms.IntegerField(label=gettext_lazy("People"), min_value=1, required=False)
    committee_decision = forms.CharField(
        label=gettext_lazy("Committee decision"), max_length=300, required=False
    )
    committee_decided_on = form_fields.DateField(
        label=gettext_lazy("Decided on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cats = categories()
        field_set(
            self,
            "category",
            "choices",
            [(code, f"{name}") for part in cats.values() for code, name in part.items()],
        )
        field_set(self, "cap", "choices", [("", "—"), *((c, k["name"]) for c, k in caps().items())])


@books_page
def entry_create(request):
    form = EntryForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        entry = run(request, services.entry_create, ok=_("Entry recorded."), **form.cleaned_data)
        if entry is not None:
            return redirect("finance:entry", pk=entry.pk)
    return render(request, "activities/form.html", {"form": form, "title": _("New entry")})


@books_page
def entry_detail(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    return render(
        request,
        "finance/entry.html",
        {
            "entry": entry,
            "labels": {**categories()[EntryKind.INCOME], **categories()[EntryKind.EXPENSE]},
            "reversed_by": Entry.objects.filter(reversal_of=entry).first(),
            "can_write": selectors.can_write(request.user),
        },
    )


@require_POST
@books_action
def entry_action(request, pk: int, action: str):
    entry = get_object_or_404(Entry, pk=pk)
    if action in ("reverse", "attach") and not selectors.can_write(request.user):
        raise PermissionDenied
    if action == "approve":
        run(
            request,
            services.entry_approve,
            ok=_("Expense approved."),
            entry=entry,
            committee_decision=request.POST.get("committee_decision", "")[:300],
        )
    elif action == "reject":
        run(
            request,
            services.entry_reject,
            ok=_("Expense rejected."),
            entry=entry,
            reason=request.POST.get("reason", "")[:300] or _("Not approved"),
        )
    elif action == "reverse":
        run(
            request,
            services.entry_reverse,
            ok=_("Entry reversed."),
            entry=entry,
            on=timezone.localdate(),
            reason=request.POST.get("reason", "")[:200],
        )
    elif action == "attach" and request.FILES.get("file"):
        run(
            request,
            services.attachment_add,
            ok=_("Voucher attached."),
            entry=entry,
            upload=request.FILES["file"],
        )
    return redirect("finance:entry", pk=pk)


@books_page
def attachment_file(request, pk: int):
    row = get_object_or_404(Attachment, pk=pk)
    return FileResponse(row.file.open("rb"), content_type=row.content_type)


@books_page
def report(request):
    year = _year(request)
    data = selectors.finance_report(year=year)
    return render(
        request,
        "finance/report.html",
        {
            "r": data,
            "year": year,
            "execution": selectors.budget_execution(year=year),
            "final": services.FinalAccount.objects.filter(year=year).first(),
        },
    )


@books_page
def budget(request):
    year = _year(request)
    if request.method == "POST":
        lines = [
            {"category": code, "amount": request.POST.get(f"amount_{code}", "").strip()}
            for part in categories(on=dt.date(year, 1, 1)).values()
            for code in part
        ]
        try:
            parsed = [
                {"category": li["category"], "amount": _decimal(li["amount"])}
                for li in lines
                if li["amount"]
            ]
        except ValueError:
            parsed = None
        if parsed is None:
            from django.contrib import messages

            messages.error(request, _("Amounts are numbers such as 1200.00."))
        elif run(request, services.budget_create, ok=_("Budget saved."), year=year, lines=parsed):
            return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "finance/budget.html",
        {"year": year, "budget": selectors.budget_of(year=year), "categories": categories()},
    )


def _decimal(raw: str):
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(raw) from None
    exponent = value.as_tuple().exponent
    if (
        not isinstance(exponent, int)
        or exponent < -2
        or value < 0
        or value > Decimal("999999999.99")
    ):
        raise ValueError(raw)
    return value


@require_POST
@books_page
def returns_sync(request):
    created = returns.funds_return_sync(actor=request.user)
    from django.contrib import messages

    messages.success(request, _("%(n)s returned payments booked.") % {"n": created})
    return redirect("finance:books")
