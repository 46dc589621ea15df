from django.contrib import admin

from workplaces.members.models import (
    ImportJob,
    Member,
    MemberDuesRule,
    MembershipApplication,
    UnionGroup,
)


@admin.register(MemberDuesRule)
class MemberDuesRuleAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "effective_to", "rate", "floor_unit", "note"]


@admin.register(UnionGroup)
class UnionGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "leader"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Read-only: members change through the services, which audit and roll up."""

    list_display = ["member_no", "name", "status", "employment", "group", "joined_on"]
    list_filter = ["status", "employment", "gender"]
    search_fields = ["name", "member_no"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(MemberAdmin):
    list_display = ["name", "status", "submitted_at", "decided_on"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(ImportJob)
class ImportJobAdmin(MemberAdmin):
    list_display = ["filename", "status", "created", "updated", "created_at"]
    list_filter = ["status"]
    search_fields = ["filename"]
    exclude = ["content"]
