"""Sending a unit's draft, for every kind: who may send it, the officer's request to them, and what the
sender confirms — the rows, the totals, the warnings and what changed since the last send. A kind
tells its rows and warnings through collection.kinds.Sending."""
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import UNIT_ROLES, Membership, Role
from core import clock, vn

from . import kinds
from .models import EDITABLE, EventKind, Senders, Submission, SubmissionEvent
from .services import can_send, record
from .signals import send_requested


def senders_of(submission: Submission) -> list:
    """The active people who may send the unit's submission (the same rule as services.can_send), by name."""
    roles = UNIT_ROLES if submission.call.senders == Senders.OFFICERS else {Role.UNIT_LEADER}
    memberships = (Membership.objects.filter(organisation_id=submission.organisation_id, role__in=roles, user__is_active=True)
                   .select_related("user").order_by("user__full_name", "user_id"))
    return list({m.user_id: m.user for m in memberships}.values())


@transaction.atomic
def ask_to_send(*, submission: Submission, user, note: str = "") -> SubmissionEvent:
    """An officer who may not send asks the unit's senders to: recorded as an event, and each sender is
    told (collection.signals.send_requested, heard by notifications)."""
    submission = Submission.objects.select_for_update().select_related("call", "organisation").get(pk=submission.pk)
    if not permissions.can_edit_unit_drafts(user, submission.organisation_id):
        raise PermissionDenied
    if submission.status not in EDITABLE:
        raise ValidationError(_("Bản này đã được gửi."))
    if can_send(user, submission):
        raise ValidationError(_("Bạn có quyền gửi bản này; hãy mở trang xác nhận để gửi."))
    senders = senders_of(submission)
    if not senders:
        raise ValidationError(_("Đơn vị chưa có lãnh đạo nào có tài khoản trên hệ thống. Hãy đề nghị Văn phòng "
                                "tạo tài khoản cho lãnh đạo đơn vị."))
    names = ", ".join(sender.full_name for sender in senders)
    text = _("Đề nghị %(names)s xem và gửi.") % {"names": names}
    if (note or "").strip():
        text += " " + note.strip()
    event = record(submission=submission, kind=EventKind.ASK_TO_SEND, actor=user, note=text)
    send_requested.send(sender=Submission, submission=submission, event=event, senders=senders)
    return event


# --- What the sender confirms -----------------------------------------------------------------------


@dataclass
class Changes:
    """What changed between two lists of rows: rows added, removed, and changed with the changed fields' labels."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # [(row, [label, ...])]

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


def compare(before: list, after: list, fields: dict) -> Changes:
    """Rows are matched by "id" where both sides have one, then by name (the first field, folded)."""
    name = next(iter(fields))
    left = list(before)
    by_id = {row["id"]: row for row in left if row.get("id") is not None}
    pairs, unmatched = [], []
    for row in after:
        old = by_id.pop(row["id"], None) if row.get("id") is not None else None
        if old is not None:
            left.remove(old)
            pairs.append((old, row))
        else:
            unmatched.append(row)
    changes = Changes()
    for row in unmatched:
        old = next((o for o in left if vn.fold(str(o.get(name, ""))) == vn.fold(str(row.get(name, "")))), None)
        if old is None:
            changes.added.append(row)
        else:
            left.remove(old)
            pairs.append((old, row))
    changes.removed = left
    for old, row in pairs:
        labels = [label for key, label in fields.items() if (old.get(key) or "") != (row.get(key) or "")]
        if labels:
            changes.changed.append((row, labels))
    return changes


@dataclass
class Line:
    number: int
    row: dict
    cells: list  # [(value, is_amount)] in the order of the kind's fields
    warnings: list


@dataclass
class Summary:
    submission: Submission
    kind: kinds.Sending
    fields: dict
    amounts: tuple
    lines: list
    totals: list  # [(label, whole đồng)] per amount field
    money_unit: str
    previous: object = None  # the last sent SubmissionVersion
    changes: Changes | None = None

    @property
    def name_field(self) -> str:
        return next(iter(self.fields))

    @property
    def money_label(self) -> str:
        return vn.MONEY_UNITS[self.money_unit]["label"]

    @property
    def late(self) -> bool:
        """Sending today would be late."""
        return clock.today() > self.submission.call.deadline

    @property
    def warning_count(self) -> int:
        return sum(len(line.warnings) for line in self.lines)



def summary(submission: Submission) -> Summary:
    """The content as the sender confirms it (or, once sent, as the office reviews it): every row with its
    warnings, the totals of each amount field, and what changed since the send before (None if none)."""
    kind = kinds.sending_of(submission.call.kind)
    fields, amounts = kind.columns()
    rows = kind.rows(kind.content(submission))
    lines = [Line(number, row, [(row.get(key), key in amounts) for key in fields], list(kind.warnings(row)))
             for number, row in enumerate(rows, start=1)]
    totals = [(fields[key], sum(row.get(key) or 0 for row in rows)) for key in amounts]
    # A draft is compared with the last send; a sent submission (its content is that send) with the one before.
    earlier = submission.versions.order_by("-number")
    previous = earlier.first() if submission.status in EDITABLE else earlier[1:2].first()
    changes = compare(kind.rows(previous.content), rows, fields) if previous else None
    return Summary(submission, kind, fields, amounts, lines, totals, kind.money_unit(submission), previous, changes)


def send(*, submission: Submission, user, expected_version=None):
    """The sender confirms: the kind freezes and sends (collection.services.send checks who and when)."""
    return kinds.sending_of(submission.call.kind).send(submission, user, expected_version)


def panel(user, submission: Submission | None) -> dict:
    """Who may send a draft and what this user can do about it: send (open the confirm page) or ask."""
    if submission is None or submission.status not in EDITABLE or kinds.sending_of(submission.call.kind) is None:
        return {}
    may_send = can_send(user, submission)
    asks = submission.events.filter(kind=EventKind.ASK_TO_SEND)
    if submission.submitted_at:  # a request before the last send was answered by it
        asks = asks.filter(created_at__gt=submission.submitted_at)
    last_ask = asks.select_related("actor").order_by("-created_at", "-id").first()
    return {
        "submission": submission, "senders": senders_of(submission), "can_send": may_send,
        "can_ask": not may_send and permissions.can_edit_unit_drafts(user, submission.organisation_id),
        "last_ask": last_ask,
    }
