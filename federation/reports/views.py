"""Federation pages of information reporting: cycles, a union's report and its review,
forms. Doors: parse the form with the API's serializer, call one service or selector,
render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.reports import exports, selectors, services
from federation.reports.api.cycles import ReportCycleInput
from federation.reports.models import (
    Cycle,
    FieldType,
    ReportForm,
    Submission,
    SubmissionStatus,
)
from federation.reports.pages import FIELD_LABELS, ReportsPage, attempt, parsed
from federation.reports.rules import rule_text, rules_parse_text
from federation.reports.sources import sources_all
from tenants.selectors import unions_serving

BLANK_ROWS = 3
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- cycles --------------------------------------------------------------------------

PERIOD_KINDS = [
    ("year", gettext_lazy("Year")),
    ("half", gettext_lazy("Half-year")),
    ("quarter", gettext_lazy("Quarter")),
    ("month", gettext_lazy("Month")),
]


def period_from_post(post: Any) -> str:
    """The period the pickers name (a year, a quarter or half of it, or a month picked with a
    month picker); a ``period`` typed by a script wins."""
    if post.get("period"):
        return str(post["period"])
    kind, year = post.get("period_kind", "year"), str(post.get("period_year", ""))
    part = str(post.get("period_part", ""))
    if kind == "month":
        return str(post.get("period_month", ""))
    if kind == "quarter" and part.startswith("Q") or kind == "half" and part.startswith("H"):
        return f"{year}-{part}"
    return year if kind == "year" else ""


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
                "error_labels": FIELD_LABELS,
                "form": form or {},
                "can_write": self.can_write(request),
                "today": timezone.localdate(),
                "month": timezone.localdate().strftime("%Y-%m"),
                "years": range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
                "period_kinds": PERIOD_KINDS,
                "late": selectors.open_cycles_late_count(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        data = {
            "form": p.get("form", ""),
            "period": period_from_post(p),
            "due_date": p.get("due_date", ""),
            "unions": "all" if p.get("scope", "all") == "all" else p.getlist("unions"),
        }

        def run() -> Cycle:
            v = parsed(ReportCycleInput, data)
            return services.cycle_open(**v, actor=request.user)

        cycle, errors, status = attempt(run, conflict_field="period")
        if cycle is None:
            return self._render(request, errors, p, status=status)
        messages.success(request, _("The cycle is open; the unions see it on their home page."))
        return redirect("reports:cycle", pk=cycle.pk)


class CycleView(ReportsPage):
    def get(self, request, pk):
        cycle = get_object_or_404(Cycle.objects.select_related("form"), pk=pk)
        state = request.GET.get("status", "")
        if state not in (*SubmissionStatus.values, "late"):
            state = ""
        rows = selectors.cycle_status(cycle=cycle, status=state)
        agg = selectors.cycle_aggregate(cycle=cycle)
        fields = list(cycle.form.fields.all())
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
                "totals": [(f, agg["totals"][f.key]) for f in fields if f.key in agg["totals"]],
                "counts": [(f, agg["counts"][f.key]) for f in fields if f.key in agg["counts"]],
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
            sent, errors, _status = attempt(
                lambda: services.cycle_remind_now(cycle=cycle, actor=request.user)
            )
            if errors:
                messages.error(request, " ".join(m for ms in errors.values() for m in ms))
            else:
                messages.success(
                    request,
                    _("Reminders sent to %(n)d unions (at most one a day each).") % {"n": sent},
                )
        return redirect("reports:cycle", pk=pk)


class CycleExportView(ReportsPage):
    def get(self, request, pk):
        cycle = get_object_or_404(Cycle.objects.select_related("form"), pk=pk)
        response = HttpResponse(exports.cycle_xlsx(cycle=cycle), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="report-{cycle.form.code}-{cycle.period}.xlsx"'
        )
        return response


def _subs() -> QuerySet[Submission]:
    return Submission.objects.select_related("cycle", "cycle__form", "union")


class SubmissionView(ReportsPage):
    def _render(self, request, sub, errors=None, status=200):
        return render(
            request,
            "reports/submission.html",
            {
                "sub": sub,
                "view": selectors.report_view(submission=sub),
                "history": selectors.submission_history(submission=sub),
                "errors": errors or {},
                "error_labels": FIELD_LABELS,
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
        comment = request.POST.get("comment", "")[:1000]
        if action == "accept":
            done, errors, status = attempt(
                lambda: services.submission_accept(
                    submission=sub, comment=comment, actor=request.user
                )
            )
            note = _("The report was accepted.")
        else:
            done, errors, status = attempt(
                lambda: services.submission_return(
                    submission=sub, comment=comment, actor=request.user
                )
            )
            note = _("The report was returned to the union.")
        if done is None:
            return self._render(request, get_object_or_404(_subs(), pk=pk), errors, status)
        messages.success(request, note)
        return redirect("reports:cycle", pk=sub.cycle_id)


# --- forms -------------------------------------------------------------------------------


class FormsView(ReportsPage):
    def get(self, request):
        forms = list(selectors.forms_latest().prefetch_related("fields"))
        for f in forms:
            f.rule_lines = [rule_text(r) for r in f.rules or []]  # type: ignore[attr-defined]
        return render(
            request, "reports/forms.html", {"forms": forms, "can_write": self.can_write(request)}
        )


def _rows_from_post(post: Any) -> list[dict[str, Any]]:
    rows = []
    keys = post.getlist("key")

    def column(name: str) -> list[str]:
        return [*post.getlist(name), *[""] * len(keys)]

    labels, types, required = column("label"), column("type"), column("required")
    sources, choices, orders = column("source"), column("choices"), column("order")
    for i, key in enumerate(keys):
        if not key.strip() and not labels[i].strip():
            continue
        rows.append(
            {
                "key": key.strip(),
                "label": labels[i].strip(),
                "type": types[i],
                "required": required[i] == "1",
                "source": sources[i].strip(),
                "choices": [
                    c.strip() for c in choices[i].replace("，", ",").split(",") if c.strip()
                ],
                "order": orders[i] if orders[i].isdecimal() else i + 1,
            }
        )
    return rows


def _form_rows(form: ReportForm | None) -> list[dict[str, Any]]:
    if form is None:
        return []
    return [
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
                "error_labels": FIELD_LABELS,
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
        head = (
            {"code": form.code, "title": form.title, "description": form.description}
            if form
            else {}
        )
        rules_text = "\n".join(rule_text(r) for r in form.rules) if form else ""
        return self._render(request, form, _form_rows(form), rules_text, head)

    def post(self, request, pk=None):
        form = get_object_or_404(ReportForm, pk=pk) if pk else None
        p = request.POST
        rows = _rows_from_post(p)
        head = {
            "code": form.code if form else p.get("code", ""),
            "title": p.get("title", ""),
            "description": p.get("description", ""),
        }
        saved, errors, status = attempt(
            lambda: services.form_save(
                code=head["code"],
                title=head["title"],
                fields=rows,
                rules=rules_parse_text(p.get("rules", "")),
                description=head["description"],
                actor=request.user,
            )
        )
        if saved is None:
            shown = [{**r, "choices": ",".join(r["choices"])} for r in rows]
            return self._render(request, form, shown, p.get("rules", ""), head, errors, status)
        messages.success(request, _("Form saved as version %(v)d.") % {"v": saved.version})
        return redirect("reports:form", pk=saved.pk)
