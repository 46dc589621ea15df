from django.db import models
from django.db.models.functions import Now
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


class DataChange(models.Model):
    """One row per transaction and table it wrote among those the dashboard page reads,
    kept by a statement trigger (``federation.dashboard.freshness``): each writing
    statement gives the row a new ``stamp`` from the table's sequence (never reused, not
    even after a rollback). The page's cached figures are keyed by these rows, so any
    write, by any service, bulk statement, COPY or hand-typed SQL, makes the next request
    compute them afresh; the table (``source``) lets a payment recompute only what reads
    dues notices. Old rows are pruned nightly."""

    id = models.BigAutoField(primary_key=True)
    txid = models.BigIntegerField()
    source = models.CharField(max_length=63, default="")
    stamp = models.BigIntegerField()
    at = models.DateTimeField(db_default=Now(), db_index=True)

    class Meta:
        verbose_name = _("dashboard data change")
        constraints = [
            models.UniqueConstraint(fields=["txid", "source"], name="dashboard_change_per_table")
        ]

    def __str__(self) -> str:
        return f"{self.txid} {self.source} {self.at:%Y-%m-%d %H:%M:%S}"
