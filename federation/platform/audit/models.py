"""An append-only audit log, one table in every schema (public and each union).

Written explicitly by the services that change money or membership, in the same
transaction as the change (Zulip's RealmAuditLog pattern), never by signals.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    UNION_CREATED = "union.created", _("Union registered")
    UNION_UPDATED = "union.updated", _("Union updated")
    UNION_DEACTIVATED = "union.deactivated", _("Union deactivated")
    USER_CREATED = "user.created", _("User created")
    USER_UPDATED = "user.updated", _("User changed")


class RetiredAuditKind(models.TextChoices):
    """Kinds no service writes any more (a catch-all of early rows); kept so that those rows
    still read with a label. The apps' retired kinds live with the apps."""

    OTHER = "other", _("Other")


# Each feature app declares its own ``TextChoices`` of kinds (one per action) and registers
# it here, so labels are found without this module knowing the apps.
_KIND_ENUMS: list[type[models.TextChoices]] = [AuditKind, RetiredAuditKind]


def audit_kinds_register(enum: type[models.TextChoices]) -> type[models.TextChoices]:
    """Register an app's audit kinds (usable as a class decorator)."""
    if enum not in _KIND_ENUMS:
        _KIND_ENUMS.append(enum)
    return enum


def audit_kind_label(kind: str) -> str:
    for enum in _KIND_ENUMS:
        try:
            return str(enum(kind).label)
        except ValueError:
            continue
    return kind


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    # an AuditKind value; no `choices=` so that a new kind needs no migration
    kind = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    union_slug = models.CharField(max_length=40, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # Only the indexes a query uses: every member import writes one row per member, and
        # each index costs every row (issue 16). An object's history filters by type and id
        # (the pair); the admin filters by kind (equality); nothing searches object_id or
        # union_slug alone or by prefix (the admin's search is a substring: no index helps).
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["kind"], name="audit_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.object_type}#{self.object_id}"

    def get_kind_display(self) -> str:
        return audit_kind_label(self.kind)
