from django.contrib import admin

from federation.reports.models import (
    Cycle,
    NewsAdoption,
    NewsChannel,
    NewsItem,
    ReportForm,
    Submission,
)


class ReadOnly(admin.ModelAdmin):
    """Changes go through the services (versions, history, audit), not the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportForm)
class ReportFormAdmin(ReadOnly):
    list_display = ["code", "version", "title", "created_at"]


@admin.register(Cycle)
class CycleAdmin(ReadOnly):
    list_display = ["form", "period", "due_date", "status"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnly):
    list_display = ["cycle", "union", "status", "submitted_at", "late"]
    list_filter = ["status", "late"]


@admin.register(NewsItem)
class NewsItemAdmin(ReadOnly):
    list_display = ["title", "union", "event_date", "status", "submitted_at"]


@admin.register(NewsChannel)
class NewsChannelAdmin(ReadOnly):
    list_display = ["code", "name", "points", "effective_from", "effective_to"]


@admin.register(NewsAdoption)
class NewsAdoptionAdmin(ReadOnly):
    list_display = ["news", "channel_code", "adopted_on", "points"]
