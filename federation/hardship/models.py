"""The township's index of households with an open hardship file (public schema).

One row per person of a household whose file is open: ``key_hash`` is the keyed hash of
the person's resident ID number (the same HMAC as the member index,
``workplaces.members.crypto.id_hash``). The partial unique constraint lets a person
belong to one open file in the whole township, so a spouse in another union cannot open
a second file for the same household. No names, no plain numbers, no foreign key to a
union's rows (``file_id`` is the union's own file number).
"""

from django.db import models

from tenants.models import Union


class HouseholdClaim(models.Model):
    key_hash = models.CharField(max_length=64)
    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="hardship_claims")
    file_id = models.PositiveBigIntegerField()
    is_open = models.BooleanField(default=True)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key_hash"],
                condition=models.Q(is_open=True),
                name="hardship_one_open_file_per_person",
            ),
        ]
        indexes = [models.Index(fields=["union", "file_id"])]

    def __str__(self) -> str:
        return f"{self.key_hash[:12]}… @ {self.union_id} #{self.file_id}"
