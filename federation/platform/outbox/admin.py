from django.contrib import admin

from federation.platform.outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "union", "channel", "kind", "subject", "status", "read_at")
    list_filter = ("channel", "status", "kind")
    search_fields = ("subject", "union__name", "recipient")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
