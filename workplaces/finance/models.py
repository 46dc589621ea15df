"""The union's own money (in the union's schema), per the 2017 rules for basic-level union
funds: budget, income and expense entries with approval, the audit committee (经审), and
the member dues ledger (会费). Category codes come from the rule table."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.activities.files import private_storage, voucher_path
from workplaces.members.models import Member


class EntryKind(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Entered")
    FUNDS_RETURN = "funds_return", _("Returned union funds (回拨)")
    MEMBER_DUES = "member_dues", _("Member dues collected")
    REVERSAL = "reversal", _("Reversal")


class Budget(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    category = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "category"], name="budget_line_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"


class DuesCollection(models.Model):
    """One collection of member dues (a payroll deduction run, an import): its total arrives
    in the books as one income entry."""

    month = models.DateField()
    reference = models.CharField(_("reference"), max_length=64, unique=True)
    paid_on = models.DateField(_("paid on"))
    total = models.DecimalField(max_digits=14, decimal_places=2)
    members = models.PositiveIntegerField(default=0)
    created_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-id"]

    def __str__(self) -> str:
        return self.reference


class Entry(models.Model):
    """An income or expense entry. It is never deleted (a database trigger refuses it): a
    mistake is reversed by a counter-entry with the opposite amount, and both rows stay."""

    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    category = models.CharField(_("category"), max_length=40)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    on = models.DateField(_("date"))
    summary = models.CharField(pgettext_lazy("bookkeeping", "summary"), max_length=300)
    voucher_no = models.CharField(_("voucher number"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices)
    source = models.CharField(
        max_length=20, choices=EntrySource.choices, default=EntrySource.MANUAL
    )
    # a per-person cap of the rule table this expense counts against, and for how many people
    cap = models.CharField(_("spending cap"), max_length=40, blank=True)
    headcount = models.PositiveIntegerField(_("people"), null=True, blank=True)
    committee_decision = models.CharField(_("committee decision"), max_length=300, blank=True)
    committee_decided_on = models.DateField(_("decided on"), null=True, blank=True)
    author_id = models.BigIntegerField(null=True, blank=True)
    author_name = models.CharField(max_length=150, blank=True)
    approved_by = models.CharField(max_length=150, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=300, blank=True)
    reversal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    # 回拨: the public dues payment this share came from (once per payment, by constraint)
    dues_payment_id = models.BigIntegerField(null=True, blank=True, unique=True)
    collection = models.OneToOneField(
        DuesCollection, null=True, blank=True, on_delete=models.PROTECT, related_name="entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [models.Index(fields=["on", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(reversal_of__isnull=False),
                name="entry_positive_unless_reversal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.category} {self.amount}"


class Attachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=voucher_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class FinalAccount(models.Model):
    """The year's final accounts (决算): the totals frozen when the year is closed."""

    year = models.PositiveSmallIntegerField(unique=True)
    closed_on = models.DateField()
    totals = models.JSONField(default=dict)
    closed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class ReviewKind(models.TextChoices):
    BUDGET = "budget", _("Budget review")
    FINAL_ACCOUNTS = "final_accounts", _("Final accounts review")
    SPECIAL = "special", _("Special check")


class AuditReview(models.Model):
    """A review by the audit committee (经审): budget, final accounts or a special check."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    reviewed_on = models.DateField(_("reviewed on"))
    conclusion = models.TextField(_("conclusion"), blank=True)
    reported_to_members_on = models.DateField(
        _("reported to the members on"), null=True, blank=True
    )
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return self.title


class FindingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("finding", "Open")
    CLOSED = "closed", _("Rectified")


class AuditFinding(models.Model):
    review = models.ForeignKey(AuditReview, on_delete=models.PROTECT, related_name="findings")
    description = models.TextField(_("finding"))
    responsible = models.CharField(_("responsible person"), max_length=100)
    deadline = models.DateField(_("rectify by"))
    status = models.CharField(max_length=10, choices=FindingStatus.choices, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    rectification = models.TextField(_("rectification"), blank=True)

    class Meta:
        ordering = ["status", "deadline", "id"]

    def __str__(self) -> str:
        return self.description[:40]


class MemberDues(models.Model):
    """One member's dues for one month: what was due (from the wage and the rule table in
    force that month) and what was paid."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_months")
    month = models.DateField()  # the first of the month
    wage = models.DecimalField(max_digits=14, decimal_places=2)
    due = models.DecimalField(max_digits=14, decimal_places=2)
    paid = models.DecimalField(default=Decimal("0.00"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(null=True, blank=True)
    collection = models.ForeignKey(
        DuesCollection, null=True, blank=True, on_delete=models.PROTECT, related_name="rows"
    )

    class Meta:
        ordering = ["-month", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="member_dues_once_a_month"),
            models.CheckConstraint(
                condition=Q(due__gte=0) & Q(paid__gte=0), name="member_dues_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%Y-%m}"

    @property
    def unpaid(self) -> bool:
        return self.paid < self.due


class DuesImportLine(models.Model):
    """One member's payment read from an imported file (bank or payroll list). The same
    payment (member, month, paid on, amount) is recorded once, by constraint, so importing
    a file again, or a longer file holding it, changes nothing."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_imported")
    month = models.DateField()  # the first of the month the payment is for
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    paid_on = models.DateField()
    collection = models.ForeignKey(
        DuesCollection, on_delete=models.PROTECT, related_name="import_lines"
    )
    row = models.PositiveIntegerField()  # the row of the file it came from (header: 1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-paid_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "month", "paid_on", "amount"], name="dues_import_line_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_import_line_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%Y-%m} {self.amount}"


class UnpaidDecision(models.Model):
    """The officer's decision on a member listed as unpaid for months in a row; the member's
    status is never changed by the app (the constitution treats it as leaving)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="unpaid_decisions")
    decided_on = models.DateField()
    decision = models.CharField(max_length=300)
    decided_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.decided_on}"
