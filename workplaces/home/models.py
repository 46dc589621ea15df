"""Per-user state of the union home, in the union's schema: which federation notices each
user has read (a notice is the union's; reading it is one person's)."""

from django.conf import settings
from django.db import models


class NoticeRead(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices_read"
    )
    # an OutboxMessage of the public schema (no foreign key across schemas)
    message_id = models.BigIntegerField()
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "message_id"], name="notice_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.message_id}"
