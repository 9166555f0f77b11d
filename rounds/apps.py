from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Đợt đề xuất nhiệm vụ"

    def ready(self):
        # Imported once the apps are loaded: the sending hooks use the models.
        from .sending import SENDING

        kinds.register(CallKind.PROPOSALS, unit_url=unit_url, sending=SENDING)


def unit_url(call, organisation) -> str:
    return reverse("rounds:proposal", args=[call.round.pk, organisation.code])
