"""The actions of a cycle, for every kind: open a call, edit guard, send, return, accept,
acknowledge, comment. Each checks who acts, the state and the calendar, writes in one transaction and
records a SubmissionEvent. A kind's services call these with its own content in callbacks."""
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from core import clock
from core.locking import StaleItem, is_stale
from core.vn import format_date
from organisations.models import Organisation

from .models import EDITABLE, LATE_SENDING_DAYS, Call, EventKind, Senders, Status, Submission, SubmissionEvent, SubmissionVersion
from .signals import call_opened, submission_decided, submission_returned

STALE_MESSAGE = gettext_lazy("Bản này vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.")


class StaleSubmission(ValidationError):
    """Someone else changed the submission since this page was loaded."""


# --- Calls --------------------------------------------------------------------------------------

def _check_calendar(*, opens_on, deadline, accepts_late, closes_on):
    """The closing date of late sending, checked: the deadline + LATE_SENDING_DAYS when late sending is
    accepted and none is given, empty when it is not accepted."""
    if deadline < opens_on:
        raise ValidationError({"deadline": _("Hạn gửi phải sau ngày mở đợt.")})
    if not accepts_late:
        return None
    if closes_on is None:
        return deadline + timedelta(days=LATE_SENDING_DAYS)
    if closes_on < deadline:
        raise ValidationError({"closes_on": _("Ngày ngừng nhận bản gửi muộn phải sau hạn gửi.")})
    return closes_on


def _check_invited(invited, opens_on) -> list:
    invited = list(invited)
    ids = {getattr(unit, "pk", unit) for unit in invited}
    valid = set(Organisation.objects.reporting_units().valid_on(opens_on).filter(pk__in=ids).values_list("pk", flat=True))
    stray = ids - valid
    if stray:
        names = ", ".join(Organisation.objects.filter(pk__in=stray).order_by("name_vi").values_list("name_vi", flat=True))
        raise ValidationError({"invited": _("Các đơn vị sau không có trong danh mục vào ngày mở đợt %(d)s: %(n)s.")
                               % {"d": format_date(opens_on), "n": names}})
    return sorted(ids)


@transaction.atomic
def open_call(*, kind, programme, title, opens_on, deadline, invited, accepts_late=True, closes_on=None,
              reminder_days="14,7,2", senders=Senders.LEADER, instructions="", prepare=None) -> Call:
    """Open a call for the invited units (registry valid on `opens_on`). `prepare(call)` lets the kind
    add its own row before the units are told (collection.signals.call_opened)."""
    closes_on = _check_calendar(opens_on=opens_on, deadline=deadline, accepts_late=accepts_late, closes_on=closes_on)
    units = _check_invited(invited, opens_on)
    call = Call.objects.create(kind=kind, programme=programme, title=title, opens_on=opens_on, deadline=deadline,
                               accepts_late=accepts_late, closes_on=closes_on, reminder_days=reminder_days,
                               senders=senders, instructions=instructions)
    call.invited.set(units)
    if prepare is not None:
        prepare(call)
    call_opened.send(sender=Call, call=call)
    return call


@transaction.atomic
def change_call(*, call: Call, invite_more=(), **fields) -> Call:
    """Change a call's calendar, texts or reminder days and invite more units. Invited units are never
    dropped: a unit asked at opening stays asked (and counted) whatever a form shows."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    allowed = {"title", "opens_on", "deadline", "accepts_late", "closes_on", "reminder_days", "senders", "instructions"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"change_call cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(call, name, value)
    call.closes_on = _check_calendar(opens_on=call.opens_on, deadline=call.deadline, accepts_late=call.accepts_late,
                                     closes_on=call.closes_on)
    call.save()
    if invite_more:
        call.invited.add(*_check_invited(invite_more, call.opens_on))
    return call


# --- Submissions --------------------------------------------------------------------------------

def submission_for(*, call: Call, organisation) -> Submission:
    """The unit's submission for the call, created on first use; only invited units have one."""
    if not call.invited.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    submission, _created = Submission.objects.get_or_create(call=call, organisation=organisation)
    return submission


