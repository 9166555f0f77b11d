"""Who is told what, and when: the opening of a round, reminders before its deadline, the overdue
notice, the office's daily digest; and the sending of their e-mails with retries.

`run_due(now)` is the scheduler tick (a periodic job and `manage.py send_reminders`). Every event
has a unique key (kind, subject, recipient, date), so running the tick twice tells nobody twice."""
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts import permissions
from accounts.models import OFFICE_ROLES, UNIT_ROLES, Membership, NotificationChannel
from collection.kinds import CallKind, submission_url, unit_url
from collection.models import DONE, EDITABLE, Call, EventKind, SubmissionEvent
from collection.selectors import review_queue
from core import clock
from core.vn import format_date, format_money
from rounds.models import Round, TaskRow

from .models import Delivery, DeliveryStatus, Kind, Notification

log = logging.getLogger(__name__)

# The overdue notice is still sent this many days after the deadline if the scheduler was down.
OVERDUE_CATCH_UP_DAYS = 7
# A delivery claimed by a worker that died is given back after this long.
STALE_CLAIM = timedelta(minutes=15)


def unit_people(organisation_ids) -> dict:
    """Active officers and leaders of each unit: {organisation_id: [user, ...]}."""
    people = {}
    memberships = Membership.objects.filter(organisation_id__in=organisation_ids, role__in=UNIT_ROLES, user__is_active=True)
    for membership in memberships.select_related("user").order_by("user__full_name"):
        people.setdefault(membership.organisation_id, []).append(membership.user)
    return people


def office_people() -> list:
    memberships = Membership.objects.filter(role__in=OFFICE_ROLES, user__is_active=True).select_related("user")
    return list({m.user_id: m.user for m in memberships.order_by("user__full_name")}.values())


@transaction.atomic
def notify(*, recipient, kind, subject_key, event_date, title, body, link="", organisation=None, round_obj=None):
    """Record one event for one person (once), and queue its e-mail if the person wants e-mail.

    Returns the notification, or None when it had already been recorded."""
    notification, created = Notification.objects.get_or_create(
        recipient=recipient, kind=kind, subject_key=subject_key, event_date=event_date,
        defaults={"title": title[:255], "body": body, "link": link, "organisation": organisation, "round": round_obj,
                  "created_at": clock.now()},
    )
    if not created:
        return None
    if recipient.notification_channel == NotificationChannel.EMAIL and recipient.email:
        Delivery.objects.create(notification=notification, to_address=recipient.email, next_attempt_at=clock.now(),
                                created_at=clock.now())
    return notification


def _already_told(kind, subject_key, event_date) -> set:
    """Recipients already holding this event: lets a tick skip them without a query each."""
    return set(Notification.objects.filter(kind=kind, subject_key=subject_key, event_date=event_date)
               .values_list("recipient_id", flat=True))


# What a unit sends for each kind of call, as the notices name it.
WHAT = {CallKind.PROPOSALS: _lazy("đề xuất"), CallKind.DOSSIERS: _lazy("hồ sơ kế hoạch năm"),
        CallKind.INDICATORS: _lazy("báo cáo chỉ tiêu"), CallKind.PROGRESS: _lazy("báo cáo tiến độ nhiệm vụ")}


def _subject(call) -> str:
    """What the scheduler's notices of a call are about (rounds keep the key they always had)."""
    round_obj = _round_of_call(call)
    return f"round:{round_obj.pk}" if round_obj else f"call:{call.pk}"


def _round_of_call(call):
    return Round.objects.filter(call=call).first() if call.kind == CallKind.PROPOSALS else None


def _units_to_chase(call):
    """Invited units that have not sent, or whose submission was returned to them."""
    done = call.submissions.filter(status__in=DONE).values("organisation_id")
    return list(call.invited.exclude(pk__in=done))


def _return_reasons(call) -> dict:
    """{organisation_id: the office's reason} for the units whose submission was returned and not yet sent again."""
    return dict(call.submissions.filter(status__in=EDITABLE).exclude(return_reason="")
                .values_list("organisation_id", "return_reason"))


