"""The office's review queue over every call: filtered by where each unit stands, sorted by sent date or
name. The filter lives in the query string, so a queue can be bookmarked, and it is carried through the
review pages, so that after an action the reviewer goes on to the next unit of the same queue.

A fixed number of queries whatever the number of calls and units (collection/tests/test_review_queue.py)."""
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock, vn

from .kinds import review_url, unit_url
from .models import EDITABLE, RECEIVED, Call, Status, Submission

STATUSES = {
    "to_review": _("Chờ xem xét"),
    "returned": _("Đã trả lại"),
    "accepted": _("Đã chấp nhận"),
    "late": _("Gửi muộn"),
    "missing": _("Chưa gửi"),
}
SORTS = {
    "sent_asc": _("Gửi sớm nhất trước"),
    "sent_desc": _("Gửi gần nhất trước"),
    "name": _("Tên đơn vị"),
}
# Which submissions each filter holds. Returned: sent back and not sent again (an edit makes it a draft,
# the office's reason stays until the next send). Accepted: decided, acknowledged dossiers included.
# Late: sent after the deadline and held by the office. "missing" holds the invited units with nothing sent.
SUBMISSION_FILTERS = {
    "to_review": Q(status=Status.SUBMITTED),
    "returned": Q(status__in=EDITABLE) & ~Q(return_reason=""),
    "accepted": Q(status__in=(Status.ACCEPTED, Status.ACKNOWLEDGED)),
    "late": Q(status__in=RECEIVED, submitted_late=True),
}
NOT_SENT = Q(status=Status.DRAFT, return_reason="")
# The kinds' call rows, read with the submission so that each item's links cost no query.
CALL_ROWS = ("call__round", "call__dossiercall", "call__reportingperiod")


@dataclass(frozen=True)
class QueueFilter:
    status: str = "to_review"
    sort: str = "sent_asc"
    call: int | None = None  # one call's queue (linked from its board)

    @classmethod
    def from_query(cls, query) -> "QueueFilter":
        """The filter of a query string; unknown values fall back to the defaults."""
        status = query.get("status") if query.get("status") in STATUSES else cls.status
        sort = query.get("sort") if query.get("sort") in SORTS else cls.sort
        return cls(status, sort, vn.whole_number(query.get("call") or "", max_digits=18))

    def query(self, **changes) -> str:
        """This filter (with `changes`) as a query string, for links that keep it."""
        values = {"status": self.status, "sort": self.sort, "call": self.call, **changes}
        return urlencode({key: value for key, value in values.items() if value is not None})


@dataclass
class Item:
    """An invited unit of a call in the queue; `submission` is None for a unit that has not started."""

    call: Call
    organisation: object
    submission: Submission | None
    url: str  # the kind's page of the unit
    review_url: str  # the office's review page (the same page for kinds reviewed there)

    @property
    def anchor(self) -> str:
        return f"q-{self.call.pk}-{self.organisation.pk}"

    @property
    def submitted_at(self):
        return self.submission.submitted_at if self.submission else None

    @property
    def late(self) -> bool:
        return bool(self.submission and self.submission.submitted_late)

    @property
    def status_label(self):
        if self.submission is None:
            return STATUSES["missing"]
        return self.submission.get_status_display()


def _calls(queue_filter: QueueFilter, today):
    """The calls the queue covers: one call when asked; otherwise every call for the sent filters, and the
    calls still taking sends for "missing" (a unit can do nothing about a closed call)."""
    calls = Call.objects.all()
    if queue_filter.call is not None:
        return calls.filter(pk=queue_filter.call)
    if queue_filter.status == "missing":
        return calls.open_on(today)
    return calls


def _missing(calls):
    """The (call, unit) invitations of `calls` with nothing sent."""
    sent = Submission.objects.filter(call_id=OuterRef("call_id"), organisation_id=OuterRef("organisation_id")).exclude(NOT_SENT)
    return Call.invited.through.objects.filter(call__in=calls).exclude(Exists(sent))


def _descending(queue_filter: QueueFilter) -> bool:
    return queue_filter.sort == "sent_desc" and queue_filter.status != "missing"


def _sort_key(queue_filter: QueueFilter):
    def by_name(item):
        return (vn.fold(item.organisation.name_vi), vn.fold(item.call.title), item.call.pk)

    if queue_filter.sort == "name" or queue_filter.status == "missing":
        return by_name

    def by_sent(item):
        return (item.submitted_at, item.submission.pk)

    return by_sent


def items(queue_filter: QueueFilter, today=None) -> list:
    """The queue's units in its order."""
    today = today or clock.today()
    calls = _calls(queue_filter, today)
    if queue_filter.status == "missing":
        pairs = _missing(calls).select_related("call", "organisation", *CALL_ROWS)
        found = [Item(p.call, p.organisation, None, unit_url(p.call, p.organisation), unit_url(p.call, p.organisation))
                 for p in pairs]
    else:
        submissions = (Submission.objects.filter(SUBMISSION_FILTERS[queue_filter.status], call__in=calls)
                       .select_related("call", "organisation", *CALL_ROWS))
        found = [Item(s.call, s.organisation, s, unit_url(s.call, s.organisation), review_url(s.call, s.organisation))
                 for s in submissions]
    found.sort(key=_sort_key(queue_filter), reverse=_descending(queue_filter))
    return found


def counts(queue_filter: QueueFilter, today=None) -> dict:
    """{status: number of units} for the filter's call (or every call), in two queries."""
    today = today or clock.today()
    submissions = Submission.objects.all()
    if queue_filter.call is not None:
        submissions = submissions.filter(call_id=queue_filter.call)
    found = submissions.aggregate(**{key: Count("pk", filter=condition) for key, condition in SUBMISSION_FILTERS.items()})
    found["missing"] = _missing(_calls(QueueFilter("missing", call=queue_filter.call), today)).count()
    return found


def next_after(queue_filter: QueueFilter, submission: Submission, today=None) -> Item | None:
    """The unit after `submission` in the queue as it stands now (the submission itself may have left it,
    e.g. once accepted it is no longer to review): the reviewer's place is kept by its sort key."""
    key, descending = _sort_key(queue_filter), _descending(queue_filter)
    here = key(Item(submission.call, submission.organisation, submission, "", ""))
    for item in items(queue_filter, today):
        if item.submission is not None and item.submission.pk == submission.pk:
            continue
        if (key(item) < here) if descending else (key(item) > here):
            return item
    return None


def carried(query) -> QueueFilter | None:
    """The queue filter a review page was opened with (its query string), or None when it was not opened
    from the queue."""
    return QueueFilter.from_query(query) if query.get("status") in STATUSES else None


def place_after(queue_filter: QueueFilter, submission: Submission, today=None) -> str:
    """Where the reviewer goes after acting on `submission`: the next unit of the same queue with the
    filter kept, or back to the queue when none is left."""
    following = next_after(queue_filter, submission, today)
    if following is not None and following.review_url:
        return f"{following.review_url}?{queue_filter.query()}#review"
    return f"{reverse('collection:review_queue')}?{queue_filter.query()}"
