"""Work news (工作信息): unions submit items with photos; the federation reviews them and
records where each was adopted, with points from the channel rule table in force."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import TypeAlias

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError, duplicate_only
from federation.reports.models import (
    NewsAdoption,
    NewsChannel,
    NewsItem,
    NewsPhoto,
    NewsStatus,
    ReportsAuditKind,
)
from tenants.context import federation_side
from tenants.models import Union

Checked: TypeAlias = tuple[UploadedFile, str, str]

MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
}


def photo_root() -> Path:
    """Outside any URL the web server serves: photos go out only through checked views."""
    return Path(settings.MEDIA_ROOT) / "private" / "news"


def photo_path(photo: NewsPhoto) -> Path:
    return photo_root() / photo.path


def _photo_check(upload: UploadedFile) -> tuple[str, str]:
    if (upload.size or 0) > MAX_PHOTO_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.") % {"name": upload.name})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG, WebP or GIF image.") % {"name": upload.name}
        ) from None
    finally:
        upload.seek(0)
    if fmt not in PHOTO_FORMATS:
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG, WebP or GIF image.") % {"name": upload.name}
        )
    return PHOTO_FORMATS[fmt]


def _photos_check(photos: list[UploadedFile]) -> tuple[list[Checked], list[str]]:
    if len(photos) > MAX_PHOTOS:
        return [], [_("At most %d photos.") % MAX_PHOTOS]
    checked, problems = [], []
    for upload in photos:
        try:
            checked.append((upload, *_photo_check(upload)))
        except ValidationError as exc:
            problems.extend(exc.messages)
    return checked, problems


def _news_errors(title: str, body: str, event_date: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title or len(title) > 200:
        errors["title"] = [_("Give a title of at most 200 characters.")]
    if not body:
        errors["body"] = [_("This field is required.")]
    elif len(body) > 20000:
        errors["body"] = [_("At most 20,000 characters.")]
    if event_date > timezone.localdate() + dt.timedelta(days=1):
        errors["event_date"] = [_("The event date cannot be in the future.")]
    return errors


def _photos_write(news: NewsItem, checked: list[Checked], written: list[Path]) -> None:
    folder = photo_root() / news.union.slug
    folder.mkdir(parents=True, exist_ok=True)
    for upload, ext, content_type in checked:
        rel = f"{news.union.slug}/{news.pk}-{uuid.uuid4().hex}.{ext}"
        target = photo_root() / rel
        with open(target, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        written.append(target)
        NewsPhoto.objects.create(
            news=news,
            path=rel,
            name=str(upload.name)[:200],
            content_type=content_type,
            size=upload.size or 0,
        )


def news_submit(
    *,
    union: Union,
    title: str,
    body: str,
    event_date: dt.date,
    photos: list[UploadedFile] | None = None,
    actor: Actor = None,
) -> NewsItem:
    """A union's news item. Everything is checked before anything is written; the files are
    removed again if the database write fails."""
    title, body = title.strip(), body.strip()
    errors = _news_errors(title, body, event_date)
    checked, problems = _photos_check(list(photos or []))
    if problems:
        errors["photos"] = problems
    if errors:
        raise ValidationError(errors, code="invalid")
    written: list[Path] = []
    try:
        with transaction.atomic():
            news = NewsItem.objects.create(
                union=union,
                title=title,
                body=body,
                event_date=event_date,
                submitted_by=actor_label(actor),
            )
            _photos_write(news, checked, written)
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return news


@federation_side
@transaction.atomic(durable=True)
def news_review(*, news: NewsItem, note: str = "", actor: Actor = None) -> NewsItem:
    news = NewsItem.objects.select_for_update().select_related("union").get(pk=news.pk)
    before = {"status": news.status, "review_note": news.review_note}
    news.status = NewsStatus.REVIEWED
    news.review_note = note.strip()[:1000]
    news.reviewed_at = timezone.now()
    news.reviewed_by = actor_label(actor)
    news.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    audit_record(
        actor=actor,
        kind=ReportsAuditKind.NEWS_REVIEWED,
        obj=news,
        before=before,
        after={"status": news.status, "review_note": news.review_note},
        union_slug=news.union.slug,
    )
    return news


def channel_in_force(*, code: str, on: dt.date) -> NewsChannel | None:
    return (
        NewsChannel.objects.filter(code=code, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


def _adoption_row(*, news: NewsItem, channel: str, adopted_on: dt.date) -> NewsChannel:
    errors: dict[str, list[str]] = {}
    if adopted_on < timezone.localdate(news.submitted_at):
        errors["adopted_on"] = [_("An item cannot be adopted before it was submitted.")]
    row = channel_in_force(code=channel, on=adopted_on)
    if row is None:
        errors["channel"] = [_("No channel %s is in force on that date.") % channel]
    if errors or row is None:
        raise ValidationError(errors, code="invalid")
    return row


@federation_side
def news_adopt(
    *, news: NewsItem, channel: str, adopted_on: dt.date | None = None, actor: Actor = None
) -> NewsAdoption:
    """Record that a channel adopted (采用) the item, worth the points of the channel's rule
    row in force on the adoption date; once per item and channel (a conflict the second
    time, enforced by the unique constraint)."""
    adopted_on = adopted_on or timezone.localdate()
    row = _adoption_row(news=news, channel=channel, adopted_on=adopted_on)
    try:
        with transaction.atomic():
            item = NewsItem.objects.select_for_update().select_related("union").get(pk=news.pk)
            adoption = NewsAdoption.objects.create(
                news=item,
                channel=row,
                channel_code=row.code,
                adopted_on=adopted_on,
                points=row.points,
                recorded_by=actor_label(actor),
            )
            if item.status != NewsStatus.REVIEWED:
                item.status = NewsStatus.REVIEWED
                item.reviewed_at = timezone.now()
                item.reviewed_by = actor_label(actor)
                item.save(update_fields=["status", "reviewed_at", "reviewed_by"])
            audit_record(
                actor=actor,
                kind=ReportsAuditKind.NEWS_ADOPTED,
                obj=adoption,
                after={"news": item.pk, "channel": row.code, "points": row.points},
                union_slug=item.union.slug,
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("This item is already recorded as adopted by that channel."), code="adopted"
        ) from None
    return adoption


def _channel_errors(code: str, name: str, points: Decimal) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = [_("Use letters, digits, - or _ (at most 40).")]
    if not name:
        errors["name"] = [_("This field is required.")]
    exponent = points.as_tuple().exponent
    if points < 0 or points > 1000 or (isinstance(exponent, int) and exponent < -1):
        errors["points"] = [_("Enter points from 0 to 1000 with at most one decimal.")]
    return errors


@federation_side
@transaction.atomic(durable=True)
def news_channel_set(
    *, code: str, name: str, points: Decimal, effective_from: dt.date, actor: Actor = None
) -> NewsChannel:
    """Add a row to the channel rule table; the previous row of the code ends the day before."""
    code, name = code.strip(), name.strip()
    errors = _channel_errors(code, name, points)
    if errors:
        raise ValidationError(errors, code="invalid")
    if NewsChannel.objects.filter(code=code, effective_from__gte=effective_from).exists():
        raise ConflictError(
            _("A row of this channel already starts on or after that date."), code="row_exists"
        )
    NewsChannel.objects.filter(code=code, effective_to__isnull=True).update(
        effective_to=effective_from - dt.timedelta(days=1)
    )
    row = NewsChannel.objects.create(
        code=code, name=name, points=points, effective_from=effective_from
    )
    audit_record(
        actor=actor,
        kind=ReportsAuditKind.NEWS_CHANNEL_SET,
        obj=row,
        after={"code": code, "name": name, "points": points, "effective_from": effective_from},
    )
    return row
