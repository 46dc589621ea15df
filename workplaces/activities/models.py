"""Union life (in the union's schema): activities with sign-up and attendance, activity
plans, labour competitions, rationalisation proposals (合理化建议), honours and training.

The culture-and-sports officer's duties (union-cadre-duties.txt): monthly, term and
yearly activity plans with a summary; contests; the township cadre's labour competitions,
proposals and model workers."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.activities.files import photo_path, private_storage
from workplaces.members.models import Member


class ActivityKind(models.TextChoices):
    SPORTS = "sports", _("Sports")
    CULTURE = "culture", _("Culture")
    STUDY = "study", _("Study")
    TRAINING = "training", _("Training")
    VOLUNTEER = "volunteer", _("Volunteer")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", pgettext_lazy("activity", "Held")
    CANCELLED = "cancelled", _("Cancelled")


class PlanPeriod(models.TextChoices):
    MONTH = "month", _("Monthly")
    TERM = "term", pgettext_lazy("school term", "Term")
    YEAR = "year", _("Yearly")


class ActivityPlan(models.Model):
    """A monthly, term or yearly plan of activities, and its summary once done."""

    period_kind = models.CharField(_("plan period"), max_length=10, choices=PlanPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=20, blank=True)  # "2026-05", "2026-T1"
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("plan"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "period", "id"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    results = models.TextField(_("results"), blank=True)
    plan = models.ForeignKey(
        ActivityPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    signups_count = models.PositiveIntegerField(default=0)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("activity")
        constraints = [
            models.CheckConstraint(
                condition=Q(signups_count__lte=models.F("capacity")), name="activity_not_overfull"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="activity_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.signups_count, 0)


class Signup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="activity_signups")
    signed_up_by = models.CharField(max_length=150, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="signup_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.member_id}"


class Award(models.Model):
    """A result of an activity or competition: a place or prize for a member or a team."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="awards")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT)
    team = models.CharField(_("team"), max_length=100, blank=True)
    award = models.CharField(_("award"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.award


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=private_storage, upload_to=photo_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Competition(models.Model):
    """A labour competition (劳动竞赛 / 技能比武)."""

    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Entrant(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entrants")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT)
    team = models.CharField(_("team"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "member"],
                condition=Q(member__isnull=False),
                name="entrant_once_per_member",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(team=""), name="entrant_member_or_team"
            ),
        ]

    def __str__(self) -> str:
        return self.team or str(self.member_id)


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Suggestion(models.Model):
    """A rationalisation proposal (合理化建议), its adoption and its benefit."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"))
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT)
    proposer = models.CharField(_("proposer"), max_length=100)
    submitted_on = models.DateField(_("submitted on"))
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.SUBMITTED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    benefit = models.DecimalField(
        _("benefit (CNY)"), default=Decimal("0.00"), max_digits=14, decimal_places=2
    )
    benefit_note = models.CharField(_("benefit note"), max_length=300, blank=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.title


class HonourStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


class Honour(models.Model):
    """A nomination and, once decided, an honour. ``kind`` and ``level`` are codes of the
    rule table ``activities.honour_kinds``; a collective honour (工人先锋号) names a team."""

    kind = models.CharField(_("honour"), max_length=40)
    level = models.CharField(_("level"), max_length=20, blank=True)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    team = models.CharField(_("team"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    deeds = models.TextField(_("deeds"), blank=True)
    status = models.CharField(
        max_length=20, choices=HonourStatus.choices, default=HonourStatus.NOMINATED
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    nominated_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "level", "member", "year"],
                condition=Q(member__isnull=False),
                name="honour_once_per_member_year",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(team=""), name="honour_member_or_team"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}"


class TrainingAudience(models.TextChoices):
    CADRE = "cadre", _("Union cadres")
    MEMBER = "member", _("Members")


class TrainingSession(models.Model):
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=10, choices=TrainingAudience.choices)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    place = models.CharField(_("place"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    content = models.TextField(_("content"), blank=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")
        ]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="trainings")
    hours = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="training_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.member_id}"
