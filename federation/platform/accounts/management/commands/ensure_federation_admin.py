import os

from django.core.management.base import BaseCommand

from federation.platform.accounts.services import federation_admin_ensure


class Command(BaseCommand):
    help = (
        "Create the federation administrator from FEDERATION_ADMIN_USER / "
        "FEDERATION_ADMIN_PASSWORD; without a password one is generated and printed once."
    )

    def handle(self, *args, **options):
        username = os.environ.get("FEDERATION_ADMIN_USER") or "admin"
        password = os.environ.get("FEDERATION_ADMIN_PASSWORD") or None
        user, generated = federation_admin_ensure(username=username, password=password)
        if generated:
            from django.conf import settings

            saved = settings.BASE_DIR / ".data" / "federation-admin-password.txt"
            saved.parent.mkdir(exist_ok=True)
            saved.write_text(f"{username} {generated}\n", encoding="utf-8")
            saved.chmod(0o600)
            self.stdout.write(
                self.style.WARNING(
                    f"Federation admin created: {username} / {generated}\n"
                    "  (shown only this once, and kept in .data/federation-admin-password.txt until you "
                    "delete it; set FEDERATION_ADMIN_PASSWORD to choose one)"
                )
            )
        elif password:
            self.stdout.write(
                f"Federation admin: {username} (password from FEDERATION_ADMIN_PASSWORD)"
            )
        else:
            self.stdout.write(f"Federation admin: {username} (existing; password unchanged)")
