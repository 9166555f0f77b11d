import gzip
import os
import tempfile

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Replace the database contents with a backup made by `manage.py backup` (after `migrate`)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path, yes, **options):
        if not yes and input("Every current row will be replaced. Type 'yes' to continue: ") != "yes":
            self.stdout.write("cancelled")
            return
        with gzip.open(path, "rt", encoding="utf-8") as packed:
            content = packed.read()
        # Backups are JSON (core.backup_format); older ones were XML. loaddata reads the extension.
        suffix = ".xml" if content.lstrip().startswith("<") else ".sxshjson"
        with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as plain:
            plain.write(content)
        try:
            # One transaction: a broken backup leaves the database as it was.
            with transaction.atomic():
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                # The backup brings its own content types (with their ids): forget this database's.
                ContentType.objects.clear_cache()
                call_command("loaddata", plain.name, verbosity=0)
        finally:
            os.unlink(plain.name)
            ContentType.objects.clear_cache()
        self.stdout.write(f"restored from {path}")
