from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind
from exports import kinds as export_kinds


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Đợt đề xuất nhiệm vụ"

    def ready(self):
        kinds.register(CallKind.PROPOSALS, unit_url=unit_url)
        # Imported once the apps are loaded: the writers read models.
        from . import export_jobs

        export_kinds.register(export_jobs.CONSOLIDATED, write=export_jobs.run_consolidated, office=True)
        export_kinds.register(export_jobs.UNIT, write=export_jobs.run_unit, office=False)


def unit_url(call, organisation) -> str:
    return reverse("rounds:proposal", args=[call.round.pk, organisation.code])
