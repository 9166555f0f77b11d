"""The pages refuse bad input with a Vietnamese message and save nothing; the watch list shows its lines."""
import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core import uploads
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from execution import services
from execution.models import AssignedTask, Deliverable, MoneyEntry, ProgressReport, Stage
from plans.tests.factories import source

from .factories import accepted_row, assigned_task, received_dossier_task

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
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (PNG, JPEG, GIF)." in response.content.decode()
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


def _workbook_bytes(rows, *, macro=False) -> bytes:
    """A real workbook (openpyxl); with `macro`, the same workbook carrying a VBA project as an .xlsm does."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not macro:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return buffer.getvalue()


def test_a_list_of_trainees_in_xlsx_is_evidence_but_a_macro_workbook_is_not(world, clock):
    task = assigned_task(world)
    report = task.reports.first()
    clock.set_now(datetime(2017, 7, 20, 9, 0))
    rows = [["Họ và tên", "Đơn vị"], ["Nguyễn Văn An", "Công ty A"], ["Trần Thị Bình", "Công ty B"]]
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF, Word \\(.docx\\), Excel"):
        services.add_deliverable(report=report, user=world.user(UNIT_OFFICER), title="Danh sách học viên",
                                 upload=SimpleUploadedFile("danh-sach.xlsm", _workbook_bytes(rows, macro=True)))
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ValidationError):
        services.add_deliverable(report=report, user=world.user(UNIT_OFFICER), title="Danh sách học viên",
                                 upload=SimpleUploadedFile("danh-sach.xlsx", not_a_workbook.getvalue()))
    with pytest.raises(ValidationError, match="Excel \\(.xlsx\\) không chứa macro"):
        uploads.check(SimpleUploadedFile("a.xlsx", _workbook_bytes(rows, macro=True)), kind="sheet")
    assert not Deliverable.objects.filter(report=report).exists()

    deliverable = services.add_deliverable(report=report, user=world.user(UNIT_OFFICER), title="Danh sách học viên",
                                           upload=SimpleUploadedFile("danh-sach.xlsx", _workbook_bytes(rows)))
    assert deliverable.file.name.endswith(".xlsx") and deliverable.file_name == "danh-sach.xlsx"
    response = client_for(world.user(UNIT_OFFICER)).get(reverse("execution:deliverable_file", args=[deliverable.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment") and 'filename="danh-sach.xlsx"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [list(row) for row in book.active.iter_rows(values_only=True)] == rows
    assert client_for(world.user(OTHER_OFFICER)).get(reverse("execution:deliverable_file", args=[deliverable.pk])).status_code == 404


def test_the_office_assigns_a_self_funded_dossier_task_from_its_page(world, clock):
    dossier_task = received_dossier_task(world)
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    client = client_for(world.user(OFFICE_REVIEWER))
    listing = client.get("/execution/assign/").content.decode()
    assert dossier_task.name in listing and f"/execution/assign/dossier-tasks/{dossier_task.pk}/" in listing
    page = client.get(f"/execution/assign/dossier-tasks/{dossier_task.pk}/").content.decode()
    assert "200.000.000" in page and "300.000.000" in page  # the dossier's funding, prefilled for the plan year
    form = {"implementing_body": "Sở Công Thương", "decision_number": "15/QĐ-SCT", "decision_date": "10/01/2017",
            "decision_signer": "Giám đốc Sở", "start_date": "01/02/2017", "end_date": "01/01/2017",
            "report_every_months": "6", "amount-2017-local": "200.000.000", "amount-2017-enterprise": "300.000.000"}
    response = client.post(f"/execution/assign/dossier-tasks/{dossier_task.pk}/", form)
    assert response.status_code == 200 and "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not AssignedTask.objects.exists()
    response = client.post(f"/execution/assign/dossier-tasks/{dossier_task.pk}/", {**form, "end_date": "31/12/2017"})
    task = AssignedTask.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/execution/tasks/{task.pk}/"
    assert (task.source_dossier_task, task.name, task.decision_number) == (dossier_task, dossier_task.name, "15/QĐ-SCT")
    approved = dict(MoneyEntry.objects.filter(task=task, stage=Stage.APPROVED).values_list("source__code", "amount_vnd"))
    assert approved == {"local": 200_000_000, "enterprise": 300_000_000}
    assert client.get(f"/execution/assign/dossier-tasks/{dossier_task.pk}/").status_code == 404  # tracked once
