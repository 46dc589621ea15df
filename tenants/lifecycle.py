"""Deactivating and reactivating a union, and what happens to its members' rows of the
federation-wide member index (一次入会).

A deactivated union's members would otherwise stay "active" in the index, so no other
union could admit them (a 409 with no way out). The clerk chooses, when deactivating,
to release the rows (each release is kept with its reason) or to retain them (a union
about to come back); one person can also be released later. Reactivation gives the
released rows back where nobody else has admitted the person meanwhile.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.platform.actors import actor_label
from federation.platform.audit.models import AuditKind, audit_kinds_register
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, NotFoundError
from tenants.context import federation_side
from tenants.member_index import hash_of, member_index_release
from tenants.models import MemberIndex, MemberIndexRelease, Union, UnionStatus

UNION_FIELDS = ["slug", "name", "kind", "credit_code", "employee_count", "status", "ready"]
MembersChoice = Literal["retain", "release"]


@audit_kinds_register
class LifecycleAuditKind(models.TextChoices):
    UNION_REACTIVATED = "union.reactivated", gettext_lazy("Union reactivated")


def _reason_required(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("This field is required.")]}, code="required")
    if len(reason) > 300:
        raise ValidationError({"reason": [_("At most 300 characters.")]}, code="max_length")
    return reason


def _release(
    *, union: Union, digest: str | None, reason: str, actor: Any, by_deactivation: bool
) -> int:
    """Release through the index module (audited there, one event per row) and keep which
    rows went, with the reason, so a reactivation can give them back."""
    qs = MemberIndex.objects.select_for_update().filter(union=union, active=True)
    if digest is not None:
        qs = qs.filter(id_hash=digest)
    rows = list(qs.order_by("id_hash"))
    if not rows:
        return 0
    released = member_index_release(union=union, id_hash=digest, reason=reason, actor=actor)
    who = actor_label(actor)[:150]
    MemberIndexRelease.objects.bulk_create(
        [
            MemberIndexRelease(
                index=r,
                union=union,
                reason=reason,
                by_deactivation=by_deactivation,
                released_by=who,
            )
            for r in rows
        ]
    )
    return released


@federation_side
@transaction.atomic(durable=True)
def union_deactivate(
    *, union: Union, actor: Any = None, members: MembersChoice = "retain", reason: str = ""
) -> Union:
    """Stop serving a union; its schema and data stay (no hard delete). ``members``:
    ``release`` frees its members' index rows (a reason is required), ``retain`` keeps them."""
    if members not in ("retain", "release"):
        raise ValidationError({"members": [_("Choose retain or release.")]}, code="invalid_choice")
    if members == "release":
        reason = _reason_required(reason)
    union = Union.objects.select_for_update().get(pk=union.pk)
    if union.status == UnionStatus.INACTIVE:
        return union
    before = snapshot(union, UNION_FIELDS)
    union.status = UnionStatus.INACTIVE
    union.deactivated_at = timezone.now()
    union.save(update_fields=["status", "deactivated_at", "updated_at"])
    released = 0
    if members == "release":
        released = _release(
            union=union, digest=None, reason=reason, actor=actor, by_deactivation=True
        )
    audit_record(
        actor=actor,
        kind=AuditKind.UNION_DEACTIVATED,
        obj=union,
        before=before,
        after={**snapshot(union, UNION_FIELDS), "members": members, "index_released": released},
        union_slug=union.slug,
        note=reason,
    )
    return union


@federation_side
@transaction.atomic(durable=True)
def union_reactivate(*, union: Union, actor: Any = None, reason: str = "") -> dict[str, Any]:
    """Serve a deactivated union again. Index rows released by its deactivation come back
    unless the person was admitted elsewhere meanwhile (counted as ``clashes``)."""
    union = Union.objects.select_for_update().get(pk=union.pk)
    if union.status != UnionStatus.INACTIVE:
        raise ConflictError(_("Only a deactivated union can be reactivated."), code="not_inactive")
    before = snapshot(union, UNION_FIELDS)
    union.status = UnionStatus.ACTIVE
    union.deactivated_at = None
    union.save(update_fields=["status", "deactivated_at", "updated_at"])
    releases = list(
        MemberIndexRelease.objects.select_related("index")
        .filter(union=union, by_deactivation=True, reclaimed_at__isnull=True, index__active=False)
        .order_by("index_id")
    )
    taken = set(
        MemberIndex.objects.filter(
            id_hash__in=[r.index.id_hash for r in releases], active=True
        ).values_list("id_hash", flat=True)
    )
    back = [r for r in releases if r.index.id_hash not in taken]
    MemberIndex.objects.filter(pk__in=[r.index_id for r in back]).update(active=True)
    MemberIndexRelease.objects.filter(pk__in=[r.pk for r in back]).update(
        reclaimed_at=timezone.now()
    )
    result = {"reclaimed": len(back), "clashes": len(releases) - len(back)}
    audit_record(
        actor=actor,
        kind=LifecycleAuditKind.UNION_REACTIVATED,
        obj=union,
        before=before,
        after={**snapshot(union, UNION_FIELDS), **result},
        union_slug=union.slug,
        note=(reason or "")[:300],
    )
    return result


@federation_side
@transaction.atomic(durable=True)
def member_index_release_one(
    *, union: Union, id_number: str, reason: str, actor: Any = None
) -> int:
    """Release one person's active index row held by a union that no longer serves (so
    another union can admit them). An active union's members leave or transfer there."""
    reason = _reason_required(reason)
    number = (id_number or "").strip()
    if not 15 <= len(number) <= 18:
        raise ValidationError({"id_number": [_("Enter a resident ID number.")]}, code="invalid")
    union = Union.objects.select_for_update().get(pk=union.pk)
    if union.status == UnionStatus.ACTIVE:
        raise ConflictError(
            _("This union is active: its officers end or transfer the membership."),
            code="union_active",
        )
    released = _release(
        union=union, digest=hash_of(number), reason=reason, actor=actor, by_deactivation=False
    )
    if not released:
        raise NotFoundError(_("This union holds no active membership for this ID number."))
    return released
