from django.conf import settings
from django.core.management.base import BaseCommand

from core.registry import hooks


class Command(BaseCommand):
    help = "Load the reference data (registry, programmes, …) from data/reference. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.BASE_DIR / "data" / "reference"))

    def handle(self, *args, data_dir, **options):
        from pathlib import Path

        for app, load in hooks("reference", "load"):
            counts = load(Path(data_dir))
            summary = ", ".join(f"{key}: {value}" for key, value in (counts or {}).items())
            self.stdout.write(f"{app}: {summary}")
