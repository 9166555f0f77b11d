import gzip
import os
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Sessions are not worth keeping. Content types and permissions are kept: users and groups refer to them.
EXCLUDED = ["sessions"]


class Command(BaseCommand):
    help = "Write every table of the database to a gzipped JSON file (full precision) (works on SQLite and PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. var/backup-2016-06-15.json.gz")

    def handle(self, *args, path, **options):
        # JSON holds any stored string (XML cannot hold control characters). Written under a temporary
        # name beside the target and renamed only once complete, so a failed run leaves no partial file.
        target = Path(path)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        os.close(handle)
        try:
            with gzip.open(partial, "wt", encoding="utf-8") as packed:
                call_command("dumpdata", format="sxshjson", natural_foreign=True, exclude=EXCLUDED, stdout=packed)
            os.replace(partial, target)
        except BaseException:
            os.unlink(partial)
            raise
        self.stdout.write(f"backup written to {path}")
