"""Messages from the federation to unions: an in-app notice and an email, kept for good.

A reminder is written here in the same transaction as the business record that caused it;
a job delivers the emails. ``dedupe_key`` is unique, so a retried job never sends twice.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import Union


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app notice")
    EMAIL = "email", _("Email")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    kind = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    recipient = models.CharField(max_length=254, blank=True)
    link = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["union", "channel", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.union_id} {self.channel} {self.subject}"
