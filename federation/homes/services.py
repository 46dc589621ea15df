"""Writes of the staff-home module: schemes, rounds, the union's self-assessment and
evidence, the federation's review, titles and reminders.

Rules: ../shared/DESIGN.md "Staff home". Every service validates and raises
``ValidationError({"field": [...]})``; the union-side services take the union from the
caller (the door passes ``current_union()``) and touch that union's rows only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.homes import defaults, selectors
from federation.homes.checks import AUTO_CHECKS, vetoes_failed, vetoes_run
from federation.homes.models import (
    EDITABLE,
    Assessment,
    AssessmentEvent,
    AssessmentItem,
    Criterion,
    EventKind,
    EvidenceFile,
    HomeRule,
    Level,
    Round,
    RoundKind,
    Scheme,
    Status,
    Title,
)
from federation.homes.scoring import level_for, mandatory_zero, to_points
from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record, snapshot
from tenants.context import federation_side, union_side
from tenants.models import Union

ZERO = Decimal("0.00")
HUNDRED = Decimal("100.00")
ASSESSMENT_AUDIT_FIELDS = [
    "status",
    "self_total",
    "score",
    "level_id",
    "approval_rate",
    "deadline",
    "reopened",
]

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
    return getattr(settings, "HOMES_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)


def _actor_name(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return str(actor) if actor else "system"


def _event(
    assessment: Assessment, *, kind: str, actor, side: str, comment: str = "", data=None
) -> AssessmentEvent:
    return AssessmentEvent.objects.create(
        assessment=assessment,
        kind=kind,
        actor=_actor_name(actor),
        side=side,
        comment=comment or "",
        data=data or {},
    )


def _parse_date(value, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: [_("Enter a date as YYYY-MM-DD.")]}) from None


def _points(value, field: str, *, low: Decimal = ZERO, high: Decimal | None = None) -> Decimal:
    try:
        d = to_points(value)
    except ValueError:
        raise ValidationError(
            {field: [_("Enter a number with at most two decimal places.")]}
        ) from None
    if d < low or (high is not None and d > high):
        raise ValidationError(
            {field: [_("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return d


def _text(value, field: str, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: [_("Enter text.")]})
    value = value.strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > max_length:
        raise ValidationError({field: [_("At most %(n)s characters.") % {"n": max_length}]})
    return value


# --- the shipped defaults ----------------------------------------------------------------


@transaction.atomic
def rule_default_ensure() -> HomeRule:
    d = defaults.DEFAULT_RULE
    rule, _created = HomeRule.objects.get_or_create(
        effective_from=dt.date.fromisoformat(d["effective_from"]),
        defaults={
            "member_share_min": Decimal(d["member_share_min"]),
            "congress_months": d["congress_months"],
            "recheck_months": d["recheck_months"],
            "rectification_days": d["rectification_days"],
            "reminder_days": list(d["reminder_days"]),
            "recheck_reminder_days": list(d["recheck_reminder_days"]),
            "created_by": "system",
        },
    )
    return rule


@transaction.atomic
def scheme_default_ensure() -> Scheme:
    """The default scheme (about 20 criteria, 100 points, 合格/先进/模范); idempotent."""
    rule_default_ensure()
    scheme = Scheme.objects.filter(is_default=True).order_by("-version").first()
    if scheme is not None:
        return scheme
    scheme, _created = Scheme.objects.get_or_create(
        name=defaults.DEFAULT_SCHEME_NAME,
        version=1,
        defaults={
            "is_default": True,
            "created_by": "system",
            "description": "乡镇工会联合会职工之家建设验收通用标准，满分100分；标注“必备”的项目得0分即不予通过。",
        },
    )
    if not scheme.criteria.exists():
        Criterion.objects.bulk_create(
            Criterion(
                scheme=scheme,
                code=code,
                category=cat,
                title=title,
                guidance=guide,
                max_points=Decimal(points),
                mandatory=mandatory,
                auto_check=auto,
                order=i,
            )
            for i, (code, cat, title, guide, points, mandatory, auto) in enumerate(
                defaults.DEFAULT_CRITERIA, 1
            )
        )
    if not scheme.levels.exists():
        Level.objects.bulk_create(
            Level(
                scheme=scheme,
                name=name,
                min_score=Decimal(score),
                min_approval_rate=Decimal(rate),
                order=order,
            )
            for name, score, rate, order in defaults.DEFAULT_LEVELS
        )
    return scheme


def _days_list(value, field: str) -> list[int]:
    if not isinstance(value, list) or any(
        isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 366 for d in value
    ):
        raise ValidationError({field: [_("Send a list of whole numbers of days from 0 to 366.")]})
    return sorted(set(value), reverse=True)


@federation_side
@transaction.atomic
def rule_set(
    *,
    effective_from,
    member_share_min,
    congress_months=12,
    recheck_months=12,
    rectification_days=15,
    reminder_days=None,
    recheck_reminder_days=None,
    actor=None,
) -> HomeRule:
    """A new row of the staff-home rule table from ``effective_from``; the row in force
    until then ends the day before (rules are local policy and change over time)."""
    errors: dict[str, list[str]] = {}
    try:
        start = _parse_date(effective_from, "effective_from")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        start = None
    try:
        if isinstance(member_share_min, bool | float) or member_share_min is None:
            raise ValueError
        share = Decimal(str(member_share_min))
        if (
            not share.is_finite()
            or not Decimal("0") <= share <= Decimal("1")
            or share != share.quantize(Decimal("0.0001"))
        ):
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["member_share_min"] = [
            _("Enter a share from 0 to 1 with at most four decimal places.")
        ]
    months = {}
    for field, value in (("congress_months", congress_months), ("recheck_months", recheck_months)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
            errors[field] = [_("Enter a whole number of months from 1 to 120.")]
        else:
            months[field] = value
    if (
        isinstance(rectification_days, bool)
        or not isinstance(rectification_days, int)
        or not 1 <= rectification_days <= 366
    ):
        errors["rectification_days"] = [_("Enter a whole number of days from 1 to 366.")]
    else:
        months["rectification_days"] = rectification_days
    days = {}
    for field, value, default in (
        ("reminder_days", reminder_days, defaults.DEFAULT_RULE["reminder_days"]),
        (
            "recheck_reminder_days",
            recheck_reminder_days,
            defaults.DEFAULT_RULE["recheck_reminder_days"],
        ),
    ):
        try:
            days[field] = _days_list(default if value is None else value, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if start is not None and HomeRule.objects.filter(effective_from__gte=start).exists():
        errors["effective_from"] = [_("A rule from this date or later exists already.")]
    if errors:
        raise ValidationError(errors)
    previous = (
        HomeRule.objects.select_for_update()
        .filter(effective_to__isnull=True)
        .order_by("-effective_from")
        .first()
    )
    if previous is not None:
        previous.effective_to = start - dt.timedelta(days=1)
        previous.save(update_fields=["effective_to"])
    row = HomeRule.objects.create(
        effective_from=start,
        member_share_min=share,
        created_by=_actor_name(actor),
        **months,
        **days,
    )
    audit_record(actor=actor, kind=AuditKind.HOME_RULE, obj=row, after=snapshot(row))
    return row


# --- schemes ------------------------------------------------------------------------------


@federation_side
@transaction.atomic
def scheme_create(*, name, criteria, levels, description: str = "", actor=None) -> Scheme:
    """A new scheme (or a new version of one with the same name). Criteria codes are unique
    in the scheme; max points > 0; levels have distinct names and minimum scores within the
    scheme's total; approval minimums are percentages; stars, when used, are 1..5."""
    errors: dict[str, list[str]] = {}
    try:
        name = _text(name, "name", max_length=200, required=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        description = _text(description, "description", max_length=5000)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    clean_criteria: list[dict] = []
    if not isinstance(criteria, list) or not criteria:
        errors["criteria"] = [_("Give at least one criterion.")]
    else:
        seen: set[str] = set()
        msgs = []
        for i, raw in enumerate(criteria):
            where = f"criteria[{i}]"
            if not isinstance(raw, dict):
                msgs.append(f"{where}: " + _("Send an object."))
                continue
            try:
                code = _text(raw.get("code"), "code", max_length=20, required=True)
                if code in seen:
                    raise ValidationError({"code": [_("This code is used twice.")]})
                seen.add(code)
                row = {
                    "code": code,
                    "category": _text(
                        raw.get("category"), "category", max_length=40, required=True
                    ),
                    "title": _text(raw.get("title"), "title", max_length=300, required=True),
                    "guidance": _text(raw.get("guidance"), "guidance", max_length=2000),
                    "max_points": _points(
                        raw.get("max_points"), "max_points", low=Decimal("0.01"), high=HUNDRED * 10
                    ),
                    "mandatory": raw.get("mandatory", False),
                    "auto_check": _text(raw.get("auto_check"), "auto_check", max_length=40),
                }
                if not isinstance(row["mandatory"], bool):
                    raise ValidationError({"mandatory": [_("Enter true or false.")]})
                if row["auto_check"] and row["auto_check"] not in AUTO_CHECKS:
                    raise ValidationError(
                        {"auto_check": [_("Choose one of: %s.") % ", ".join(sorted(AUTO_CHECKS))]}
                    )
                clean_criteria.append(row)
            except ValidationError as exc:
                for field, fmsgs in exc.message_dict.items():
                    msgs.extend(f"{where}.{field}: {m}" for m in fmsgs)
        if msgs:
            errors["criteria"] = msgs
    total = sum((c["max_points"] for c in clean_criteria), ZERO)
    clean_levels: list[dict] = []
    if not isinstance(levels, list) or not levels:
        errors["levels"] = [_("Give at least one level.")]
    elif len(levels) > 10:
        errors["levels"] = [_("At most 10 levels.")]
    else:
        names: set[str] = set()
        msgs = []
        for i, raw in enumerate(levels):
            where = f"levels[{i}]"
            if not isinstance(raw, dict):
                msgs.append(f"{where}: " + _("Send an object."))
                continue
            try:
                lname = _text(raw.get("name"), "name", max_length=40, required=True)
                if lname in names:
                    raise ValidationError({"name": [_("This name is used twice.")]})
                names.add(lname)
                min_score = _points(
                    raw.get("min_score"), "min_score", high=total if total else None
                )
                rate = raw.get("min_approval_rate", "0")
                rate = _points(rate if rate is not None else "0", "min_approval_rate", high=HUNDRED)
                stars = raw.get("stars")
                if stars is not None and (
                    isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5
                ):
                    raise ValidationError({"stars": [_("Enter a whole number from 1 to 5.")]})
                clean_levels.append(
                    {
                        "name": lname,
                        "min_score": min_score,
                        "min_approval_rate": rate,
                        "stars": stars,
                    }
                )
            except ValidationError as exc:
                for field, fmsgs in exc.message_dict.items():
                    msgs.extend(f"{where}.{field}: {m}" for m in fmsgs)
        if msgs:
            errors["levels"] = msgs
        elif len({lv["min_score"] for lv in clean_levels}) != len(clean_levels):
            errors["levels"] = [_("Each level needs its own minimum score.")]
    if errors:
        raise ValidationError(errors)
    version = (
        Scheme.objects.filter(name=name)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    scheme = Scheme.objects.create(
        name=name, version=version, description=description, created_by=_actor_name(actor)
    )
    Criterion.objects.bulk_create(
        Criterion(scheme=scheme, order=i, **c) for i, c in enumerate(clean_criteria, 1)
    )
    ordered = sorted(clean_levels, key=lambda lv: lv["min_score"])
    Level.objects.bulk_create(
        Level(scheme=scheme, order=i, **lv) for i, lv in enumerate(ordered, 1)
    )
    audit_record(
        actor=actor,
        kind=AuditKind.HOME_SCHEME,
        obj=scheme,
        after={
            "name": name,
            "version": version,
            "criteria": len(clean_criteria),
            "total": str(total),
            "levels": [lv["name"] for lv in ordered],
        },
    )
    return scheme


# --- rounds -------------------------------------------------------------------------------


@federation_side
@transaction.atomic
def round_open(
    *, scheme, title, deadline, unions, kind: str = RoundKind.NORMAL, actor=None
) -> Round:
    """Open a round: one assessment (with one item per criterion) for each union named, or
    for every serving union with ``"all"`` (for a re-check, every union holding a title)."""
    from tenants.selectors import unions_serving

    errors: dict[str, list[str]] = {}
    scheme_obj = None
    if isinstance(scheme, Scheme):
        scheme_obj = scheme
    else:
        try:
            scheme_obj = Scheme.objects.get(pk=int(scheme))
        except (TypeError, ValueError, Scheme.DoesNotExist):
            errors["scheme"] = [_("Choose an existing scheme.")]
    try:
        title = _text(title, "title", max_length=200, required=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        deadline = _parse_date(deadline, "deadline")
        if deadline < timezone.localdate():
            errors["deadline"] = [_("The deadline cannot be in the past.")]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if kind not in RoundKind.values:
        errors["kind"] = [_("Choose one of: %s.") % ", ".join(RoundKind.values)]
    chosen: list[Union] = []
    if unions == "all":
        if kind == RoundKind.RECHECK:
            chosen = list(unions_serving().filter(home_titles__current=True).distinct())
        else:
            chosen = list(unions_serving())
        if not chosen:
            errors["unions"] = [_("No union to assess.")]
    elif isinstance(unions, list) and unions and all(isinstance(s, str) for s in unions):
        if len(set(unions)) != len(unions):
            errors["unions"] = [_("A union is named twice.")]
        else:
            found = {u.slug: u for u in unions_serving().filter(slug__in=unions)}
            unknown = [s for s in unions if s not in found]
            if unknown:
                errors["unions"] = [_("Unknown or inactive union: %s.") % ", ".join(unknown)]
            chosen = [found[s] for s in unions if s in found]
    else:
        errors["unions"] = [_('Send a list of union slugs or "all".')]
    if errors:
        raise ValidationError(errors)
    rnd = Round.objects.create(
        title=title, scheme=scheme_obj, deadline=deadline, kind=kind, opened_by=_actor_name(actor)
    )
    criteria = list(scheme_obj.criteria.all())
    assessments = Assessment.objects.bulk_create(Assessment(round=rnd, union=u) for u in chosen)
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=a, criterion=c) for a in assessments for c in criteria
    )
    AssessmentEvent.objects.bulk_create(
        AssessmentEvent(
            assessment=a,
            kind=EventKind.OPENED,
            actor=_actor_name(actor),
            side="federation",
            comment=_("Self-assessment due by %(date)s.") % {"date": deadline},
        )
        for a in assessments
    )
    audit_record(
        actor=actor,
        kind=AuditKind.HOME_ROUND,
        obj=rnd,
        after={
            "title": title,
            "scheme": scheme_obj.pk,
            "deadline": deadline,
            "kind": kind,
            "unions": [u.slug for u in chosen],
        },
    )
    return rnd


@federation_side
@transaction.atomic
def round_add_unions(*, round: Round, unions: list[Union], actor=None) -> list[Assessment]:
    """Add unions to an open round (e.g. a union founded after it opened); idempotent."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.closed_at is not None:
        raise ValidationError({"round": [_("This round is closed.")]})
    have = set(rnd.assessments.values_list("union_id", flat=True))
    new = [u for u in unions if u.pk not in have]
    created = Assessment.objects.bulk_create(Assessment(round=rnd, union=u) for u in new)
    criteria = list(rnd.scheme.criteria.all())
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=a, criterion=c) for a in created for c in criteria
    )
    AssessmentEvent.objects.bulk_create(
        AssessmentEvent(
            assessment=a,
            kind=EventKind.OPENED,
            actor=_actor_name(actor),
            side="federation",
            comment=_("Self-assessment due by %(date)s.") % {"date": rnd.deadline},
        )
        for a in created
    )
    return created


@federation_side
@transaction.atomic
def round_close(*, round: Round, actor=None) -> Round:
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.closed_at is None:
        rnd.closed_at = timezone.now()
        rnd.save(update_fields=["closed_at"])
        audit_record(
            actor=actor, kind=AuditKind.HOME_ROUND, obj=rnd, after={"closed_at": rnd.closed_at}
        )
    return rnd


# --- the union's self-assessment ------------------------------------------------------------


def _lock(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("round__scheme", "union")
        .get(pk=assessment.pk)
    )


def _editable_or_400(a: Assessment) -> None:
    if a.status not in EDITABLE:
        raise ValidationError(
            {
                "status": [
                    _("This assessment is %(status)s and cannot be changed.")
                    % {"status": a.get_status_display()}
                ]
            }
        )
    if a.round.closed_at is not None:
        raise ValidationError({"status": [_("This round is closed.")]})


def _recompute_self_total(a: Assessment) -> None:
    a.self_total = sum(
        (s for s in a.items.values_list("self_score", flat=True) if s is not None), ZERO
    )


def _items_by_code(a: Assessment) -> dict[str, AssessmentItem]:
    return {
        i.criterion.code: i
        for i in a.items.select_related("criterion").select_for_update(of=("self",))
    }


def _items_parse(
    items: list, by_code: dict[str, AssessmentItem], *, score_field: str, text_field: str,
    text_max: int, refuse_twice: bool,
) -> tuple[list[AssessmentItem], list[str]]:
    """Per-criterion scores (0..max points) and text, from the union's self-assessment or the
    assessor's review; returns the items to save and the error messages, keyed by code."""
    updates: list[AssessmentItem] = []
    msgs: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            msgs.append(f"items[{i}]: " + _("Send an object."))
            continue
        code = raw.get("code")
        item = by_code.get(code) if isinstance(code, str) else None
        if item is None:
            msgs.append(
                f"items[{i}].code: " + _("No criterion %(code)s in this scheme.") % {"code": code}
            )
            continue
        if refuse_twice:
            if code in seen:
                msgs.append(f"{code}.code: " + _("This criterion is given twice."))
                continue
            seen.add(code)
        if score_field in raw:
            if raw[score_field] is None or raw[score_field] == "":
                setattr(item, score_field, None)
            else:
                try:
                    setattr(
                        item, score_field,
                        _points(raw[score_field], score_field, high=item.criterion.max_points),
                    )
                except ValidationError:
                    msgs.append(
                        f"{code}.{score_field}: "
                        + _("Enter a number from 0 to %(max)s.") % {"max": item.criterion.max_points}
                    )
                    continue
        if text_field in raw:
            try:
                setattr(item, text_field, _text(raw[text_field], text_field, max_length=text_max))
            except ValidationError as exc:
                msgs.extend(f"{code}.{text_field}: {m}" for m in exc.messages)
                continue
        updates.append(item)
    return updates, msgs


_UNSET = object()


@union_side
@transaction.atomic
def assessment_save(
    *,
    union: Union,
    assessment: Assessment,
    items=None,
    approval_rate=_UNSET,
    survey_note=_UNSET,
    actor=None,
) -> Assessment:
    """Save the union's self scores (0..max of each criterion, two decimals), evidence text
    and the members' approval rate (0..100 %). Allowed while not started, draft or returned."""
    if assessment.union_id != union.pk:
        raise Assessment.DoesNotExist
    a = _lock(assessment)
    _editable_or_400(a)
    errors: dict[str, list[str]] = {}
    updates = []
    if items is not None:
        if not isinstance(items, list):
            errors["items"] = [_("Send a list of items.")]
        else:
            updates, msgs = _items_parse(
                items, _items_by_code(a), score_field="self_score", text_field="evidence",
                text_max=5000, refuse_twice=True,
            )
            if msgs:
                errors["items"] = msgs
    if approval_rate is not _UNSET:
        if approval_rate is None or approval_rate == "":
            a.approval_rate = None
        else:
            try:
                a.approval_rate = _points(approval_rate, "approval_rate", high=HUNDRED)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    if survey_note is not _UNSET:
        try:
            a.survey_note = _text(survey_note, "survey_note", max_length=300)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if updates:
        AssessmentItem.objects.bulk_update(updates, ["self_score", "evidence"])
    _recompute_self_total(a)
    if a.status == Status.NOT_STARTED:
        a.status = Status.DRAFT
    a.save()
    codes = [u.criterion.code for u in updates]
    last = a.events.order_by("-id").first()
    if last is not None and last.kind == EventKind.SAVED and last.actor == _actor_name(actor):
        # a run of drafts by the same person is one step of the history, with a count
        saved = sorted(set(last.data.get("items", [])) | set(codes))
        data = {
            "items": saved,
            "self_total": str(a.self_total),
            "saves": last.data.get("saves", 1) + 1,
        }
        AssessmentEvent.objects.filter(pk=last.pk).update(at=timezone.now(), data=data)
    else:
        _event(
            a,
            kind=EventKind.SAVED,
            actor=actor,
            side="union",
            data={"items": codes, "self_total": str(a.self_total), "saves": 1},
        )
    return a


def _sniff(ext: str, head: bytes) -> bool:
    _ctype, magics = EVIDENCE_TYPES[ext]
    if ext == "webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return any(head.startswith(m) for m in magics)


@union_side
@transaction.atomic
def evidence_add(
    *, union: Union, assessment: Assessment, file, code: str = "", actor=None
) -> EvidenceFile:
    """Store an evidence file under the union's own path. Images, PDF and office documents
    only (by extension and by content), at most ``HOMES_EVIDENCE_MAX_BYTES`` (10 MB)."""
    if assessment.union_id != union.pk:
        raise Assessment.DoesNotExist
    a = _lock(assessment)
    _editable_or_400(a)
    if file is None or not hasattr(file, "read"):
        raise ValidationError({"file": [_("Attach a file.")]})
    # the name is shown and put in zips: no directory parts (either slash), no control characters
    raw = str(getattr(file, "name", "") or "").replace("\\", "/")
    name = "".join(ch for ch in PurePosixPath(raw).name if ch.isprintable()).strip()[:200]
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    if ext not in EVIDENCE_TYPES:
        raise ValidationError(
            {
                "file": [
                    _("Only images, PDF and office documents are accepted (%(types)s).")
                    % {"types": ", ".join(sorted(EVIDENCE_TYPES))}
                ]
            }
        )
    size = getattr(file, "size", None) or 0
    limit = evidence_max_bytes()
    if size > limit:
        raise ValidationError(
            {"file": [_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}]}
        )
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    file.seek(0)
    head = file.read(16)
    if not _sniff(ext, head):
        raise ValidationError(
            {"file": [_("The file's content does not match its type .%(ext)s.") % {"ext": ext}]}
        )
    item = None
    if code:
        item = a.items.filter(criterion__code=code).first()
        if item is None:
            raise ValidationError(
                {"code": [_("No criterion %(code)s in this scheme.") % {"code": code}]}
            )
    if a.files.count() >= EVIDENCE_MAX_FILES:
        raise ValidationError(
            {"file": [_("At most %(n)s files per assessment.") % {"n": EVIDENCE_MAX_FILES}]}
        )
    file.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(65536), b""):
        digest.update(chunk)
    file.seek(0)
    evidence = EvidenceFile(
        assessment=a,
        item=item,
        original_name=name or f"evidence.{ext}",
        content_type=EVIDENCE_TYPES[ext][0],
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=_actor_name(actor),
    )
    evidence.file.save(evidence.original_name, file, save=False)
    saved_name = evidence.file.name
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(saved_name)
        raise
    _event(
        a,
        kind=EventKind.FILE_ADDED,
        actor=actor,
        side="union",
        comment=evidence.original_name,
        data={"code": code, "size": size},
    )
    return evidence


