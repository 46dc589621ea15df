"""Uploaded files of the union-life apps (activity photos, finance vouchers): stored outside
anything served under MEDIA_URL, under the union's schema name, read only through views
that look the row up in the current union's schema (another union's file is a 404)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.utils.translation import gettext as _

from federation.platform.files import private_storage

__all__ = ["private_storage"]  # the models' and migrations' storage callable

IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DOCUMENT_TYPES = {**IMAGE_TYPES, "pdf": "application/pdf"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def private_path(folder: str, filename: str) -> str:
    ext = PurePosixPath(filename).suffix.lower().lstrip(".") or "bin"
    return f"{getattr(connection, 'schema_name', 'public')}/{folder}/{uuid.uuid4().hex}.{ext}"


def photo_path(instance, filename: str) -> str:
    return private_path("activities", filename)


def voucher_path(instance, filename: str) -> str:
    return private_path("finance", filename)


def upload_check(upload: UploadedFile, *, field: str, allowed: dict[str, str]) -> tuple[str, str]:
    """Bound an upload: size and type (by extension and by its first bytes). Returns
    (content type, sha256)."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // 2**20}},
            code="too_large",
        )
    ext = PurePosixPath(upload.name or "").suffix.lower().lstrip(".")
    if ext not in allowed:
        raise ValidationError(
            {field: _("Allowed file types: %(types)s.") % {"types": ", ".join(sorted(allowed))}},
            code="file_type",
        )
    head = upload.read(16)
    upload.seek(0)
    magic_ok = {
        "image/jpeg": head.startswith(b"\xff\xd8\xff"),
        "image/png": head.startswith(b"\x89PNG"),
        "image/webp": head[:4] == b"RIFF" and head[8:12] == b"WEBP",
        "application/pdf": head.startswith(b"%PDF"),
    }[allowed[ext]]
    if not magic_ok:
        raise ValidationError(
            {field: _("The file content does not match its type.")}, code="file_type"
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return allowed[ext], digest.hexdigest()
