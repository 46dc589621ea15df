from django.contrib import admin

from federation.rules.models import RuleValue


@admin.register(RuleValue)
class RuleValueAdmin(admin.ModelAdmin):
    list_display = ("key", "value", "effective_from", "effective_to", "updated_by")
    list_filter = ("key",)
    search_fields = ("key", "note")
