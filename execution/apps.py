from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class ExecutionConfig(AppConfig):
    name = "execution"
    verbose_name = "Thực hiện nhiệm vụ"

    def ready(self):
        kinds.register(CallKind.PROGRESS, submission_url=submission_url)


def submission_url(submission) -> str:
    return reverse("execution:report", args=[submission.progress_report.pk])
