from django.db import models


class Probe(models.Model):
    name = models.CharField(max_length=40)
    score = models.IntegerField(default=0)
    note = models.CharField(max_length=40, default="", blank=True)

    class Meta:
        indexes = [models.Index(fields=["score", "name"], name="probe_score_name")]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=0), name="probe_score_gte_0")
        ]

    def __str__(self) -> str:
        return self.name
