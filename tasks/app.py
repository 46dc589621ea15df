"""The Celery app. Tasks are tenant-aware (tenant-schemas-celery): a task sent from inside
a union's schema runs in that schema; a dispatcher names each union's schema explicitly."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "federation.config.settings")

app = CeleryApp("gonglian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    lambda: [
        "tasks",
        "federation.platform.outbox",
        "federation.dues",
        "federation.homes",
        "federation.reports",
        "tenants",
        "workplaces.members",
        "workplaces.rights",
        "workplaces.organization",
        "workplaces.finance",
    ],
    related_name="tasks",
)
