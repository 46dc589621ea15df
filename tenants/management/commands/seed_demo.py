"""Seed a demo township: 示例镇总工会 with six unions of different kinds."""

import os

from django.core.management.base import BaseCommand

from tenants.demo import demo_seed


class Command(BaseCommand):
    help = "Seed the demo township on first run (does nothing when it is already there)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "Demo-2026!"))
        parser.add_argument("--port", type=int, default=None, help="port shown in the printed URLs")

    def handle(self, *args, **options):
        created, logins = demo_seed(chair_password=options["password"], port=options["port"])
        if not created:
            self.stdout.write("Demo township already seeded.")
            return
        self.stdout.write(self.style.SUCCESS("Demo township seeded: 示例镇总工会"))
        for url, username in logins:
            self.stdout.write(f"  {url}  chair login: {username} / {options['password']}")