def notify_round_opened(round_obj: Round) -> int:
    """Tell every officer of every invited unit that the round is open (units invited later too)."""
    invited = list(round_obj.invited.all())
    people = unit_people([unit.pk for unit in invited])
    title = _("Mở đợt đề xuất: %(title)s, hạn gửi %(deadline)s") % {"title": round_obj.title, "deadline": format_date(round_obj.deadline)}
    told = _already_told(Kind.ROUND_OPENED, f"round:{round_obj.pk}", round_obj.opens_on)
    count = 0
    for unit in invited:
        if all(user.pk in told for user in people.get(unit.pk, [])):
            continue
        body = _(
            "Văn phòng giúp việc Ban điều hành Chiến lược sản xuất sạch hơn đã mở đợt \"%(title)s\" (kế hoạch năm %(year)s).\n"
            "Đề nghị %(unit)s đề xuất nhiệm vụ theo mẫu Phụ lục và gửi trên hệ thống trước hết ngày %(deadline)s.\n"
            "Công văn mở đợt và mẫu Phụ lục được đính kèm thư này và có trên trang của đợt."
        ) % {"title": round_obj.title, "year": round_obj.plan_year, "unit": unit.name_vi, "deadline": format_date(round_obj.deadline)}
        if round_obj.instructions:
            body += "\n\n" + _("Hướng dẫn:") + "\n" + round_obj.instructions
        for user in people.get(unit.pk, []):
            if notify(recipient=user, kind=Kind.ROUND_OPENED, subject_key=f"round:{round_obj.pk}", event_date=round_obj.opens_on,
                      title=title, body=body, link=unit_url(round_obj.call, unit), organisation=unit, round_obj=round_obj):
                count += 1
    return count


def _due_reminder_date(call, today):
    """The latest reminder date reached by `today` (a missed one is sent late, once), or None."""
    if today > call.deadline:
        return None
    dates = [call.deadline - timedelta(days=days) for days in call.reminder_offsets()]
    reached = [day for day in dates if call.opens_on < day <= today]
    return max(reached) if reached else None


def send_reminders(call, today) -> int:
    """Remind the units of a call that have not sent (returned ones included, told why and by when)."""
    reminder_date = _due_reminder_date(call, today)
    if reminder_date is None:
        return 0
    units = _units_to_chase(call)
    people = unit_people([unit.pk for unit in units])
    what, deadline = WHAT[call.kind], format_date(call.deadline)
    days_left = (call.deadline - today).days
    if days_left:
        title = _("Nhắc hạn: còn %(days)s ngày để gửi %(what)s \"%(title)s\" (hạn %(deadline)s)") % {
            "days": days_left, "what": what, "title": call.title, "deadline": deadline}
    else:
        title = _("Nhắc hạn: hôm nay là hạn gửi %(what)s \"%(title)s\"") % {"what": what, "title": call.title}
    subject, round_obj = _subject(call), _round_of_call(call)
    told = _already_told(Kind.REMINDER, subject, reminder_date)
    reasons = _return_reasons(call)
    count = 0
    for unit in units:
        if all(user.pk in told for user in people.get(unit.pk, [])):
            continue
        if unit.pk in reasons:
            body = _(
                "Bản %(what)s của %(unit)s trong đợt \"%(title)s\" đã bị trả lại, cần hoàn thiện trước hết ngày "
                "%(deadline)s rồi gửi lại.\nLý do trả lại: %(reason)s"
            ) % {"what": what, "unit": unit.name_vi, "title": call.title, "deadline": deadline, "reason": reasons[unit.pk]}
        else:
            body = _(
                "Hệ thống chưa nhận được %(what)s của %(unit)s trong đợt \"%(title)s\". Hạn gửi là hết ngày %(deadline)s.\n"
                "Nếu đơn vị đã gửi sau khi thư này được tạo, xin bỏ qua thư này."
            ) % {"what": what, "unit": unit.name_vi, "title": call.title, "deadline": deadline}
        for user in people.get(unit.pk, []):
            if notify(recipient=user, kind=Kind.REMINDER, subject_key=subject, event_date=reminder_date, title=title,
                      body=body, link=unit_url(call, unit), organisation=unit, round_obj=round_obj):
                count += 1
    return count


