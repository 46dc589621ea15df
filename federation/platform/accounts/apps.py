from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "federation.platform.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from federation.platform import pgtypes  # noqa: F401 - timestamptz by psycopg's C loader
        from federation.platform.accounts import checks, nav  # noqa: F401 - registers checks
        from federation.platform.accounts.roles import FEDERATION_STAFF

        nav.register(
            "federation",
            "unions:list",
            _("Unions"),
            roles=FEDERATION_STAFF,
            order=10,
        )
        nav.register("union", "home", _("Home"), order=0)
        # roles=("-",): nobody but the top role of the side (admin / chair)
        nav.register("federation", "accounts:users", _("Accounts"), roles=("-",), order=90)
        nav.register("union", "accounts:users", _("Accounts"), roles=("-",), order=90)

        # /admin/login/ goes through the same throttle as the login page and the token API
        from django.contrib import admin

        from federation.platform.accounts.views import ThrottledAdminAuthenticationForm

        admin.site.login_form = ThrottledAdminAuthenticationForm
