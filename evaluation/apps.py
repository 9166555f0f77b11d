from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Đánh giá chỉ tiêu"

    def ready(self):
        kinds.register(CallKind.INDICATORS, unit_url=unit_url)


def unit_url(call, organisation) -> str:
    return reverse("evaluation:report", args=[call.reportingperiod.pk, organisation.code])
