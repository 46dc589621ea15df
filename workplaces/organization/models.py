"""The union's committee and terms (委员会、换届), role grants, work plans, openness of
affairs (厂务公开), in the union's own schema.

The election applications and results the federation approves live in the public schema
(``federation.elections``), keyed by union; a term started from an approved result keeps
the result's id (``result_ref``) so it is applied once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from federation.platform.accounts import roles


class Position(models.TextChoices):
    CHAIR = roles.CHAIR, _("Chair")
    VICE_CHAIR = roles.VICE_CHAIR, _("Vice chair")
    ORGANIZATION = roles.ORGANIZATION, _("Organization officer")
    PROPAGANDA = roles.PROPAGANDA, _("Propaganda officer")
    CULTURE_SPORTS = roles.CULTURE_SPORTS, _("Culture and sports officer")
    WOMEN_WORKERS = roles.WOMEN_WORKERS, _("Women workers officer")
    AUDIT = roles.AUDIT, _("Audit committee")
    FINANCE = roles.FINANCE, _("Finance officer")
    MEMBER = "member", _("Committee member")


class TermStatus(models.TextChoices):
    IN_TERM = "in_term", _("In term")
    DUE_SOON = "due_soon", _("Due for election")
    OVERDUE = "overdue", _("Overdue")
    NONE = "none", _("No record")


class Term(models.Model):
    """One term of the union committee. ``is_current`` marks the one in force."""

    elected_on = models.DateField(_("elected on"))
    term_years = models.PositiveSmallIntegerField(_("term (years)"))
    ends_on = models.DateField(_("ends on"))
    approved_on = models.DateField(_("approved by the upper union on"), null=True, blank=True)
    approval_ref = models.CharField(_("approval reference"), max_length=100, blank=True)
    is_current = models.BooleanField(default=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # the federation's ElectionResult id this term was started from (public row, no FK)
    result_ref = models.PositiveBigIntegerField(null=True, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-elected_on", "-id"]
        verbose_name = _("committee term")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="org_one_current_term"
            ),
            models.UniqueConstraint(
                fields=["result_ref"],
                condition=Q(result_ref__isnull=False),
                name="org_term_once_per_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.elected_on} – {self.ends_on}"


class Seat(models.Model):
    """A member of the committee in one term and their position."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="seats")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    woman = models.BooleanField(_("woman"), default=False)

    class Meta:
        ordering = ["term", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=Q(position="chair"), name="org_one_chair_per_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class BodyKind(models.TextChoices):
    AUDIT = "audit", _("Audit committee (经审会)")
    WOMEN = "women", _("Women workers' committee (女职委)")


class Body(models.Model):
    """The audit committee and the women workers' committee recorded with a term."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(max_length=10, choices=BodyKind.choices)
    names = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "kind"], name="org_body_once_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {', '.join(self.names)}"


class RoleGrant(models.Model):
    """A union role a login holds because of a seat in a term; revoked when the term ends.
    ``held_before``: the login already had the role, so ending the term leaves it."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=30)
    held_before = models.BooleanField(default=False)
    granted_on = models.DateField()
    revoked_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "user", "role"], name="org_grant_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class PlanKind(models.TextChoices):
    YEAR = "year", _("Year plan")
    TERM = "term", _("Term plan")


class WorkPlan(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices, default="year")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    summary_on = models.DateField(_("summary written on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "title"], name="org_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class PlanItem(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("item"), max_length=200)
    owner = models.CharField(_("owner"), max_length=50, blank=True)
    due_on = models.DateField(_("due on"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="org_progress_max_100")
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    BOARD = "board", _("Notice board")
    MEETING = "meeting", _("Staff meeting")
    ONLINE = "online", _("Intranet / online")
    CONGRESS = "congress", _("Workers' congress")
    OTHER = "other", _("Other")


class OpennessItem(models.Model):
    """An item of openness of affairs (厂务公开 / 校务公开) published to members."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), blank=True)
    published_on = models.DateField(_("published on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
