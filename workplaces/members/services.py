"""Writes to the member register of the union whose schema the connection is on.

Rules (DESIGN.md "Members"): membership is a timeline of events; one active membership
in the whole federation, enforced by a partial unique index on the public member index;
admission by application counts from the approval date; every change is audited and the
federation's roll-up is refreshed in the same transaction.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.platform.api import Conflict
from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record, snapshot
from tenants.context import union_side
from tenants.models import MemberIndex, MemberTransfer, TransferStatus, Union, UnionRollup
from workplaces.members import selectors
from workplaces.members.crypto import id_hash
from workplaces.members.models import (
    HOLDING_STATUSES,
    Counter,
    Member,
    MemberDuesRule,
    MembershipEvent,
    MemberStatus,
)
from workplaces.members.validation import _text, date_parse, member_clean

logger = logging.getLogger(__name__)

MEMBER_AUDIT_FIELDS = [
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group_id",
    "monthly_wage",
    "joined_on",
    "member_no",
    "status",
    "status_on",
    "user_id",
]
ELSEWHERE_MESSAGE = gettext_lazy(
    "This person is already an active member of another union of the federation; "
    "ask that union to transfer them."
)
LEAVE_WORDS = {
    "retired": MemberStatus.RETAINED,
    "retained": MemberStatus.RETAINED,
    "withdrawn": MemberStatus.WITHDRAWN,
    "expelled": MemberStatus.EXPELLED,
    "deceased": MemberStatus.DECEASED,
}


def actor_name(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor.get_username()
    return str(actor) if actor else "system"


def this_union() -> Union:
    """The union whose schema the connection is on (a real row, also under schema_context)."""
    tenant = connection.tenant
    if isinstance(tenant, Union):
        return tenant
    return Union.objects.get(schema_name=connection.schema_name)


_union = this_union


def _today() -> dt.date:
    return timezone.localdate()


# --- member numbers -------------------------------------------------------------------
def member_numbers_reserve(*, count: int) -> list[str]:
    """Issue ``count`` member numbers (zero-padded, never reused) under a row lock."""
    # ignore_conflicts: two first-ever admissions at once both find the row afterwards
    Counter.objects.bulk_create([Counter(name="member_no")], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(name="member_no")
    start = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return [f"{n:06d}" for n in range(start, start + count)]


# --- the federation-wide index ----------------------------------------------------------
def index_claim(*, number: str, union: Union) -> None:
    """Mark the person active in ``union``; 409 when active in another union.

    The partial unique index (one active row per hash) is what enforces the rule under
    concurrency; the check before it only makes the usual case a clear message.
    """
    digest = id_hash(number)
    if MemberIndex.objects.filter(id_hash=digest, active=True).exclude(union=union).exists():
        raise Conflict(str(ELSEWHERE_MESSAGE))
    try:
        with transaction.atomic():
            MemberIndex.objects.update_or_create(
                id_hash=digest, union=union, defaults={"active": True}
            )
    except IntegrityError:
        raise Conflict(str(ELSEWHERE_MESSAGE)) from None


def index_release(*, number: str, union: Union) -> None:
    MemberIndex.objects.filter(id_hash=id_hash(number), union=union).update(active=False)


def active_elsewhere(*, number: str, union: Union) -> bool:
    return (
        MemberIndex.objects.filter(id_hash=id_hash(number), active=True)
        .exclude(union=union)
        .exists()
    )


# --- roll-up ------------------------------------------------------------------------
@union_side
def rollup_refresh(*, union: Union) -> UnionRollup:
    """Push this union's member counts and monthly dues total into the public roll-up."""
    counts = selectors.member_counts()
    rollup, _created = UnionRollup.objects.update_or_create(
        union=union,
        defaults={
            "members_active": counts["active"],
            "members_women": counts["women"],
            "members_migrant": counts["migrant"],
            "members_retained": counts["retained"],
            "member_dues_monthly": selectors.dues_monthly_total(),
        },
    )
    return rollup


