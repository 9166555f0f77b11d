import gzip

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` on the target database; sessions are not worth keeping.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "Write every table of the database to a gzipped XML file (full precision) (works on SQLite and PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. var/backup-2016-06-15.xml.gz")

    def handle(self, *args, path, **options):
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            call_command(
                "dumpdata", format="xml", natural_foreign=True, exclude=EXCLUDED, stdout=handle
            )
        self.stdout.write(f"backup written to {path}")
