"""Members (会员) of one union, in the union's own schema.

Membership is a timeline (``MembershipEvent``), never a flag: ``Member.status`` is the
latest event's status, kept on the row for filtering.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    HouseholdType,
    ModelWorkerLevel,
    PoliticalStatus,
    SkillLevel,
)


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Employment(models.TextChoices):
    REGULAR = "regular", _("Regular")
    CONTRACT = "contract", _("Contract")
    DISPATCHED = "dispatched", _("Dispatched")
    MIGRANT = "migrant", _("Migrant worker")
    RETIRED_REHIRED = "retired_rehired", _("Retired, rehired")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("member status", "Active")
    RETAINED = "retained", _("Retained (retired)")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")


# statuses that still hold a membership of the federation (the index row is active)
HOLDING_STATUSES = (MemberStatus.ACTIVE, MemberStatus.RETAINED)
LEAVE_STATUSES = (
    MemberStatus.RETAINED,
    MemberStatus.WITHDRAWN,
    MemberStatus.EXPELLED,
    MemberStatus.DECEASED,
)


class UnionGroup(models.Model):
    """A union group (工会小组) and its leader."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("leader"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("union group")

    def __str__(self) -> str:
        return self.name


class RealNameRecord(models.Model):
    """The national real-name collection's fields (全国工会会员实名制信息采集), held by a
    member and asked by an application to join, so approval carries them over."""

    ethnicity = models.CharField(
        _("ethnicity"), max_length=20, choices=ETHNICITY_CHOICES, blank=True
    )
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    household_type = models.CharField(
        _("household registration"), max_length=10, choices=HouseholdType.choices, blank=True
    )
    household_place = models.CharField(
        _("household registration place"), max_length=100, blank=True
    )
    position = models.CharField(_("post or position"), max_length=60, blank=True)
    skill_level = models.CharField(
        _("skill grade"), max_length=10, choices=SkillLevel.choices, blank=True
    )
    model_worker = models.BooleanField(_("model worker"), default=False)
    model_worker_level = models.CharField(
        _("model worker level"), max_length=12, choices=ModelWorkerLevel.choices, blank=True
    )
    card_no = models.CharField(_("member card number"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    retirement_date = models.DateField(_("retirement date"), null=True, blank=True)

    class Meta:
        abstract = True


class Member(RealNameRecord):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    # unique by the constraint below, not ``unique=True``: that would add a pattern index
    # (LIKE 'x%') to every insert, and an ID number is only ever looked up whole
    id_number = models.CharField(_("ID number"), max_length=18)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    employment = models.CharField(
        _("employment"), max_length=20, choices=Employment.choices, default=Employment.REGULAR
    )
    group = models.ForeignKey(
        UnionGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("union group"),
    )
    monthly_wage = models.DecimalField(
        _("monthly wage"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    joined_on = models.DateField(_("joined on"))
    member_no = models.CharField(_("member number"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    # the member's own login, if they have one: they may read their own record
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_record",
        verbose_name=_("login"),
    )
    # 农民工: rural household registration in wage employment here (derived on every save by
    # the services from household_type and employment; "migrant" employment implies it)
    is_migrant = models.BooleanField(_("migrant worker"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member_no"]
        verbose_name = _("member")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["name"]),
            # prefix searches (LIKE 'x%') on phones use this one; on member numbers, the
            # pattern index Django makes for the unique column (a second one on member_no
            # cost every insert and served nothing)
            models.Index(
                fields=["phone"], name="member_phone_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["id_number"], name="member_id_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.member_no})"


class MembershipEvent(models.Model):
    """One step of a member's timeline: the status from a date, why, and who recorded it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=MemberStatus.choices)
    on = models.DateField()
    reason = models.CharField(max_length=500, blank=True)
    union_name = models.CharField(max_length=200, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    carried = models.BooleanField(default=False, help_text="came along with a transfer")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.status}"


class Counter(models.Model):
    """The last member number issued in this union (one row)."""

    name = models.CharField(max_length=30, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MembershipApplication(RealNameRecord):
    """An application to join (入会申请); membership counts from the approval date."""

    name = models.CharField(max_length=50)
    gender = models.CharField(max_length=1, choices=Gender.choices)
    id_number = models.CharField(max_length=18)
    phone = models.CharField(max_length=20, blank=True)
    employment = models.CharField(max_length=20, choices=Employment.choices)
    group = models.ForeignKey(UnionGroup, on_delete=models.SET_NULL, null=True, blank=True)
    monthly_wage = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.CharField(max_length=150, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decision_reason = models.CharField(max_length=500, blank=True)
    member = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=models.Q(status="submitted"),
                name="application_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class MemberDuesRule(models.Model):
    """Member dues (会费) rule, effective-dated: ``rate`` of the wage floored to a whole
    multiple of ``floor_unit`` (the part under 10 yuan is not counted)."""

    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    rate = models.DecimalField(max_digits=6, decimal_places=4, default=Decimal("0.0050"))
    floor_unit = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("10.00"))
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["effective_from"], name="member_dues_rule_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.rate} / {self.floor_unit}"

    @classmethod
    def default(cls) -> "MemberDuesRule":
        return cls(
            effective_from=dt.date(2000, 1, 1), rate=Decimal("0.0050"), floor_unit=Decimal("10.00")
        )


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BackgroundJob(models.Model):
    """What a job the worker runs for a page shares: its state, progress, file and
    requester. The page polls it."""

    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class ExportJob(BackgroundJob):
    """A register export built in the background (a large union's xlsx takes seconds);
    then its requester downloads it. The file is masked as its requester reads the
    register, so only they may fetch it; it is kept for the hours of the rule
    ``members.export_keep_hours``."""

    fmt = models.CharField(max_length=4, choices=[("xlsx", "xlsx"), ("csv", "csv")])
    filters = models.JSONField(default=dict, blank=True)
    actor_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"export {self.fmt} ({self.status})"


class ImportJob(BackgroundJob):
    """An import run in the background (``content`` is the uploaded file)."""

    filename = models.CharField(max_length=200)
    valid_only = models.BooleanField(default=False)
    dry_run = models.BooleanField(default=False)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def percent(self) -> int:
        return (
            int(self.done * 100 / self.total)
            if self.total
            else (100 if self.status == "done" else 0)
        )