def send_overdue_notices(call, today) -> int:
    """The day after the deadline: tell the units of a call that have not sent."""
    notice_date = call.deadline + timedelta(days=1)
    if not notice_date <= today <= call.deadline + timedelta(days=OVERDUE_CATCH_UP_DAYS):
        return 0
    units = _units_to_chase(call)
    people = unit_people([unit.pk for unit in units])
    what, deadline = WHAT[call.kind], format_date(call.deadline)
    title = _("Quá hạn gửi %(what)s \"%(title)s\" (hạn %(deadline)s)") % {"what": what, "title": call.title,
                                                                        "deadline": deadline}
    if call.accepts_late_on(today):
        closing = _("Đợt này vẫn nhận bản gửi muộn; đề nghị đơn vị gửi sớm, bản gửi sẽ được ghi nhận là gửi muộn.")
    else:
        closing = _("Đợt này không nhận bản gửi muộn; đề nghị liên hệ Văn phòng nếu có vướng mắc.")
    subject, round_obj = _subject(call), _round_of_call(call)
    told = _already_told(Kind.OVERDUE, subject, notice_date)
    reasons = _return_reasons(call)
    count = 0
    for unit in units:
        if all(user.pk in told for user in people.get(unit.pk, [])):
            continue
        if unit.pk in reasons:
            body = _("Đã quá hạn %(deadline)s nhưng bản %(what)s bị trả lại của %(unit)s chưa được hoàn thiện và gửi lại.\n"
                     "Lý do trả lại: %(reason)s") % {"deadline": deadline, "what": what, "unit": unit.name_vi,
                                                     "reason": reasons[unit.pk]} + "\n" + closing
        else:
            body = _("Đã quá hạn %(deadline)s nhưng hệ thống chưa nhận được %(what)s của %(unit)s.") % {
                "deadline": deadline, "what": what, "unit": unit.name_vi} + "\n" + closing
        for user in people.get(unit.pk, []):
            if notify(recipient=user, kind=Kind.OVERDUE, subject_key=subject, event_date=notice_date, title=title,
                      body=body, link=unit_url(call, unit), organisation=unit, round_obj=round_obj):
                count += 1
    return count


def _day_bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def send_office_digest(today) -> int:
    """Each morning: the submissions and returns of the day before, and what waits for review, to every office person."""
    day = today - timedelta(days=1)
    start, end = _day_bounds(day)
    events = list(
        SubmissionEvent.objects.filter(kind__in=(EventKind.SUBMIT, EventKind.RETURN), created_at__gte=start, created_at__lt=end)
        .select_related("submission__organisation", "submission__call").order_by("created_at", "id")
    )
    told = _already_told(Kind.DIGEST, "office", today)
    people = [user for user in office_people() if user.pk not in told]
    if not events or not people:
        return 0
    waiting = review_queue()
    submitted = [e for e in events if e.kind == EventKind.SUBMIT]
    returned = [e for e in events if e.kind == EventKind.RETURN]
    title = _("Tổng hợp ngày %(day)s: %(submitted)s đề xuất được gửi, %(returned)s đề xuất trả lại") % {
        "day": format_date(day), "submitted": len(submitted), "returned": len(returned)}
    lines = []
    for heading, group in ((_("Đề xuất được gửi:"), submitted), (_("Đề xuất trả lại để hoàn thiện:"), returned)):
        if group:
            lines.append(heading)
            for event in group:
                local = timezone.localtime(event.created_at)
                lines.append(f"- {local:%H:%M} {event.submission.organisation.name_vi} — {event.submission.call.title}"
                             + (f" ({event.note})" if event.note else ""))
    if waiting:
        lines.append(_("Đang chờ Văn phòng xem xét (%(n)s):") % {"n": len(waiting)})
        lines += [f"- {submission.organisation.name_vi} — {submission.call.title}" for submission in waiting]
    count = 0
    for user in people:
        if notify(recipient=user, kind=Kind.DIGEST, subject_key="office", event_date=today, title=title,
                  body="\n".join(lines), link=reverse("collection:review_queue")):
            count += 1
    return count


def _submission_people(submission) -> list:
    return unit_people([submission.organisation_id]).get(submission.organisation_id, [])


