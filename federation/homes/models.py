"""Staff home (职工之家) acceptance: schemes, rounds, self-assessments, reviews and titles.

Every row lives in the public schema, keyed by union (../shared/DESIGN.md, "Staff home").
The union host reads and writes only its own rows, through the selectors and services.
Scores are ``Decimal`` with two places; the thresholds are rows of the scheme and of the
rule table, never constants in code.
"""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from federation.platform.files import PrivateStorage
from tenants.models import Union

POINTS: dict[str, Any] = {"max_digits": 6, "decimal_places": 2}
PERCENT: dict[str, Any] = {"max_digits": 5, "decimal_places": 2}


def evidence_storage() -> PrivateStorage:
    """Evidence files are private: the path carries the union, read through the homes views."""
    return PrivateStorage()


def evidence_path(instance: "EvidenceFile", filename: str) -> str:
    ext = PurePosixPath(filename).suffix.lower().lstrip(".") or "bin"
    assessment = instance.assessment
    return f"homes/{assessment.union.slug}/{assessment.pk}/{uuid.uuid4().hex}.{ext}"


class Scheme(models.Model):
    """A list of criteria and levels. A round keeps the scheme it was opened with; a changed
    scheme is a new version, so past results stay as they were scored."""

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("shipped default"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("assessment scheme")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="homes_scheme_name_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @cached_property
    def total_points(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal("0.00"))

    @property
    def uses_stars(self) -> bool:
        return any(level.stars for level in self.levels.all())


class Criterion(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=20)
    category = models.CharField(_("category"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("scoring guidance"), blank=True)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    mandatory = models.BooleanField(_("mandatory (必备)"), default=False)
    # a key of federation.homes.autochecks.AUTO_CHECKS: evidence read from the union's records
    auto_check = models.CharField(_("automatic check"), max_length=40, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scheme_id", "order", "code"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="homes_criterion_code_once"),
            models.CheckConstraint(
                condition=Q(max_points__gt=0), name="homes_criterion_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Level(models.Model):
    """A level of a scheme (合格 / 先进 / 模范, or 1..5 stars): the minimum total and the
    minimum members' approval rate (percent) from the union's own survey."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(_("name"), max_length=40)
    min_score = models.DecimalField(_("minimum score"), **POINTS)
    min_approval_rate = models.DecimalField(
        _("minimum approval rate (%)"), default=Decimal("0.00"), **PERCENT
    )
    order = models.PositiveSmallIntegerField(_("rank"), default=1)
    stars = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)

    class Meta:
        ordering = ["scheme_id", "order"]
        verbose_name = _("level")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="homes_level_name_once"),
            models.UniqueConstraint(fields=["scheme", "order"], name="homes_level_rank_once"),
            models.CheckConstraint(
                condition=Q(min_approval_rate__gte=0)
                & Q(min_approval_rate__lte=100)
                & Q(min_score__gte=0),
                name="homes_level_thresholds_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HomeRule(models.Model):
    """The staff-home rule table (local policy), in force from ``effective_from``."""

    effective_from = models.DateField(_("effective from"), unique=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    member_share_min = models.DecimalField(
        _("minimum share of employees who are members"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.9000"),
    )
    congress_months = models.PositiveSmallIntegerField(
        _("workers' congress at least every (months)"), default=12
    )
    recheck_months = models.PositiveSmallIntegerField(_("re-check after (months)"), default=12)
    rectification_days = models.PositiveSmallIntegerField(
        _("days given for rectification"), default=15
    )
    reminder_days = models.JSONField(_("remind days before the deadline"), default=list, blank=True)
    recheck_reminder_days = models.JSONField(
        _("remind days before the re-check"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("staff-home rule")
        constraints = [
            models.CheckConstraint(
                condition=Q(member_share_min__gte=0) & Q(member_share_min__lte=1),
                name="homes_rule_share_sane",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="homes_rule_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.effective_from)


class RoundKind(models.TextChoices):
    NORMAL = "normal", _("Acceptance")
    RECHECK = "recheck", _("Re-check")


class Round(models.Model):
    title = models.CharField(_("title"), max_length=200)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="rounds")
    kind = models.CharField(
        _("kind"), max_length=10, choices=RoundKind.choices, default=RoundKind.NORMAL
    )
    deadline = models.DateField(_("deadline"))
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.CharField(max_length=150, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("assessment round")
        constraints = [
            # a form sent twice (a double click, a retry) cannot open the round twice
            models.UniqueConstraint(fields=["title"], name="homes_round_title_once"),
        ]

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for rectification")
    ACCEPTED = "accepted", _("Accepted")
    FAILED = "failed", _("Not passed")
    VETOED = "vetoed", _("Vetoed")
    WITHDRAWN = "withdrawn", pgettext_lazy("staff-home title", "Withdrawn")


EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)
FINAL = (Status.ACCEPTED, Status.FAILED, Status.VETOED, Status.WITHDRAWN)


class Assessment(models.Model):
    """One union's assessment in one round: its self-assessment and the federation's review."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments")
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="home_assessments")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NOT_STARTED, db_index=True
    )
    self_total = models.DecimalField(_("self-assessed total"), default=Decimal("0.00"), **POINTS)
    score = models.DecimalField(_("score"), null=True, blank=True, **POINTS)
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_rate = models.DecimalField(
        _("members' approval rate (%)"), null=True, blank=True, **PERCENT
    )
    survey_note = models.CharField(_("survey"), max_length=300, blank=True)
    # a new deadline for rectification (整改), or for a reopened late submission
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    reopened = models.BooleanField(_("reopened after the deadline"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submissions = models.PositiveSmallIntegerField(default=0)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    review_comment = models.TextField(blank=True)
    veto_results = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round_id", "union__name"]
        verbose_name = _("assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "union"], name="homes_assessment_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(approval_rate__isnull=True)
                | (Q(approval_rate__gte=0) & Q(approval_rate__lte=100)),
                name="homes_assessment_approval_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.union}"

    @property
    def effective_deadline(self):
        return self.deadline or self.round.deadline

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(_("self score"), null=True, blank=True, **POINTS)
    evidence = models.TextField(_("evidence"), blank=True)
    score = models.DecimalField(_("score"), null=True, blank=True, **POINTS)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion__code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="homes_item_once"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0),
                name="homes_item_self_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0),
                name="homes_item_score_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.criterion_id}"


class EvidenceFile(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="files")
    item = models.ForeignKey(
        AssessmentItem, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    OPENED = "opened", _("Round opened")
    SAVED = "saved", _("Self-assessment saved")
    FILE_ADDED = "file_added", _("Evidence file added")
    FILE_REMOVED = "file_removed", _("Evidence file removed")
    SUBMITTED = "submitted", _("Submitted")
    REVIEW_SAVED = "review_saved", _("Review scores saved")
    RETURNED = "returned", _("Returned for rectification")
    ACCEPTED = "accepted", _("Accepted")
    FAILED = "failed", _("Not passed")
    VETOED = "vetoed", _("Vetoed")
    REOPENED = "reopened", _("Reopened for a late submission")
    WITHDRAWN = "withdrawn", _("Title withdrawn")


class AssessmentEvent(models.Model):
    """The history of an assessment: every step with who and when (shown on both sides)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150, blank=True)
    side = models.CharField(max_length=12)  # federation | union | system
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class Title(models.Model):
    """A union's staff-home title from an accepted assessment, until re-checked or withdrawn.
    One current title per union (a database constraint)."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="home_titles")
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="title")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="titles")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    awarded_on = models.DateField(_("awarded on"))
    recheck_due = models.DateField(_("re-check due"))
    current = models.BooleanField(default=True)
    superseded_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    withdrawn_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]
        verbose_name = _("staff-home title")
        constraints = [
            models.UniqueConstraint(
                fields=["union"], condition=Q(current=True), name="homes_one_current_title"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.union} {self.level}"
