"""Welfare records of one union, in its own schema: 五必访 visits, festival goods with
receipts, hardship files (困难职工档案) with reviews and aid."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class WelfareAuditKind(models.TextChoices):
    VISIT = "welfare.visit", _("Visit recorded")
    FESTIVAL = "welfare.festival", _("Festival distribution recorded")
    RECEIPT = "welfare.receipt", _("Festival receipt recorded")
    HARDSHIP_OPENED = "welfare.hardship_opened", _("Hardship file opened")
    HARDSHIP_UPDATED = "welfare.hardship_updated", _("Hardship file changed")
    HARDSHIP_REVIEWED = "welfare.hardship_reviewed", _("Hardship file reviewed")
    HARDSHIP_CLOSED = "welfare.hardship_closed", _("Hardship file closed")
    HARDSHIP_AID = "welfare.hardship_aid", _("Hardship aid given")
    HARDSHIP_FED_READ = "welfare.hardship_fed_read", _("Hardship file opened by the federation")


class Visit(models.Model):
    """A 五必访 visit with its gift money, counted against the yearly cap per member and
    reason."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    reason = models.CharField(_("reason"), max_length=30)
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("visited by"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="welfare_visit_amount_positive"
            ),
            # a retried request cannot record the same visit (and its money) twice
            models.UniqueConstraint(
                fields=["member", "reason", "visited_on"], name="welfare_visit_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.reason} {self.member_id}"


class FestivalDistribution(models.Model):
    """Festival goods handed out (节日慰问) to a list of members at an amount per head."""

    festival = models.CharField(_("festival"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    distributed_on = models.DateField(_("handed out on"))
    goods = models.CharField(_("goods"), max_length=300, blank=True)
    amount_per_head = models.DecimalField(_("amount per head"), max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-distributed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "festival"], name="welfare_festival_once"),
            models.CheckConstraint(
                condition=models.Q(amount_per_head__gte=0), name="welfare_festival_amount_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.festival}"


class ReceiptVia(models.TextChoices):
    SIGNATURE = "signature", _("Signed")
    IMPORT = "import", _("Imported signed list")


class FestivalReceipt(models.Model):
    distribution = models.ForeignKey(
        FestivalDistribution, on_delete=models.CASCADE, related_name="receipts"
    )
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    via = models.CharField(max_length=20, choices=ReceiptVia.choices, blank=True)

    class Meta:
        ordering = ["member_id"]
        constraints = [
            models.UniqueConstraint(fields=["distribution", "member"], name="welfare_receipt_once"),
        ]

    def __str__(self) -> str:
        return f"{self.distribution_id} {self.member_id} {self.signed_on or '-'}"


class HardshipCategory(models.TextChoices):
    DEEP = "deep", _("Deep hardship (深度困难)")
    RELATIVE = "relative", _("Relative hardship (相对困难)")
    ACCIDENT = "accident", _("Hardship by accident (意外致困)")


class HardshipFile(models.Model):
    """A hardship file (困难职工档案), one open per household across the township: the
    household's keys are claimed in the public ``federation.hardship`` table."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    spouse_id_hash = models.CharField(max_length=64, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=HardshipCategory.choices)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    household_income = models.DecimalField(
        _("household income per month"), max_digits=12, decimal_places=2
    )
    reason = models.TextField(_("cause"))
    opened_on = models.DateField(_("opened on"))
    notice_from = models.DateField(_("public notice from"), null=True, blank=True)
    notice_to = models.DateField(_("public notice until"), null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("exit reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(closed_on__isnull=True),
                name="welfare_hardship_one_open_per_member",
            ),
            models.CheckConstraint(
                condition=models.Q(household_size__gte=1), name="welfare_household_size_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.category} {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("Stays in the file")
    RECATEGORISE = "recategorise", _("Category changed")
    EXIT = "exit", _("Leaves the file")


class HardshipReview(models.Model):
    """The yearly review of a hardship file."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    reviewed_on = models.DateField(_("reviewed on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    category = models.CharField(max_length=20, choices=HardshipCategory.choices, blank=True)
    household_income = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["file", "year"], name="welfare_review_yearly"),
        ]

    def __str__(self) -> str:
        return f"{self.file_id} {self.year} {self.outcome}"


class AidKind(models.TextChoices):
    CASH = "cash", _("Cash")
    GOODS = "goods", _("Goods")
    SCHOOLING = "schooling", _("Schooling aid")
    MEDICAL = "medical", _("Medical aid")


class HardshipAid(models.Model):
    file = models.ForeignKey(HardshipFile, on_delete=models.PROTECT, related_name="aid")
    kind = models.CharField(_("kind"), max_length=20, choices=AidKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    given_on = models.DateField(_("given on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="welfare_aid_positive"),
            # a retried request cannot give the same aid twice
            models.UniqueConstraint(
                fields=["file", "kind", "given_on"], name="welfare_aid_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_id} {self.kind} {self.amount}"
