"""What each kind tells the core about itself, so collection never imports a kind: filled in the
kind's AppConfig.ready (rounds, plans, evaluation, execution). Read by collection's review queue, its
confirm-send page (collection.sending) and by notifications for the links in their notices."""
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class CallKind(models.TextChoices):
    PROPOSALS = "proposals", _("Đề xuất nhiệm vụ")
    DOSSIERS = "dossiers", _("Hồ sơ kế hoạch năm")
    INDICATORS = "indicators", _("Báo cáo chỉ tiêu")
    PROGRESS = "progress", _("Báo cáo tiến độ nhiệm vụ")


@dataclass(frozen=True)
class Sending:
    """How a kind shows a unit's draft before it is sent, and sends it (collection.sending).

    Rows are plain dicts keyed by `fields`; the first field names the row. A row carries an "id" when
    its content has one, so a renamed row is seen as changed rather than removed and added."""

    noun: str  # what the unit sends, as messages name it ("đề xuất")
    fields: dict | Callable  # row field -> label, in the order shown (or a function giving it, for data-made columns)
    content: Callable  # submission -> the content a send would freeze now
    rows: Callable  # a content (the draft's or a sent version's) -> [row]
    send: Callable  # (submission, user, expected_version) -> SubmissionVersion
    amounts: tuple | Callable = ()  # the fields holding whole đồng, totalled (or a function giving them)
    money_unit: Callable = lambda submission: "dong"  # the unit the call shows amounts in
    warnings: Callable = lambda row: []  # row -> [message]: worth a look, never blocking
    review_url: Callable | None = None  # (call, organisation) -> the office's review page of a unit


    def columns(self) -> tuple[dict, tuple]:
        """The fields and the amount fields, for kinds whose columns come from data."""
        fields = self.fields() if callable(self.fields) else self.fields
        amounts = self.amounts() if callable(self.amounts) else self.amounts
        return fields, tuple(amounts)


_unit_urls = {}
_sending = {}


def register(kind: str, *, unit_url, sending: Sending | None = None) -> None:
    """`unit_url(call, organisation)` is the address of the kind's page of one unit's submission."""
    _unit_urls[kind] = unit_url
    if sending is not None:
        _sending[kind] = sending


def unit_url(call, organisation) -> str:
    """The kind's page of a unit in a call; empty for a call that has no kind row to show it."""
    try:
        return _unit_urls[call.kind](call, organisation)
    except ObjectDoesNotExist:
        return ""


def submission_url(submission) -> str:
    return unit_url(submission.call, submission.organisation)


def sending_of(kind: str) -> Sending | None:
    return _sending.get(kind)


def review_url(call, organisation) -> str:
    """The office's review page of a unit, or its page when the kind reviews there."""
    sending = _sending.get(call.kind)
    if sending is not None and sending.review_url is not None:
        try:
            return sending.review_url(call, organisation)
        except ObjectDoesNotExist:
            return ""
    return unit_url(call, organisation)
