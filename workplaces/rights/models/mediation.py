"""Labour dispute mediation (劳动争议调解), its committee, and legal aid (法律援助)."""

from django.db import models
from django.db.models.functions import MD5
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MediationOutcome(models.TextChoices):
    SETTLED = "settled", _("Settled with an agreement")
    FAILED = "failed", pgettext_lazy("mediation", "Failed")
    WITHDRAWN = "withdrawn", pgettext_lazy("mediation", "Withdrawn")


class MediationCase(models.Model):
    """A dispute brought to the union's mediation committee. ``deadline`` is fixed at
    receipt from the rule in force then; an open case past it is flagged."""

    received_on = models.DateField(_("received on"))
    applicant = models.CharField(_("applicant"), max_length=100)
    respondent = models.CharField(_("respondent"), max_length=200)
    matter = models.TextField(_("matter"))
    deadline = models.DateField(pgettext_lazy("mediation", "deadline"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=MediationOutcome.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("mediation case")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="", closed_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(closed_on__gte=models.F("received_on"))),
                name="rights_mediation_closed_consistent",
            ),
            # a retried request cannot register the same dispute twice
            models.UniqueConstraint(
                fields=["received_on", "applicant", "respondent"], name="rights_mediation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.applicant}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


class CommitteeSide(models.TextChoices):
    EMPLOYEES = "employees", _("Employees' representative")
    EMPLOYER = "employer", _("Employer's representative")


class MediationCommitteeMember(models.Model):
    """One seat of the enterprise's labour dispute mediation committee. The committee is
    set as a whole, with as many seats for the employees as for the employer."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    side = models.CharField(_("side"), max_length=20, choices=CommitteeSide.choices)
    position = models.CharField(_("position"), max_length=100, blank=True)
    is_chair = models.BooleanField(_("committee chair"), default=False)
    since = models.DateField(_("since"))

    class Meta:
        ordering = ["side", "-is_chair", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.side})"


class LegalAidStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class LegalAidRequest(models.Model):
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_aid_requests",
        verbose_name=_("member"),
    )
    requester = models.CharField(_("requester"), max_length=50)
    matter = models.TextField(_("matter"))
    received_on = models.DateField(_("received on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LegalAidStatus.choices,
        default=LegalAidStatus.RECEIVED,
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            # a retried request cannot register the same request twice (the matter by its
            # digest: a long text would not fit an index row)
            models.UniqueConstraint(
                "requester", "received_on", MD5("matter"), name="rights_legal_aid_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.requester}"