def _round_of(submission):
    return Round.objects.filter(call_id=submission.call_id).first()


def notify_returned(submission, reason: str) -> int:
    """Tell the unit's officers and leader that the office returned their submission, and why."""
    title = _("Trả lại để hoàn thiện: %(title)s") % {"title": submission.call.title}
    body = _(
        "Văn phòng đã trả lại bản gửi của %(unit)s trong đợt \"%(title)s\" để hoàn thiện.\nLý do: %(reason)s\n"
        "Đề nghị đơn vị hoàn thiện và gửi lại trước hết ngày %(deadline)s."
    ) % {"unit": submission.organisation.name_vi, "title": submission.call.title, "reason": reason,
         "deadline": format_date(submission.call.deadline)}
    return _tell_unit(submission, Kind.RETURNED, title, body)


def _approved_lines(submission) -> list[str]:
    rows = TaskRow.objects.filter(proposal__submission=submission).order_by("position", "id")
    lines = [_("- %(name)s: được duyệt %(approved)s đồng (đề nghị %(requested)s đồng)") % {
        "name": row.name, "approved": format_money(row.approved_central_vnd or 0), "requested": format_money(row.central_vnd)}
        for row in rows]
    approved = sum(row.approved_central_vnd or 0 for row in rows)
    requested = sum(row.central_vnd for row in rows)
    return [_("Kinh phí NSTW được duyệt: %(approved)s đồng trên %(requested)s đồng đề nghị.") % {
        "approved": format_money(approved), "requested": format_money(requested)}] + lines


def notify_decided(submission) -> int:
    """Tell the unit's officers and leader the office's decision; for a proposal, the approved amounts."""
    title = _("%(status)s: %(title)s") % {"status": submission.get_status_display(), "title": submission.call.title}
    lines = [_("Văn phòng đã xem xét bản gửi của %(unit)s trong đợt \"%(title)s\": %(status)s.") % {
        "unit": submission.organisation.name_vi, "title": submission.call.title,
        "status": submission.get_status_display().lower()}]
    if submission.call.kind == CallKind.PROPOSALS:
        lines += _approved_lines(submission)
    return _tell_unit(submission, Kind.DECIDED, title, "\n".join(lines))


def notify_send_requested(submission, event, senders) -> int:
    """Tell the unit's senders that an officer asks them to check and send its draft: a link to the
    confirm page, where they see the summary and send."""
    what = WHAT[submission.call.kind]
    title = _("Đề nghị gửi %(what)s: %(title)s") % {"what": what, "title": submission.call.title}
    body = _(
        "%(officer)s đề nghị lãnh đạo xem và gửi %(what)s của %(unit)s trong đợt \"%(title)s\" (hạn gửi %(deadline)s).\n"
        "%(note)s"
    ) % {"officer": event.actor.full_name, "what": what, "unit": submission.organisation.name_vi,
         "title": submission.call.title, "deadline": format_date(submission.call.deadline), "note": event.note}
    link = reverse("collection:confirm_send", args=[submission.pk])
    count = 0
    for user in senders:
        if notify(recipient=user, kind=Kind.SEND_REQUESTED, subject_key=f"ask:{event.pk}", event_date=clock.today(),
                  title=title, body=body, link=link, organisation=submission.organisation, round_obj=_round_of(submission)):
            count += 1
    if count:
        transaction.on_commit(queue_sending)
    return count


def _tell_unit(submission, kind, title, body) -> int:
    count = 0
    subject = f"submission:{submission.pk}:{submission.lock_version}"
    for user in _submission_people(submission):
        if notify(recipient=user, kind=kind, subject_key=subject, event_date=clock.today(), title=title, body=body,
                  link=submission_url(submission), organisation=submission.organisation, round_obj=_round_of(submission)):
            count += 1
    if count:
        transaction.on_commit(queue_sending)
    return count


def on_round_opened(round_obj: Round) -> int:
    """Called when a round is created (collection.signals.call_opened): tell the units at once if it is open."""
    if round_obj.opens_on > clock.today():
        return 0  # the scheduler tells them on the opening day
    count = notify_round_opened(round_obj)
    if count:
        transaction.on_commit(queue_sending)
    return count


