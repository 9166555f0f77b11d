from django.core.management.base import BaseCommand

from notifications import services


class Command(BaseCommand):
    help = "Run the notification scheduler once: opening notices, reminders, overdue notices, the digest, e-mails due."

    def handle(self, *args, **options):
        counts = services.run_due()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
