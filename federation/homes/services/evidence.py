"""Evidence files of a self-assessment: stored under the union's own path, outside anything
served publicly; images, PDF and office documents only, by extension and by content."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.homes.models import Assessment, EventKind, EvidenceFile
from federation.homes.services._base import assessment_lock, editable_or_400, event_add, field_error
from federation.platform.actors import Actor, actor_label
from federation.platform.errors import NotFoundError
from tenants.context import union_side
from tenants.models import Union

# evidence files: extension -> (content type, magic prefixes); anything else is refused
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", (b"RIFF",)),
    "pdf": ("application/pdf", (b"%PDF-",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "ppt": ("application/vnd.ms-powerpoint", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "odp": ("application/vnd.oasis.opendocument.presentation", (b"PK\x03\x04",)),
}
EVIDENCE_MAX_FILES = 300


def evidence_max_bytes() -> int:
    return int(getattr(settings, "HOMES_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def _sniff(ext: str, head: bytes) -> bool:
    _ctype, magics = EVIDENCE_TYPES[ext]
    if ext == "webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return any(head.startswith(m) for m in magics)


def _own(union: Union, assessment: Assessment) -> Assessment:
    if assessment.union_id != union.pk:
        raise NotFoundError(code="not_found")
    a = assessment_lock(assessment)
    editable_or_400(a)
    return a


def _file_error(message: str, code: str) -> ValidationError:
    return field_error("file", message, code)


def _file_checked(file: Any) -> tuple[str, str, int]:
    """(the name shown, the extension, the size) of an acceptable upload."""
    if file is None or not hasattr(file, "read"):
        raise _file_error(_("Attach a file."), "required")
    # the name is shown and put in zips: no directory parts (either slash), no control characters
    raw = str(getattr(file, "name", "") or "").replace("\\", "/")
    name = "".join(ch for ch in PurePosixPath(raw).name if ch.isprintable()).strip()[:200]
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    if ext not in EVIDENCE_TYPES:
        raise _file_error(
            _("Only images, PDF and office documents are accepted (%(types)s).")
            % {"types": ", ".join(sorted(EVIDENCE_TYPES))},
            "file_type",
        )
    size = getattr(file, "size", None) or 0
    limit = evidence_max_bytes()
    if size > limit:
        raise _file_error(
            _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, "too_large"
        )
    if size == 0:
        raise _file_error(_("The file is empty."), "empty")
    file.seek(0)
    if not _sniff(ext, file.read(16)):
        raise _file_error(
            _("The file's content does not match its type .%(ext)s.") % {"ext": ext}, "content"
        )
    return name or f"evidence.{ext}", ext, size


def _digest(file: IO[bytes]) -> str:
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(65536), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@union_side
@transaction.atomic(durable=True)
def evidence_add(
    *, union: Union, assessment: Assessment, file: Any, code: str = "", actor: Actor
) -> EvidenceFile:
    """Store an evidence file under the union's own path. Images, PDF and office documents
    only (by extension and by content), at most ``HOMES_EVIDENCE_MAX_BYTES`` (10 MB)."""
    a = _own(union, assessment)
    name, ext, size = _file_checked(file)
    item = None
    if code:
        item = a.items.filter(criterion__code=code).first()
        if item is None:
            message = _("No criterion %(code)s in this scheme.") % {"code": code}
            raise field_error("code", message, "unknown_criterion")
    if a.files.count() >= EVIDENCE_MAX_FILES:
        raise _file_error(
            _("At most %(n)s files per assessment.") % {"n": EVIDENCE_MAX_FILES}, "too_many"
        )
    evidence = EvidenceFile(
        assessment=a,
        item=item,
        original_name=name,
        content_type=EVIDENCE_TYPES[ext][0],
        size=size,
        sha256=_digest(file),
        uploaded_by=actor_label(actor),
    )
    evidence.file.save(evidence.original_name, file, save=False)
    saved_name = str(evidence.file.name)
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(saved_name)
        raise
    event_add(
        a,
        kind=EventKind.FILE_ADDED,
        actor=actor,
        side="union",
        comment=evidence.original_name,
        data={"code": code, "size": size},
    )
    return evidence


@union_side
@transaction.atomic(durable=True)
def evidence_remove(
    *, union: Union, assessment: Assessment, evidence_id: int, actor: Actor
) -> None:
    a = _own(union, assessment)
    evidence = EvidenceFile.objects.filter(pk=evidence_id, assessment=a).first()
    if evidence is None:
        raise NotFoundError(code="not_found")
    name, storage = str(evidence.file.name), evidence.file.storage
    original = evidence.original_name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
    event_add(a, kind=EventKind.FILE_REMOVED, actor=actor, side="union", comment=original)
