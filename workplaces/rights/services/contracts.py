"""Collective contracts: recording, negotiation rounds, signing, filing, the labour
department's objection and the signed text (集体合同规定 2004)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from workplaces.rights import clocks
from workplaces.rights.common import audited, invalid
from workplaces.rights.models import CollectiveContract, NegotiationRound, RightsAuditKind
from workplaces.rights.selectors import contract_clocks

CONTRACT_FACTS = ("rights.contract", "rights.contracts_in_force", "rights.workers_covered")
# the signed text: PDF or a photo of it, bounded before it is read
TEXT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SIGNATURES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}


def contract_kinds(*, on: dt.date | None = None) -> dict[str, str]:
    """``{code: name}`` of the contract kinds in the rule table."""
    rows = rule_value("rights.contract_kinds", on=on)
    return {str(r["code"]): str(r.get("label") or r["code"]) for r in rows}


def _term_check(*, starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    """A term of 1 to 3 years (rule values, art. 38): the end is refused past the day
    before the same date three years on, or before the day before one year on."""
    if ends_on is None:
        return
    if starts_on is None:
        raise invalid("starts_on", _("Give the first day of the term."), code="required")
    shortest = rule_value("rights.contract_term_min_years", on=starts_on)
    longest = rule_value("rights.contract_term_max_years", on=starts_on)
    last = clocks.term_longest_end(starts_on=starts_on, max_years=longest)
    first = clocks.term_shortest_end(starts_on=starts_on, min_years=shortest)
    if not first <= ends_on <= last:
        raise invalid(
            "ends_on",
            _(
                "The term must be %(min)s to %(max)s years: from %(start)s it ends "
                "between %(first)s and %(last)s."
            )
            % {
                "min": shortest,
                "max": longest,
                "start": starts_on,
                "first": first,
                "last": last,
            },
            code="term",
        )


def _dates_check(c: CollectiveContract) -> None:
    if c.signed_on and not (c.starts_on and c.ends_on):
        raise invalid(
            "ends_on", _("A signed contract needs its term (first and last day)."), code="required"
        )
    _term_check(starts_on=c.starts_on, ends_on=c.ends_on)
    if c.filed_on and not c.signed_on:
        raise invalid("filed_on", _("A contract is filed after it is signed."), code="order")
    if c.filed_on and c.signed_on and c.filed_on < c.signed_on:
        raise invalid("filed_on", _("The filing date is before the signing date."), code="order")
    if c.objected_on and (not c.filed_on or c.objected_on < c.filed_on):
        raise invalid(
            "objected_on", _("An objection comes after the contract is filed."), code="order"
        )
    # the register's clocks run from the rules in force on these dates: a date no rule
    # covers is refused here (RuleMissingError, a 400), not on every later read
    contract_clocks(c)


@transaction.atomic
def contract_create(
    *,
    kind: str,
    title: str = "",
    employer: str = "",
    workers_covered: int = 0,
    signed_on: dt.date | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    note: str = "",
    actor: Actor,
) -> CollectiveContract:
    """Record a contract at whatever stage it is: in negotiation, signed, or filed."""
    kinds = contract_kinds()
    if kind not in kinds:
        raise invalid(
            "kind",
            _("Choose one of: %(kinds)s.") % {"kinds": "、".join(kinds.values())},
            code="invalid_choice",
        )
    contract = CollectiveContract(
        kind=kind,
        title=title or kinds[kind],
        employer=employer,
        workers_covered=workers_covered,
        signed_on=signed_on,
        starts_on=starts_on,
        ends_on=ends_on,
        filed_on=filed_on,
        note=note,
    )
    _dates_check(contract)
    contract.full_clean(exclude=["text_file"], validate_constraints=False)
    _save_once(contract)
    audited(actor=actor, kind=RightsAuditKind.CONTRACT_CREATED, obj=contract)
    facts_refresh_on_commit(CONTRACT_FACTS)
    return contract


def _locked(contract: CollectiveContract) -> CollectiveContract:
    return CollectiveContract.objects.select_for_update().get(pk=contract.pk)


def _duplicate() -> ConflictError:
    return ConflictError(
        _(
            "This contract is already recorded: one negotiation of a kind per employer at a "
            "time, one contract of a kind per employer and signing day."
        ),
        code="duplicate",
    )


def _save_once(c: CollectiveContract) -> None:
    """Save, refusing a second contract with the same key (409) before the database does;
    a concurrent retry that slips past the check meets the constraint, mapped the same."""
    same = CollectiveContract.objects.filter(kind=c.kind, employer=c.employer).exclude(pk=c.pk)
    if (c.signed_on is None and same.filter(signed_on__isnull=True).exists()) or (
        c.signed_on is not None and same.filter(signed_on=c.signed_on).exists()
    ):
        raise _duplicate()
    try:
        with transaction.atomic():
            c.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise _duplicate() from None


MANUAL_VOTE = ("congress_voted_on", "congress_yes", "congress_total")


@transaction.atomic
def contract_update(
    *, contract: CollectiveContract, changes: dict[str, Any], actor: Actor
) -> CollectiveContract:
    """Change the descriptive fields and the congress vote (not the clocks' dates: those
    move through signing, filing and objection). The vote is either a motion of the
    congress module (``congress_motion``) or recorded by hand; setting one clears the
    other, so the contract never shows two votes."""
    allowed = {"title", "employer", "workers_covered", "note", "congress_motion", *MANUAL_VOTE}
    c = _locked(contract)
    before = snapshot(c)
    for field, value in changes.items():
        if field in allowed:
            setattr(c, field, value)
    if changes.get("congress_motion") is not None:
        for field in MANUAL_VOTE:
            setattr(c, field, None)
    elif any(changes.get(field) is not None for field in MANUAL_VOTE):
        c.congress_motion = None
    if (
        c.congress_yes is not None
        and c.congress_total is not None
        and c.congress_yes > c.congress_total
    ):
        raise invalid("congress_yes", _("More votes for than delegates."), code="too_many")
    c.full_clean(exclude=["text_file"], validate_constraints=False)
    _save_once(c)
    audited(actor=actor, kind=RightsAuditKind.CONTRACT_UPDATED, obj=c, before=before)
    facts_refresh_on_commit(CONTRACT_FACTS)
    return c


@transaction.atomic(durable=True)
def contract_sign(
    *,
    contract: CollectiveContract,
    signed_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    actor: Actor,
) -> CollectiveContract:
    c = _locked(contract)
    if c.signed_on is not None:
        raise ConflictError(_("This contract is already signed."), code="already_signed")
    before = snapshot(c)
    c.signed_on, c.starts_on, c.ends_on = signed_on, starts_on, ends_on
    _dates_check(c)
    _save_once(c)
    audited(actor=actor, kind=RightsAuditKind.CONTRACT_SIGNED, obj=c, before=before)
    facts_refresh_on_commit(CONTRACT_FACTS)
    return c


@transaction.atomic(durable=True)
def contract_file(
    *, contract: CollectiveContract, filed_on: dt.date, actor: Actor
) -> CollectiveContract:
    """Record the filing with the labour department (报送审查); the effective date runs
    from it. Filing late is recorded as such, never refused."""
    c = _locked(contract)
    if c.signed_on is None:
        raise ConflictError(_("Sign the contract before filing it."), code="not_signed")
    if c.filed_on is not None:
        raise ConflictError(_("This contract is already filed."), code="already_filed")
    before = snapshot(c)
    c.filed_on = filed_on
    _dates_check(c)
    c.save()
    audited(actor=actor, kind=RightsAuditKind.CONTRACT_FILED, obj=c, before=before)
    facts_refresh_on_commit(CONTRACT_FACTS)
    return c


@transaction.atomic(durable=True)
def contract_objection(
    *, contract: CollectiveContract, objected_on: dt.date, objection: str, actor: Actor
) -> CollectiveContract:
    """The labour department objected within its review period: the contract does not
    take effect and goes back to negotiation (art. 47-48)."""
    c = _locked(contract)
    if c.filed_on is None:
        raise ConflictError(_("Only a filed contract can be objected to."), code="not_filed")
    review = rule_value("rights.contract_review_days", on=c.filed_on)
    if objected_on >= clocks.effective_on(filed_on=c.filed_on, review_days=review):
        raise invalid(
            "objected_on", _("The review period had ended: the contract is in effect."), code="late"
        )
    before = snapshot(c)
    c.objected_on, c.objection = objected_on, objection
    _dates_check(c)
    c.save()
    audited(actor=actor, kind=RightsAuditKind.CONTRACT_OBJECTED, obj=c, before=before)
    facts_refresh_on_commit(CONTRACT_FACTS)
    return c


@transaction.atomic
def round_add(
    *,
    contract: CollectiveContract,
    held_on: dt.date,
    employee_side: list[str],
    employer_side: list[str],
    summary: str = "",
    actor: Actor,
) -> NegotiationRound:
    """A negotiation round with who sat for each side (集体协商, art. 19-24)."""
    c = _locked(contract)
    if not employee_side:
        raise invalid("employee_side", _("Name who sat for the employees."), code="required")
    if not employer_side:
        raise invalid("employer_side", _("Name who sat for the employer."), code="required")
    number = c.rounds.count() + 1
    r = NegotiationRound.objects.create(
        contract=c,
        number=number,
        held_on=held_on,
        employee_side=[s.strip() for s in employee_side if s.strip()],
        employer_side=[s.strip() for s in employer_side if s.strip()],
        summary=summary,
    )
    audited(actor=actor, kind=RightsAuditKind.ROUND_ADDED, obj=r)
    return r


def text_kind(upload: UploadedFile) -> str:
    """The file's kind from its first bytes (PDF, PNG, JPEG), after its size was checked."""
    if upload.size is None or upload.size > TEXT_MAX_BYTES:
        raise invalid(
            "file",
            _("The file is larger than %(mb)s MB.") % {"mb": TEXT_MAX_BYTES // 2**20},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, ext in TEXT_SIGNATURES.items():
        if head.startswith(magic):
            return ext
    raise invalid("file", _("Upload a PDF, PNG or JPEG file."), code="file_type")


@transaction.atomic(durable=True)
def contract_text_upload(
    *, contract: CollectiveContract, upload: UploadedFile, actor: Actor
) -> CollectiveContract:
    """Store the signed text in the union's own media folder (served only by a view that
    checks the union)."""
    ext = text_kind(upload)
    c = _locked(contract)
    before = snapshot(c, ["text_file", "text_name"])
    if c.text_file:
        c.text_file.delete(save=False)
    c.text_file.save(f"signed.{ext}", upload, save=False)
    c.text_name = (upload.name or f"signed.{ext}")[:200]
    c.text_uploaded_at = timezone.now()
    c.save(update_fields=["text_file", "text_name", "text_uploaded_at", "updated_at"])
    audited(
        actor=actor,
        kind=RightsAuditKind.CONTRACT_TEXT,
        obj=c,
        before=before,
        after=snapshot(c, ["text_file", "text_name"]),
    )
    return c
