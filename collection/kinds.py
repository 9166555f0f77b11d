"""What each kind tells the core about itself, so collection never imports a kind: filled in the
kind's AppConfig.ready (rounds, plans, evaluation, execution). Read by collection's review queue and by
notifications for the links in their notices."""
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class CallKind(models.TextChoices):
    PROPOSALS = "proposals", _("Đề xuất nhiệm vụ")
    DOSSIERS = "dossiers", _("Hồ sơ kế hoạch năm")
    INDICATORS = "indicators", _("Báo cáo chỉ tiêu")
    PROGRESS = "progress", _("Báo cáo tiến độ nhiệm vụ")


_unit_urls = {}


def register(kind: str, *, unit_url) -> None:
    """`unit_url(call, organisation)` is the address of the kind's page of one unit's submission."""
    _unit_urls[kind] = unit_url


def unit_url(call, organisation) -> str:
    """The kind's page of a unit in a call; empty for a call that has no kind row to show it."""
    try:
        return _unit_urls[call.kind](call, organisation)
    except ObjectDoesNotExist:
        return ""


def submission_url(submission) -> str:
    return unit_url(submission.call, submission.organisation)
