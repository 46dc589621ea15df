"""Reads of the member register: lists with filters and scope, dues, timeline, transfers."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Floor, Round
from django.utils import timezone

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FINANCE, GROUP_LEADER, ORGANIZATION, VICE_CHAIR
from federation.platform.audit.models import AuditEvent
from federation.rules.selectors import rule_value
from tenants.models import MemberTransfer, TransferStatus, Union
from workplaces.members.masking import can_see_identity
from workplaces.members.models import (
    HOLDING_STATUSES,
    ImportJob,
    Member,
    MemberDuesRule,
    MembershipApplication,
    MemberStatus,
    UnionGroup,
)

MANAGERS = (ORGANIZATION, VICE_CHAIR)
READERS = (*MANAGERS, FINANCE, GROUP_LEADER)
CENT = Decimal("0.01")


# --- who sees what -----------------------------------------------------------------
def can_manage(user: Any) -> bool:
    return has_role(user, *MANAGERS)


def can_read_all(user: Any) -> bool:
    return has_role(user, *MANAGERS, FINANCE)


def members_visible(*, user: Any) -> QuerySet[Member]:
    """The members a user may see: officers all of them, a group leader their groups'."""
    qs = Member.objects.all()
    if can_read_all(user):
        return qs
    if has_role(user, GROUP_LEADER):
        return qs.filter(group__leader=user)
    return qs.none()


def member_of_user(*, user: Any) -> Member | None:
    if not user or not user.is_authenticated:
        return None
    return members_with_dues(Member.objects.select_related("group").filter(user=user)).first()


