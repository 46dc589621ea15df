"""Activity pages (union host, phone first): every member sees and joins activities;
organisers create them, record attendance and add photos."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from federation.platform import form_fields
from federation.platform.errors import DomainError
from tenants.context import on_federation_side
from workplaces.activities import selectors, services
from workplaces.activities.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    ActivityPlan,
    PlanPeriod,
)
from workplaces.members.models import Member


def nav_register() -> None:
    from federation.platform.accounts import nav
    from federation.platform.accounts.roles import FEDERATION_STAFF

    nav.register("union", "activities:list", gettext_lazy("Activities"), order=40)
    nav.register(
        "union",
        "activities:honours",
        gettext_lazy("Competitions and honours"),
        roles=services.ORGANISERS,
        order=41,
    )
    nav.register(
        "union",
        "activities:training",
        gettext_lazy("Training"),
        roles=services.ORGANISERS,
        order=42,
    )
    nav.register(
        "federation",
        "fed_activities:overview",
        gettext_lazy("Union life"),
        roles=FEDERATION_STAFF,
        order=45,
    )


def union_page(view):
    """A page of this union's users only (never on the federation host)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if on_federation_side():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def organiser_page(view):
    @union_page
    def wrapper(request, *args, **kwargs):
        if not services.can_organise(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def error_texts(exc: ValidationError) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return [" ".join(exc.messages)]
    return [" ".join(errors) for errors in exc.message_dict.values()]


def run(request, func, *, ok: str, **kwargs):
    """Call a service for a page: a refusal becomes a message, never a 500."""
    try:
        result = func(actor=request.user, **kwargs)
    except ValidationError as exc:
        for text in error_texts(exc):
            messages.error(request, text)
        return None
    except DomainError as exc:
        messages.error(request, exc.detail)
        return None
    messages.success(request, ok)
    return result


class ActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ActivityKind.choices)
    starts_at = form_fields.DateTimeField(
        label=gettext_lazy("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), min_value=1, max_value=100000)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@union_page
def activity_list(request):
    kind = request.GET.get("kind", "")
    qs = selectors.activity_list(kind=kind if kind in ActivityKind.values else "")
    member = Member.objects.filter(user_id=request.user.pk).first()
    mine = set(member.activity_signups.values_list("activity_id", flat=True)) if member else set()
    now = timezone.now()
    return render(
        request,
        "activities/list.html",
        {
            "upcoming": qs.filter(starts_at__gte=now).order_by("starts_at")[:100],
            "past": qs.filter(starts_at__lt=now)[:100],
            "mine": mine,
            "kinds": ActivityKind.choices,
            "kind": kind,
            "can_organise": services.can_organise(request.user),
        },
    )


@organiser_page
def activity_create(request):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = run(
            request, services.activity_create, ok=_("Activity created."), **form.cleaned_data
        )
        if activity is not None:
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/form.html", {"form": form, "title": _("New activity")})


@union_page
def activity_detail(request, pk: int):
    activity = get_object_or_404(Activity, pk=pk)
    member = Member.objects.filter(user_id=request.user.pk).first()
    organiser = services.can_organise(request.user)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "member": member,
            "signed_up": bool(member) and activity.signups.filter(member=member).exists(),
            "signups": selectors.signups_of(activity=activity) if organiser else None,
            "awards": activity.awards.select_related("member"),
            "photos": activity.photos.all(),
            "can_organise": organiser,
        },
    )


@require_POST
@union_page
def activity_signup(request, pk: int):
    activity = get_object_or_404(Activity, pk=pk)
    member = None
    if request.POST.get("member", "").isdecimal():
        member = get_object_or_404(Member, pk=int(request.POST["member"]))
    run(request, services.signup_create, ok=_("Signed up."), activity=activity, member=member)
    return redirect("activities:detail", pk=pk)


@require_POST
@organiser_page
def activity_attendance(request, pk: int):
    activity = get_object_or_404(Activity, pk=pk)
    ids = [int(v) for v in request.POST.getlist("attended") if v.isdecimal()]
    run(
        request,
        services.attendance_record,
        ok=_("Attendance recorded."),
        activity=activity,
        member_ids=ids,
    )
    return redirect("activities:detail", pk=pk)


@require_POST
@organiser_page
def activity_photo(request, pk: int):
    activity = get_object_or_404(Activity, pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a photo."))
    else:
        run(request, services.photo_add, ok=_("Photo added."), activity=activity, upload=upload)
    return redirect("activities:detail", pk=pk)


@union_page
def photo_file(request, pk: int):
    photo = get_object_or_404(ActivityPhoto, pk=pk)
    return FileResponse(photo.file.open("rb"), content_type=photo.content_type)


class PlanForm(forms.Form):
    period_kind = forms.ChoiceField(label=gettext_lazy("Plan period"), choices=PlanPeriod.choices)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    period = forms.CharField(label=gettext_lazy("Month or term"), max_length=20, required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Plan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    summary = forms.CharField(
        label=pgettext_lazy("plan", "Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@organiser_page
def plan_list(request):
    plan = None
    if request.GET.get("edit", "").isdecimal():
        plan = get_object_or_404(ActivityPlan, pk=int(request.GET["edit"]))
    initial = (
        {
            "period_kind": plan.period_kind,
            "year": plan.year,
            "period": plan.period,
            "title": plan.title,
            "body": plan.body,
            "summary": plan.summary,
        }
        if plan
        else {"year": timezone.localdate().year}
    )
    form = PlanForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(request, services.plan_save, ok=_("Plan saved."), plan=plan, **form.cleaned_data)
    ):
        return redirect("activities:plans")
    return render(
        request,
        "activities/plans.html",
        {"plans": ActivityPlan.objects.all()[:200], "form": form, "editing": plan},
    )
