from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to .mo (pure Python: no system gettext needed)."

    def handle(self, *args, **options):
        count = 0
        for po_path in Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/*.po"):
            if ".venv" in po_path.parts:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
