"""Union host pages: this union's reports (fill with the prefilled value beside the
union's own, per-field errors, submit) and its work news with its points."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.reports import selectors, services
from federation.reports.api.news import NewsInput
from federation.reports.models import NewsPhoto, Submission
from federation.reports.pages import FIELD_LABELS, attempt, parsed
from tenants.context import current_union


def _union_or_403(request):
    union = current_union()
    if union is None or not has_role(request.user, *UNION_OFFICERS):
        raise PermissionDenied
    return union


@login_required
def report_list(request):
    union = _union_or_403(request)
    reports = list(selectors.union_reports(union=union))
    today = timezone.localdate()
    for r in reports:
        r.is_late = selectors.submission_is_late(r, today=today)  # type: ignore[attr-defined]
    return render(request, "reports/union_list.html", {"reports": reports, "today": today})


@login_required
def report_fill(request, pk):
    union = _union_or_403(request)
    try:
        sub = selectors.union_report_get(union=union, pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None
    errors: dict[str, list[str]] = {}
    posted: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        view = selectors.report_view(submission=sub)
        posted = {f["key"]: request.POST.get(f"f_{f['key']}", "") for f in view["fields"]}
        # only what differs from the prefilled value is the union's own entry
        values: dict[str, str | None] = {}
        for f in view["fields"]:
            raw = posted[f["key"]].strip()
            pre = f["prefilled"]
            if pre is not None and raw == str(pre):
                values[f["key"]] = None
            else:
                values[f["key"]] = raw
        submit = request.POST.get("action") == "submit"
        service = services.submission_submit if submit else services.submission_save
        done, errors, status = attempt(
            lambda: service(submission=sub, values=values, actor=request.user)
        )
        if done is not None:
            messages.success(
                request,
                _("The report was submitted to the federation.")
                if submit
                else _("Saved. Submit when it is complete."),
            )
            return redirect("union_reports:fill", pk=sub.pk)
        sub = selectors.union_report_get(union=union, pk=pk)
    view = selectors.report_view(submission=sub)
    for f in view["fields"]:
        f["shown"] = posted.get(f["key"], "" if f["value"] is None else f["value"])
        f["errors"] = errors.get(f["key"], [])
    other = {k: v for k, v in errors.items() if k not in {f["key"] for f in view["fields"]}}
    return render(
        request,
        "reports/union_fill.html",
        {
            "sub": sub,
            "view": view,
            "errors": other,
            "error_labels": {**FIELD_LABELS, **{f["key"]: f["label"] for f in view["fields"]}},
            "late": selectors.submission_is_late(sub),
            "history": selectors.submission_history(submission=sub),
        },
        status=status,
    )


@login_required
def news_page(request):
    union = _union_or_403(request)
    errors: dict[str, list[str]] = {}
    form: Any = {}
    status = 200
    if request.method == "POST":
        form = request.POST
        data = {
            "title": form.get("title", ""),
            "body": form.get("body", ""),
            "event_date": form.get("event_date", ""),
            "photos": request.FILES.getlist("photos"),
        }
        done, errors, status = attempt(
            lambda: services.news_submit(
                union=union,
                **parsed(NewsInput, data),
                actor=request.user,
            )
        )
        if done is not None:
            messages.success(request, _("The news item was sent to the federation."))
            return redirect("union_reports:news")
    return render(
        request,
        "reports/union_news.html",
        {
            "items": selectors.union_news(union=union)[:100],
            "points": selectors.union_points(union=union),
            "errors": errors,
            "error_labels": FIELD_LABELS,
            "form": form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def news_photo(request, pk):
    union = _union_or_403(request)
    photo = NewsPhoto.objects.filter(pk=pk, news__union=union).first()
    if photo is None:
        raise Http404
    path = services.photo_path(photo)
    if not path.exists():
        raise Http404
    return FileResponse(open(path, "rb"), content_type=photo.content_type)  # noqa: SIM115