def content_for(model, *, call: Call, organisation, **owner):
    """The kind's submission model (`model`, a SubmissionContent) of the unit for the call, created with
    its Submission on first use; `owner` is the kind's own call FK (e.g. round=round_obj)."""
    existing = model.objects.filter(organisation=organisation, **owner).first()
    if existing is not None:
        return existing
    submission = submission_for(call=call, organisation=organisation)
    content, _created = model.objects.get_or_create(organisation=organisation, **owner, defaults={"submission": submission})
    return content


def can_send(user, submission: Submission) -> bool:
    """The call says who sends: the unit's leader (the default) or any of its officers."""
    if submission.call.senders == Senders.OFFICERS:
        return permissions.can_edit_unit_drafts(user, submission.organisation_id)
    return permissions.can_submit_for_unit(user, submission.organisation_id)


def _check_version(submission: Submission, expected_version) -> None:
    if is_stale(expected_version, submission.lock_version):
        raise StaleSubmission(STALE_MESSAGE)


def lock_for_edit(submission: Submission, user, expected_version=None) -> Submission:
    """Lock an editable submission for a change of its content by the unit (user None: the trusted
    demo and command-line paths). Call inside the kind's transaction, then `touch`."""
    submission = Submission.objects.select_for_update().select_related("call").get(pk=submission.pk)
    if user is not None and not permissions.can_edit_unit_drafts(user, submission.organisation_id):
        raise PermissionDenied
    if submission.status not in EDITABLE:
        raise ValidationError(_("Bản này đã gửi nên không sửa được. Văn phòng có thể trả lại để hoàn thiện."))
    _check_version(submission, expected_version)
    return submission


def touch(submission: Submission) -> None:
    """After an edit: the version guard moves on and a returned submission becomes a draft again (the
    office's reason stays shown until the unit sends)."""
    Submission.objects.filter(pk=submission.pk).update(lock_version=F("lock_version") + 1, updated_at=clock.now(),
                                                       status=Status.DRAFT)


# --- Content items edited one at a time (a proposal's task rows, a dossier's tasks) ---------------

def item_to_change(model, *, owner: dict, item=None, client_key=None, version=None):
    """The locked item of `model` (with `version` and `client_key` fields) that a save changes, or None
    for a new one. `owner` names the submission content it belongs to (e.g. {"proposal": proposal}).
    A client key already used finds the item it added (the same form posted again, a retried request);
    a version that is not the item's raises StaleItem; another owner's item is PermissionDenied.
    Call inside the kind's transaction, after `lock_for_edit`."""
    if client_key:
        return model.objects.select_for_update().filter(client_key=client_key, **owner).first()
    if item is None:
        return None
    current = model.objects.select_for_update().filter(pk=item.pk).first()
    if current is None:
        raise StaleItem(None)
    if not model.objects.filter(pk=current.pk, **owner).exists():
        raise PermissionDenied
    if is_stale(version, current.version):
        raise StaleItem(current)
    return current


