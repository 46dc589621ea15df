from django.contrib import admin

from federation.dashboard.models import RollupDrift


@admin.register(RollupDrift)
class RollupDriftAdmin(admin.ModelAdmin):
    list_display = ("found_at", "union", "field", "recorded", "recounted")
    list_filter = ("field",)
    readonly_fields = [f.name for f in RollupDrift._meta.fields]
