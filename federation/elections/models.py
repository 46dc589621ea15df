"""Election steps the federation acts on, in the public schema, keyed by union (no foreign
key to any tenant row: member and login ids of candidates are plain integers)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StepStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the federation")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ElectionApplication(models.Model):
    """The union asks to hold its election (换届申请): date, seats, candidates."""

    union = models.ForeignKey("tenants.Union", on_delete=models.CASCADE, related_name="+")
    planned_on = models.DateField(_("planned election date"))
    seats = models.PositiveSmallIntegerField(_("committee size"))
    competitive = models.BooleanField(_("competitive election (差额)"), default=True)
    candidates = models.JSONField(_("candidates"), default=list)
    status = models.CharField(max_length=20, choices=StepStatus.choices, default="submitted")
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    note = models.CharField(pgettext_lazy("decision", "note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["union"],
                condition=Q(status="submitted"),
                name="election_one_open_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.planned_on} ({self.status})"


class ElectionResult(models.Model):
    """The result of an election; approved by the federation, it starts the new term.

    ``candidates``: ``[{"name", "votes", "position", "member", "user", "woman", "elected"}]``
    (``member``/``user`` are ids inside the union's schema, plain integers)."""

    union = models.ForeignKey("tenants.Union", on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        ElectionApplication, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    held_on = models.DateField(_("held on"))
    term_years = models.PositiveSmallIntegerField(_("term (years)"))
    eligible_voters = models.PositiveIntegerField(_("eligible voters"))
    voters_present = models.PositiveIntegerField(_("voters present"))
    valid = models.BooleanField(_("valid"))
    candidates = models.JSONField(_("candidates"), default=list)
    status = models.CharField(max_length=20, choices=StepStatus.choices, default="submitted")
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    note = models.CharField(pgettext_lazy("decision", "note"), max_length=500, blank=True)
    term_ref = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["union"], condition=Q(status="submitted"), name="election_one_open_result"
            )
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.held_on} ({self.status})"

    @property
    def elected(self) -> list[dict]:
        return [c for c in self.candidates if c.get("elected")]