@union_side
def index_reconcile(*, union: Union) -> dict:
    """Bring this union's rows of the federation index in line with its register.

    Rows of people no longer holding a membership here are deactivated; missing rows are
    added. A person the index shows active elsewhere is left alone and counted as a clash
    (the partial unique index would refuse it anyway): it needs a person to look at it.
    """
    holding = {
        id_hash(n): n
        for n in Member.objects.filter(status__in=HOLDING_STATUSES).values_list(
            "id_number", flat=True
        )
    }
    rows = dict(MemberIndex.objects.filter(union=union).values_list("id_hash", "active"))
    stale = [h for h, active in rows.items() if active and h not in holding]
    MemberIndex.objects.filter(union=union, id_hash__in=stale).update(active=False)
    wanted = [h for h in holding if not rows.get(h)]
    elsewhere = set(
        MemberIndex.objects.filter(id_hash__in=wanted, active=True)
        .exclude(union=union)
        .values_list("id_hash", flat=True)
    )
    fixed = [h for h in wanted if h not in elsewhere]
    MemberIndex.objects.filter(union=union, id_hash__in=fixed).update(active=True)
    MemberIndex.objects.bulk_create(
        [MemberIndex(id_hash=h, union=union, active=True) for h in fixed if h not in rows],
        ignore_conflicts=True,
    )
    if elsewhere:
        logger.warning(
            "member index: %d people of %s are active in another union", len(elsewhere), union.slug
        )
    return {"deactivated": len(stale), "activated": len(fixed), "clashes": len(elsewhere)}


def rollup_refresh_schema(*, schema_name: str) -> UnionRollup:
    """The nightly reconciliation for one union (run by a task in that schema): the index
    rows and the roll-up, recomputed from the register."""
    from django_tenants.utils import schema_context

    from federation.dashboard.reconcile import rollup_reconcile

    union = Union.objects.get(schema_name=schema_name)
    with schema_context(schema_name), transaction.atomic():
        index_reconcile(union=union)
    # recount, correct and record any drift of the roll-up (reported on the dashboard)
    rollup_reconcile(schema_name=schema_name)
    return UnionRollup.objects.get(union=union)


# --- members ------------------------------------------------------------------------
def _event(member: Member, *, status: str, on: dt.date, reason: str, actor) -> MembershipEvent:
    return MembershipEvent.objects.create(
        member=member,
        status=status,
        on=on,
        reason=reason[:500],
        union_name=_union().name,
        actor_name=actor_name(actor),
    )


@union_side
@transaction.atomic
def member_create(*, actor, reason: str = "", **data) -> Member:
    """Admit a member directly (the organization officer's form, the API)."""
    union = _union()
    fields = member_clean(data)
    existing = Member.objects.filter(id_number=fields["id_number"]).first()
    if existing is not None:
        raise Conflict(
            _("This person is already on this union's register (member number %(no)s).")
            % {"no": existing.member_no}
        )
    index_claim(number=fields["id_number"], union=union)
    member = Member(**fields, status=MemberStatus.ACTIVE, status_on=fields["joined_on"])
    member.member_no = member_numbers_reserve(count=1)[0]
    member.save()
    _event(
        member,
        status=MemberStatus.ACTIVE,
        on=member.joined_on,
        reason=reason or _("Joined"),
        actor=actor,
    )
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_CREATED,
        obj=member,
        after=snapshot(member, MEMBER_AUDIT_FIELDS),
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


EDITABLE = (
    "name",
    "gender",
    "phone",
    "employment",
    "group",
    "monthly_wage",
    "joined_on",
    "birth_date",
)


@union_side
@transaction.atomic
def member_update(*, member: Member, actor, **changes) -> Member:
    """Change a member's particulars; the ID number and status change only through their
    own services (re-admission, leave, transfer)."""
    union = _union()
    link = changes.pop("user", ...)
    unknown = set(changes) - set(EDITABLE) - {"id_number"}
    if unknown:
        raise ValidationError({k: [_("This field cannot be changed.")] for k in sorted(unknown)})
    member = Member.objects.select_for_update().get(pk=member.pk)
    if (
        "id_number" in changes
        and str(changes["id_number"] or "").strip().upper() != member.id_number
    ):
        raise ValidationError({"id_number": [_("The ID number cannot be changed.")]})
    current = {
        "name": member.name,
        "gender": member.gender,
        "id_number": member.id_number,
        "phone": member.phone,
        "employment": member.employment,
        "group": member.group,
        "monthly_wage": member.monthly_wage,
        "joined_on": member.joined_on,
    }
    current.update({k: v for k, v in changes.items() if k != "id_number"})
    fields = member_clean(current)
    if link is not ...:
        fields["user"] = _login_resolve(link, member=member)
    before = snapshot(member, MEMBER_AUDIT_FIELDS)
    for key, value in fields.items():
        setattr(member, key, value)
    member.save()
    after = snapshot(member, MEMBER_AUDIT_FIELDS)
    if after != before:
        audit_record(
            actor=actor,
            kind=AuditKind.MEMBER_UPDATED,
            obj=member,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
            union_slug=union.slug,
        )
        rollup_refresh(union=union)
    return member


def _login_resolve(value, *, member: Member):
    """The login a member reads their own record with (None unlinks)."""
    from django.contrib.auth import get_user_model

    if value in (None, ""):
        return None
    try:
        user = get_user_model().objects.get(pk=int(value), is_active=True)
    except (TypeError, ValueError, get_user_model().DoesNotExist):
        raise ValidationError({"user": [_("No such user.")]}) from None
    if Member.objects.filter(user=user).exclude(pk=member.pk).exists():
        raise ValidationError({"user": [_("This login belongs to another member.")]})
    return user


