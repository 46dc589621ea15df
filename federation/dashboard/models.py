from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Union


class RollupDrift(models.Model):
    """A roll-up value the nightly reconciliation found wrong and corrected: the record of
    how far the pushed numbers had drifted from a recount in the union's own schema."""

    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="rollup_drifts")
    found_at = models.DateTimeField(auto_now_add=True, db_index=True)
    field = models.CharField(max_length=40)
    recorded = models.CharField(max_length=40)
    recounted = models.CharField(max_length=40)

    class Meta:
        ordering = ["-found_at", "union_id", "field"]
        verbose_name = _("roll-up drift")

    def __str__(self) -> str:
        return f"{self.union_id} {self.field}: {self.recorded} -> {self.recounted}"
