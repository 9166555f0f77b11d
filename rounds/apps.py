from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind
from exports import kinds as export_kinds


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Đợt đề xuất nhiệm vụ"

    def ready(self):
        # Imported once the apps are loaded: the sending hooks and the export writers use the models.
        from . import export_jobs
        from .sending import SENDING

        kinds.register(CallKind.PROPOSALS, unit_url=unit_url, sending=SENDING)
        export_kinds.register(export_jobs.CONSOLIDATED, write=export_jobs.run_consolidated, office=True)
        export_kinds.register(export_jobs.UNIT, write=export_jobs.run_unit, office=False)


def unit_url(call, organisation) -> str:
    return reverse("rounds:proposal", args=[call.round.pk, organisation.code])
