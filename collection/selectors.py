"""Reads shared by every kind: what waits for the office's review, a unit's dashboard card."""
from django.utils.translation import gettext as _

from core.vn import format_date

from .kinds import submission_url
from .models import Status, Submission


def review_queue() -> list:
    """Sent submissions of every call waiting for the office, oldest first, each with its page (one query)."""
    waiting = list(Submission.objects.filter(status=Status.SUBMITTED)
                   .select_related("call", "organisation", "call__round", "call__dossiercall", "call__reportingperiod")
                   .order_by("submitted_at", "pk"))
    for submission in waiting:
        submission.url = submission_url(submission)
    return waiting


def unit_card(submission, call) -> dict:
    """The value and note of a unit's dashboard card for a call: its state and deadline, and the office's
    reason while its submission is returned (until it sends again). `submission` may be a kind's model."""
    note = _("hạn gửi %(d)s") % {"d": format_date(call.deadline)}
    if submission is not None and submission.return_reason:
        note = _("Trả lại: %(reason)s — %(note)s") % {"reason": submission.return_reason, "note": note}
    return {"value": submission.get_status_display() if submission is not None else _("Chưa bắt đầu"), "note": note}
