"""Demo: the scheduler run over the demo round's dates, so units have opening notices, reminders
and an overdue notice, the office a digest, and one e-mail that failed; no day after the demo's today."""
from datetime import timedelta

from django.utils import timezone

from collection.models import EventKind, SubmissionEvent
from core import clock
from rounds.models import Round

from . import services
from .models import Delivery, DeliveryStatus, Kind, Notification


def load(stdout):
    # Opening, return and decision notices come with the rounds demo; the scheduler's ones mean it already ran.
    if Notification.objects.filter(kind__in=[Kind.REMINDER, Kind.OVERDUE, Kind.DIGEST]).exists():
        stdout.write("notifications: demo notifications already there")
        return
    round_obj = Round.objects.order_by("call__opens_on").first()
    if round_obj is None:
        stdout.write("notifications: no round, nothing to notify")
        return
    days = [round_obj.opens_on] + [round_obj.deadline - timedelta(days=d) for d in round_obj.call.reminder_offsets()]
    days += [round_obj.deadline + timedelta(days=1)]
    events = SubmissionEvent.objects.filter(submission__call=round_obj.call, kind__in=(EventKind.SUBMIT, EventKind.RETURN))
    days += [timezone.localdate(moment) + timedelta(days=1) for moment in events.values_list("created_at", flat=True)]
    with clock.Story() as story:
        for day in sorted(set(days)):
            if story.reached(day, hour=8):
                services.run_due(clock.now())
    delivery = Delivery.objects.filter(status=DeliveryStatus.SENT).order_by("id").first()
    if delivery is not None:  # one e-mail shown as failed on the office's page
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED, attempts=3,
            last_error=f"SMTPRecipientsRefused: {{'{delivery.to_address}': (550, b'5.1.1 Mailbox unavailable')}}",
        )
    stdout.write(f"notifications: {Notification.objects.count()} notifications, {Delivery.objects.count()} e-mails")
