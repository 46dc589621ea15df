"""Collective contracts (集体合同) and their negotiation record."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContractStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed, not filed")
    FILED = "filed", _("Filed")
    OBJECTED = "objected", _("Objected by the labour department")
    EFFECTIVE = "effective", _("Effective")
    EXPIRING = "expiring", _("Expiring (renewal talks due)")
    EXPIRED = "expired", _("Expired")


def contract_text_path(instance: "CollectiveContract", filename: str) -> str:
    # the tenant-aware storage puts this under the union's own media folder
    ext = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"rights/contracts/{instance.pk or 'new'}/signed.{ext}"


class CollectiveContract(models.Model):
    """One collective contract (the general one or a special one). The clocks (filing due,
    effective date, renewal window) are computed from the dates and the rule table."""

    kind = models.CharField(_("kind"), max_length=30)
    title = models.CharField(_("title"), max_length=200, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    workers_covered = models.PositiveIntegerField(_("workers covered"), default=0)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    objected_on = models.DateField(_("objection received on"), null=True, blank=True)
    objection = models.CharField(_("objection"), max_length=1000, blank=True)
    # the draft put to the congress and its vote: a motion of the congress module when the
    # union keeps its sessions there, otherwise the vote recorded by hand below
    congress_motion = models.ForeignKey(
        "congress.Motion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("congress motion"),
    )
    congress_voted_on = models.DateField(_("put to the congress on"), null=True, blank=True)
    congress_yes = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    congress_total = models.PositiveIntegerField(_("delegates"), null=True, blank=True)
    text_file = models.FileField(_("signed text"), upload_to=contract_text_path, blank=True)
    text_name = models.CharField(max_length=200, blank=True)
    text_uploaded_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("collective contract")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=False, ends_on__gt=models.F("starts_on")),
                name="rights_contract_term_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(filed_on__isnull=True)
                | models.Q(signed_on__isnull=False, filed_on__gte=models.F("signed_on")),
                name="rights_contract_filed_after_signing",
            ),
            # a retried request cannot record the same contract twice: one negotiation of a
            # kind per employer at a time, one contract of a kind per employer and signing day
            models.UniqueConstraint(
                fields=["kind", "employer"],
                condition=models.Q(signed_on__isnull=True),
                name="rights_contract_one_negotiation",
            ),
            models.UniqueConstraint(
                fields=["kind", "employer", "signed_on"], name="rights_contract_signed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on or ''}-{self.ends_on or ''}"


class NegotiationSide(models.TextChoices):
    EMPLOYEES = "employees", pgettext_lazy("contract party", "Employees")
    EMPLOYER = "employer", _("Employer")


class NegotiationRound(models.Model):
    """One round of collective negotiation (集体协商) and who sat for each side."""

    contract = models.ForeignKey(
        CollectiveContract, on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"))
    held_on = models.DateField(_("held on"))
    employee_side = models.JSONField(_("for the employees"), default=list)
    employer_side = models.JSONField(_("for the employer"), default=list)
    summary = models.TextField(pgettext_lazy("bargaining", "summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="rights_round_once"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.held_on}"
