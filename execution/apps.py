from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class ExecutionConfig(AppConfig):
    name = "execution"
    verbose_name = "Thực hiện nhiệm vụ"

    def ready(self):
        kinds.register(CallKind.PROGRESS, unit_url=unit_url)


def unit_url(call, organisation) -> str:
    """A progress report's call has one invited unit and one submission: its report page."""
    return reverse("execution:report", args=[call.submissions.get(organisation=organisation).progress_report.pk])
