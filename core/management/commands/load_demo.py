from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import hooks


class Command(BaseCommand):
    help = "Load the demo scenario (accounts for each role, sample data of every app). Safe to run again."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        with transaction.atomic():
            for _app, load in hooks("demo", "load"):
                load(stdout=self.stdout)
