"""Hardship files (困难职工档案): one open file per household in the whole township,
enforced by the public household index (``federation.hardship``), with public notice,
the yearly review and exit, and aid records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.hardship.services import household_claim, household_release
from federation.platform.actors import Actor
from federation.platform.audit.services import snapshot
from federation.platform.errors import ConflictError, duplicate_only
from federation.rules.selectors import rule_value
from tenants.facts import facts_refresh_on_commit
from tenants.member_index import id_hash
from tenants.validators import validate_id_number
from workplaces.members.models import HOLDING_STATUSES, Member
from workplaces.rights.common import audited, invalid, union_row
from workplaces.welfare.models import (
    AidKind,
    HardshipAid,
    HardshipCategory,
    HardshipFile,
    HardshipReview,
    ReviewOutcome,
    WelfareAuditKind,
)

HARDSHIP_FACTS = ("welfare.hardship",)


def household_keys(*, member: Member, spouse_id_number: str = "") -> list[str]:
    """The keyed hashes that name the household: the member's and the spouse's ID."""
    keys = [id_hash(member.id_number)]
    if spouse_id_number:
        keys.append(id_hash(spouse_id_number))
    return keys


def _line_check(on: dt.date) -> None:
    """A file is read against the minimum-living line of its dates (``selectors.
    income_against_line``): a date no row of the rule covers is refused here
    (RuleMissingError, a 400 naming the rule and the date), not on every later read of the
    file and of the union's list of files."""
    rule_value("welfare.minimum_living_line", on=on)


def _open_file_check(member: Member) -> None:
    if HardshipFile.objects.filter(member=member, closed_on__isnull=True).exists():
        raise ConflictError(
            _("This member already has an open hardship file."), code="household_open"
        )


@transaction.atomic
def hardship_open(
    *,
    member: Member,
    category: str,
    household_size: int,
    household_income: Decimal,
    reason: str,
    opened_on: dt.date | None = None,
    spouse_id_number: str = "",
    notice_from: dt.date | None = None,
    notice_to: dt.date | None = None,
    actor: Actor,
) -> HardshipFile:
    """Open a file for the member's household. The household's keys (the member's and the
    spouse's ID hashes) are claimed in the township's index in the same transaction: a
    household with an open file anywhere in the township is a conflict (409)."""
    opened_on = opened_on or timezone.localdate()
    if member.status not in HOLDING_STATUSES:
        raise invalid("member", _("Only a member can have a hardship file."), code="not_member")
    if category not in HardshipCategory.values:
        raise invalid("category", _("Choose a category."), code="invalid_choice")
    spouse = spouse_id_number.strip().upper()
    if spouse:
        try:
            validate_id_number(spouse)
        except ValidationError as exc:
            raise invalid("spouse_id_number", exc.messages[0], code="invalid") from None
        if spouse == member.id_number.upper():
            raise invalid(
                "spouse_id_number", _("The spouse is not the member."), code="same_person"
            )
    _notice_check(opened_on=opened_on, notice_from=notice_from, notice_to=notice_to)
    _line_check(opened_on)
    Member.objects.select_for_update().get(pk=member.pk)
    _open_file_check(member)
    file = HardshipFile(
        member=member,
        spouse_id_hash=id_hash(spouse) if spouse else "",
        category=category,
        household_size=household_size,
        household_income=household_income,
        reason=reason.strip(),
        opened_on=opened_on,
        notice_from=notice_from,
        notice_to=notice_to,
    )
    file.full_clean()
    try:
        with transaction.atomic():
            file.save()
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(
            _("This member already has an open hardship file."), code="household_open"
        ) from None
    household_claim(
        union=union_row(),
        file_id=file.pk,
        key_hashes=household_keys(member=member, spouse_id_number=spouse),
        opened_on=opened_on,
    )
    audited(actor=actor, kind=WelfareAuditKind.HARDSHIP_OPENED, obj=file)
    facts_refresh_on_commit(HARDSHIP_FACTS)
    return file


def _notice_check(
    *, opened_on: dt.date, notice_from: dt.date | None, notice_to: dt.date | None
) -> None:
    if notice_to and not notice_from:
        raise invalid("notice_from", _("Give the first day of the notice."), code="required")
    if notice_from and notice_to and notice_to < notice_from:
        raise invalid("notice_to", _("The notice ends before it starts."), code="order")


def _locked(file: HardshipFile) -> HardshipFile:
    return HardshipFile.objects.select_for_update().get(pk=file.pk)


