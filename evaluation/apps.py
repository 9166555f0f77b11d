from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Đánh giá chỉ tiêu"

    def ready(self):
        kinds.register(CallKind.INDICATORS, submission_url=submission_url)


def submission_url(submission) -> str:
    return reverse("evaluation:report", args=[submission.call.reportingperiod.pk, submission.organisation.code])
