"""What the homes API views of both hosts share: the file and PDF responses."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from federation.homes import documents
from federation.homes.checks import vetoes_run
from federation.homes.models import Assessment, EvidenceFile, Title

PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}
FILE = {(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}


def certificate_response(a: Assessment) -> HttpResponse:
    title = Title.objects.select_related("union", "level", "round").filter(assessment=a).first()
    if title is None:
        raise Http404
    response = HttpResponse(documents.certificate_pdf(title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{title.number}.pdf"'
    return response


def evidence_response(evidence: EvidenceFile) -> FileResponse:
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=True,
        filename=evidence.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def print_response(a: Assessment) -> HttpResponse:
    """The printable self-assessment (自评表) with the veto checks fresh from the records."""
    data = documents.self_assessment_pdf(assessment=a, vetoes=vetoes_run(union=a.union))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="self-assessment-{a.union.slug}-{a.pk}.pdf"'
    )
    return response
