"""Committee terms and the roles their seats carry (委员会、换届).

Rules (rule table, ``rule_table.py``): term lengths allowed (3 or 5 years), committee size
by active members (2016 election rules), exactly one chair, the women workers'
committee once the active women members reach the rule value. A seat's position is a union
role from the election on; the roles granted by a term end when the next term starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.accounts.services import CHAIR_FACT
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.services import audit_record
from federation.rules.selectors import rule_value
from tenants.context import union_side
from workplaces.members.models import Gender, Member, MemberStatus
from workplaces.organization.audit_kinds import OrgAuditKind
from workplaces.organization.common import (
    add_years,
    facts_refresh_on_commit,
    field_error,
    this_union,
)
from workplaces.organization.models import Body, BodyKind, Position, RoleGrant, Seat, Term

TERM_FACTS = ("organization.term",)


@dataclass(frozen=True)
class SeatInput:
    name: str
    position: str
    member: int | None = None
    user: int | None = None
    woman: bool | None = None


# --- reads the rules need -------------------------------------------------------------
@union_side
def members_active_count() -> int:
    return Member.objects.filter(status=MemberStatus.ACTIVE).count()


@union_side
def women_members_count() -> int:
    return Member.objects.filter(status=MemberStatus.ACTIVE, gender=Gender.FEMALE).count()


def women_committee_check(names: list[str], *, on: dt.date) -> None:
    """A union whose active women members reach the rule value records its women workers'
    committee (女职工委员会) with the term."""
    threshold = int(rule_value("organization.women_committee_threshold", on=on))
    women = women_members_count()
    if women >= threshold and not names:
        raise field_error(
            "women_committee",
            _(
                "The union has %(women)s active women members (from %(threshold)s a women "
                "workers' committee is set up): record the women workers' committee with "
                "the term."
            )
            % {"women": women, "threshold": threshold},
            code="women_committee_required",
        )


def committee_band(*, members: int, on: dt.date | None = None) -> dict:
    """The band of the rule table for ``members`` active members."""
    bands = rule_value("organization.committee_bands", on=on)
    for band in bands:
        if band.get("up_to") is None or members <= int(band["up_to"]):
            return dict(band)
    return dict(bands[-1])


def committee_size_ok(*, size: int, members: int, on: dt.date | None = None) -> bool:
    band = committee_band(members=members, on=on)
    if band.get("single") and size == 1:
        return True
    return int(band["min"]) <= size <= int(band["max"])


def size_error(*, size: int, members: int, on: dt.date | None = None) -> str:
    band = committee_band(members=members, on=on)
    return _(
        "A committee of %(size)s is outside the band for %(members)s active members: "
        "%(min)s to %(max)s."
    ) % {"size": size, "members": members, "min": band["min"], "max": band["max"]}


def term_years_check(term_years: int, *, on: dt.date | None = None) -> None:
    allowed = [int(y) for y in rule_value("organization.term_years_allowed", on=on)]
    if term_years not in allowed:
        raise field_error(
            "term_years",
            _("The term must be one of %(allowed)s years.")
            % {"allowed": "、".join(str(y) for y in allowed)},
            code="term_years",
        )


# --- validation of a committee -------------------------------------------------------
def _seats_resolve(committee: list[SeatInput], *, on: dt.date) -> list[Seat]:
    """Seats from the input: names, positions, members and logins checked; one chair;
    size in the band for the union's active members."""
    User = get_user_model()
    errors: list[str] = []
    seats: list[Seat] = []
    seen_members: set[int] = set()
    for i, row in enumerate(committee, start=1):
        name = (row.name or "").strip()
        if not name or len(name) > 50:
            errors.append(_("Row %(row)s: a name of 1 to 50 characters is needed.") % {"row": i})
            continue
        if row.position not in Position.values:
            errors.append(_("Row %(row)s: unknown position.") % {"row": i})
            continue
        member = None
        if row.member is not None:
            member = Member.objects.filter(pk=row.member).select_related("user").first()
            if member is None or row.member in seen_members:
                errors.append(_("Row %(row)s: no such member, or listed twice.") % {"row": i})
                continue
            seen_members.add(row.member)
        user = None
        if row.user is not None:
            user = User.objects.filter(pk=row.user, is_active=True).first()
            if user is None:
                errors.append(_("Row %(row)s: no such login.") % {"row": i})
                continue
        elif member is not None and member.user_id:
            user = member.user
        woman = row.woman if row.woman is not None else bool(member and member.gender == "F")
        seats.append(Seat(name=name, position=row.position, member=member, user=user, woman=woman))
    if errors:
        raise ValidationError(
            {"committee": [ValidationError(e, code="invalid_seat") for e in errors]}
        )
    chairs = sum(1 for s in seats if s.position == Position.CHAIR)
    if chairs != 1:
        raise field_error(
            "committee",
            _("The committee needs exactly one chair (it has %(n)s).") % {"n": chairs},
            code="chair_count",
        )
    members = members_active_count()
    if not committee_size_ok(size=len(seats), members=members, on=on):
        raise field_error(
            "committee", size_error(size=len(seats), members=members, on=on), code="size_band"
        )
    return seats


