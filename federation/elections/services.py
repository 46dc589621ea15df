"""The federation's decisions on election steps (换届审批).

Approving a result starts the union's new term: the service enters that union's schema
explicitly (one transaction: the public row and the union's term commit together) and
records the term through the union-side service, so the committee, its roles and the
audit are written exactly as when the union records a term itself.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from federation.elections.models import ElectionApplication, ElectionResult, StepStatus
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.platform.errors import ConflictError, NotFoundError
from tenants.context import federation_side
from tenants.facts import fact_push
from tenants.models import Union


def _pending_push(union: Union) -> None:
    from federation.elections.selectors import pending_counts

    fact_push(union=union, key="organization.pending", value=pending_counts(union=union))


@federation_side
@transaction.atomic(durable=True)
def application_decide(
    *, application_id: int, approve: bool, note: str = "", actor: Actor
) -> ElectionApplication:
    """Approve the union's election application, or return it with a note."""
    from workplaces.organization.audit_kinds import OrgAuditKind

    app = ElectionApplication.objects.select_for_update().filter(pk=application_id).first()
    if app is None:
        raise NotFoundError(_("No such election application."))
    if app.status != StepStatus.SUBMITTED:
        raise ConflictError(_("This application was already decided."), code="decided")
    app.status = StepStatus.APPROVED if approve else StepStatus.RETURNED
    app.decided_at = timezone.now()
    app.decided_by = actor_label(actor)
    app.note = note[:500]
    app.save(update_fields=["status", "decided_at", "decided_by", "note"])
    audit_record(
        actor=actor,
        kind=OrgAuditKind.APPLICATION_DECIDED,
        obj=app,
        before={"status": StepStatus.SUBMITTED},
        after={"status": app.status, "note": app.note},
        union_slug=app.union.slug,
    )
    _pending_push(app.union)
    return app


@federation_side
@transaction.atomic(durable=True)
def result_decide(*, result_id: int, approve: bool, note: str = "", actor: Actor) -> ElectionResult:
    """Approve an election result (the new term starts in the union's schema) or return it.
    An invalid election (too few voters present) cannot be approved."""
    from workplaces.organization.audit_kinds import OrgAuditKind
    from workplaces.organization.services import SeatInput, term_create

    result = (
        ElectionResult.objects.select_for_update()
        .select_related("union")
        .filter(pk=result_id)
        .first()
    )
    if result is None:
        raise NotFoundError(_("No such election result."))
    if result.status != StepStatus.SUBMITTED:
        raise ConflictError(_("This result was already decided."), code="decided")
    if approve and not result.valid:
        raise ConflictError(
            _("The election was not valid: too few eligible voters took part."), code="invalid"
        )
    union = result.union
    result.status = StepStatus.APPROVED if approve else StepStatus.RETURNED
    result.decided_at = timezone.now()
    result.decided_by = actor_label(actor)
    result.note = note[:500]
    if approve:
        seats = [
            SeatInput(
                name=c["name"],
                position=c["position"],
                member=c.get("member"),
                user=c.get("user"),
                woman=c.get("woman"),
            )
            for c in result.elected
        ]
        with schema_context(union.schema_name):
            term = term_create(
                elected_on=result.held_on,
                term_years=result.term_years,
                committee=seats,
                approved_on=timezone.localdate(),
                approval_ref=_("Election result #%(id)s") % {"id": result.pk},
                result_ref=result.pk,
                actor=actor,
            )
        result.term_ref = term.pk
    result.save(update_fields=["status", "decided_at", "decided_by", "note", "term_ref"])
    audit_record(
        actor=actor,
        kind=OrgAuditKind.RESULT_DECIDED,
        obj=result,
        before={"status": StepStatus.SUBMITTED},
        after={"status": result.status, "note": result.note, "term": result.term_ref},
        union_slug=union.slug,
    )
    _pending_push(union)
    return result
