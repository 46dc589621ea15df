"""Pages of competitions, rationalisation proposals, honours (with the nomination form as
PDF) and training, for the organisers."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from federation.platform import form_fields
from federation.platform.form_fields import posted_pk
from workplaces.activities import recognition, selectors
from workplaces.activities.forms_util import field_set
from workplaces.activities.models import (
    Competition,
    Honour,
    Suggestion,
    TrainingAudience,
)
from workplaces.activities.pages import organiser_page, run
from workplaces.activities.rule_table import LEVELS
from workplaces.members.fields import MemberNumberField, MemberNumbersField

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})


PER_PAGE = 50


def _records(request, *, title, headers, records, row, form, links=None, extra=None):
    """A page of ``records`` (a queryset, 50 a page: none hidden past a fixed count), each
    shown by ``row`` as (cells, link or None)."""
    page_obj = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "activities/records.html",
        {
            "title": title,
            "headers": headers,
            "rows": [row(r) for r in page_obj],
            "page_obj": page_obj,
            "form": form,
            "links": links or [],
            "extra": extra,
            "can_organise": True,
        },
    )


class CompetitionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    starts_on = form_fields.DateField(label=gettext_lazy("Starts on"), widget=DATE)
    ends_on = form_fields.DateField(label=gettext_lazy("Ends on"), widget=DATE, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=TEXTAREA
    )


@organiser_page
def competition_list(request):
    form = CompetitionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request, recognition.competition_save, ok=_("Competition saved."), **form.cleaned_data
        )
    ):
        return redirect("activities:competitions")
    return _records(
        request,
        title=_("Labour competitions"),
        headers=[_("Title"), _("Starts on"), _("Ends on"), _("Entrants")],
        records=selectors.competitions_with_counts(),
        row=lambda c: (
            [c.title, c.starts_on, c.ends_on or "", c.n],
            ("activities:competition", c.pk),
        ),
        form=form,
    )


class EntrantForm(forms.Form):
    member = MemberNumberField(label=gettext_lazy("Member number"), required=False)
    team = forms.CharField(label=gettext_lazy("Team"), max_length=100, required=False)
    result = forms.CharField(label=gettext_lazy("Result"), max_length=200, required=False)
    rank = forms.IntegerField(label=gettext_lazy("Rank"), min_value=1, required=False)


@organiser_page
def competition_detail(request, pk: int):
    competition = get_object_or_404(Competition, pk=pk)
    form = EntrantForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            recognition.entrant_save,
            ok=_("Entrant saved."),
            competition=competition,
            **form.cleaned_data,
        )
    ):
        return redirect("activities:competition", pk=pk)
    return _records(
        request,
        title=competition.title,
        headers=[_("Entrant"), _("Result"), _("Rank")],
        records=competition.entrants.select_related("member"),
        row=lambda e: ([e.member.name if e.member else e.team, e.result, e.rank or ""], None),
        form=form,
    )


class SuggestionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Content"), widget=TEXTAREA)
    proposer = forms.CharField(label=gettext_lazy("Proposer"), max_length=100)
    submitted_on = form_fields.DateField(label=gettext_lazy("Submitted on"), widget=DATE)


class DecideForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    adopted = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", gettext_lazy("Adopted")), ("0", gettext_lazy("Not adopted"))],
    )
    benefit = forms.DecimalField(
        label=gettext_lazy("Benefit (CNY)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    benefit_note = forms.CharField(
        label=gettext_lazy("Benefit note"), max_length=300, required=False
    )


@organiser_page
def suggestion_list(request):
    deciding = "suggestion" in request.POST
    form = SuggestionForm(request.POST if request.method == "POST" and not deciding else None)
    decide = DecideForm(request.POST if deciding else None)
    if request.method == "POST" and decide.is_bound and decide.is_valid():
        data = decide.cleaned_data
        row = get_object_or_404(Suggestion, pk=data["suggestion"])
        run(
            request,
            recognition.suggestion_decide,
            ok=_("Decision recorded."),
            suggestion=row,
            adopted=data["adopted"],
            decided_on=timezone.localdate(),
            benefit=data["benefit"] or 0,
            benefit_note=data["benefit_note"],
        )
        return redirect("activities:suggestions")
    if (
        request.method == "POST"
        and form.is_bound
        and form.is_valid()
        and run(
            request, recognition.suggestion_submit, ok=_("Proposal recorded."), **form.cleaned_data
        )
    ):
        return redirect("activities:suggestions")
    pending = Suggestion.objects.filter(status="submitted")[:50]
    return _records(
        request,
        title=_("Rationalisation proposals"),
        headers=[_("Submitted on"), _("Title"), _("Proposer"), _("Status"), _("Benefit (CNY)")],
        records=Suggestion.objects.all(),
        row=lambda s: (
            [s.submitted_on, s.title, s.proposer, s.get_status_display(), s.benefit],
            None,
        ),
        form=form,
        extra={"decide": pending},
    )


class HonourForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Honour"))
    level = forms.ChoiceField(label=gettext_lazy("Level"), required=False)
    member = MemberNumberField(label=gettext_lazy("Member number"), required=False)
    team = forms.CharField(
        label=gettext_lazy("Team (collective honours)"), max_length=100, required=False
    )
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    deeds = forms.CharField(
        label=gettext_lazy("Deeds"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field_set(
            self, "kind", "choices", [(c, k["name"]) for c, k in recognition.honour_kinds().items()]
        )
        field_set(self, "level", "choices", [("", "—"), *LEVELS.items()])


@organiser_page
def honour_list(request):
    form = HonourForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and "decide" in request.POST:
        honour = get_object_or_404(Honour, pk=posted_pk(request.POST, "decide"))
        run(
            request,
            recognition.honour_decide,
            ok=_("Decision recorded."),
            honour=honour,
            awarded=request.POST.get("awarded") == "1",
            awarded_by=request.POST.get("awarded_by", "")[:200],
        )
        return redirect("activities:honours")
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request, recognition.honour_nominate, ok=_("Nomination recorded."), **form.cleaned_data
        )
    ):
        return redirect("activities:honours")
    kinds = recognition.honour_kinds()
    return _records(
        request,
        title=_("Honours and nominations"),
        headers=[_("Year"), _("Honour"), _("Level"), _("Nominee"), _("Status")],
        records=Honour.objects.select_related("member"),
        row=lambda h: (
            [
                h.year,
                kinds.get(h.kind, {}).get("name", h.kind),
                LEVELS.get(h.level, h.level),
                h.member.name if h.member else h.team,
                h.get_status_display(),
            ],
            ("activities:nomination-pdf", h.pk),
        ),
        form=form,
        extra={"honours": Honour.objects.filter(status="nominated").select_related("member")[:50]},
    )


@organiser_page
def nomination_pdf(request, pk: int):
    from workplaces.activities.documents import nomination_pdf as build

    honour = get_object_or_404(Honour.objects.select_related("member"), pk=pk)
    response = HttpResponse(build(honour=honour), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="nomination-{honour.pk}.pdf"'
    return response


class TrainingForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    audience = forms.ChoiceField(label=gettext_lazy("Audience"), choices=TrainingAudience.choices)
    held_on = form_fields.DateField(label=gettext_lazy("Held on"), widget=DATE)
    hours = forms.DecimalField(
        label=pgettext_lazy("training", "Hours"), min_value=0.5, max_value=200, decimal_places=1
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    trainer = forms.CharField(label=gettext_lazy("Trainer"), max_length=100, required=False)
    members = MemberNumbersField(label=gettext_lazy("Attendees"), required=False)


@organiser_page
def training_list(request):
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["member_ids"] = [m.pk for m in data.pop("members")]
        if run(request, recognition.training_save, ok=_("Training saved."), **data):
            return redirect("activities:training")
    return _records(
        request,
        title=_("Training"),
        headers=[
            _("Held on"),
            _("Title"),
            _("Audience"),
            pgettext("training", "Hours"),
            _("Attendees"),
        ],
        records=selectors.trainings_with_counts(),
        row=lambda t: ([t.held_on, t.title, t.get_audience_display(), t.hours, t.n], None),
        form=form,
    )
