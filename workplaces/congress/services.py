"""Congress terms, delegates, sessions, attendance, motions and documents.

Rules (rule table): a session is quorate with at least 2/3 of ALL delegates present
(三分之二以上: exactly 2/3 counts); a motion passes with yes votes of MORE than half of ALL
delegates, however many were present; a motion of a session that is not quorate is refused.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.roles import ORGANIZATION, VICE_CHAIR
from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record, snapshot
from federation.platform.errors import ConflictError
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.congress.audit_kinds import CongressAuditKind
from workplaces.congress.models import (
    Attendance,
    Congress,
    CongressKind,
    Delegate,
    DelegateCategory,
    Document,
    Motion,
    Session,
)
from workplaces.organization.common import (
    add_years,
    facts_refresh_on_commit,
    field_error,
    rule_share,
    this_union,
)
from workplaces.organization.thresholds import at_least, more_than

# who manages the congress (the chair and a superuser hold every union role)
MANAGERS = (ORGANIZATION, VICE_CHAIR)

SESSION_FACTS = ("congress.last_held_on", "congress.sessions_by_year")
DELEGATE_FACTS = ("congress.delegates",)
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".txt", ".jpg", ".jpeg", ".png")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def session_quorate(*, present: int, total: int, on: dt.date | None = None) -> bool:
    return total > 0 and at_least(present, total, rule_share("congress.quorum", on=on))


def motion_passes(*, yes: int, total: int, on: dt.date | None = None) -> bool:
    return more_than(yes, total, rule_share("congress.motion_majority", on=on))


def _slug() -> str:
    return this_union().slug


def _text(value: str, field: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise field_error(field, _("This field is required."), code="required")
    if len(value) > max_length:
        raise field_error(
            field, _("At most %(n)s characters.") % {"n": max_length}, code="too_long"
        )
    return value


@union_side
@transaction.atomic
def congress_create(*, kind: str, starts_on: dt.date, term_years: int, actor: Actor) -> Congress:
    """A new congress term (3 to 5 years, a rule value); the current one is closed."""
    if kind not in CongressKind.values:
        raise field_error("kind", _("Unknown kind."), code="invalid")
    bounds = rule_value("congress.term_years", on=starts_on)
    if not int(bounds["min"]) <= term_years <= int(bounds["max"]):
        raise field_error(
            "term_years",
            _("The congress term is %(min)s to %(max)s years.") % bounds,
            code="term_years",
        )
    Congress.objects.filter(is_current=True).update(is_current=False)
    congress = Congress.objects.create(
        kind=kind,
        starts_on=starts_on,
        term_years=term_years,
        ends_on=add_years(starts_on, term_years),
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.CONGRESS,
        obj=congress,
        after=snapshot(congress),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(DELEGATE_FACTS)
    return congress


@union_side
@transaction.atomic
def delegate_add(
    *,
    congress: Congress,
    name: str,
    category: str,
    actor: Actor,
    woman: bool = False,
    member_id: int | None = None,
) -> Delegate:
    from workplaces.members.models import Member

    if category not in DelegateCategory.values:
        raise field_error("category", _("Unknown category."), code="invalid")
    member = None
    if member_id is not None:
        member = Member.objects.filter(pk=member_id).first()
        if member is None:
            raise field_error("member", _("No such member."), code="not_found")
        if Delegate.objects.filter(congress=congress, member=member).exists():
            raise ConflictError(_("This member is already a delegate."))
    delegate = Delegate.objects.create(
        congress=congress,
        name=_text(name, "name", 50),
        category=category,
        woman=woman or bool(member and member.gender == "F"),
        member=member,
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.DELEGATE,
        obj=delegate,
        after=snapshot(delegate),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(DELEGATE_FACTS)
    return delegate


@union_side
@transaction.atomic
def session_record(
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    delegates_total: int,
    delegates_present: int,
    actor: Actor,
    proposals_deadline: dt.date | None = None,
) -> Session:
    """Record a session with its head count; quorate by the rule table's share."""
    if kind not in CongressKind.values:
        raise field_error("kind", _("Unknown kind."), code="invalid")
    if delegates_total < 1:
        raise field_error("delegates_total", _("At least one delegate."), code="min")
    if delegates_present > delegates_total:
        raise field_error(
            "delegates_present", _("More delegates present than delegates."), code="too_many"
        )
    session = Session.objects.create(
        congress=Congress.objects.filter(is_current=True).first(),
        kind=kind,
        title=_text(title, "title", 200),
        held_on=held_on,
        delegates_total=delegates_total,
        delegates_present=delegates_present,
        quorate=session_quorate(present=delegates_present, total=delegates_total, on=held_on),
        proposals_deadline=proposals_deadline,
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.SESSION,
        obj=session,
        after=snapshot(session),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(SESSION_FACTS)
    return session


@union_side
@transaction.atomic
def attendance_record(*, session: Session, present_ids: list[int], actor: Actor) -> Session:
    """Attendance from the roster: every active delegate of the session's congress is
    present or absent; the head count and the quorum follow. Refused once motions exist."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.congress_id is None:
        raise ConflictError(_("This session has no delegate roster."), code="no_roster")
    if session.motions.exists():
        raise ConflictError(_("Motions were already voted at this session."), code="voted")
    delegates = list(Delegate.objects.filter(congress_id=session.congress_id, active=True))
    if not delegates:
        raise ConflictError(_("This session has no delegate roster."), code="no_roster")
    known = {d.pk for d in delegates}
    wanted = set(present_ids)
    if not wanted <= known:
        raise field_error("present", _("Not a delegate of this congress."), code="invalid")
    before = snapshot(session, ["delegates_total", "delegates_present", "quorate"])
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create(
        [Attendance(session=session, delegate=d, present=d.pk in wanted) for d in delegates]
    )
    session.delegates_total = len(delegates)
    session.delegates_present = len(wanted)
    session.quorate = session_quorate(present=len(wanted), total=len(delegates), on=session.held_on)
    session.save(update_fields=["delegates_total", "delegates_present", "quorate"])
    audit_record(
        actor=actor,
        kind=CongressAuditKind.ATTENDANCE,
        obj=session,
        before=before,
        after=snapshot(session, ["delegates_total", "delegates_present", "quorate"]),
        union_slug=_slug(),
    )
    facts_refresh_on_commit(SESSION_FACTS)
    return session


@union_side
@transaction.atomic
def motion_vote(
    *,
    session: Session,
    title: str,
    yes: int,
    no: int,
    abstain: int,
    actor: Actor,
    resolution: str = "",
) -> Motion:
    """A motion voted at a quorate session; it passes with more than half of ALL delegates."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.quorate:
        raise ConflictError(
            _("The session is not quorate: no motion can be voted."), code="not_quorate"
        )
    if min(yes, no, abstain) < 0:
        raise field_error("yes", _("Votes cannot be negative."), code="negative")
    if yes + no + abstain > session.delegates_present:
        raise field_error("yes", _("More votes than delegates present."), code="too_many")
    motion = Motion.objects.create(
        session=session,
        title=_text(title, "title", 200),
        yes=yes,
        no=no,
        abstain=abstain,
        passed=motion_passes(yes=yes, total=session.delegates_total, on=session.held_on),
        resolution=_text(resolution, "resolution", 20000, required=False),
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.MOTION,
        obj=motion,
        after=snapshot(motion),
        union_slug=_slug(),
    )
    return motion


@union_side
@transaction.atomic(durable=True)
def document_add(
    *, session: Session, title: str, file: UploadedFile, actor: Actor, motion: Motion | None = None
) -> Document:
    name = (file.name or "").lower()
    if not name.endswith(DOCUMENT_EXTENSIONS):
        raise field_error("file", _("Allowed: PDF, Word, Excel, text, images."), code="type")
    if (file.size or 0) > DOCUMENT_MAX_BYTES:
        raise field_error("file", _("At most 20 MB."), code="too_large")
    if motion is not None and motion.session_id != session.pk:
        raise field_error("motion", _("Not a motion of this session."), code="invalid")
    doc = Document.objects.create(
        session=session, motion=motion, title=_text(title, "title", 200), file=file
    )
    audit_record(
        actor=actor,
        kind=CongressAuditKind.DOCUMENT,
        obj=doc,
        after={"title": doc.title, "file": doc.file.name, "motion": doc.motion_id},
        union_slug=_slug(),
    )
    return doc


def today() -> dt.date:
    return timezone.localdate()
