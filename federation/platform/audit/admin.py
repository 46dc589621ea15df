from django.contrib import admin

from federation.platform.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "object_type", "object_id", "actor_name", "union_slug")
    list_filter = ("kind",)
    search_fields = ("object_id", "actor_name", "union_slug", "note")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