@transaction.atomic(durable=True)
def hardship_notice(
    *, file: HardshipFile, notice_from: dt.date, notice_to: dt.date, actor: Actor
) -> HardshipFile:
    """Record the public notice (公示) of the file."""
    f = _locked(file)
    _notice_check(opened_on=f.opened_on, notice_from=notice_from, notice_to=notice_to)
    before = snapshot(f)
    f.notice_from, f.notice_to = notice_from, notice_to
    f.save(update_fields=["notice_from", "notice_to", "updated_at"])
    audited(actor=actor, kind=WelfareAuditKind.HARDSHIP_UPDATED, obj=f, before=before)
    return f


@transaction.atomic
def hardship_close(*, file: HardshipFile, on: dt.date, reason: str, actor: Actor) -> HardshipFile:
    """Exit (退出): the file closes and the household's keys are released."""
    f = _locked(file)
    if not f.is_open:
        raise ConflictError(_("This file is already closed."), code="closed")
    if on < f.opened_on:
        raise invalid("on", _("A file cannot close before it opened."), code="order")
    if not reason.strip():
        raise invalid("reason", _("Say why the household leaves the file."), code="required")
    before = snapshot(f)
    f.closed_on, f.close_reason = on, reason.strip()
    f.save(update_fields=["closed_on", "close_reason", "updated_at"])
    household_release(union=union_row(), file_id=f.pk, closed_on=on)
    audited(actor=actor, kind=WelfareAuditKind.HARDSHIP_CLOSED, obj=f, before=before)
    facts_refresh_on_commit(HARDSHIP_FACTS)
    return f


@transaction.atomic(durable=True)
def hardship_review(
    *,
    file: HardshipFile,
    year: int,
    reviewed_on: dt.date,
    outcome: str,
    category: str = "",
    household_income: Decimal | None = None,
    note: str = "",
    actor: Actor,
) -> HardshipReview:
    """The yearly review (动态管理): the household stays, changes category, or exits."""
    f = _locked(file)
    if not f.is_open:
        raise ConflictError(_("This file is closed."), code="closed")
    if outcome not in ReviewOutcome.values:
        raise invalid("outcome", _("Choose an outcome."), code="invalid_choice")
    if outcome == ReviewOutcome.RECATEGORISE and category not in HardshipCategory.values:
        raise invalid("category", _("Choose the new category."), code="required")
    if reviewed_on < f.opened_on:
        raise invalid(
            "reviewed_on", _("A review cannot come before the file opened."), code="order"
        )
    _line_check(reviewed_on)
    if HardshipReview.objects.filter(file=f, year=year).exists():
        raise ConflictError(_("This file was already reviewed for that year."), code="reviewed")
    before = snapshot(f)
    review = HardshipReview.objects.create(
        file=f,
        year=year,
        reviewed_on=reviewed_on,
        outcome=outcome,
        category=category if outcome == ReviewOutcome.RECATEGORISE else "",
        household_income=household_income,
        note=note.strip(),
    )
    f.reviewed_on = reviewed_on
    if outcome == ReviewOutcome.RECATEGORISE:
        f.category = category
    if household_income is not None:
        f.household_income = household_income
    f.save()
    audited(actor=actor, kind=WelfareAuditKind.HARDSHIP_REVIEWED, obj=f, before=before)
    if outcome == ReviewOutcome.EXIT:
        hardship_close(file=f, on=reviewed_on, reason=note or _("Yearly review"), actor=actor)
    facts_refresh_on_commit(HARDSHIP_FACTS)
    return review


@transaction.atomic
def aid_give(
    *,
    file: HardshipFile,
    kind: str,
    amount: Decimal,
    given_on: dt.date,
    note: str = "",
    actor: Actor,
) -> HardshipAid:
    """Record aid given to an open file's household (cash, goods, schooling, medical); one
    aid of a kind a day per file, so a retried request is a 409 and writes nothing."""
    f = _locked(file)
    if not f.is_open:
        raise ConflictError(_("Aid goes to an open file only."), code="closed")
    if kind not in AidKind.values:
        raise invalid("kind", _("Choose the kind of aid."), code="invalid_choice")
    if given_on < f.opened_on:
        raise invalid("given_on", _("Aid cannot come before the file opened."), code="order")
    if HardshipAid.objects.filter(file=f, kind=kind, given_on=given_on).exists():
        raise ConflictError(
            _("This aid is already recorded (same file, kind and day)."), code="duplicate"
        )
    aid = HardshipAid(file=f, kind=kind, amount=amount, given_on=given_on, note=note.strip())
    aid.full_clean()
    aid.save()
    audited(actor=actor, kind=WelfareAuditKind.HARDSHIP_AID, obj=aid)
    facts_refresh_on_commit(HARDSHIP_FACTS)
    return aid
