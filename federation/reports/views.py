"""Federation pages of information reporting and work news. Doors: parse the form, call
one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_REPORTING, FED_VIEWER
from federation.reports import exports, news_services, params, selectors, services
from federation.reports.models import (
    Cycle,
    FieldType,
    NewsItem,
    NewsPhoto,
    NewsStatus,
    ReportForm,
    SubmissionStatus,
)
from federation.reports.rules import rule_text, rules_parse_text
from federation.reports.sources import sources_all
from tenants.context import on_federation_side
from tenants.selectors import unions_serving

READERS = (FED_REPORTING, FED_VIEWER)
BLANK_ROWS = 3


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


class ReportsPage(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not on_federation_side():
            raise PermissionDenied
        if request.user.is_authenticated:
            allowed = (FED_REPORTING,) if request.method == "POST" else READERS
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def can_write(self, request) -> bool:
        return has_role(request.user, FED_REPORTING)


# --- cycles --------------------------------------------------------------------------


class CyclesView(ReportsPage):
    def _render(self, request, errors=None, form=None, status=200):
        return render(
            request,
            "reports/cycles.html",
            {
                "cycles": selectors.cycle_list(),
                "forms": selectors.forms_latest(),
                "unions": unions_serving(),
                "errors": errors or {},
                "form": form or {},
                "can_write": self.can_write(request),
                "today": timezone.localdate(),
                "late": selectors.open_cycles_late_count(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        unions = "all" if p.get("scope", "all") == "all" else p.getlist("unions")
        try:
            cycle = services.cycle_open(
                form=p.get("form", ""),
                period=p.get("period", ""),
                due_date=p.get("due_date", ""),
                unions=unions,
                actor=request.user,
            )
        except services.ReportsConflict as exc:
            return self._render(request, {"period": [exc.detail]}, p, status=409)
        except ValidationError as exc:
            return self._render(request, _errors(exc), p, status=400)
        messages.success(request, _("The cycle is open; the unions see it on their home page."))
        return redirect("reports:cycle", pk=cycle.pk)


class CycleView(ReportsPage):
    def get(self, request, pk):
        cycle = get_object_or_404(Cycle.objects.select_related("form"), pk=pk)
        rows = selectors.cycle_status(cycle=cycle)
        state = request.GET.get("status", "")
        if state == "late":
            rows = [r for r in rows if r["late"]]
        elif state in SubmissionStatus.values:
            rows = [r for r in rows if r["status"] == state]
        agg = selectors.cycle_aggregate(cycle=cycle)
        fields = list(cycle.form.fields.all())
        totals = [(f, agg["totals"].get(f.key)) for f in fields if f.key in agg["totals"]]
        counts = [(f, agg["counts"].get(f.key)) for f in fields if f.key in agg["counts"]]
        grid_fields = [f for f in fields if f.numeric][:6]
        for r in rows:
            r["cells"] = [r["values"].get(f.key) for f in grid_fields]
        return render(
            request,
            "reports/cycle.html",
            {
                "cycle": cycle,
                "rows": rows,
                "grid_fields": grid_fields,
                "agg": agg,
                "totals": totals,
                "counts": counts,
                "status_counts": selectors.cycle_status_counts(cycle=cycle),
                "filter": state,
                "statuses": SubmissionStatus.choices,
                "can_write": self.can_write(request),
            },
        )

    def post(self, request, pk):
        cycle = get_object_or_404(Cycle, pk=pk)
        if request.POST.get("action") == "close":
            services.cycle_close(cycle=cycle, actor=request.user)
            messages.success(request, _("The cycle is closed."))
        elif request.POST.get("action") == "remind":
            try:
                sent = services.cycle_remind_now(cycle=cycle, actor=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(m for ms in _errors(exc).values() for m in ms))
            else:
                messages.success(
                    request,
                    _("Reminders sent to %(n)d unions (at most one a day each).") % {"n": sent},
                )
        return redirect("reports:cycle", pk=pk)


class CycleExportView(ReportsPage):
    def get(self, request, pk):
        cycle = get_object_or_404(Cycle.objects.select_related("form"), pk=pk)
        response = HttpResponse(
            exports.cycle_xlsx(cycle=cycle),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="report-{cycle.form.code}-{cycle.period}.xlsx"'
        )
        return response


class SubmissionView(ReportsPage):
    def _render(self, request, sub, errors=None, status=200):
        view = selectors.report_view(submission=sub)
        return render(
            request,
            "reports/submission.html",
            {
                "sub": sub,
                "view": view,
                "history": selectors.submission_history(submission=sub),
                "errors": errors or {},
                "can_write": self.can_write(request),
                "late": selectors.submission_is_late(sub),
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, get_object_or_404(_subs(), pk=pk))

    def post(self, request, pk):
        sub = get_object_or_404(_subs(), pk=pk)
        action = request.POST.get("action")
        comment = request.POST.get("comment", "")
        try:
            if action == "accept":
                services.submission_accept(submission=sub, comment=comment, actor=request.user)
                messages.success(request, _("The report was accepted."))
            elif action == "return":
                services.submission_return(submission=sub, comment=comment, actor=request.user)
                messages.success(request, _("The report was returned to the union."))
        except ValidationError as exc:
            return self._render(
                request, get_object_or_404(_subs(), pk=pk), _errors(exc), status=400
            )
        return redirect("reports:cycle", pk=sub.cycle_id)


def _subs():
    from federation.reports.models import Submission

    return Submission.objects.select_related("cycle", "cycle__form", "union")


# --- forms -------------------------------------------------------------------------------


class FormsView(ReportsPage):
    def get(self, request):
        forms = list(selectors.forms_latest().prefetch_related("fields"))
        for f in forms:
            f.rule_lines = [rule_text(r) for r in f.rules or []]
        return render(
            request, "reports/forms.html", {"forms": forms, "can_write": self.can_write(request)}
        )


def _rows_from_post(post) -> list[dict]:
    rows = []
    keys = post.getlist("key")
    for i, key in enumerate(keys):
        get = lambda name, i=i: (post.getlist(name) + [""] * len(keys))[i]  # noqa: E731
        if not key.strip() and not get("label").strip():
            continue
        rows.append(
            {
                "key": key.strip(),
                "label": get("label").strip(),
                "type": get("type"),
                "required": get("required") == "1",
                "source": get("source").strip(),
                "choices": [
                    c.strip() for c in get("choices").replace("，", ",").split(",") if c.strip()
                ],
                "order": get("order") or i + 1,
            }
        )
    return rows


class FormBuilderView(ReportsPage):
    def _render(self, request, form, rows, rules_text, head, errors=None, status=200):
        return render(
            request,
            "reports/form_builder.html",
            {
                "form": form,
                "rows": [*rows, *[{} for _ in range(BLANK_ROWS)]],
                "rules_text": rules_text,
                "head": head,
                "errors": errors or {},
                "types": FieldType.choices,
                "sources": sources_all(),
                "can_write": self.can_write(request),
                "versions": selectors.form_versions(code=form.code) if form else [],
                "in_use": bool(form and form.cycles.exists()),
            },
            status=status,
        )

    def get(self, request, pk=None):
        form = get_object_or_404(ReportForm, pk=pk) if pk else None
        rows = (
            [
                {
                    "key": f.key,
                    "label": f.label,
                    "type": f.type,
                    "required": f.required,
                    "source": f.source,
                    "choices": ",".join(f.choices),
                    "order": f.order,
                }
                for f in form.fields.all()
            ]
            if form
            else []
        )
        head = (
            {"code": form.code, "title": form.title, "description": form.description}
            if form
            else {}
        )
        rules_text = "\n".join(rule_text(r) for r in form.rules) if form else ""
        return self._render(request, form, rows, rules_text, head)

    def post(self, request, pk=None):
        form = get_object_or_404(ReportForm, pk=pk) if pk else None
        p = request.POST
        rows = _rows_from_post(p)
        head = {
            "code": form.code if form else p.get("code", ""),
            "title": p.get("title", ""),
            "description": p.get("description", ""),
        }
        try:
            rules = rules_parse_text(p.get("rules", ""))
            saved = services.form_save(
                code=head["code"],
                title=head["title"],
                fields=rows,
                rules=rules,
                description=head["description"],
                actor=request.user,
            )
        except ValidationError as exc:
            shown = [{**r, "choices": ",".join(r["choices"])} for r in rows]
            return self._render(
                request, form, shown, p.get("rules", ""), head, _errors(exc), status=400
            )
        messages.success(request, _("Form saved as version %(v)d.") % {"v": saved.version})
        return redirect("reports:form", pk=saved.pk)


# --- news ----------------------------------------------------------------------------


class NewsReviewView(ReportsPage):
    def _render(self, request, errors=None, status=200):
        try:
            f = params.news_filters(request.GET)
        except ValidationError:
            f = {"union_slug": "", "status": "", "month": ""}
        return render(
            request,
            "reports/news.html",
            {
                "items": selectors.news_list(**f)[:200],
                "filters": f,
                "statuses": NewsStatus.choices,
                "channels": selectors.news_channels_in_force(),
                "unions": unions_serving(),
                "errors": errors or {},
                "can_write": self.can_write(request),
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        news = get_object_or_404(NewsItem, pk=request.POST.get("news") or 0)
        try:
            if request.POST.get("action") == "adopt":
                news_services.news_adopt(
                    news=news,
                    channel=request.POST.get("channel", ""),
                    adopted_on=request.POST.get("adopted_on", ""),
                    actor=request.user,
                )
                messages.success(request, _("The adoption was recorded."))
            else:
                news_services.news_review(
                    news=news, note=request.POST.get("note", ""), actor=request.user
                )
                messages.success(request, _("The item was marked as reviewed."))
        except services.ReportsConflict as exc:
            return self._render(request, {"channel": [exc.detail]}, status=409)
        except ValidationError as exc:
            return self._render(request, _errors(exc), status=400)
        return redirect(request.get_full_path())


class NewsRankingView(ReportsPage):
    def get(self, request):
        try:
            month = params.month_param(request.GET.get("month", ""))
        except ValidationError:
            month = params.month_param("")
        return render(
            request,
            "reports/ranking.html",
            {"ranking": selectors.news_ranking(month=month), "month": month},
        )


class NewsChannelsView(ReportsPage):
    def _render(self, request, errors=None, form=None, status=200):
        from federation.reports.models import NewsChannel

        return render(
            request,
            "reports/channels.html",
            {
                "channels": NewsChannel.objects.order_by("code", "-effective_from"),
                "errors": errors or {},
                "form": form or {},
                "can_write": self.can_write(request),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        try:
            news_services.news_channel_set(
                code=p.get("code"),
                name=p.get("name"),
                points=p.get("points"),
                effective_from=p.get("effective_from"),
                actor=request.user,
            )
        except services.ReportsConflict as exc:
            return self._render(request, {"effective_from": [exc.detail]}, p, status=409)
        except ValidationError as exc:
            return self._render(request, _errors(exc), p, status=400)
        messages.success(request, _("The rule row was added."))
        return redirect("reports:channels")


class NewsPhotoView(ReportsPage):
    def get(self, request, pk):
        photo = get_object_or_404(NewsPhoto, pk=pk)
        path = news_services.photo_path(photo)
        if not path.exists():
            raise Http404
        return FileResponse(open(path, "rb"), content_type=photo.content_type)  # noqa: SIM115
