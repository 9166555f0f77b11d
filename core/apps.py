from django.apps import AppConfig
from django.db.models.signals import pre_save

from .text import clean_on_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        pre_save.connect(clean_on_save, dispatch_uid="core.text.clean_on_save")
