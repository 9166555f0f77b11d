from django.apps import AppConfig
from simple_history.signals import pre_create_historical_record

from core import clock


def _history_on_our_clock(sender, instance, history_instance, **kwargs):
    """History is dated by core.clock like every other record, so a test's or the demo's time holds there too."""
    if not hasattr(instance, "_history_date"):
        history_instance.history_date = clock.now()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        pre_create_historical_record.connect(_history_on_our_clock, dispatch_uid="core.history_on_our_clock")