# --- roles ---------------------------------------------------------------------------
def _grants_revoke(*, term: Term, on: dt.date, actor: Actor, union_slug: str) -> None:
    for grant in RoleGrant.objects.select_related("user").filter(term=term, revoked_on=None):
        grant.revoked_on = on
        grant.save(update_fields=["revoked_on"])
        if not grant.held_before:
            grant.user.groups.remove(*Group.objects.filter(name=grant.role))
        audit_record(
            actor=actor,
            kind=OrgAuditKind.ROLE_REVOKED,
            obj=grant,
            before={"user": grant.user.username, "role": grant.role},
            after={"revoked_on": on, "group_removed": not grant.held_before},
            union_slug=union_slug,
        )


def _grants_give(*, term: Term, actor: Actor, union_slug: str) -> None:
    from federation.platform.accounts.services import roles_ensure

    roles_ensure()
    for seat in term.seats.select_related("user").exclude(user=None):
        if seat.position == Position.MEMBER:
            continue
        assert seat.user is not None
        group = Group.objects.get(name=seat.position)
        held = seat.user.groups.filter(pk=group.pk).exists()
        grant, created = RoleGrant.objects.get_or_create(
            term=term,
            user=seat.user,
            role=seat.position,
            defaults={"held_before": held, "granted_on": term.elected_on},
        )
        if not created:
            continue
        seat.user.groups.add(group)
        audit_record(
            actor=actor,
            kind=OrgAuditKind.ROLE_GRANTED,
            obj=grant,
            after={"user": seat.user.username, "role": seat.position, "held_before": held},
            union_slug=union_slug,
        )


# --- terms ---------------------------------------------------------------------------
def term_snapshot(term: Term) -> dict:
    return {
        "elected_on": term.elected_on,
        "term_years": term.term_years,
        "ends_on": term.ends_on,
        "approved_on": term.approved_on,
        "approval_ref": term.approval_ref,
        "result_ref": term.result_ref,
        "committee": [
            {"name": s.name, "position": s.position, "member": s.member_id, "user": s.user_id}
            for s in term.seats.all()
        ],
        "bodies": {b.kind: b.names for b in term.bodies.all()},
    }


def _names(values: list[str] | None, field: str) -> list[str]:
    names = [str(v).strip() for v in (values or []) if str(v).strip()]
    if any(len(n) > 50 for n in names):
        raise field_error(field, _("A name is at most 50 characters."), code="too_long")
    return names


@union_side
@transaction.atomic
def term_create(
    *,
    elected_on: dt.date,
    term_years: int,
    committee: list[SeatInput],
    actor: Actor,
    approved_on: dt.date | None = None,
    approval_ref: str = "",
    audit_committee: list[str] | None = None,
    women_committee: list[str] | None = None,
    result_ref: int | None = None,
) -> Term:
    """Record a committee term; the current one ends on the new election date and the
    roles its seats carried end with it; the new seats' logins get their roles."""
    today = timezone.localdate()
    if elected_on > today:
        raise field_error(
            "elected_on", _("The election date cannot be in the future."), code="future"
        )
    term_years_check(term_years, on=elected_on)
    seats = _seats_resolve(committee, on=elected_on)
    audit_names = _names(audit_committee, "audit_committee")
    women_names = _names(women_committee, "women_committee")
    if result_ref is None:
        # a term from an approved election result (federation side) carries no bodies yet
        women_committee_check(women_names, on=elected_on)
    if len(approval_ref) > 100:
        raise field_error("approval_ref", _("At most 100 characters."), code="too_long")
    union_slug = this_union().slug
    current = Term.objects.select_for_update().filter(is_current=True).first()
    if current is not None:
        if current.elected_on >= elected_on:
            raise field_error(
                "elected_on",
                _("The new term must be elected after the current one."),
                code="before_current",
            )
        before = term_snapshot(current)
        _grants_revoke(term=current, on=elected_on, actor=actor, union_slug=union_slug)
        current.is_current = False
        current.ended_on = elected_on
        current.save(update_fields=["is_current", "ended_on"])
        audit_record(
            actor=actor,
            kind=OrgAuditKind.TERM_ENDED,
            obj=current,
            before=before,
            after={"ended_on": elected_on},
            union_slug=union_slug,
        )
    term = Term.objects.create(
        elected_on=elected_on,
        term_years=term_years,
        ends_on=add_years(elected_on, term_years),
        approved_on=approved_on,
        approval_ref=approval_ref,
        result_ref=result_ref,
        created_by=actor_label(actor),
    )
    for seat in seats:
        seat.term = term
    Seat.objects.bulk_create(seats)
    if audit_names:
        Body.objects.create(term=term, kind=BodyKind.AUDIT, names=audit_names)
    if women_names:
        Body.objects.create(term=term, kind=BodyKind.WOMEN, names=women_names)
    audit_record(
        actor=actor,
        kind=OrgAuditKind.TERM_CREATED,
        obj=term,
        after=term_snapshot(term),
        union_slug=union_slug,
    )
    _grants_give(term=term, actor=actor, union_slug=union_slug)
    # with the term's facts, the chair's name the federation's pages show
    facts_refresh_on_commit([*TERM_FACTS, CHAIR_FACT])
    return term
