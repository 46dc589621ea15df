"""Organizing targets (建会对象): employers without a union, billed 筹备金 at the same rate
until they found their union."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from federation.dues.kinds import DuesAuditKind
from federation.dues.models import OrganizingTarget, TargetStatus
from federation.dues.services._common import audit
from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from tenants.models import Union
from tenants.validators import validate_credit_code


def _code_taken() -> ConflictError:
    return ConflictError(
        _("An employer or union with this credit code is already registered."),
        code="credit_code_taken",
    )


@transaction.atomic(durable=True)
def target_create(
    *,
    name: str,
    credit_code: str,
    actor: Actor,
    contact: str = "",
    contact_email: str = "",
    employee_count: int = 0,
) -> OrganizingTarget:
    """Register an employer without a union; it is billed 筹备金 at the same rate."""
    code = credit_code.strip().upper()
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        raise ValidationError({"credit_code": exc.messages}, code="invalid") from None
    if Union.objects.filter(credit_code=code).exists():
        raise _code_taken()
    target = OrganizingTarget(
        name=name.strip(),
        credit_code=code,
        contact=contact.strip()[:100],
        contact_email=contact_email.strip(),
        employee_count=employee_count,
    )
    target.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise _code_taken() from None
    audit(
        actor=actor,
        kind=DuesAuditKind.TARGET_REGISTERED,
        obj=target,
        after=snapshot(target, ["name", "credit_code", "employee_count"]),
    )
    return target


@transaction.atomic(durable=True)
def target_founded(*, target: OrganizingTarget, union: Union, actor: Actor) -> OrganizingTarget:
    """The employer founded its union: from now on it is billed as that union."""
    locked = OrganizingTarget.objects.select_for_update().get(pk=target.pk)
    if locked.status != TargetStatus.ACTIVE:
        raise ConflictError(_("This target is no longer being organized."), code="not_active")
    before = {"status": locked.status, "union": None}
    locked.status = TargetStatus.FOUNDED
    locked.union = union
    locked.save(update_fields=["status", "union"])
    audit(
        actor=actor,
        kind=DuesAuditKind.TARGET_FOUNDED,
        obj=locked,
        before=before,
        after={"union": union.slug, "status": locked.status},
        union_slug=union.slug,
    )
    return locked
