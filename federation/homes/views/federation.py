"""Federation pages of the staff home: the overview, its export, schemes, and the
documents of an assessment (certificate, evidence, the printable self-assessment)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from federation.homes import documents, selectors
from federation.homes.api.common import certificate_response, evidence_response, print_response
from federation.homes.models import Assessment
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FED_ASSESSOR, FEDERATION_STAFF
from tenants.context import on_federation_side


class HomesPage(LoginRequiredMixin, View):
    """Staff may read; assessors write."""

    write_roles: tuple[str, ...] = (FED_ASSESSOR,)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not on_federation_side():
            raise Http404
        if request.user.is_authenticated:
            allowed = self.write_roles if request.method == "POST" else FEDERATION_STAFF
            if not has_role(request.user, *allowed):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def can_write(self, request: HttpRequest) -> bool:
        return has_role(request.user, FED_ASSESSOR)


def found(getter: Any, **kwargs: Any) -> Any:
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def assessment_or_404(pk: int) -> Assessment:
    return found(selectors.assessment_get, pk=pk)


class OverviewView(HomesPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        overview = selectors.township_overview()
        rounds = list(selectors.round_list()[:20])
        for r in rounds:
            r.progress = selectors.round_progress(round=r)  # type: ignore[attr-defined]
        context = {"o": overview, "rounds": rounds, "can_write": self.can_write(request)}
        return render(request, "homes/overview.html", context)


class ExportView(HomesPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = documents.overview_xlsx(overview=selectors.township_overview())
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="staff-home-{timezone.localdate()}.xlsx"'
        )
        return response


class SchemeListView(HomesPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "schemes": selectors.scheme_list(),
            "can_write": self.can_write(request),
            "rules": selectors.rule_list(),
        }
        return render(request, "homes/schemes.html", context)


class SchemeView(HomesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        scheme = found(selectors.scheme_get, pk=pk)
        context = {
            "scheme": scheme,
            "categories": selectors.scheme_categories(scheme),
            "levels": selectors.scheme_levels(scheme),
            "rule": selectors.rule_in_force(on=timezone.localdate()),
        }
        return render(request, "homes/scheme.html", context)


class CertificateView(HomesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return certificate_response(assessment_or_404(pk))


class EvidenceView(HomesPage):
    def get(self, request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
        a = assessment_or_404(pk)
        return evidence_response(found(selectors.evidence_get, assessment=a, pk=file_id))


class EvidenceZipView(HomesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        a = assessment_or_404(pk)
        response = FileResponse(
            documents.evidence_zip(assessment=a),
            content_type="application/zip",
            as_attachment=True,
            filename=f"evidence-{a.union.slug}-{a.pk}.zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PrintView(HomesPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return print_response(assessment_or_404(pk))