# --- dues -----------------------------------------------------------------------
def dues_rule_in_force(*, on: dt.date | None = None) -> MemberDuesRule:
    """The member dues rule row in force on ``on``; the shipped default (0.5%, 10 yuan)
    when the union has none."""
    on = on or timezone.localdate()
    row = (
        MemberDuesRule.objects.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    return row or MemberDuesRule.default()


def dues_for_wage(*, wage: Decimal, rule: MemberDuesRule) -> Decimal:
    """Monthly member dues: the wage floored to a whole multiple of ``floor_unit`` (the part
    under 10 yuan is not counted), times the rate, rounded to 0.01 half-up.
    4,009.99 -> 4,000 x 0.5% = 20.00; 4,010.00 -> 20.05."""
    if wage is None or wage <= 0:
        return Decimal("0.00")
    unit = rule.floor_unit if rule.floor_unit > 0 else Decimal("0.01")
    counted = (wage // unit) * unit
    return (counted * rule.rate).quantize(CENT, rounding=ROUND_HALF_UP)


def member_dues(*, member: Member, rule: MemberDuesRule | None = None) -> Decimal:
    """Retained members (保留会籍) and anyone not active pay none."""
    if member.status != MemberStatus.ACTIVE:
        return Decimal("0.00")
    return dues_for_wage(wage=member.monthly_wage, rule=rule or dues_rule_in_force())


def _dues_expression(rule: MemberDuesRule) -> Case:
    unit = rule.floor_unit if rule.floor_unit > 0 else Decimal("0.01")
    money = DecimalField(max_digits=14, decimal_places=2)
    counted = ExpressionWrapper(
        Floor(F("monthly_wage") / Value(unit)) * Value(unit) * Value(rule.rate), output_field=money
    )
    # PostgreSQL's round() on numeric rounds half away from zero: half-up for dues >= 0
    return Case(
        When(status=MemberStatus.ACTIVE, then=Round(counted, 2)),
        default=Value(Decimal("0.00")),
        output_field=money,
    )


def members_with_dues(
    qs: QuerySet[Member], *, rule: MemberDuesRule | None = None
) -> QuerySet[Member]:
    return qs.annotate(dues_monthly=_dues_expression(rule or dues_rule_in_force()))


def dues_monthly_total(*, qs: QuerySet[Member] | None = None) -> Decimal:
    qs = Member.objects.all() if qs is None else qs
    rule = dues_rule_in_force()
    total = qs.filter(status=MemberStatus.ACTIVE).aggregate(t=Sum(_dues_expression(rule)))["t"]
    return (total or Decimal("0")).quantize(CENT)


# --- lists ----------------------------------------------------------------------
def search_condition(term: str, *, identity: bool) -> Q:
    """What a search box term means: digits are a member number or phone prefix (indexed),
    an 18-character number an ID number, anything else part of a name. Chinese has no case,
    so a name search uses plain LIKE unless the term has Latin letters.

    A reader who sees ID numbers and phones masked (``identity`` false, see
    ``masking.can_see_identity``) cannot search by them: a match would confirm whose the
    hidden number is. Their digits search member numbers only."""
    upper = term.upper()
    is_id = (
        len(upper) == 18 and upper[:17].isdecimal() and (upper[17].isdecimal() or upper[17] == "X")
    )
    if is_id:
        return Q(id_number=upper) if identity else Q(pk__in=[])
    if term.isdecimal():
        by_no = Q(member_no__startswith=term)
        return by_no | Q(phone__startswith=term) if identity else by_no
    if any("a" <= ch.lower() <= "z" for ch in term):
        return Q(name__icontains=term)
    return Q(name__contains=term)


def members_by_numbers(
    *, numbers: list[str], statuses: tuple[str, ...] = HOLDING_STATUSES
) -> tuple[list[Member], list[str]]:
    """The members with these numbers (会员编号) among ``statuses``, in the order given,
    and the numbers that name none: a member picked by number, whatever the register's
    size (a list of every member to choose from was a megabyte a page at 20,000)."""
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    found = {
        m.member_no: m for m in Member.objects.filter(member_no__in=wanted, status__in=statuses)
    }
    return [found[n] for n in wanted if n in found], [n for n in wanted if n not in found]


def roster_max_rows() -> int:
    """The printable roster's most rows (the rule ``members.roster_max_rows``)."""
    return int(rule_value("members.roster_max_rows"))


def member_list(
    *,
    user: Any,
    search: str = "",
    status: str = "",
    group: int | None = None,
    gender: str = "",
    employment: str = "",
    member_no: str = "",
    with_dues: bool = True,
) -> QuerySet[Member]:
    """The filtered register; ``with_dues`` annotates each row's monthly dues in SQL
    (callers that render few rows may compute them with ``member_dues`` and one rule)."""
    qs = members_visible(user=user).select_related("group")
    search = (search or "").strip()
    if search:
        qs = qs.filter(search_condition(search, identity=can_see_identity(user)))
    if status:
        qs = qs.filter(status=status)
    if group is not None:
        qs = qs.filter(group_id=group)
    if gender:
        qs = qs.filter(gender=gender)
    if employment:
        qs = qs.filter(employment=employment)
    if member_no:
        qs = qs.filter(member_no=member_no)
    qs = qs.order_by("member_no")
    return members_with_dues(qs) if with_dues else qs


# the member fields the roll-up's figures are computed from (``member_counts`` and
# ``dues_monthly_total``): an edit that changes none of them leaves the roll-up alone
ROLLUP_INPUTS = ("status", "gender", "is_migrant", "monthly_wage")


def member_counts(*, qs: QuerySet[Member] | None = None) -> dict:
    qs = Member.objects.all() if qs is None else qs
    return qs.aggregate(
        active=Count("id", filter=Q(status=MemberStatus.ACTIVE)),
        women=Count("id", filter=Q(status=MemberStatus.ACTIVE, gender="F")),
        migrant=Count("id", filter=Q(status=MemberStatus.ACTIVE, is_migrant=True)),
        retained=Count("id", filter=Q(status=MemberStatus.RETAINED)),
        total=Count("id"),
    )


def member_timeline(*, member: Member) -> list:
    return list(member.events.all().order_by("on", "id"))


def member_audit_events(*, member: Member) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="members.member", object_id=str(member.pk))


def groups_list(*, user: Any = None) -> QuerySet[UnionGroup]:
    qs = UnionGroup.objects.select_related("leader").annotate(
        active_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE))
    )
    if user is not None and not can_read_all(user):
        qs = qs.filter(leader=user)
    return qs.order_by("name")


def applications_list(*, status: str = "") -> QuerySet[MembershipApplication]:
    qs = MembershipApplication.objects.select_related("group", "member")
    return qs.filter(status=status) if status else qs


def import_job_get(*, job_id: int) -> ImportJob:
    return ImportJob.objects.defer("content").get(pk=job_id)


# --- transfers (public rows, read from a union's host or the federation) -------------
def transfers_for_union(*, union: Union, status: str = "") -> QuerySet[MemberTransfer]:
    qs = MemberTransfer.objects.filter(Q(from_union=union) | Q(to_union=union)).select_related(
        "from_union", "to_union"
    )
    return qs.filter(status=status) if status else qs


def transfers_of_member(*, union: Union, member: Member) -> QuerySet[MemberTransfer]:
    return MemberTransfer.objects.filter(
        from_union=union, source_member_id=member.pk
    ).select_related("to_union")


def transfers_in_flight(*, status: str = TransferStatus.PENDING) -> QuerySet[MemberTransfer]:
    """The federation's view; ``status=""`` lists every transfer."""
    qs = MemberTransfer.objects.select_related("from_union", "to_union")
    return qs.filter(status=status) if status else qs
