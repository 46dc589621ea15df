from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomesConfig(AppConfig):
    name = "federation.homes"
    label = "homes"
    verbose_name = _("Staff home")

    def ready(self) -> None:
        from federation.homes import rights_checks  # noqa: F401  (registers its checks)
        from federation.homes.audit_kinds import HomeAuditKind
        from federation.homes.demo import homes_demo_seed
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import FEDERATION_STAFF, VICE_CHAIR
        from federation.platform.audit.models import audit_kinds_register
        from tasks.schedule import jobs_register
        from tenants.demo import DEMO_HOOKS

        nav.register(
            "federation", "homes:overview", _("Staff home"), roles=FEDERATION_STAFF, order=30
        )
        nav.register("union", "union_homes:list", _("Staff home"), roles=(VICE_CHAIR,), order=50)
        audit_kinds_register(HomeAuditKind)
        jobs_register(
            "Staff home reminders (daily)",
            "homes.reminders_daily",
            {"minute": "15", "hour": "9"},
            "Reminds unions N days before a self-assessment deadline and before a title's "
            "re-check date.",
        )
        jobs_register(
            "Staff home titles past their re-check date (daily)",
            "homes.titles_withdraw_due",
            {"minute": "5", "hour": "1"},
            "Withdraws every title whose re-check date has passed and tells the union.",
        )
        if homes_demo_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(homes_demo_seed)
