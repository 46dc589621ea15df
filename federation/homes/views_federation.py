"""Federation pages of the staff home: overview, schemes, rounds and their progress grid,
the review page, certificates and evidence. Doors: they call services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from federation.homes import api, documents, selectors, services
from federation.homes.models import (
    Assessment,
    EvidenceFile,
    Round,
    RoundKind,
    Scheme,
    Status,
    Title,
)
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_ASSESSOR, FED_REPORTING, FED_VIEWER
from tenants.context import on_federation_side
from tenants.selectors import unions_serving

READERS = (FED_ASSESSOR, FED_REPORTING, FED_VIEWER)


def _errors(exc: ValidationError) -> list[tuple[str, list[str]]]:
    """(field, messages) pairs: a dict would clash with template lookups (a field named "items")."""
    found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return list(found.items())


class HomesPage(LoginRequiredMixin, View):
    write_roles: tuple[str, ...] = (FED_ASSESSOR,)

    def dispatch(self, request, *args, **kwargs):
        if not on_federation_side():
            raise Http404
        if request.user.is_authenticated:
            allowed = self.write_roles if request.method == "POST" else READERS
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def can_write(self, request) -> bool:
        return has_role(request.user, FED_ASSESSOR)


def _assessment(pk: int) -> Assessment:
    try:
        return selectors.assessment_get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


class OverviewView(HomesPage):
    def get(self, request):
        services.scheme_default_ensure()
        overview = selectors.township_overview()
        rounds = list(selectors.round_list()[:20])
        for r in rounds:
            r.progress = selectors.round_progress(round=r)
        return render(
            request,
            "homes/overview.html",
            {
                "o": overview,
                "rounds": rounds,
                "can_write": self.can_write(request),
            },
        )


class ExportView(HomesPage):
    def get(self, request):
        data = documents.overview_xlsx(overview=selectors.township_overview())
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="staff-home-{timezone.localdate()}.xlsx"'
        )
        return response


class SchemeListView(HomesPage):
    def get(self, request):
        services.scheme_default_ensure()
        return render(
            request,
            "homes/schemes.html",
            {
                "schemes": selectors.scheme_list(),
                "can_write": self.can_write(request),
                "rules": selectors.rule_list(),
            },
        )


class SchemeView(HomesPage):
    def get(self, request, pk):
        try:
            scheme = selectors.scheme_get(pk=pk)
        except Scheme.DoesNotExist:
            raise Http404 from None
        return render(
            request,
            "homes/scheme.html",
            {
                "scheme": scheme,
                "categories": selectors.scheme_categories(scheme),
                "levels": selectors.scheme_levels(scheme),
                "rule": selectors.rule_in_force(on=timezone.localdate()),
            },
        )


class RoundCreateView(HomesPage):
    def _render(self, request, errors=None, status=200):
        services.scheme_default_ensure()
        return render(
            request,
            "homes/round_new.html",
            {
                "schemes": selectors.scheme_list(),
                "unions": unions_serving().select_related("rollup"),
                "titled": set(selectors.titles_current().values_list("union_id", flat=True)),
                "kinds": RoundKind.choices,
                "errors": errors or [],
                # a POST shows what was sent; a GET may preselect (the overview's re-check link)
                "form": request.POST if request.method == "POST" else self._preset(request),
                "chosen": set(
                    (request.POST if request.method == "POST" else request.GET).getlist("unions")
                ),
            },
            status=status,
        )

    @staticmethod
    def _preset(request) -> dict:
        preset = {}
        if request.GET.get("kind") in RoundKind.values:
            preset["kind"] = request.GET["kind"]
        if request.GET.getlist("unions"):
            preset["scope"] = "chosen"
        return preset

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        unions = "all" if p.get("scope") == "all" else p.getlist("unions")
        try:
            rnd = services.round_open(
                scheme=p.get("scheme"),
                title=p.get("title"),
                deadline=p.get("deadline"),
                unions=unions,
                kind=p.get("kind") or RoundKind.NORMAL,
                actor=request.user,
            )
        except ValidationError as exc:
            return self._render(request, _errors(exc), status=400)
        messages.success(
            request, _("The round was opened for %(n)s unions.") % {"n": rnd.assessments.count()}
        )
        return redirect("homes:round", pk=rnd.pk)


class RoundView(HomesPage):
    def get(self, request, pk):
        try:
            rnd = selectors.round_get(pk=pk)
        except Round.DoesNotExist:
            raise Http404 from None
        state = request.GET.get("status", "")
        rows = selectors.round_results(round=rnd)
        if state in Status.values:
            rows = rows.filter(status=state)
        return render(
            request,
            "homes/round.html",
            {
                "round": rnd,
                "progress": selectors.round_progress(round=rnd),
                "rows": rows,
                "statuses": Status.choices,
                "filter": state,
                "today": timezone.localdate(),
                "can_write": self.can_write(request),
            },
        )

    def post(self, request, pk):
        try:
            rnd = selectors.round_get(pk=pk)
        except Round.DoesNotExist:
            raise Http404 from None
        services.round_close(round=rnd, actor=request.user)
        messages.success(request, _("The round was closed."))
        return redirect("homes:round", pk=pk)


class ReviewView(HomesPage):
    def _render(self, request, a, errors=None, status=200):
        a = _assessment(a.pk)
        return render(
            request,
            "homes/review.html",
            {
                "a": a,
                "v": selectors.assessment_view(assessment=a),
                "errors": errors or [],
                "can_write": self.can_write(request),
                "today": timezone.localdate(),
                "title": Title.objects.filter(assessment=a).first(),
                "current_title": selectors.union_title(union=a.union),
                "union_titles": selectors.union_titles(union=a.union),
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(request, _assessment(pk))

    def post(self, request, pk):
        a = _assessment(pk)
        p = request.POST
        action = p.get("action", "save")
        try:
            if action == "reopen":
                services.assessment_reopen(
                    assessment=a,
                    deadline=p.get("deadline") or None,
                    comment=p.get("comment", ""),
                    actor=request.user,
                )
                messages.success(request, _("The assessment was reopened."))
            elif action == "withdraw":
                title = Title.objects.filter(union=a.union, current=True).first()
                if title is None:
                    raise ValidationError({"title": [_("The union holds no current title.")]})
                services.title_withdraw(title=title, reason=p.get("reason", ""), actor=request.user)
                messages.success(request, _("The title was withdrawn."))
            else:
                items = [
                    {
                        "code": item.criterion.code,
                        "score": p.get(f"score_{item.criterion.code}", ""),
                        "comment": p.get(f"comment_{item.criterion.code}", ""),
                    }
                    for item in a.items.all()
                ]
                services.assessment_review(
                    assessment=a,
                    items=items,
                    decision=action,
                    comment=p.get("comment", ""),
                    deadline=p.get("deadline") or None,
                    actor=request.user,
                )
                done = {
                    "accept": _("The assessment was decided."),
                    "return": _("Returned for rectification."),
                    "veto": _("The assessment was vetoed."),
                }
                message = done.get(action, _("The scores were saved."))
                if action == "accept":
                    a.refresh_from_db()
                    message = (
                        _("Accepted: %(level)s, score %(score)s.")
                        % {"level": a.level.name, "score": a.score}
                        if a.level
                        else _("Not passed: score %(score)s reaches no level.") % {"score": a.score}
                    )
                messages.success(request, message)
        except ValidationError as exc:
            return self._render(request, a, _errors(exc), status=400)
        return redirect("homes:review", pk=pk)


class CertificateView(HomesPage):
    def get(self, request, pk):
        return api._pdf(_assessment(pk))


class EvidenceView(HomesPage):
    def get(self, request, pk, file_id):
        try:
            return api._file(selectors.evidence_get(assessment=_assessment(pk), pk=file_id))
        except EvidenceFile.DoesNotExist:
            raise Http404 from None


class EvidenceZipView(HomesPage):
    def get(self, request, pk):
        from django.http import FileResponse

        a = _assessment(pk)
        response = FileResponse(
            documents.evidence_zip(assessment=a),
            content_type="application/zip",
            as_attachment=True,
            filename=f"evidence-{a.union.slug}-{a.pk}.zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PrintView(HomesPage):
    def get(self, request, pk):
        from federation.homes.views_union import _print_response

        return _print_response(_assessment(pk))
