"""The import as a whole: validate every row, then write all or the valid rows only;
and the same in the background as an ``ImportJob`` whose progress the page polls.

Import rule (DESIGN.md): nothing is written when any row fails unless the user asks for
the valid rows only.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor, actor_id, actor_label
from federation.platform.errors import DomainError
from tenants.context import union_side
from tenants.models import Union
from workplaces.members.imports import limits, staged
from workplaces.members.imports.reading import MAX_UPLOAD_BYTES, bad_file, map_header, read_table
from workplaces.members.imports.streaming import table_stream
from workplaces.members.imports.validation import Checked, validate_rows
from workplaces.members.imports.writing import rows_write
from workplaces.members.models import ImportJob, ImportStatus
from workplaces.members.services import rollup_refresh, this_union

PhaseProgress = Callable[[str, int, int], None] | None


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "errors": self.errors,
            "total": self.total,
        }


def upload_check(content: bytes) -> None:
    if not content:
        raise bad_file(_("The file is empty."), "empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise bad_file(_("The file is larger than 20 MB."), "too_large")


@union_side
def members_import(
    *,
    content: bytes,
    filename: str = "",
    actor: Actor,
    dry_run: bool = False,
    valid_only: bool = False,
    progress: PhaseProgress = None,
    engine: str = "",
) -> ImportResult:
    """Validate the whole file, then write it (all or nothing, or the valid rows only).

    ``engine`` (default ``settings.MEMBERS_IMPORT_ENGINE``): "fast", streamed and staged
    (``staged``), or "classic", the path before it; both give the same members, events,
    index rows and errors (tests/workplaces/members/test_import_engines.py)."""
    run = (
        _import_classic if (engine or settings.MEMBERS_IMPORT_ENGINE) == "classic" else _import_fast
    )
    return run(
        content=content,
        filename=filename,
        actor=actor,
        dry_run=dry_run,
        valid_only=valid_only,
        progress=progress,
    )


def _nothing_written(
    *,
    union: Union,
    result: ImportResult,
    checked: Checked,
    dry_run: bool,
    valid_only: bool,
    actor: Actor,
) -> bool:
    """True when the import stops before writing (a dry run, errors without "valid rows
    only", nothing to write); the index lookups then count against the day's allowance."""
    if not (
        dry_run or (checked.errors and not valid_only) or not (result.created or result.updated)
    ):
        return False
    if checked.errors and not valid_only and not dry_run:
        result.created = result.updated = 0
    # nobody admitted: what the index answered counts against the day's allowance
    limits.lookups_spend(
        union=union,
        count=checked.looked_up,
        found=checked.found_elsewhere,
        dry_run=dry_run,
        actor=actor,
    )
    return True


def _import_fast(
    *,
    content: bytes,
    filename: str,
    actor: Actor,
    dry_run: bool,
    valid_only: bool,
    progress: PhaseProgress,
) -> ImportResult:
    union = this_union()
    bounds = limits.limits_for_reading()
    table = table_stream(
        content=content,
        filename=filename,
        max_rows=limits.rows_cap(dry_run=dry_run),
        max_unpacked=bounds["max_unpacked"],
    )
    mapping = map_header(table.header)
    column_of_id = next(text for api, text in mapping.values() if api == "id_number")
    checked = Checked(present=frozenset(api for api, _t in mapping.values()))
    hint = table.hint
    with transaction.atomic():
        staged.stage_rows(
            rows=table.rows,
            mapping=mapping,
            checked=checked,
            progress=(lambda n: progress("validating", n, hint)) if progress else None,
            deadline=time.monotonic() + limits.import_seconds(),
        )
        new, updates = staged.stage_sort(
            union=union,
            checked=checked,
            column_of_id=column_of_id,
            lookups=lambda n: limits.lookups_check(union=union, count=n),
        )
        result = ImportResult(
            total=checked.total, created=len(new), updated=updates, errors=checked.errors
        )
        if _nothing_written(
            union=union,
            result=result,
            checked=checked,
            dry_run=dry_run,
            valid_only=valid_only,
            actor=actor,
        ):
            staged.stage_drop()
            return result
        staged.stage_write(
            union=union,
            new=new,
            updates=updates,
            actor=actor,
            present=checked.present,
            progress=(lambda n: progress("writing", n, len(new) + updates)) if progress else None,
        )
        staged.stage_drop()
        rollup_refresh(union=union)
    result.written = True
    return result


def _import_classic(
    *,
    content: bytes,
    filename: str,
    actor: Actor,
    dry_run: bool,
    valid_only: bool,
    progress: PhaseProgress,
) -> ImportResult:
    union = this_union()
    bounds = limits.limits_for_reading()
    header, rows = read_table(
        content=content,
        filename=filename,
        max_rows=limits.rows_cap(dry_run=dry_run),
        max_unpacked=bounds["max_unpacked"],
    )
    hint = len(rows)
    checked = validate_rows(
        header=header,
        rows=rows,
        union=union,
        progress=(lambda n: progress("validating", n, hint)) if progress else None,
        lookups=lambda n: limits.lookups_check(union=union, count=n),
        deadline=time.monotonic() + limits.import_seconds(),
    )
    result = ImportResult(
        total=checked.total,
        created=len(checked.new),
        updated=len(checked.updates),
        errors=checked.errors,
    )
    if _nothing_written(
        union=union,
        result=result,
        checked=checked,
        dry_run=dry_run,
        valid_only=valid_only,
        actor=actor,
    ):
        return result
    size = len(checked.new) + len(checked.updates)
    with transaction.atomic():
        rows_write(
            union=union,
            new=checked.new,
            updates=checked.updates,
            actor=actor,
            progress=(lambda n: progress("writing", n, size)) if progress else None,
            present=checked.present,
        )
        rollup_refresh(union=union)
    result.written = True
    return result


# --- background jobs -----------------------------------------------------------------
def _progress_key(job_id: int) -> str:
    return f"members-import:{job_id}"


def import_progress(job: ImportJob) -> dict[str, Any]:
    live = (
        cache.get(_progress_key(job.pk))
        if job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
        else None
    )
    phase, done, total = live or ("", job.done, job.total)
    percent = int(done * 100 / total) if total else (100 if job.status == ImportStatus.DONE else 0)
    if phase == "validating":
        percent = percent // 2
    elif phase == "writing":
        percent = 50 + percent // 2
    return {
        "id": job.pk,
        "status": job.status,
        "phase": phase,
        "done": done,
        "total": total,
        "percent": min(percent, 100),
        "created": job.created,
        "updated": job.updated,
        "errors": job.errors,
        "message": job.message,
        "filename": job.filename,
        "dry_run": job.dry_run,
        "valid_only": job.valid_only,
    }


@union_side
@transaction.atomic
def import_job_create(
    *, content: bytes, filename: str, actor: Actor, dry_run: bool = False, valid_only: bool = False
) -> ImportJob:
    """Queue an import to run in the background (after commit)."""
    from workplaces.members.tasks import import_run

    upload_check(content)
    job = ImportJob.objects.create(
        filename=(filename or "")[:200],
        content=content,
        dry_run=dry_run,
        valid_only=valid_only,
        actor_id=actor_id(actor),
        actor_name=actor_label(actor),
    )
    seconds = limits.import_seconds()
    transaction.on_commit(
        lambda: import_run.apply_async((job.pk,), soft_time_limit=seconds, time_limit=seconds + 30)
    )
    return job


def _job_start(job_id: int) -> ImportJob | None:
    """Mark a queued job running; None when it already finished (a retried task)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return None
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
    return job


def _job_finish(job: ImportJob, result: ImportResult) -> None:
    shown = result.written or job.dry_run
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        total=result.total,
        done=result.total,
        created=result.created if shown else 0,
        updated=result.updated if shown else 0,
        errors=result.errors[:1000],
        content=None,
        finished_at=timezone.now(),
        message=""
        if shown or not result.errors
        else _("Nothing was written: correct the rows listed, or import the valid rows only."),
    )


def _job_fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED,
        message=message[:500],
        content=None,
        finished_at=timezone.now(),
    )


@union_side
def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued import (idempotent: a finished job is left alone)."""
    job = _job_start(job_id)
    if job is None:
        return ImportJob.objects.get(pk=job_id)
    actor = get_user_model().objects.filter(pk=job.actor_id).first() if job.actor_id else None

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(_progress_key(job.pk), (phase, done, total), timeout=3600)

    try:
        result = members_import(
            content=bytes(job.content or b""),
            filename=job.filename,
            actor=actor,
            dry_run=job.dry_run,
            valid_only=job.valid_only,
            progress=progress,
        )
    except ValidationError as exc:
        _job_fail(job, " ".join(exc.messages))
    except DomainError as exc:
        _job_fail(job, exc.detail)
    except SoftTimeLimitExceeded:
        _job_fail(job, _("The import took too long and was stopped; nothing was written."))
    else:
        _job_finish(job, result)
    cache.delete(_progress_key(job.pk))
    return ImportJob.objects.get(pk=job.pk)
