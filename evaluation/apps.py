from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Đánh giá chỉ tiêu"

    def ready(self):
        # Imported once the apps are loaded: the sending hooks use the models.
        from .sending import SENDING

        kinds.register(CallKind.INDICATORS, unit_url=unit_url, sending=SENDING)


def unit_url(call, organisation) -> str:
    return reverse("evaluation:report", args=[call.reportingperiod.pk, organisation.code])
