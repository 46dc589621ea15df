from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tenants import cloning, fastmigrate
from tenants.services import federation_tenant_ensure, template_schema_ensure


class Command(BaseCommand):
    help = (
        "Migrate the public schema, the template schema and every union schema. Union "
        "schemas take the fast path (the template's SQL planned once, replayed per schema); "
        "--tenant-executor=django migrates each schema with django-tenants' executor instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tenant-executor", choices=["fast", "django"], default="fast")
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        federation_tenant_ensure()
        if options["tenant_executor"] == "django":
            template_schema_ensure(verbosity=verbosity)
            call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        else:
            plan = fastmigrate.plan_prepare()
            template_schema_ensure(verbosity=verbosity)
            report = fastmigrate.plan_apply(plan, workers=options["workers"])
            if verbosity:
                self.stdout.write(
                    f"Union schemas: {len(report.schemas_fast)} by the fast path, "
                    f"{len(report.schemas_normal)} by the executor, "
                    f"{report.schemas_current} already current ({report.seconds:.1f} s)."
                )
            if report.failed:
                lines = "\n".join(f"  {s}: {e}" for s, e in sorted(report.failed.items()))
                raise CommandError(f"{len(report.failed)} union schema(s) failed:\n{lines}")
        # the template's dump for provisioning, taken here once per migration state rather
        # than by the first union registered after a deploy (tenants/cloning.py)
        cloning.template_ddl(settings.TENANT_BASE_SCHEMA)
        from tasks.schedule import beat_schedule_ensure

        beat_schedule_ensure()
        self.stdout.write(self.style.SUCCESS("All schemas migrated."))
