"""Read-mostly admin: money rows change only through the services (audited)."""

from django.contrib import admin

from federation.dues.models import (
    DuesNotice,
    DuesPolicy,
    OrganizingTarget,
    Payment,
    PayrollDeclaration,
    Reminder,
    Remittance,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DuesNotice)
class DuesNoticeAdmin(ReadOnly):
    list_display = [
        "id",
        "union",
        "target",
        "period",
        "amount_due",
        "amount_paid",
        "status",
        "due_date",
    ]
    list_filter = ["status", "period"]


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["reference", "notice", "amount", "paid_on", "recorded_by"]
    search_fields = ["reference"]


for model in (DuesPolicy, PayrollDeclaration, Reminder, Remittance, OrganizingTarget):
    admin.site.register(model, ReadOnly)
