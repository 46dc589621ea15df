"""The women workers' register (四期保护), the yearly health check (妇科普查) and
三八红旗手 nominations. Health data: every write and every read of a record is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record_many, snapshot
from federation.platform.errors import ConflictError, duplicate_only
from workplaces.members.models import Gender, Member
from workplaces.rights.common import audited, invalid, union_slug
from workplaces.rights.entitlements import entitlements, women_rules
from workplaces.rights.models import (
    HealthCheck,
    HealthCheckParticipant,
    HonourNomination,
    NominationStatus,
    ProtectionKind,
    ProtectionRecord,
    RightsAuditKind,
)

RECORD_FIELDS = (
    "pregnancy_started_on",
    "expected_on",
    "delivered_on",
    "babies",
    "difficult_birth",
    "miscarried_on",
    "started_on",
    "ended_on",
    "note",
)


def _woman(member: Member) -> None:
    if member.gender != Gender.FEMALE:
        raise invalid("member", _("The register is for women members."), code="not_woman")


def _dates_check(r: ProtectionRecord) -> None:
    if r.kind == ProtectionKind.PREGNANCY and not r.pregnancy_started_on:
        raise invalid(
            "pregnancy_started_on", _("Give the first day of the pregnancy."), code="required"
        )
    start = r.pregnancy_started_on
    for field in ("delivered_on", "miscarried_on", "expected_on"):
        value = getattr(r, field)
        if value and start and value < start:
            raise invalid(field, _("This date is before the pregnancy began."), code="order")
    if r.delivered_on and r.miscarried_on:
        raise invalid("miscarried_on", _("Give a delivery or a miscarriage."), code="both")
    if r.started_on and r.ended_on and r.ended_on < r.started_on:
        raise invalid("ended_on", _("The end is before the start."), code="order")
    # the register computes the entitlements under the rules in force on these dates: a
    # date no rule covers is refused here (RuleMissingError, a 400), not on every later read
    women_rules(on=_rules_day(r))


def _rules_day(r: ProtectionRecord, today: dt.date | None = None) -> dt.date:
    """The day whose rules give a record's entitlements."""
    return (
        r.delivered_on or r.miscarried_on or r.pregnancy_started_on or today or timezone.localdate()
    )


@transaction.atomic(durable=True)
def protection_record_create(
    *, member: Member, kind: str, actor: Actor, **dates: Any
) -> ProtectionRecord:
    _woman(member)
    if kind not in ProtectionKind.values:
        raise invalid("kind", _("Choose a kind."), code="invalid_choice")
    record = ProtectionRecord(
        member=member, kind=kind, **{k: v for k, v in dates.items() if k in RECORD_FIELDS}
    )
    _dates_check(record)
    record.full_clean()
    record.save()
    audited(actor=actor, kind=RightsAuditKind.WOMEN_CREATED, obj=record)
    return record


@transaction.atomic(durable=True)
def protection_record_update(
    *, record: ProtectionRecord, changes: dict[str, Any], actor: Actor
) -> ProtectionRecord:
    r = ProtectionRecord.objects.select_for_update().get(pk=record.pk)
    before = snapshot(r)
    for field, value in changes.items():
        if field in RECORD_FIELDS:
            setattr(r, field, value)
    _dates_check(r)
    r.full_clean()
    r.save()
    audited(actor=actor, kind=RightsAuditKind.WOMEN_UPDATED, obj=r, before=before)
    return r


def record_entitlements(r: ProtectionRecord, *, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    on = _rules_day(r, today)
    return entitlements(
        pregnancy_started_on=r.pregnancy_started_on,
        delivered_on=r.delivered_on,
        babies=r.babies,
        difficult_birth=r.difficult_birth,
        miscarried_on=r.miscarried_on,
        rules=women_rules(on=on),
        today=today,
    )


@transaction.atomic
def protection_records_read(
    *, actor: Actor, records: QuerySet[ProtectionRecord] | None = None, note: str = "list"
) -> list[ProtectionRecord]:
    """Read records of the register; each record read is an audit row (health data)."""
    rows = list(
        (records if records is not None else ProtectionRecord.objects.all()).select_related(
            "member"
        )
    )
    if rows:
        audit_record_many(
            actor=actor,
            kind=RightsAuditKind.WOMEN_READ,
            rows=[
                {"object_type": "rights.protectionrecord", "object_id": r.pk, "note": note}
                for r in rows
            ],
            union_slug=union_slug(),
        )
    return rows


def protection_record_read(*, record: ProtectionRecord, actor: Actor) -> ProtectionRecord:
    """One record read (the door found it in this union): audited like every read."""
    found = protection_records_read(
        actor=actor, records=ProtectionRecord.objects.filter(pk=record.pk), note="detail"
    )
    return found[0]


# --- health check, nominations ------------------------------------------------------


@transaction.atomic(durable=True)
def health_check_record(
    *,
    year: int,
    held_on: dt.date,
    members: list[Member],
    provider: str = "",
    note: str = "",
    actor: Actor,
) -> HealthCheck:
    """The year's women's health check and who took part (one check a year; adding
    participants later is idempotent)."""
    if held_on.year != year:
        raise invalid("held_on", _("The date is not in that year."), code="year")
    for m in members:
        _woman(m)
    check, created = HealthCheck.objects.get_or_create(
        year=year, defaults={"held_on": held_on, "provider": provider, "note": note}
    )
    HealthCheckParticipant.objects.bulk_create(
        [HealthCheckParticipant(health_check=check, member=m) for m in members],
        ignore_conflicts=True,
    )
    audited(
        actor=actor,
        kind=RightsAuditKind.HEALTH_CHECK,
        obj=check,
        after={"year": year, "held_on": held_on, "added": sorted(m.pk for m in members)},
        note="created" if created else "participants added",
    )
    return check


def health_check_read(*, check: HealthCheck, actor: Actor) -> list[Member]:
    members = list(
        Member.objects.filter(
            pk__in=HealthCheckParticipant.objects.filter(health_check=check).values("member_id")
        )
    )
    audited(
        actor=actor,
        kind=RightsAuditKind.WOMEN_READ,
        obj=check,
        after={"participants": len(members)},
        note="health check",
    )
    return members


@transaction.atomic(durable=True)
def nomination_create(
    *, year: int, member: Member, deeds: str, level: str = "", actor: Actor
) -> HonourNomination:
    _woman(member)
    try:
        with transaction.atomic():
            n = HonourNomination.objects.create(
                year=year, member=member, deeds=deeds.strip(), level=level.strip()
            )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("This member is already nominated for that year."), code="duplicate"
        ) from None
    audited(actor=actor, kind=RightsAuditKind.NOMINATION, obj=n)
    return n


@transaction.atomic(durable=True)
def nomination_decide(
    *, nomination: HonourNomination, status: str, actor: Actor
) -> HonourNomination:
    if status not in NominationStatus.values:
        raise invalid("status", _("Choose a status."), code="invalid_choice")
    n = HonourNomination.objects.select_for_update().get(pk=nomination.pk)
    before = snapshot(n)
    n.status = status
    n.save(update_fields=["status"])
    audited(actor=actor, kind=RightsAuditKind.NOMINATION, obj=n, before=before)
    return n
