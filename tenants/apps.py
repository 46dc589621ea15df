from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_routes(sender, **kwargs) -> None:
    from tenants.middleware import routing_cache_clear_on_change

    routing_cache_clear_on_change()


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Unions")

    def ready(self) -> None:
        from tenants.models import Domain, Union

        # a union or a domain changed in this process: its host is looked up again on the
        # next request (tenants/middleware.py)
        for model in (Union, Domain):
            post_save.connect(_forget_routes, sender=model, dispatch_uid=f"routes-{model.__name__}")
            post_delete.connect(
                _forget_routes, sender=model, dispatch_uid=f"routes-del-{model.__name__}"
            )
