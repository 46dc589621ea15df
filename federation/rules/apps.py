from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "federation.rules"
    label = "rules"
    verbose_name = _("Rule table")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.audit.models import audit_kinds_register
        from federation.rules.kinds import RulesAuditKind
        from federation.rules.services import rules_defaults_ensure_after_migrate

        audit_kinds_register(RulesAuditKind)

        nav.register("federation", "rules:list", _("Rule table"), order=90)
        post_migrate.connect(rules_defaults_ensure_after_migrate, sender=self)
