from django.core.management.base import BaseCommand

from exports import services


class Command(BaseCommand):
    help = "Delete export files older than EXPORT_KEEP_DAYS and mark exports left unfinished that long as failed."

    def handle(self, *args, **options):
        counts = services.expire()
        self.stdout.write(f"expired: {counts['expired']}, stalled: {counts['stalled']}")
