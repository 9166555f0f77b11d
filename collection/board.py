"""The completeness board of a call, for every kind: who was asked, who sent (on time or late), who
is drafting, was sent back or has not started; and the list of who still owes what.

The measures are DHIS2's reporting rates: expected = units invited at opening; actual = units whose
submission the office holds (sent and not sent back); on time = those whose first send was by the
deadline. Three queries whatever the number of units; `totals` gives the actual/expected of many calls
in one query."""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from organisations.models import KIND_GROUP, OrganisationKind

from .models import RECEIVED, Call, Status, Submission, SubmissionVersion

STATES = {
    "not_started": _("Chưa bắt đầu"),
    "draft": _("Đang soạn"),
    "returned": _("Trả lại để hoàn thiện"),
    "on_time": _("Đã gửi đúng hạn"),
    "late": _("Đã gửi muộn"),
    "accepted": _("Đã chấp nhận"),
    "acknowledged": _("Đã tiếp nhận"),
}
# The unit still owes something: nothing sent yet, or sent back to it.
OWING = ("not_started", "draft", "returned")


@dataclass
class BoardLine:
    """One invited unit."""

    organisation_id: int
    code: str
    name: str
    kind: str
    state: str
    submitted_at: object = None
    items: int = 0  # the kind's content count (task rows, dossier tasks, indicator values)
    versions: int = 0
    return_reason: str = ""

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def kind_label(self):
        return OrganisationKind(self.kind).label

    @property
    def owes(self) -> bool:
        return self.state in OWING


@dataclass
class Board:
    lines: list
    counts: dict = field(default_factory=dict)
    expected: int = 0
    actual: int = 0
    actual_on_time: int = 0

    @property
    def reporting_rate(self):
        return round(100 * self.actual / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self):
        return round(100 * self.actual_on_time / self.expected, 1) if self.expected else None

    @property
    def owing(self) -> list:
        return [line for line in self.lines if line.owes]


def _state(submission: dict | None, items: int) -> str:
    if submission is None:
        return "not_started" if not items else "draft"
    status = submission["status"]
    if status == Status.DRAFT:
        return "draft" if items or submission["n_versions"] else "not_started"
    if status == Status.SUBMITTED:
        return "late" if submission["submitted_late"] else "on_time"
    return status


def completeness_board(call: Call, *, items: dict | None = None, group: str | None = None,
                       kind: str | None = None) -> Board:
    """The board of `call`; `items` is the kind's {organisation_id: content count}; `group` and
    `kind` narrow it to an organisation group or kind."""
    items = items or {}
    first_late = SubmissionVersion.objects.filter(submission=OuterRef("pk")).order_by("number").values("late")[:1]
    submissions = {
        s["organisation_id"]: s
        for s in Submission.objects.filter(call=call)
        .annotate(n_versions=Count("versions"), first_late=Subquery(first_late))
        .values("organisation_id", "status", "submitted_late", "submitted_at", "return_reason", "n_versions", "first_late")
    }
    board = Board(lines=[])
    counts = defaultdict(int)
    for org in call.invited.order_by("name_vi").values("id", "code", "name_vi", "kind"):
        if (group and KIND_GROUP.get(org["kind"]) != group) or (kind and org["kind"] != kind):
            continue
        submission = submissions.get(org["id"])
        n_items = items.get(org["id"], 0)
        line = BoardLine(org["id"], org["code"], org["name_vi"], org["kind"], _state(submission, n_items), items=n_items)
        if submission:
            line.submitted_at = submission["submitted_at"]
            line.versions = submission["n_versions"]
            line.return_reason = submission["return_reason"]
        board.lines.append(line)
        counts[line.state] += 1
        board.expected += 1
        if submission and submission["status"] in RECEIVED:
            board.actual += 1
            board.actual_on_time += submission["first_late"] is False
    board.counts = {key: counts.get(key, 0) for key in STATES}
    return board


def totals(call_ids) -> dict:
    """{call id: (actual, expected)} for many calls in one grouped query, the same counts as each call's
    board: expected = units invited, actual = those of them whose submission the office holds."""
    invitations = Call.invited.through.objects.filter(call_id__in=call_ids)
    held = Submission.objects.filter(call_id=OuterRef("call_id"), organisation_id=OuterRef("organisation_id"),
                                     status__in=RECEIVED)
    rows = (invitations.values("call_id").order_by()
            .annotate(expected=Count("pk"), actual=Count("pk", filter=Q(Exists(held)))))
    found = {row["call_id"]: (row["actual"], row["expected"]) for row in rows}
    return {call_id: found.get(call_id, (0, 0)) for call_id in call_ids}
