"""Reminders and overdue notices are the same for every kind of call: a dossier call and a reporting
period chase their units like a proposal round, with the kind's words and the kind's page."""
from datetime import date, datetime

from django.utils import timezone

from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from evaluation.tests.factories import open_evaluation
from notifications import services
from notifications.models import Kind
from plans import services as plans
from plans.tests.factories import open_2017_call


def at(day, hour=9):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_a_dossier_call_reminds_returned_and_silent_units(world, clock):
    clock.set_now(at(date(2016, 11, 20)))
    call = open_2017_call(world)  # deadline 15/12/2016, reminders 14, 7 and 2 days before
    dossier = plans.dossier_for(call=call, organisation=world.unit)
    plans.save_dossier_task(dossier=dossier, user=world.user(UNIT_OFFICER), data={"name": "Tập huấn"}, funding={})
    plans.submit_dossier(dossier=dossier, user=world.user(UNIT_LEADER))
    plans.return_dossier(dossier=dossier, user=world.user(OFFICE_REVIEWER), comment="Thiếu dự toán chi tiết")
    clock.set_now(at(date(2016, 12, 1), 10))
    assert services.run_due(clock.now())["reminders"] == 3  # Hà Nội's officer and leader, Quảng Ninh's officer
    ours = world.user(UNIT_OFFICER).notifications.get(kind=Kind.REMINDER)
    assert "hồ sơ kế hoạch năm" in ours.title and ours.link == "/plans/dossiers/2017/ha-noi/"
    assert "trả lại, cần hoàn thiện trước hết ngày 15/12/2016" in ours.body and "Thiếu dự toán chi tiết" in ours.body
    assert "chưa nhận được hồ sơ kế hoạch năm" in world.user(OTHER_OFFICER).notifications.get(kind=Kind.REMINDER).body
    assert services.run_due(clock.now())["reminders"] == 0  # told once


def test_a_reporting_period_tells_the_silent_units_the_day_after_its_deadline(world, clock):
    clock.set_now(at(date(2016, 3, 1)))
    period = open_evaluation(world, accepts_late=False)  # deadline 30/06/2016
    clock.set_now(at(date(2016, 7, 1), 10))
    assert services.run_due(clock.now())["overdue"] == 3
    notice = world.user(UNIT_OFFICER).notifications.get(kind=Kind.OVERDUE)
    assert "báo cáo chỉ tiêu" in notice.title and "không nhận bản gửi muộn" in notice.body
    assert notice.link == f"/evaluation/{period.pk}/units/ha-noi/" and notice.round is None
