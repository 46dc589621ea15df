"""The register's export in the background (``ExportJob``): a union of 100,000 members
takes ~10 s to write as xlsx, so the page queues the export, shows its progress and offers
the file when it is ready (the house rule: long work shows progress). The API's
``GET /api/v1/members/export/`` stays a direct download (API.md).

The file is masked as its requester reads the register (``can_see_identity``) and holds
only the members they may see, so only its requester may fetch it; it is kept for the
hours of the rule ``members.export_keep_hours``, then deleted with the next export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.actors import actor_label
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.members import exports, selectors
from workplaces.members.masking import can_see_identity
from workplaces.members.models import ExportJob, ImportStatus

FORMATS = ("xlsx", "csv")
FILTERS = ("search", "status", "gender", "employment", "group", "member_no")
FINISHED = (ImportStatus.DONE, ImportStatus.FAILED)


def exports_expired_purge() -> int:
    """Delete the exports older than the rule ``members.export_keep_hours`` (their files
    hold the register); run before each new export and nightly. Returns how many."""
    hours = int(rule_value("members.export_keep_hours"))
    old = ExportJob.objects.filter(created_at__lt=timezone.now() - dt.timedelta(hours=hours))
    return old.delete()[0]


@union_side
@transaction.atomic
def export_job_create(*, actor: Any, fmt: str, filters: dict[str, Any]) -> ExportJob:
    """Queue an export of the register as ``actor`` reads it, with the list's filters;
    the task runs after commit."""
    from workplaces.members.tasks import export_run

    if fmt not in FORMATS:
        raise ValidationError({"fmt": [_("Export as xlsx or csv.")]}, code="invalid")
    exports_expired_purge()
    job = ExportJob.objects.create(
        fmt=fmt,
        filters={key: filters.get(key) for key in FILTERS},
        actor_id=actor.pk,
        actor_name=actor_label(actor),
    )
    transaction.on_commit(lambda: export_run.delay(job.pk))
    return job


def _job_start(job_id: int) -> ExportJob | None:
    """Mark a queued job running; None when it already finished (a retried task)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().defer("content").get(pk=job_id)
        if job.status in FINISHED:
            return None
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
        return job


@union_side
def export_job_run(*, job_id: int) -> ExportJob:
    """Write the file of a queued export, telling its progress every thousand rows
    (idempotent: a finished job is left alone). A requester who has since lost the right to
    read the register gets a failed job, not a file."""
    job = _job_start(job_id)
    if job is None:
        return ExportJob.objects.defer("content").get(pk=job_id)
    user = get_user_model().objects.filter(pk=job.actor_id, is_active=True).first()
    if user is None or not has_role(user, *selectors.READERS):
        ExportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            message=_("You may no longer read the register."),
            finished_at=timezone.now(),
        )
        return ExportJob.objects.defer("content").get(pk=job.pk)
    qs = selectors.member_list(user=user, **job.filters)
    total = qs.count()
    ExportJob.objects.filter(pk=job.pk).update(total=total)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done)

    write = exports.export_xlsx if job.fmt == "xlsx" else exports.export_csv
    try:
        content = write(qs, reveal=can_see_identity(user), progress=progress)
    except Exception:
        # the page stops polling a failed job; the worker's log has the cause
        ExportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            message=_("The export failed; try again."),
            finished_at=timezone.now(),
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, done=total, content=content, finished_at=timezone.now()
    )
    return ExportJob.objects.defer("content").get(pk=job.pk)


def export_job_of(*, user: Any, pk: int) -> ExportJob:
    """The requester's own export, or a 404 (another officer's file is masked for them)."""
    job = ExportJob.objects.defer("content").filter(pk=pk, actor_id=user.pk).first()
    if job is None:
        raise Http404
    return job


def export_file(*, user: Any, pk: int) -> tuple[bytes, str]:
    """The finished file of the requester's export and its name, or a 404."""
    job = export_job_of(user=user, pk=pk)
    if job.status != ImportStatus.DONE:
        raise Http404
    content = ExportJob.objects.values_list("content", flat=True).get(pk=job.pk)
    stamp = timezone.localtime(job.created_at).strftime("%Y%m%d")
    return bytes(content or b""), f"members-{stamp}.{job.fmt}"


def export_progress(job: ExportJob) -> dict[str, Any]:
    percent = 100 if job.status == ImportStatus.DONE else 0
    if job.total and job.status != ImportStatus.DONE:
        percent = min(99, job.done * 100 // job.total)
    return {"status": job.status, "done": job.done, "total": job.total, "percent": percent}
