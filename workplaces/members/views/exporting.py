"""The register's export from the pages: queued, its progress shown, then downloaded by
the officer who asked for it (``workplaces.members.export_jobs``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from workplaces.members import export_jobs
from workplaces.members.exports import XLSX
from workplaces.members.views.common import list_filters, page


@page()
@require_POST
def member_export_start(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list's filters come with the form's address (``?search=...``)."""
    if fmt not in export_jobs.FORMATS:
        raise Http404
    job = export_jobs.export_job_create(actor=request.user, fmt=fmt, filters=list_filters(request))
    return redirect("members:export-job", pk=job.pk)


@page()
def member_export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = export_jobs.export_job_of(user=request.user, pk=pk)
    ctx = {"job": job, "p": export_jobs.export_progress(job)}
    if getattr(request, "htmx", False):
        return render(request, "members/_export_progress.html", ctx)
    return render(request, "members/export_job.html", ctx)


@page()
def member_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    content, name = export_jobs.export_file(user=request.user, pk=pk)
    kind = XLSX if name.endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
