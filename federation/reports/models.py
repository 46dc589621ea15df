"""Information reporting (信息报送) and work news (工作信息), in the public schema.

Rows are keyed by union (``tenants.Union`` is a public table); union-host code reaches
them only through the selectors and services scoped to the current union.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import Union


class FieldType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    TEXT = "text", _("Text")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")


NUMERIC_TYPES = (FieldType.INTEGER, FieldType.DECIMAL)


class ReportsAuditKind(models.TextChoices):
    """One audit kind per action of this app (registered with the audit log in ``ready``)."""

    FORM_SAVED = "reports.form.saved", _("Report form saved")
    CYCLE_OPENED = "reports.cycle.opened", _("Report cycle opened")
    CYCLE_UNIONS_ADDED = "reports.cycle.unions_added", _("Report cycle sent to more unions")
    CYCLE_CLOSED = "reports.cycle.closed", _("Report cycle closed")
    SUBMISSION_ACCEPTED = "reports.submission.accepted", _("Report accepted")
    SUBMISSION_RETURNED = "reports.submission.returned", _("Report returned")
    NEWS_REVIEWED = "reports.news.reviewed", _("Work news reviewed")
    NEWS_ADOPTED = "reports.news.adopted", _("Work news adoption recorded")
    NEWS_CHANNEL_SET = "reports.news.channel", _("News channel rule row added")


class ReportForm(models.Model):
    """One version of a report form. A new version is a new row; cycles keep theirs."""

    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)
    # cross-field rules, e.g. {"kind": "lte", "left": "women", "right": "members"}
    rules = models.JSONField(_("rules"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("report form")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="report_form_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class FormField(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="fields")
    key = models.CharField(_("key"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    required = models.BooleanField(_("required"), default=False)
    # a name in federation.reports.sources; blank means the union enters it by hand
    source = models.CharField(_("prefill source"), max_length=80, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["form", "order", "id"]
        verbose_name = _("form field")
        constraints = [
            models.UniqueConstraint(fields=["form", "key"], name="report_field_key_once")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


class CycleStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report cycle", "Open")
    CLOSED = "closed", pgettext_lazy("report cycle", "Closed")


class Cycle(models.Model):
    """A form version issued for a period to all or chosen unions, with a due date."""

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="cycles")
    period = models.CharField(_("period"), max_length=10)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    opened_by = models.CharField(max_length=150, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("report cycle")
        constraints = [models.UniqueConstraint(fields=["form", "period"], name="report_cycle_once")]

    def __str__(self) -> str:
        return f"{self.form.title} {self.period}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("report", "Pending")
    SUBMITTED = "submitted", pgettext_lazy("report", "Submitted")
    RETURNED = "returned", pgettext_lazy("report", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("report", "Accepted")


COUNTED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
EDITABLE_STATUSES = (SubmissionStatus.PENDING, SubmissionStatus.RETURNED)


class Submission(models.Model):
    """One union's report in a cycle.

    ``prefilled`` is what the sources said; ``values`` holds what the union entered (its
    overrides) and, once submitted, the complete set of values it sent.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="submissions")
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="report_submissions")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
    )
    values = models.JSONField(default=dict, blank=True)
    prefilled = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "union__name"]
        verbose_name = _("report submission")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "union"], name="report_submission_once")
        ]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.union_id}"


EVENT_LABELS = {
    "saved": _("Draft saved"),
    "submitted": pgettext_lazy("report", "Submitted"),
    "returned": pgettext_lazy("report", "Returned"),
    "accepted": pgettext_lazy("report", "Accepted"),
    "reminded": _("Reminded"),
    "due_soon": _("due soon"),
    "late": _("late"),
}


class SubmissionEvent(models.Model):
    """The history of a submission: saved, submitted, returned, accepted, reminded."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20)
    actor = models.CharField(max_length=150, blank=True)
    comment = models.CharField(max_length=1000, blank=True)
    data = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))

    @property
    def comment_label(self) -> str:
        """A reminder's comment is its kind (``due_soon``/``late``): show its label."""
        if self.kind == "reminded":
            return str(EVENT_LABELS.get(self.comment, self.comment))
        return self.comment


# --- work news (工作信息) ----------------------------------------------------------------


class NewsStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("news", "Submitted")
    REVIEWED = "reviewed", pgettext_lazy("news", "Reviewed")


class NewsItem(models.Model):
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="news_items")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    event_date = models.DateField(_("event date"))
    status = models.CharField(
        _("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submitted_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    review_note = models.CharField(_("review note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("work news item")

    def __str__(self) -> str:
        return self.title


class NewsPhoto(models.Model):
    """A photo of a news item. Files live under a per-union path outside any public URL and
    are served only through views that check the union."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="photos")
    path = models.CharField(max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class NewsChannel(models.Model):
    """A rule-table row: where a news item can be adopted and what it is worth, in force
    from ``effective_from`` (to ``effective_to`` when set)."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=1)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-effective_from"]
        verbose_name = _("news channel")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="news_channel_from_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class NewsAdoption(models.Model):
    """Where a news item was adopted (采用); points copied from the rule row in force."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="adoptions")
    channel = models.ForeignKey(NewsChannel, on_delete=models.PROTECT, related_name="adoptions")
    channel_code = models.SlugField(max_length=40)
    adopted_on = models.DateField()
    points = models.DecimalField(max_digits=6, decimal_places=1)
    recorded_by = models.CharField(max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["news", "channel_code"], name="news_adoption_once")
        ]

    def __str__(self) -> str:
        return f"{self.channel_code} {self.adopted_on}"
