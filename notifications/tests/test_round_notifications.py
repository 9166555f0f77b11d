"""A whole round driven by the clock: who is told what, and when, and never twice."""
from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import NotificationChannel
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from notifications import services
from notifications.models import Delivery, DeliveryStatus, Kind, Notification
from rounds import services as rounds
from rounds.tests.factories import open_2017_round, task


def at(day, hour=9, minute=0):
    return datetime(2016, *day, hour, minute)


def tick(clock, when):
    clock.set_now(when)
    mail.outbox.clear()
    return services.run_due()


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).order_by("event_date", "id").values_list("kind", "event_date"))


@pytest.fixture
def opened(world, clock):
    clock.set_now(at((5, 13)))
    leader = world.user(UNIT_LEADER)
    leader.notification_channel = NotificationChannel.IN_APP
    leader.save()
    return open_2017_round(world, reminder_days="14,7,2", instructions="Đề nghị các đơn vị đề xuất nhiệm vụ năm 2017.")


def test_opening_tells_every_officer_of_every_invited_unit_by_mail_and_in_app(world, opened, clock):
    assert Notification.objects.filter(kind=Kind.ROUND_OPENED).count() == 3  # officer, leader, other officer
    counts = tick(clock, at((5, 13), 9, 1))
    assert counts["sent"] == 2
    assert sent_to() == ["officer@test.vn", "other@test.vn"]  # the leader chose in-app only
    message = next(m for m in mail.outbox if m.to == ["officer@test.vn"])
    assert "15/06/2016" in message.subject
    assert f"/rounds/{opened.pk}/" in message.body and "ha-noi" in message.body
    assert "Đề nghị các đơn vị đề xuất nhiệm vụ năm 2017." in message.body
    names = [name for name, _content, _type in message.attachments]
    assert names == [f"cong-van-mo-dot-2017-{opened.pk}.docx", "phu-luc-de-xuat-2017-ha-noi.xlsx"]
    leader_notice = Notification.objects.get(recipient=world.user(UNIT_LEADER))
    assert not hasattr(leader_notice, "delivery") or leader_notice.delivery is None
    assert not Notification.objects.filter(recipient=world.user(OFFICE_ADMIN)).exists()


def test_running_the_scheduler_twice_sends_nothing_twice(world, opened, clock):
    tick(clock, at((5, 13), 10))
    assert len(mail.outbox) == 2
    for _ in range(2):
        assert tick(clock, at((5, 13), 10, 5))["sent"] == 0
        assert mail.outbox == []
    assert services.notify_round_opened(opened) == 0
    assert Notification.objects.count() == 3 and Delivery.objects.count() == 2


