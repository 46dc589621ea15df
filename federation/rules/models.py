from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class RuleValue(models.Model):
    """One value of one rule, in force from ``effective_from`` (to ``effective_to`` when
    set). A computation for a date uses the row in force on that date."""

    key = models.CharField(_("rule"), max_length=80, db_index=True)
    value = models.JSONField(_("value"))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("rule value")
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="rule_once_per_day"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="rule_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.effective_from}: {self.value!r}"