@union_side
@transaction.atomic
def evidence_remove(*, union: Union, assessment: Assessment, evidence_id: int, actor=None) -> None:
    if assessment.union_id != union.pk:
        raise Assessment.DoesNotExist
    a = _lock(assessment)
    _editable_or_400(a)
    evidence = EvidenceFile.objects.get(pk=evidence_id, assessment=a)
    name, storage, original = evidence.file.name, evidence.file.storage, evidence.original_name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
    _event(a, kind=EventKind.FILE_REMOVED, actor=actor, side="union", comment=original)


def submit_blockers(a: Assessment, *, today: dt.date | None = None) -> dict[str, list[str]]:
    """Why the assessment cannot be submitted now (empty when it can)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if a.status not in EDITABLE:
        errors["status"] = [
            _("This assessment is %(status)s and cannot be submitted.")
            % {"status": a.get_status_display()}
        ]
        return errors
    if a.round.closed_at is not None:
        errors["status"] = [_("This round is closed.")]
    if a.effective_deadline < today and not a.reopened:
        errors["deadline"] = [
            _("The deadline %(date)s has passed; ask the federation to reopen the assessment.")
            % {"date": a.effective_deadline}
        ]
    missing = list(
        a.items.filter(self_score__isnull=True).values_list("criterion__code", flat=True)
    )
    if missing:
        errors["items"] = [
            _("Score every criterion before submitting; missing: %(codes)s.")
            % {"codes": ", ".join(missing)}
        ]
    if a.approval_rate is None:
        errors["approval_rate"] = [_("Record the members' approval rate from your survey.")]
    return errors


@union_side
@transaction.atomic
def assessment_submit(*, union: Union, assessment: Assessment, actor=None) -> Assessment:
    """Submit the self-assessment: every criterion scored, the approval rate recorded, by the
    deadline (the round's, or the rectification deadline), unless the federation reopened it."""
    if assessment.union_id != union.pk:
        raise Assessment.DoesNotExist
    a = _lock(assessment)
    errors = submit_blockers(a)
    if errors:
        raise ValidationError(errors)
    _recompute_self_total(a)
    was_returned = a.status == Status.RETURNED
    a.status = Status.SUBMITTED
    a.submitted_at = timezone.now()
    a.submissions += 1
    a.reopened = False
    a.veto_results = vetoes_run(union=a.union)
    a.save()
    _event(
        a,
        kind=EventKind.SUBMITTED,
        actor=actor,
        side="union",
        comment=_("Resubmitted after rectification.") if was_returned else "",
        data={"self_total": str(a.self_total), "approval_rate": str(a.approval_rate)},
    )
    return a


# --- the federation's review ----------------------------------------------------------------


DECISIONS = ("accept", "return", "veto", "save")


@federation_side
@transaction.atomic
def assessment_review(
    *,
    assessment: Assessment,
    items=None,
    decision: str = "save",
    comment: str = "",
    deadline=None,
    union: str | None = None,
    actor=None,
) -> Assessment:
    """The assessor's scores (0..max per criterion, with comments) and decision:

    - ``accept``: every criterion scored and no veto check failed; the level is the highest
      whose minimum score and approval rate are met, none when a mandatory criterion is 0
      (status ``accepted`` with a title and a re-check date, or ``failed``);
    - ``return`` for rectification (整改) with a reason and a new deadline;
    - ``veto``: a veto (一票否决) found on the records or on site, with a reason;
    - ``save``: keep the scores, decide later.
    """
    errors: dict[str, list[str]] = {}
    a = _lock(assessment)
    if union is not None and union != a.union.slug:
        raise ValidationError({"union": [_("This union is not in the round.")]})
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Choose one of: %s.") % ", ".join(DECISIONS)]})
    if a.status != Status.SUBMITTED:
        raise ValidationError(
            {
                "status": [
                    _("Only a submitted assessment can be reviewed; this one is %(status)s.")
                    % {"status": a.get_status_display()}
                ]
            }
        )
    try:
        comment = _text(
            comment, "comment", max_length=5000, required=decision in ("return", "veto")
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    new_deadline = None
    if decision == "return" and deadline in (None, ""):
        # no date given: the rule table's days for rectification (整改), from today
        today = timezone.localdate()
        new_deadline = today + dt.timedelta(
            days=selectors.rule_in_force(on=today).rectification_days
        )
    elif decision == "return":
        try:
            new_deadline = _parse_date(deadline, "deadline")
            if new_deadline < timezone.localdate():
                errors["deadline"] = [_("The new deadline cannot be in the past.")]
        except ValidationError as exc:
            errors.update(exc.message_dict)
    updates = []
    by_code = _items_by_code(a)
    if items is not None:
        if not isinstance(items, list):
            errors["items"] = [_("Send a list of items.")]
        else:
            updates, msgs = _items_parse(
                items, by_code, score_field="score", text_field="comment", text_max=2000,
                refuse_twice=False,
            )
            if msgs:
                errors["items"] = msgs
    if errors:
        raise ValidationError(errors)
    if updates:
        AssessmentItem.objects.bulk_update(updates, ["score", "comment"])
    all_items = list(by_code.values())
    before = snapshot(a, ASSESSMENT_AUDIT_FIELDS)
    vetoes = vetoes_run(union=a.union)
    scored = [i.score for i in all_items if i.score is not None]
    a.score = sum(scored, ZERO) if scored else None
    a.veto_results = vetoes
    now = timezone.now()
    if decision == "save":
        a.save()
        _event(
            a,
            kind=EventKind.REVIEW_SAVED,
            actor=actor,
            side="federation",
            comment=comment,
            data={"score": str(a.score)},
        )
        return a
    a.reviewed_at, a.reviewed_by, a.review_comment = now, _actor_name(actor), comment
    if decision == "return":
        a.status = Status.RETURNED
        a.deadline = new_deadline
        a.save()
        _event(
            a,
            kind=EventKind.RETURNED,
            actor=actor,
            side="federation",
            comment=comment,
            data={"deadline": str(new_deadline), "score": str(a.score)},
        )
        audit_record(
            actor=actor,
            kind=AuditKind.HOME_RETURNED,
            obj=a,
            before=before,
            after=snapshot(a, ASSESSMENT_AUDIT_FIELDS),
            union_slug=a.union.slug,
            note=comment,
        )
        _notify_decision(a, comment=comment)
        return a
    if decision == "veto":
        a.status = Status.VETOED
        a.level = None
        a.save()
        _event(
            a,
            kind=EventKind.VETOED,
            actor=actor,
            side="federation",
            comment=comment,
            data={"failed": [v["key"] for v in vetoes_failed(vetoes)]},
        )
        audit_record(
            actor=actor,
            kind=AuditKind.HOME_VETOED,
            obj=a,
            before=before,
            after=snapshot(a, ASSESSMENT_AUDIT_FIELDS),
            union_slug=a.union.slug,
            note=comment,
        )
        _recheck_withdraw(a, actor=actor, reason=comment)
        _notify_decision(a, comment=comment)
        return a
    # accept
    missing = [code for code, i in by_code.items() if i.score is None]
    if missing:
        raise ValidationError(
            {
                "items": [
                    _("Score every criterion before accepting; missing: %(codes)s.")
                    % {"codes": ", ".join(missing)}
                ]
            }
        )
    failed = vetoes_failed(vetoes)
    if failed:
        raise ValidationError(
            {
                "decision": [
                    _("A veto check failed, the assessment cannot be accepted: %(why)s")
                    % {"why": " ".join(f"{v['label']}: {v['reason']}" for v in failed)}
                ]
            }
        )
    level = level_for(
        levels=selectors.scheme_levels(a.round.scheme),
        total=a.score,
        approval_rate=a.approval_rate,
        mandatory_failed=mandatory_zero(all_items, field="score"),
    )
    a.level = level
    a.status = Status.ACCEPTED if level else Status.FAILED
    a.save()
    data = {
        "score": str(a.score),
        "level": level.name if level else None,
        "mandatory_zero": [c for c, i in by_code.items() if i.criterion.mandatory and i.score == 0],
    }
    _event(
        a,
        kind=EventKind.ACCEPTED if level else EventKind.FAILED,
        actor=actor,
        side="federation",
        comment=comment,
        data=data,
    )
    audit_record(
        actor=actor,
        kind=AuditKind.HOME_ACCEPTED,
        obj=a,
        before=before,
        after=snapshot(a, ASSESSMENT_AUDIT_FIELDS),
        union_slug=a.union.slug,
        note=comment,
    )
    if level:
        _title_award(a, level=level, actor=actor)
    else:
        _recheck_withdraw(
            a, actor=actor, reason=comment or _("The re-check did not reach a level.")
        )
    _notify_decision(a, comment=comment)
    return a


def _notify_decision(a: Assessment, *, comment: str) -> None:
    """The union hears of the decision through the outbox (an in-app notice on its home
    page), once per decision: the key carries the submission it answers."""
    from django.utils import translation

    from federation.platform.outbox.services import message_enqueue

    with translation.override(settings.LANGUAGE_CODE):
        if a.status == Status.RETURNED:
            subject = _("Staff home: returned for rectification")
            body = _(
                '"%(round)s" was returned for rectification; please resubmit by %(date)s. %(comment)s'
            ) % {"round": a.round.title, "date": a.effective_deadline, "comment": comment}
        elif a.status == Status.ACCEPTED:
            subject = _("Staff home: accepted as %(level)s") % {"level": a.level.name}
            body = _(
                '"%(round)s": accepted with %(score)s points, level %(level)s. %(comment)s'
            ) % {
                "round": a.round.title,
                "score": a.score,
                "level": a.level.name,
                "comment": comment,
            }
        elif a.status == Status.VETOED:
            subject = _("Staff home: vetoed")
            body = _('"%(round)s" was vetoed: %(comment)s') % {
                "round": a.round.title,
                "comment": comment,
            }
        else:
            subject = _("Staff home: not passed")
            body = _('"%(round)s": %(score)s points reach no level. %(comment)s') % {
                "round": a.round.title,
                "score": a.score,
                "comment": comment,
            }
    message_enqueue(
        union=a.union,
        kind=f"homes.{a.status}",
        subject=subject,
        body=body.strip(),
        dedupe_key=f"homes:assessment:{a.pk}:{a.status}:{a.submissions}",
        link=f"/homes/{a.pk}/",
    )


def _title_award(a: Assessment, *, level: Level, actor) -> Title:
    today = timezone.localdate()
    rule = selectors.rule_in_force(on=today)
    from federation.homes.checks import _months_before

    recheck_due = _months_before(today, -rule.recheck_months)
    old = Title.objects.select_for_update().filter(union=a.union, current=True).first()
    if old is not None:
        old.current = False
        old.superseded_on = today
        old.save(update_fields=["current", "superseded_on"])
    try:
        with transaction.atomic():
            return Title.objects.create(
                union=a.union,
                assessment=a,
                round=a.round,
                level=level,
                awarded_on=today,
                recheck_due=recheck_due,
                number=f"ZGZJ-{today:%Y}-{a.pk:06d}",
            )
    except IntegrityError:
        raise ValidationError(
            {"status": [_("A title was already awarded for this assessment.")]}
        ) from None


def _recheck_withdraw(a: Assessment, *, actor, reason: str) -> None:
    """A failed or vetoed re-check withdraws the union's current title."""
    if a.round.kind != RoundKind.RECHECK:
        return
    title = Title.objects.select_for_update().filter(union=a.union, current=True).first()
    if title is not None:
        title_withdraw(
            title=title, reason=reason or _("Failed re-check."), actor=actor, assessment=a
        )


@federation_side
@transaction.atomic
def title_withdraw(
    *, title: Title, reason: str, actor=None, assessment: Assessment | None = None
) -> Title:
    """Withdraw a union's title (a failed re-check, or a finding on site), with the reason."""
    reason = _text(reason, "reason", max_length=2000, required=True)
    t = Title.objects.select_for_update().select_related("assessment", "union").get(pk=title.pk)
    if not t.current:
        raise ValidationError({"title": [_("This title is no longer current.")]})
    before = snapshot(t, ["current", "withdrawn_on", "withdrawn_reason"])
    t.current = False
    t.withdrawn_on = timezone.localdate()
    t.withdrawn_reason = reason
    t.withdrawn_by = _actor_name(actor)
    t.save(update_fields=["current", "withdrawn_on", "withdrawn_reason", "withdrawn_by"])
    # the round that awarded the title shows it as withdrawn from now on
    Assessment.objects.filter(pk=t.assessment_id, status=Status.ACCEPTED).update(
        status=Status.WITHDRAWN
    )
    _event(
        assessment or t.assessment,
        kind=EventKind.WITHDRAWN,
        actor=actor,
        side="federation",
        comment=reason,
        data={"title": t.number, "level": t.level.name},
    )
    audit_record(
        actor=actor,
        kind=AuditKind.HOME_WITHDRAWN,
        obj=t,
        before=before,
        after=snapshot(t, ["current", "withdrawn_on", "withdrawn_reason"]),
        union_slug=t.union.slug,
        note=reason,
    )
    return t


@federation_side
@transaction.atomic
def assessment_reopen(
    *, assessment: Assessment, deadline=None, comment: str = "", actor=None
) -> Assessment:
    """Let a union submit after its deadline (optionally with a new deadline)."""
    a = _lock(assessment)
    if a.status not in EDITABLE:
        raise ValidationError(
            {"status": [_("Only an assessment not yet submitted can be reopened.")]}
        )
    comment = _text(comment, "comment", max_length=2000)
    before = snapshot(a, ASSESSMENT_AUDIT_FIELDS)
    if deadline not in (None, ""):
        new = _parse_date(deadline, "deadline")
        if new < timezone.localdate():
            raise ValidationError({"deadline": [_("The new deadline cannot be in the past.")]})
        a.deadline = new
    a.reopened = True
    a.save()
    _event(
        a,
        kind=EventKind.REOPENED,
        actor=actor,
        side="federation",
        comment=comment,
        data={"deadline": str(a.effective_deadline)},
    )
    audit_record(
        actor=actor,
        kind=AuditKind.HOME_REOPENED,
        obj=a,
        before=before,
        after=snapshot(a, ASSESSMENT_AUDIT_FIELDS),
        union_slug=a.union.slug,
        note=comment,
    )
    return a


# --- reminders ----------------------------------------------------------------------------------


def reminders_send(*, on: dt.date | None = None) -> int:
    """Daily (beat): reminders through the outbox N days before an assessment's deadline to
    unions that have not submitted, and N days before a title's re-check date (the days
    are rows of the rule table). One message per assessment (or title), kind and date."""
    from django.utils import translation

    from federation.platform.outbox.services import message_enqueue

    on = on or timezone.localdate()
    rule = selectors.rule_in_force(on=on)
    days_deadline = {int(d) for d in rule.reminder_days or []}
    days_recheck = {int(d) for d in rule.recheck_reminder_days or []}
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        pending = (
            Assessment.objects.filter(status__in=EDITABLE, round__closed_at__isnull=True)
            .select_related("round", "union")
            .order_by("pk")
        )
        for a in pending:
            left = (a.effective_deadline - on).days
            if left not in days_deadline:
                continue
            created = message_enqueue(
                union=a.union,
                kind="homes.deadline",
                subject=_("Staff home self-assessment due in %(n)s days") % {"n": left},
                body=_('Please submit the self-assessment for "%(round)s" by %(date)s.')
                % {"round": a.round.title, "date": a.effective_deadline},
                dedupe_key=f"homes:assessment:{a.pk}:deadline:{on.isoformat()}",
                link=f"/homes/{a.pk}/",
            )
            sent += bool(created)
        for t in selectors.titles_current().order_by("pk"):
            left = (t.recheck_due - on).days
            if left not in days_recheck:
                continue
            created = message_enqueue(
                union=t.union,
                kind="homes.recheck",
                subject=_("Staff home title: re-check due in %(n)s days") % {"n": left},
                body=_('Your title "%(level)s" (%(number)s) is due for re-check on %(date)s.')
                % {"level": t.level.name, "number": t.number, "date": t.recheck_due},
                dedupe_key=f"homes:title:{t.pk}:recheck:{on.isoformat()}",
                link="/homes/",
            )
            sent += bool(created)
    return sent
