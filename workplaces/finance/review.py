"""The audit committee (经审委员会): reviews of the budget, the final accounts and special
checks, with findings tracked to rectification, and the report to the members
(union-cadre-duties.txt, 经审委员职责 1-4)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import AUDIT
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError, NotAllowedError
from workplaces.activities.context import slug_here
from workplaces.finance.kinds import FinanceAudit
from workplaces.finance.models import AuditFinding, AuditReview, FindingStatus


def _slug() -> str:
    return slug_here()


def _audit_only(actor: Actor) -> None:
    if not has_role(actor, AUDIT):
        raise NotAllowedError(_("Only the audit committee records reviews."), code="not_audit")


@transaction.atomic
def review_create(
    *,
    actor: Actor,
    kind: str,
    year: int,
    title: str,
    reviewed_on: dt.date,
    conclusion: str = "",
    findings: list[dict] | None = None,
) -> AuditReview:
    _audit_only(actor)
    review = AuditReview(
        kind=kind,
        year=year,
        title=title,
        reviewed_on=reviewed_on,
        conclusion=conclusion,
        created_by=actor_label(actor),
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.REVIEW,
        obj=review,
        after=snapshot(review),
        union_slug=_slug(),
    )
    for item in findings or []:
        finding_add(actor=actor, review=review, **item)
    return review


@transaction.atomic
def finding_add(
    *, actor: Actor, review: AuditReview, description: str, responsible: str, deadline: dt.date
) -> AuditFinding:
    _audit_only(actor)
    if deadline < review.reviewed_on:
        raise ValidationError({"deadline": _("The deadline is before the review.")}, code="order")
    finding = AuditFinding(
        review=review, description=description, responsible=responsible, deadline=deadline
    )
    finding.full_clean()
    finding.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.FINDING,
        obj=finding,
        after=snapshot(finding),
        union_slug=_slug(),
    )
    return finding


@transaction.atomic
def finding_close(
    *, actor: Actor, finding: AuditFinding, closed_on: dt.date, rectification: str
) -> AuditFinding:
    """The committee closes a finding once it has seen the rectification."""
    _audit_only(actor)
    row = AuditFinding.objects.select_for_update().get(pk=finding.pk)
    if row.status == FindingStatus.CLOSED:
        raise ConflictError(_("This finding is closed already."), code="closed")
    if not rectification.strip():
        raise ValidationError({"rectification": _("Describe the rectification.")}, code="required")
    before = snapshot(row)
    row.status, row.closed_on, row.rectification = FindingStatus.CLOSED, closed_on, rectification
    row.save()
    audit_record(
        actor=actor,
        kind=FinanceAudit.FINDING_CLOSED,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row


@transaction.atomic(durable=True)
def review_reported(*, actor: Actor, review: AuditReview, on: dt.date) -> AuditReview:
    """The committee reported the review to the members (定期向职工报告经费使用情况)."""
    _audit_only(actor)
    row = AuditReview.objects.select_for_update().get(pk=review.pk)
    before = snapshot(row)
    row.reported_to_members_on = on
    row.save(update_fields=["reported_to_members_on"])
    audit_record(
        actor=actor,
        kind=FinanceAudit.REVIEW,
        obj=row,
        before=before,
        after=snapshot(row),
        union_slug=_slug(),
    )
    return row
