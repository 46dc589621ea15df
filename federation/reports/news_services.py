"""Work news (工作信息): unions submit items with photos; the federation reviews them and
records where each was adopted, with points from the channel rule table in force."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record
from federation.reports.models import NewsAdoption, NewsChannel, NewsItem, NewsPhoto, NewsStatus
from federation.reports.services import ReportsConflict, _actor_name, date_parse
from tenants.context import federation_side
from tenants.models import Union

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


def _photo_check(upload) -> tuple[str, str]:
    from PIL import Image, UnidentifiedImageError

    if upload.size > MAX_PHOTO_BYTES:
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


def news_submit(
    *, union: Union, title: Any, body: Any, event_date: Any, photos: list | None = None, actor=None
) -> NewsItem:
    """A union's news item. Everything is checked before anything is written; the files are
    removed again if the database write fails."""
    errors: dict[str, list[str]] = {}
    title = str(title or "").strip()
    body = str(body or "").strip()
    if not title or len(title) > 200:
        errors["title"] = [_("Give a title of at most 200 characters.")]
    if not body:
        errors["body"] = [_("This field is required.")]
    elif len(body) > 20000:
        errors["body"] = [_("At most 20,000 characters.")]
    try:
        event_date = date_parse(event_date, field="event_date")
        if event_date > timezone.localdate() + dt.timedelta(days=1):
            errors["event_date"] = [_("The event date cannot be in the future.")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    photos = list(photos or [])
    checked = []
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("At most %d photos.") % MAX_PHOTOS]
    else:
        problems = []
        for upload in photos:
            try:
                checked.append((upload, *_photo_check(upload)))
            except ValidationError as exc:
                problems.extend(exc.messages)
        if problems:
            errors["photos"] = problems
    if errors:
        raise ValidationError(errors)

    written: list[Path] = []
    try:
        with transaction.atomic():
            news = NewsItem.objects.create(
                union=union,
                title=title,
                body=body,
                event_date=event_date,
                submitted_by=_actor_name(actor),
            )
            folder = photo_root() / union.slug
            folder.mkdir(parents=True, exist_ok=True)
            for upload, ext, content_type in checked:
                rel = f"{union.slug}/{news.pk}-{uuid.uuid4().hex}.{ext}"
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
                    size=upload.size,
                )
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return news


@federation_side
@transaction.atomic
def news_review(*, news: NewsItem, note: str = "", actor=None) -> NewsItem:
    news = NewsItem.objects.select_for_update().get(pk=news.pk)
    news.status = NewsStatus.REVIEWED
    news.review_note = str(note or "").strip()[:1000]
    news.reviewed_at = timezone.now()
    news.reviewed_by = _actor_name(actor)
    news.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    return news


def channel_in_force(*, code: str, on: dt.date) -> NewsChannel | None:
    return (
        NewsChannel.objects.filter(code=code, effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


@federation_side
def news_adopt(*, news: NewsItem, channel: Any, adopted_on: Any = None, actor=None) -> NewsAdoption:
    """Record that a channel adopted (采用) the item, worth the points of the channel's rule
    row in force on the adoption date; once per item and channel (409 the second time)."""
    errors: dict[str, list[str]] = {}
    try:
        adopted_on = date_parse(adopted_on or timezone.localdate(), field="adopted_on")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        adopted_on = None
    row = None
    if adopted_on is not None:
        if adopted_on < timezone.localdate(news.submitted_at):
            errors["adopted_on"] = [_("An item cannot be adopted before it was submitted.")]
        row = channel_in_force(code=str(channel or ""), on=adopted_on)
        if row is None:
            errors["channel"] = [_("No channel %s is in force on that date.") % channel]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            item = NewsItem.objects.select_for_update().get(pk=news.pk)
            adoption = NewsAdoption.objects.create(
                news=item,
                channel=row,
                channel_code=row.code,
                adopted_on=adopted_on,
                points=row.points,
                recorded_by=_actor_name(actor),
            )
            if item.status != NewsStatus.REVIEWED:
                item.status = NewsStatus.REVIEWED
                item.reviewed_at = timezone.now()
                item.reviewed_by = _actor_name(actor)
                item.save(update_fields=["status", "reviewed_at", "reviewed_by"])
            audit_record(
                actor=actor,
                kind=AuditKind.OTHER,
                obj=adoption,
                note="reports.news.adopted",
                after={"news": item.pk, "channel": row.code, "points": row.points},
                union_slug=item.union.slug,
            )
    except IntegrityError:
        raise ReportsConflict(
            _("This item is already recorded as adopted by that channel.")
        ) from None
    return adoption


@federation_side
@transaction.atomic
def news_channel_set(
    *, code: Any, name: Any, points: Any, effective_from: Any, actor=None
) -> NewsChannel:
    """Add a row to the channel rule table; the previous row of the code ends the day before."""
    from decimal import Decimal, InvalidOperation

    errors: dict[str, list[str]] = {}
    code, name = str(code or "").strip(), str(name or "").strip()
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = [_("Use letters, digits, - or _ (at most 40).")]
    if not name:
        errors["name"] = [_("This field is required.")]
    try:
        points = Decimal(str(points))
        if points < 0 or points > 1000 or points.as_tuple().exponent < -1:
            raise InvalidOperation
    except InvalidOperation:
        errors["points"] = [_("Enter points from 0 to 1000 with at most one decimal.")]
    try:
        effective_from = date_parse(effective_from, field="effective_from")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if NewsChannel.objects.filter(code=code, effective_from__gte=effective_from).exists():
        raise ReportsConflict(_("A row of this channel already starts on or after that date."))
    NewsChannel.objects.filter(code=code, effective_to__isnull=True).update(
        effective_to=effective_from - dt.timedelta(days=1)
    )
    row = NewsChannel.objects.create(
        code=code, name=name, points=points, effective_from=effective_from
    )
    audit_record(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=row,
        note="reports.news.channel",
        after={"code": code, "points": points, "effective_from": effective_from},
    )
    return row
