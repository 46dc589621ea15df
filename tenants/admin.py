from django.contrib import admin

from tenants.models import Domain, Union, UnionHealth, UnionRollup


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    can_delete = False


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "status", "ready", "employee_count", "created_at")
    list_filter = ("kind", "status", "ready")
    search_fields = ("name", "slug", "credit_code")
    readonly_fields = ("schema_name", "slug", "status", "ready", "created_at", "deactivated_at")
    inlines = [DomainInline]

    def has_add_permission(self, request):
        # unions are registered through the federation page or the API (tenants.services)
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnionHealth)
class UnionHealthAdmin(admin.ModelAdmin):
    list_display = (
        "union",
        "taken_on",
        "schema_present",
        "migrations_applied",
        "table_count",
        "last_activity",
    )
    list_filter = ("migrations_applied",)


@admin.register(UnionRollup)
class UnionRollupAdmin(admin.ModelAdmin):
    list_display = ("union", "members_active", "members_women", "members_migrant", "updated_at")