def test_a_whole_round_reminders_overdue_and_digest(world, opened, clock):
    officer, other = world.user(UNIT_OFFICER), world.user(OTHER_OFFICER)
    tick(clock, at((5, 13), 10))

    # Hà Nội sends its proposal on 20 May; Quảng Ninh never does.
    clock.set_now(at((5, 20), 15))
    proposal = rounds.proposal_for(round_obj=opened, organisation=world.unit)
    rounds.save_row(proposal=proposal, user=officer, data=task())
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    assert tick(clock, at((5, 20), 16))["digest"] == 0  # the digest of the day comes the next morning

    counts = tick(clock, at((5, 21), 8))
    assert counts["digest"] == 2
    assert sent_to() == ["admin@test.vn", "reviewer@test.vn"]
    assert "UBND Thành phố Hà Nội" in mail.outbox[0].body and "20/05/2016" in mail.outbox[0].subject
    assert tick(clock, at((5, 21), 12))["digest"] == 0

    # 14 days before the deadline (1 June): only the unit that has not sent is reminded.
    assert tick(clock, at((6, 1), 6))["reminders"] == 0  # reminders wait for office hours
    counts = tick(clock, at((6, 1), 8))
    assert counts["reminders"] == 1 and sent_to() == ["other@test.vn"]
    assert "14 ngày" in mail.outbox[0].subject
    assert tick(clock, at((6, 1), 17))["reminders"] == 0 and mail.outbox == []

    # The office returns Hà Nội's proposal on 10 June: Hà Nội is chased again from then on.
    clock.set_now(at((6, 8), 8))
    assert services.run_due()["reminders"] == 1  # 7 days before: still only Quảng Ninh
    clock.set_now(at((6, 10), 11))
    rounds.return_for_revision(proposal=proposal, user=world.user(OFFICE_REVIEWER), comment="Bổ sung kinh phí")
    counts = tick(clock, at((6, 11), 8))
    assert counts["digest"] == 2
    assert "Bổ sung kinh phí" in next(m for m in mail.outbox if m.to == ["admin@test.vn"]).body
    # Hà Nội is behind again: the latest reminder reached (7 days before) reaches it now, once.
    assert counts["reminders"] == 2
    counts = tick(clock, at((6, 13), 8))
    assert counts["reminders"] == 3  # 2 days before: Hà Nội's officer and leader, Quảng Ninh's officer
    assert sent_to() == ["officer@test.vn", "other@test.vn"]

    # Hà Nội sends again on the deadline; the day after, only Quảng Ninh is told it is overdue.
    clock.set_now(at((6, 15), 16))
    rounds.submit(proposal=proposal, user=world.user(UNIT_LEADER))
    assert tick(clock, at((6, 15), 23, 59))["overdue"] == 0
    counts = tick(clock, at((6, 16), 8))
    assert counts["overdue"] == 1 and counts["digest"] == 2  # the digest tells the office of the new submission
    assert sent_to() == ["admin@test.vn", "other@test.vn", "reviewer@test.vn"]
    assert "Quá hạn" in next(m for m in mail.outbox if m.to == ["other@test.vn"]).subject
    assert tick(clock, at((6, 17), 8))["overdue"] == 0

    assert kinds_for(officer) == [
        (Kind.ROUND_OPENED, date(2016, 5, 13)), (Kind.REMINDER, date(2016, 6, 8)), (Kind.RETURNED, date(2016, 6, 10)),
        (Kind.REMINDER, date(2016, 6, 13)),
    ]
    # The return told the unit why; its reminders since say it was returned and by when to send it again.
    returned = officer.notifications.get(kind=Kind.RETURNED)
    assert "Bổ sung kinh phí" in returned.body and returned.link == f"/rounds/{opened.pk}/units/ha-noi/"
    reminder = officer.notifications.get(kind=Kind.REMINDER, event_date=date(2016, 6, 13))
    assert "trả lại, cần hoàn thiện trước hết ngày 15/06/2016" in reminder.body and "Bổ sung kinh phí" in reminder.body
    assert "chưa nhận được" in other.notifications.get(kind=Kind.REMINDER, event_date=date(2016, 6, 13)).body
    assert kinds_for(other) == [
        (Kind.ROUND_OPENED, date(2016, 5, 13)), (Kind.REMINDER, date(2016, 6, 1)), (Kind.REMINDER, date(2016, 6, 8)),
        (Kind.REMINDER, date(2016, 6, 13)), (Kind.OVERDUE, date(2016, 6, 16)),
    ]
    # Every e-mail is kept with its fate.
    assert not Delivery.objects.exclude(status=DeliveryStatus.SENT).exists()
    assert all(d.attempts == 1 and d.sent_at for d in Delivery.objects.all())


def test_a_missed_reminder_is_sent_once_late_not_all_of_them(world, opened, clock):
    counts = tick(clock, at((6, 10), 9))  # the scheduler was down from 13 May to 10 June
    assert counts["reminders"] == 3  # Hà Nội's officer and leader and Quảng Ninh's officer, 7-day reminder only
    assert set(Notification.objects.filter(kind=Kind.REMINDER).values_list("event_date", flat=True)) == {date(2016, 6, 8)}
    assert "5 ngày" in Notification.objects.filter(kind=Kind.REMINDER).first().title


