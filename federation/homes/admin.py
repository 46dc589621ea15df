"""Read-only admin: assessments change only through the services (history and audit)."""

from django.contrib import admin

from federation.homes.models import Assessment, HomeRule, Round, Scheme, Title


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnly):
    list_display = ["id", "round", "union", "status", "self_total", "score", "level"]
    list_filter = ["status", "round"]


@admin.register(Title)
class TitleAdmin(ReadOnly):
    list_display = [
        "number",
        "union",
        "level",
        "awarded_on",
        "recheck_due",
        "current",
        "withdrawn_on",
    ]
    list_filter = ["current", "level__name"]


@admin.register(HomeRule)
class HomeRuleAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "effective_to",
        "member_share_min",
        "recheck_months",
        "congress_months",
    ]


for model in (Scheme, Round):
    admin.site.register(model, ReadOnly)
