"""Women workers' special protection (女职工四期保护), the yearly health check
(妇科普查) and 三八红旗手 nominations. Health data: read by the women workers' officer and
the chair only, every read audited."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProtectionKind(models.TextChoices):
    MENSTRUATION = "menstruation", _("Menstruation")
    PREGNANCY = "pregnancy", _("Pregnancy, maternity and nursing")


class ProtectionRecord(models.Model):
    """One entry of the 四期 register. A pregnancy record carries the dates the statutory
    entitlements are computed from; the stage (pregnancy, maternity, nursing) follows."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="protection_records",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProtectionKind.choices)
    pregnancy_started_on = models.DateField(_("pregnancy started on"), null=True, blank=True)
    expected_on = models.DateField(_("expected delivery"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    babies = models.PositiveSmallIntegerField(_("babies"), default=1)
    difficult_birth = models.BooleanField(_("difficult birth"), default=False)
    miscarried_on = models.DateField(_("miscarriage on"), null=True, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(babies__gte=1), name="rights_protection_babies_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind}"


class HealthCheck(models.Model):
    """The yearly women's health check (妇科普查), with who took part."""

    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["year"], name="rights_health_check_yearly")]

    def __str__(self) -> str:
        return f"{self.year} {self.held_on}"


class HealthCheckParticipant(models.Model):
    health_check = models.ForeignKey(
        HealthCheck, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "member"], name="rights_health_check_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.health_check_id} {self.member_id}"


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")


class HonourNomination(models.Model):
    """A 三八红旗手 (March 8th Red-Banner Holder) nomination."""

    year = models.PositiveSmallIntegerField(_("year"))
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    level = models.CharField(_("level"), max_length=50, blank=True)
    deeds = models.TextField(_("deeds"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "member"], name="rights_nomination_once"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.member_id}"
