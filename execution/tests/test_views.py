"""The pages refuse bad input with a Vietnamese message and save nothing; the watch list shows its lines."""
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER
from execution import services
from execution.models import AssignedTask, Deliverable, MoneyEntry, ProgressReport, Stage
from plans.tests.factories import source

from .factories import accepted_row, assigned_task

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_payment_above_the_allocation_is_refused_on_the_page(world, clock):
    task = assigned_task(world)
    clock.set_now(datetime(2017, 4, 1, 9, 0))
    client = client_for(world.user(OFFICE_REVIEWER))
    post = {"version": task.lock_version, "stage": "allocated", "source": source("central").pk, "year": "2017",
            "amount_vnd": "100.000.000", "entry_date": "01/04/2017", "document": "QĐ 215"}
    assert client.post(f"/execution/tasks/{task.pk}/money/", post).status_code == 302
    task.refresh_from_db()
    response = client.post(f"/execution/tasks/{task.pk}/money/", {**post, "version": task.lock_version, "stage": "paid",
                                                                   "amount_vnd": "100.000.001"})
    assert response.status_code == 400
    assert "Thanh toán (100.000.001 đồng) vượt số phân bổ (100.000.000 đồng)" in response.content.decode()
    assert not MoneyEntry.objects.filter(stage=Stage.PAID).exists()
    # The same form sent twice from a stale page is refused too.
    stale = client.post(f"/execution/tasks/{task.pk}/money/", {**post, "version": task.lock_version - 1})
    assert "vừa được người khác thay đổi" in stale.content.decode()
    assert MoneyEntry.objects.filter(stage=Stage.ALLOCATED).count() == 1


def test_assignment_form_refuses_an_end_before_the_start(world, clock):
    row = accepted_row(world)
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    client = client_for(world.user(OFFICE_REVIEWER))
    page = client.get(f"/execution/assign/{row.pk}/").content.decode()
    assert "300.000.000" in page  # the approved central budget, prefilled for the plan year
    response = client.post(f"/execution/assign/{row.pk}/", {
        "implementing_body": "Sở Công Thương", "decision_number": "1/QĐ-BCT", "decision_date": "10/01/2017",
        "decision_signer": "A", "start_date": "01/06/2017", "end_date": "01/05/2017", "report_every_months": "6",
        "amount-2017-central": "300.000.000"})
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not AssignedTask.objects.exists()


def test_a_report_of_120_percent_and_a_disguised_pdf_are_refused(world, clock):
    task = assigned_task(world)
    report = task.reports.first()
    client = client_for(world.user(UNIT_OFFICER))
    version = report.submission.lock_version
    response = client.post(f"/execution/reports/{report.pk}/", {
        "version": version, "progress_status": "on_track", "percent": "120", "work_done": "x", "spent_vnd": "0"})
    assert response.status_code == 400
    assert "Tiến độ phải là số nguyên từ 0 đến 100 %." in response.content.decode()
    fake = SimpleUploadedFile("bao-cao.pdf", b"PK\x03\x04 a zip, not a pdf", content_type="application/pdf")
    response = client.post(f"/execution/reports/{report.pk}/deliverables/", {"version": version, "title": "Báo cáo",
                                                                             "file": fake})
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh (PNG, JPEG, GIF)." in response.content.decode()
    assert not Deliverable.objects.exists()
    report.refresh_from_db()
    assert report.percent == 0 and report.submission.lock_version == version


def test_the_leader_sends_and_the_office_returns_with_a_reason_shown_to_the_unit(world, clock):
    task = assigned_task(world)
    report = task.reports.first()
    services.save_report(report=report, user=world.user(UNIT_OFFICER), data={
        "progress_status": "on_track", "percent": 20, "work_done": "Đã khảo sát", "spent_vnd": 0})
    clock.set_now(datetime(2017, 7, 20, 9, 0))
    leader = client_for(world.user(UNIT_LEADER))
    stale = report.submission.lock_version  # read before the officer's save
    leader.post(f"/execution/reports/{report.pk}/send/", {"version": stale})
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.status == "draft"
    response = leader.post(f"/execution/reports/{report.pk}/send/", {"version": report.submission.lock_version},
                           follow=True)
    assert "Đã gửi báo cáo." in response.content.decode()
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.status == "submitted"
    office = client_for(world.user(OFFICE_REVIEWER))
    empty = office.post(f"/execution/reports/{report.pk}/return/", {"reason": ""})
    assert empty.status_code == 400
    office.post(f"/execution/reports/{report.pk}/return/", {"reason": "Bổ sung ảnh lớp học"})
    page = client_for(world.user(UNIT_OFFICER)).get(f"/execution/reports/{report.pk}/").content.decode()
    assert "Văn phòng trả lại để hoàn thiện: Bổ sung ảnh lớp học" in page


def test_watch_list_page(world, clock):
    task = assigned_task(world, milestones=[(date(2017, 3, 31), "Tài liệu")])
    clock.set_now(datetime(2018, 2, 1, 9, 0))
    page = client_for(world.user(OFFICE_REVIEWER)).get("/execution/").content.decode()
    for section in ("watch-milestones", "watch-reports", "watch-unallocated", "watch-past-end"):
        block = page.split(f'id="{section}"')[1].split("</div>")[0]
        assert task.name in block, section