@union_side
@transaction.atomic
def member_leave(*, member: Member, status: str, on, reason: str, actor) -> Member:
    """Record a departure: retained (保留会籍, e.g. retired), withdrawn, expelled, deceased.

    Retained members keep their membership (they stay in the federation index) but pay
    no dues and have no vote; the others release the index row.
    """
    union = _union()
    errors: dict[str, list[str]] = {}
    new_status = LEAVE_WORDS.get(status) if isinstance(status, str) else None
    if new_status is None:
        errors["status"] = [_("Choose one of: %s.") % ", ".join(LEAVE_WORDS)]
    when = date_parse(on, "on", errors, required=False) or _today()
    reason = _text(reason, "reason", errors, max_length=500, required=True)
    if "on" not in errors and when > _today():
        errors["on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if when < member.joined_on:
        raise ValidationError({"on": [_("The date is before the member joined.")]})
    if member.status not in HOLDING_STATUSES or member.status == new_status:
        raise ValidationError(
            {
                "status": [
                    _("The member's status is already %(s)s.") % {"s": member.get_status_display()}
                ]
            }
        )
    if MemberTransfer.objects.filter(
        from_union=union, source_member_id=member.pk, status=TransferStatus.PENDING
    ).exists():
        raise ValidationError(
            {"status": [_("A transfer of this member is pending; cancel it first.")]}
        )
    before = snapshot(member, MEMBER_AUDIT_FIELDS)
    member.status = new_status
    member.status_on = when
    member.save(update_fields=["status", "status_on", "updated_at"])
    _event(member, status=new_status, on=when, reason=reason, actor=actor)
    if new_status not in HOLDING_STATUSES:
        index_release(number=member.id_number, union=union)
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_STATUS,
        obj=member,
        before={"status": before["status"], "status_on": before["status_on"]},
        after={"status": member.status, "status_on": when.isoformat(), "reason": reason},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


@union_side
@transaction.atomic
def member_reinstate(*, member: Member, on, reason: str, actor) -> Member:
    """A retained member back at work, or a former member admitted again."""
    union = _union()
    errors: dict[str, list[str]] = {}
    when = date_parse(on, "on", errors, required=False) or _today()
    reason = _text(reason, "reason", errors, max_length=500, required=True)
    if errors:
        raise ValidationError(errors)
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status == MemberStatus.ACTIVE or member.status == MemberStatus.DECEASED:
        raise ValidationError({"status": [_("This member cannot be reinstated.")]})
    index_claim(number=member.id_number, union=union)
    before = {"status": member.status}
    member.status = MemberStatus.ACTIVE
    member.status_on = when
    member.save(update_fields=["status", "status_on", "updated_at"])
    _event(member, status=MemberStatus.ACTIVE, on=when, reason=reason, actor=actor)
    audit_record(
        actor=actor,
        kind=AuditKind.MEMBER_STATUS,
        obj=member,
        before=before,
        after={"status": member.status, "reason": reason},
        union_slug=union.slug,
    )
    rollup_refresh(union=union)
    return member


# --- dues rule --------------------------------------------------------------------
@union_side
@transaction.atomic
def dues_rule_set(*, effective_from, rate, floor_unit, actor) -> MemberDuesRule:
    """Add a member dues rule row from a date; the previous open row ends the day before."""
    from workplaces.members.validation import money_parse

    errors: dict[str, list[str]] = {}
    start = date_parse(effective_from, "effective_from", errors, required=True)
    try:
        rate_d = Decimal(str(rate))
        if not (Decimal("0") <= rate_d <= Decimal("0.1")):
            raise ValueError
    except (ArithmeticError, ValueError):
        errors["rate"] = [_("Enter a rate from 0 to 0.1.")]
        rate_d = Decimal("0")
    unit = money_parse(floor_unit, "floor_unit", errors)
    if errors:
        raise ValidationError(errors)
    MemberDuesRule.objects.filter(effective_to__isnull=True, effective_from__lt=start).update(
        effective_to=start - dt.timedelta(days=1)
    )
    rule, _created = MemberDuesRule.objects.update_or_create(
        effective_from=start, defaults={"rate": rate_d, "floor_unit": unit}
    )
    audit_record(
        actor=actor,
        kind=AuditKind.POLICY,
        obj=rule,
        after={"effective_from": start, "rate": rate_d, "floor_unit": unit},
        union_slug=_union().slug,
        note="member dues rule",
    )
    rollup_refresh(union=_union())
    return rule
