from django.apps import AppConfig


class FastMigrateAppConfig(AppConfig):
    """A tenant app that exists only under pytest: its migrations are what the fast
    migration path is tested (and benchmarked) with."""

    name = "tests.fastmigrate_app"
    label = "fastmigrate_app"
    default_auto_field = "django.db.models.BigAutoField"
