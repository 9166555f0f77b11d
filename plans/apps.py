from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch hành động và hồ sơ kế hoạch năm"

    def ready(self):
        # Imported once the apps are loaded: the sending hooks use the models.
        from .sending import SENDING

        kinds.register(CallKind.DOSSIERS, unit_url=unit_url, sending=SENDING)


def unit_url(call, organisation) -> str:
    return reverse("plans:dossier", args=[call.dossiercall.plan_year, organisation.code])
