from django.apps import AppConfig
from django.urls import reverse

from collection import kinds
from collection.kinds import CallKind


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Kế hoạch hành động và hồ sơ kế hoạch năm"

    def ready(self):
        kinds.register(CallKind.DOSSIERS, submission_url=submission_url)


def submission_url(submission) -> str:
    return reverse("plans:dossier", args=[submission.call.dossiercall.plan_year, submission.organisation.code])
