from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import federation_tenant_ensure, template_schema_ensure


class Command(BaseCommand):
    help = "Migrate the public schema, the template schema and every union schema."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        federation_tenant_ensure()
        template_schema_ensure(verbosity=verbosity)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        from tasks.schedule import beat_schedule_ensure

        beat_schedule_ensure()
        self.stdout.write(self.style.SUCCESS("All schemas migrated."))