def place_item(items, position=None) -> int:
    """The position of a new item among `items` (the owner's items, a queryset with `position`): after the
    last, or at `position` (undoing a delete puts it back), the items from there moving down one."""
    if position is None:
        return (items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    items.filter(position__gte=position).update(position=F("position") + 1)
    return position


def move_item(items, pk: int, offset: int) -> list[int]:
    """Move an item up (-1) or down (+1) among `items`; returns their ids in the new order (numbered 1, 2, …)."""
    ids = list(items.order_by("position", "id").values_list("pk", flat=True))
    if pk not in ids:
        raise StaleItem(None)
    here = ids.index(pk)
    ids.insert(max(0, min(len(ids) - 1, here + offset)), ids.pop(here))
    for position, item_pk in enumerate(ids, start=1):
        items.filter(pk=item_pk).exclude(position=position).update(position=position)
    return ids


def record(*, submission: Submission, kind: str, actor=None, note: str = "", item_id=None) -> SubmissionEvent:
    return SubmissionEvent.objects.create(submission=submission, kind=kind, actor=actor, note=note, item_id=item_id)


def late_refusal(call: Call, day) -> str | None:
    """Why the call refuses a send on `day`, or None when it accepts it."""
    if day < call.opens_on:
        return _("Đợt này chưa mở (mở ngày %(d)s).") % {"d": format_date(call.opens_on)}
    if day > call.deadline and not call.accepts_late_on(day):
        if call.accepts_late and call.closes_on:
            return _("Đã quá hạn gửi (%(d)s) và đợt này chỉ nhận bản gửi muộn đến ngày %(c)s.") % {
                "d": format_date(call.deadline), "c": format_date(call.closes_on)}
        return _("Đã quá hạn gửi (%(d)s) và đợt này không nhận bản gửi muộn.") % {"d": format_date(call.deadline)}
    return None


@transaction.atomic
def send(*, submission: Submission, user, freeze, expected_version=None) -> SubmissionVersion:
    """The unit sends: `freeze(submission)` returns the kind's (content, total_vnd) or raises
    ValidationError; the content is kept as a new version, on time or late (user None: the trusted
    demo and command-line paths)."""
    submission = Submission.objects.select_for_update().select_related("call", "organisation").get(pk=submission.pk)
    if user is not None and not can_send(user, submission):
        raise PermissionDenied
    if submission.status not in EDITABLE:
        raise ValidationError(_("Bản này đã được gửi."))
    _check_version(submission, expected_version)
    today = clock.today()
    refusal = late_refusal(submission.call, today)
    if refusal:
        raise ValidationError(refusal)
    content, total_vnd = freeze(submission)
    now = clock.now()
    late = today > submission.call.deadline
    number = submission.versions.count() + 1
    version = SubmissionVersion.objects.create(submission=submission, number=number, submitted_at=now,
                                               submitted_by=user, late=late, content=content, total_vnd=total_vnd)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.SUBMITTED, submitted_at=now, submitted_late=late, submitted_by=user, return_reason="",
        lock_version=F("lock_version") + 1, updated_at=now)
    record(submission=submission, kind=EventKind.SUBMIT, actor=user, note=_("Lần gửi %(n)s") % {"n": number})
    return version


def _lock_for_review(submission: Submission, user) -> Submission:
    if not permissions.is_office(user):
        raise PermissionDenied
    submission = Submission.objects.select_for_update().select_related("call", "organisation").get(pk=submission.pk)
    if submission.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ xử lý được bản đã gửi và chưa xử lý."))
    return submission


def _decide(submission: Submission, status: str, **changes) -> Submission:
    Submission.objects.filter(pk=submission.pk).update(status=status, lock_version=F("lock_version") + 1,
                                                       updated_at=clock.now(), **changes)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def return_submission(*, submission: Submission, user, reason: str) -> Submission:
    """Send it back to the unit with a reason, which the unit is told (collection.signals)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do trả lại để đơn vị biết cần hoàn thiện gì."))
    submission = _decide(_lock_for_review(submission, user), Status.RETURNED, return_reason=reason)
    record(submission=submission, kind=EventKind.RETURN, actor=user, note=reason)
    submission_returned.send(sender=Submission, submission=submission, reason=reason)
    return submission


@transaction.atomic
def accept(*, submission: Submission, user, note: str = "", apply=None) -> Submission:
    """Accept a sent submission; `apply(submission)` writes the kind's decision (approved amounts)."""
    submission = _lock_for_review(submission, user)
    if apply is not None:
        apply(submission)
    submission = _decide(submission, Status.ACCEPTED)
    record(submission=submission, kind=EventKind.ACCEPT, actor=user, note=(note or "").strip())
    submission_decided.send(sender=Submission, submission=submission)
    return submission


@transaction.atomic
def acknowledge(*, submission: Submission, user, note: str = "") -> Submission:
    """Take a sent submission on record without a decision on money (annual plan dossiers)."""
    submission = _decide(_lock_for_review(submission, user), Status.ACKNOWLEDGED)
    record(submission=submission, kind=EventKind.ACKNOWLEDGE, actor=user, note=(note or "").strip())
    submission_decided.send(sender=Submission, submission=submission)
    return submission


@transaction.atomic
def comment(*, submission: Submission, user, text: str, item_id=None) -> SubmissionEvent:
    if not permissions.can_view_unit(user, submission.organisation_id):
        raise PermissionDenied
    if not (text or "").strip():
        raise ValidationError(_("Nội dung góp ý không được để trống."))
    return record(submission=submission, kind=EventKind.COMMENT, actor=user, note=text.strip(), item_id=item_id)