def test_a_round_that_opens_later_is_announced_on_its_opening_day(world, clock):
    clock.set_now(at((5, 1)))
    round_obj = open_2017_round(world, opens_on=date(2016, 5, 13))
    assert not Notification.objects.exists()
    assert tick(clock, at((5, 12), 9))["opened"] == 0
    assert tick(clock, at((5, 13), 0, 5))["opened"] == 3
    assert Notification.objects.filter(round=round_obj, event_date=date(2016, 5, 13)).count() == 3


def test_a_unit_invited_later_gets_the_opening_notice(world, opened, clock):
    from accounts.models import Role
    from core.testing.world import make_user
    from organisations.models import Organisation, OrganisationKind

    late = Organisation.objects.create(code="bxd", kind=OrganisationKind.MINISTRY, name_vi="Bộ Xây dựng")
    newcomer = make_user("bxd@test.vn", late, Role.UNIT_OFFICER)
    tick(clock, at((5, 13), 10))
    opened.invited.add(late)
    tick(clock, at((5, 25)))
    assert sent_to() == ["bxd@test.vn"]
    assert Notification.objects.get(recipient=newcomer).kind == Kind.ROUND_OPENED


def test_a_failing_delivery_is_retried_then_shown_as_failed(world, opened, clock, settings, client):
    settings.EMAIL_BACKEND = "notifications.tests.backends.RefusingBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_MINUTES = [10, 60]
    assert tick(clock, at((5, 13), 10))["retry"] == 2
    delivery = Delivery.objects.get(to_address="officer@test.vn")
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error

    assert tick(clock, at((5, 13), 10, 5))["retry"] == 0  # not due yet
    assert tick(clock, at((5, 13), 10, 10))["retry"] == 2
    assert tick(clock, at((5, 13), 11, 9))["failed"] == 0
    assert tick(clock, at((5, 13), 11, 10))["failed"] == 2
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert tick(clock, at((5, 14), 10))["failed"] == 0  # a failed e-mail is not tried again by itself

    client.force_login(world.user(OFFICE_REVIEWER))
    page = client.get("/notifications/office/").content.decode()
    assert f'id="delivery-{delivery.pk}"' in page and "officer@test.vn" in page and "SMTPServerDisconnected" in page
    unit_page = client.get(f"/notifications/unit/{world.unit.code}/").content.decode()
    assert "officer@test.vn" in unit_page and "Gửi không được" in unit_page

    # The mail server is repaired; the office sends it again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(f"/notifications/deliveries/{delivery.pk}/retry/")
    tick(clock, at((5, 14), 10, 1))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and sent_to() == ["officer@test.vn"]


def test_a_delivery_claimed_by_a_dead_worker_is_sent_later_once(world, opened, clock):
    clock.set_now(at((5, 13), 10))
    Delivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=clock.now())
    assert tick(clock, at((5, 13), 10, 5))["sent"] == 0  # maybe still being sent by the other worker
    assert tick(clock, at((5, 13), 10, 20))["sent"] == 2


def test_send_reminders_command_runs_the_tick(world, opened, clock):
    from io import StringIO

    clock.set_now(at((6, 1), 9))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "reminders: 3" in out.getvalue()  # Hà Nội's officer and leader, Quảng Ninh's officer
    assert Notification.objects.filter(kind=Kind.REMINDER).count() == 3


def test_the_periodic_job_is_scheduled_and_runs(world, opened, clock):
    from django_q.models import Schedule

    from notifications import jobs

    schedule = Schedule.objects.get(name=jobs.TICK_SCHEDULE)
    assert schedule.func == "notifications.jobs.tick" and schedule.minutes == 5
    clock.set_now(at((5, 13), 10))
    mail.outbox.clear()
    assert jobs.tick()["sent"] == 2
