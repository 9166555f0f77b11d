from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Đợt đề xuất nhiệm vụ"

    def ready(self):
        kinds.register(CallKind.PROPOSALS, submission_url=submission_url)


def submission_url(submission) -> str:
    return reverse("rounds:proposal", args=[submission.call.round.pk, submission.organisation.code])
