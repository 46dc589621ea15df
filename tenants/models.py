"""The tenancy core: a workplace union is a tenant with its own PostgreSQL schema."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tenants.models import DomainMixin, TenantMixin

from tenants.validators import validate_credit_code


class UnionKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    INSTITUTION = "institution", _("Public institution")
    OTHER = "other", _("Other")


class UnionStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class Union(TenantMixin):
    """A workplace union (基层工会). The public schema itself is a row too (slug ``public``)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnionKind.choices)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
    )
    employee_count = models.PositiveIntegerField(_("employees"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=UnionStatus.choices, default=UnionStatus.PREPARING
    )
    ready = models.BooleanField(_("ready"), default=False)
    is_federation = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    # provisioning is explicit (tenants.services.union_create), never a side effect of save()
    auto_create_schema = False
    auto_drop_schema = False
    clone_mode = "NODATA"

    class Meta:
        ordering = ["name"]
        verbose_name = _("union")
        verbose_name_plural = _("unions")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="union_credit_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domain")


class UnionRollup(models.Model):
    """Facts the federation needs from inside a union, pushed when they change.

    Written by the union-side services (members) and recomputed nightly; pages read this
    table and never loop over tenant schemas.
    """

    union = models.OneToOneField(Union, on_delete=models.CASCADE, related_name="rollup")
    members_active = models.PositiveIntegerField(default=0)
    members_women = models.PositiveIntegerField(default=0)
    members_migrant = models.PositiveIntegerField(default=0)
    members_retained = models.PositiveIntegerField(default=0)
    # the union's monthly member dues (会费) total, for reference on its dues page
    member_dues_monthly = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.union_id}: {self.members_active} active"


class EmployeeCountChange(models.Model):
    """The history of a union's registered employee count: who set it, when, from what.
    ``Union.employee_count`` is the latest value; this keeps every value with its date."""

    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="employee_counts")
    count = models.PositiveIntegerField(_("employees"))
    previous = models.PositiveIntegerField(null=True, blank=True)
    as_of = models.DateField(_("as of"))
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.CharField(max_length=150, blank=True)
    side = models.CharField(max_length=12, blank=True)  # "federation" | "union"
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-as_of", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.union_id}: {self.count} as of {self.as_of}"


class UnionFact(models.Model):
    """One named fact from inside a union (a roll-up), for modules added after
    ``UnionRollup``: ``organization.term``, ``congress.last_held_on``, ... Keyed by union
    and key; the value is JSON (numbers, dates as ISO strings, small dicts). Pushed by the
    union-side services when the fact changes (``tenants.facts.facts_refresh``) and
    recomputed nightly; public pages read it and never enter the union's schema."""

    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="facts")
    key = models.CharField(max_length=60)
    value = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["union", "key"], name="union_fact_once_per_key")
        ]
        indexes = [models.Index(fields=["key", "union"])]

    def __str__(self) -> str:
        return f"{self.union_id} {self.key}={self.value!r}"


class UnionHealth(models.Model):
    """A nightly snapshot of one union's schema, one row per union and day."""

    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="health")
    taken_on = models.DateField()
    taken_at = models.DateTimeField()
    schema_present = models.BooleanField(default=False)
    migrations_applied = models.BooleanField(default=False)
    unapplied_migrations = models.PositiveIntegerField(default=0)
    table_count = models.PositiveIntegerField(default=0)
    user_count = models.PositiveIntegerField(default=0)
    last_activity = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["union", "taken_on"], name="union_health_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.taken_on}"


class MemberIndex(models.Model):
    """The federation-wide member index (一次入会): one row per person and union.

    ``id_hash`` is an HMAC-SHA256 of the normalised resident ID number keyed with
    ``settings.ID_HASH_SECRET``; the plain number never reaches the public schema. The
    partial unique constraint lets a person be active in one union of the federation only.
    """

    id_hash = models.CharField(max_length=64)
    # no index of its own: the unique (union, id_hash) below serves lookups by union
    union = models.ForeignKey(
        Union, on_delete=models.CASCADE, related_name="member_index", db_index=False
    )
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["id_hash"], condition=models.Q(active=True), name="member_index_one_active"
            ),
            models.UniqueConstraint(
                fields=["union", "id_hash"], name="member_index_once_per_union"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id_hash[:12]}… @ {self.union_id} ({'active' if self.active else 'inactive'})"


class TransferStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("transfer status", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("transfer status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("transfer status", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("transfer status", "Cancelled")


class MemberTransfer(models.Model):
    """A member's transfer (动态接转) between two unions of the federation.

    What the destination needs (name, ID number, history) travels in ``payload``,
    encrypted with a key derived from ``settings.ID_HASH_SECRET``; only a masked name is
    kept in clear for the federation's list.
    """

    from_union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="transfers_out")
    to_union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="transfers_in")
    id_hash = models.CharField(max_length=64)
    source_member_id = models.BigIntegerField()
    member_label = models.CharField(max_length=60, blank=True)
    payload = models.TextField()
    reason = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    destination_member_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_hash"],
                condition=models.Q(status="pending"),
                name="member_transfer_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_label} {self.from_union_id} -> {self.to_union_id} ({self.status})"


class MemberIndexRelease(models.Model):
    """A row of the member index the federation released, with the reason: every active
    row of a union it deactivated (when the clerk chose to release them), or one person
    stuck in a union that no longer serves. ``reclaimed_at`` is set when a reactivation
    gave the row back to its union."""

    index = models.ForeignKey(MemberIndex, on_delete=models.CASCADE, related_name="releases")
    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="index_releases")
    reason = models.CharField(_("reason"), max_length=300)
    by_deactivation = models.BooleanField(default=False)
    released_at = models.DateTimeField(auto_now_add=True)
    released_by = models.CharField(max_length=150, blank=True)
    reclaimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-released_at", "-id"]

    def __str__(self) -> str:
        return f"{self.index_id} released from {self.union_id}: {self.reason}"


class TemplateStructure(models.Model):
    """The template schema's structure as SQL (``pg_dump --schema-only``), one row per
    migration state of the template (``fingerprint``). Kept in the database so the dump,
    which reads the whole catalog (seconds with hundreds of unions), is taken once per
    migration state rather than once per web or worker process."""

    fingerprint = models.CharField(max_length=200, unique=True)
    ddl = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.fingerprint