def queue_sending() -> None:
    """Ask the job runner to send the pending e-mails now rather than at its next tick."""
    from django_q.tasks import async_task

    try:
        async_task("notifications.jobs.send_pending_job", task_name="notifications.send_pending")
    except Exception:  # the periodic tick sends them anyway
        log.exception("could not queue the sending of notifications")


def _email(delivery: Delivery) -> EmailMessage:
    notification = delivery.notification
    site = settings.SITE_URL
    parts = [notification.body]
    if notification.link:
        parts.append(_("Xem trên hệ thống: %(url)s") % {"url": site + notification.link})
    parts.append(_("Thư này do Hệ thống thông tin SXSH gửi tự động. Có thể chọn chỉ nhận thông báo trong hệ thống tại %(url)s.")
                 % {"url": site + reverse("accounts:profile")})
    message = EmailMessage(subject="[SXSH] " + notification.title, body="\n\n".join(parts), to=[delivery.to_address])
    if notification.kind == Kind.ROUND_OPENED and notification.round_id:
        from . import letter

        round_obj = notification.round
        message.attach(letter.letter_filename(round_obj), letter.write_letter(letter.letter_data(round_obj)), letter.DOCX)
        message.attach(letter.annex_filename(round_obj, notification.organisation),
                       letter.annex_for(round_obj, notification.organisation), letter.XLSX)
    return message


def _retry_delay(attempts: int) -> timedelta:
    delays = settings.NOTIFICATIONS_RETRY_MINUTES or [10]
    return timedelta(minutes=delays[min(attempts, len(delays)) - 1])


def send_pending(now=None) -> dict:
    """Send the e-mails that are due. Each is claimed first, so two workers never send one twice."""
    now = now or clock.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM).update(status=DeliveryStatus.PENDING)
    due = list(Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
               .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:500])
    for pk in due:
        if not Delivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING).update(status=DeliveryStatus.SENDING, claimed_at=now):
            continue  # another worker took it
        delivery = Delivery.objects.select_related("notification__round", "notification__organisation").get(pk=pk)
        delivery.attempts += 1
        try:
            _email(delivery).send()
        except Exception as error:  # any failure of the mail server or of building the message
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            if delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                counts["failed"] += 1
                log.warning("e-mail %s to %s failed for good: %s", pk, delivery.to_address, delivery.last_error)
            else:
                delivery.status = DeliveryStatus.PENDING
                delivery.next_attempt_at = now + _retry_delay(delivery.attempts)
                counts["retry"] += 1
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = now
            delivery.last_error = ""
            counts["sent"] += 1
        delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"])
    return counts


def run_due(now=None) -> dict:
    """The scheduler tick: record every event due at `now`, then send the e-mails that are due."""
    now = now or clock.now()
    today = timezone.localdate(now)
    counts = {"opened": 0, "reminders": 0, "overdue": 0, "digest": 0}
    calls = Call.objects.filter(opens_on__lte=today, deadline__gte=today - timedelta(days=OVERDUE_CATCH_UP_DAYS))
    after_send_hour = timezone.localtime(now).hour >= settings.NOTIFICATIONS_SEND_HOUR
    for round_obj in Round.objects.filter(call__in=calls, call__deadline__gte=today):
        counts["opened"] += notify_round_opened(round_obj)
    if after_send_hour:
        for call in calls:  # every kind of call: proposals, dossiers, indicator reports
            counts["reminders"] += send_reminders(call, today)
            counts["overdue"] += send_overdue_notices(call, today)
    if after_send_hour:
        counts["digest"] = send_office_digest(today)
    counts.update(send_pending(now))
    return counts


# In-app actions


def mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=clock.now())


@transaction.atomic
def retry_delivery(*, delivery: Delivery, user) -> Delivery:
    """The office sends a failed e-mail again (after fixing the address or the mail server)."""
    if not permissions.is_office(user):
        raise PermissionDenied
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != DeliveryStatus.FAILED:
        raise ValidationError(_("Chỉ gửi lại được thư đã gửi không được."))
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = clock.now()
    delivery.to_address = delivery.notification.recipient.email or delivery.to_address
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "to_address"])
    transaction.on_commit(queue_sending)
    return delivery
