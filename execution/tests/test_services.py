"""Rules of execution: assignment, the money ladder, progress reports, acceptance and closing."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from collection.models import Status
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from evaluation.models import Indicator
from execution import ledger, selectors, services
from execution.models import AssignedTask, MoneyEntry, ProgressReport, ProgressStatus, Stage
from notifications import services as notices
from notifications.models import Kind
from plans.tests.factories import signed_pdf, source
from rounds import services as round_services
from rounds.models import Round

from .factories import ROUND_TITLE, accepted_row, assigned_task, received_dossier_task

pytestmark = pytest.mark.django_db


def office(world):
    return world.user(OFFICE_REVIEWER)


def report_data(**changes):
    data = {"progress_status": ProgressStatus.ON_TRACK, "percent": 40, "work_done": "Đã tổ chức 2 lớp tập huấn",
            "problems": "", "next_steps": "Tổ chức lớp thứ ba", "spent_vnd": 100_000_000}
    data.update(changes)
    return data


def pay(world, task, stage, amount, *, src="central", **extra):
    return services.record_money(task=task, user=office(world), source=source(src), year=2017, stage=stage,
                                 amount_vnd=amount, entry_date=date(2017, 3, 1), **extra)


# --- Assignment ---------------------------------------------------------------------------------

def test_assignment_carries_the_accepted_row_and_approves_money_by_source_and_year(world, clock):
    row = accepted_row(world, central=450_500_000, other=200_000_000)
    task = assigned_task(world, row=row)
    assert (task.name, task.products, task.organisation, task.year) == (row.name, "Tài liệu tập huấn", world.unit, 2017)
    assert task.component.code == row.component.code and task.priority_name == row.priority.name_vi
    assert task.decision_file_name == "quyet-dinh.pdf" and task.decision_file.name.endswith(".pdf")
    cells = ledger.task_cells(task)
    assert cells[(source("central").pk, 2017)][Stage.APPROVED] == 450_500_000
    assert cells[(source("local").pk, 2017)][Stage.APPROVED] == 200_000_000
    assert [(r.title, r.due_on) for r in task.reports.all()] == [
        ("Báo cáo tiến độ đến 31/07/2017", date(2017, 7, 31)), ("Báo cáo kết thúc nhiệm vụ", date(2017, 12, 31))]
    assert [m.deliverable for m in task.milestones.all()] == ["Tài liệu tập huấn"]
    assert not selectors.assignable_rows().filter(pk=row.pk).exists()


def test_report_schedule_every_six_months_and_each_year_end():
    assert services.report_schedule(date(2017, 3, 1), date(2018, 6, 30), 6) == [
        ("Báo cáo tiến độ đến 31/08/2017", date(2017, 8, 31)), ("Báo cáo năm 2017", date(2017, 12, 31)),
        ("Báo cáo tiến độ đến 28/02/2018", date(2018, 2, 28)), ("Báo cáo kết thúc nhiệm vụ", date(2018, 6, 30))]


def test_only_accepted_rows_are_assigned_once_and_bad_dates_save_nothing(world, clock):
    row = accepted_row(world)
    with pytest.raises(ValidationError) as error:
        assigned_task(world, row=row, start_date=date(2017, 5, 1), end_date=date(2017, 4, 1))
    assert "Ngày kết thúc phải sau ngày bắt đầu." in error.value.message_dict["end_date"]
    assert not AssignedTask.objects.exists() and not MoneyEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        assigned_task(world, row=row, user=world.user(UNIT_OFFICER))
    assigned_task(world, row=row)
    with pytest.raises(ValidationError, match="đã được giao"):
        assigned_task(world, row=row)
    pending = round_services.save_row(proposal=round_services.proposal_for(
        round_obj=Round.objects.get(call__title=ROUND_TITLE), organisation=world.other_unit), user=None, data={"name": "Chưa duyệt"})
    with pytest.raises(ValidationError, match="đã được chấp nhận"):
        assigned_task(world, row=pending)


def test_a_decision_file_disguised_as_pdf_is_refused(world, clock):
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF hoặc Word"):
        assigned_task(world, decision_file=fake)
    assert not AssignedTask.objects.exists()


# --- Money --------------------------------------------------------------------------------------

def test_no_stage_exceeds_the_one_before(world, clock):
    task = assigned_task(world)  # 300.000.000 central approved
    clock.set_now(datetime(2017, 4, 1, 9, 0))
    with pytest.raises(ValidationError) as error:
        pay(world, task, Stage.ALLOCATED, 300_000_001)
    assert error.value.message_dict["amount_vnd"] == [
        "Phân bổ (300.000.001 đồng) vượt số phê duyệt (300.000.000 đồng) của nguồn Ngân sách Trung ương năm 2017."]
    pay(world, task, Stage.ALLOCATED, 200_000_000)
    with pytest.raises(ValidationError, match="Thanh toán \\(200.000.001 đồng\\) vượt số phân bổ"):
        pay(world, task, Stage.PAID, 200_000_001)
    with pytest.raises(ValidationError, match="Tạm ứng"):
        pay(world, task, Stage.ADVANCED, 250_000_000)
    pay(world, task, Stage.ADVANCED, 50_000_000)
    pay(world, task, Stage.PAID, 150_000_000)
    with pytest.raises(ValidationError, match="Quyết toán \\(150.000.001 đồng\\) vượt số thanh toán"):
        pay(world, task, Stage.SETTLED, 150_000_001)
    pay(world, task, Stage.SETTLED, 150_000_000)
    # A plain entry lowering a stage is refused; an adjustment needs a reason and a decision.
    with pytest.raises(ValidationError, match="chỉ điều chỉnh mới được ghi số âm"):
        pay(world, task, Stage.PAID, -1)
    with pytest.raises(ValidationError) as error:
        pay(world, task, Stage.APPROVED, 100_000_000, adjustment=True)
    assert set(error.value.message_dict) == {"reason", "decision"}
    with pytest.raises(ValidationError, match="vượt số phê duyệt"):
        pay(world, task, Stage.ALLOCATED, 100_000_001)
    pay(world, task, Stage.APPROVED, 50_000_000, adjustment=True, reason="Bổ sung lớp tập huấn",
        decision="15/QĐ-BCT ngày 01/03/2017")
    pay(world, task, Stage.ALLOCATED, 150_000_000)
    # Lowering the approved amount below what is allocated breaks the ladder.
    with pytest.raises(ValidationError, match="Phân bổ \\(350.000.000 đồng\\) vượt số phê duyệt \\(349.999.999 đồng\\)"):
        pay(world, task, Stage.APPROVED, -1, adjustment=True, reason="Cắt giảm", decision="16/QĐ-BCT")
    assert ledger.stage_totals(task.money.all()) == {
        Stage.APPROVED: 470_000_000, Stage.ALLOCATED: 350_000_000, Stage.ADVANCED: 50_000_000,
        Stage.PAID: 150_000_000, Stage.SETTLED: 150_000_000}


def test_sources_and_years_are_separate_cells(world, clock):
    task = assigned_task(world)
    clock.set_now(datetime(2017, 4, 1, 9, 0))
    pay(world, task, Stage.ALLOCATED, 120_000_000, src="local")
    with pytest.raises(ValidationError, match="Ngân sách của Bộ, ngành, địa phương"):
        pay(world, task, Stage.ALLOCATED, 1, src="local")
    with pytest.raises(ValidationError, match="Năm 2018 nằm ngoài"):
        services.record_money(task=task, user=office(world), source=source("central"), year=2018, stage=Stage.ALLOCATED,
                              amount_vnd=1, entry_date=date(2017, 3, 1))


def test_a_stale_page_cannot_record_money(world, clock):
    task = assigned_task(world)
    version = task.lock_version
    clock.set_now(datetime(2017, 4, 1, 9, 0))
    pay(world, task, Stage.ALLOCATED, 1_000, expected_version=version)
    with pytest.raises(services.StaleRecord):
        pay(world, task, Stage.ALLOCATED, 1_000, expected_version=version)
    assert task.money.filter(stage=Stage.ALLOCATED).count() == 1


# --- Progress reports ---------------------------------------------------------------------------

def test_a_report_is_written_by_the_unit_sent_by_its_leader_returned_with_a_reason_then_accepted(world, clock):
    task = assigned_task(world)
    report = task.reports.first()
    assert (report.submission.call.kind, report.submission.organisation, report.due_on) == ("progress", world.unit,
                                                                                            date(2017, 7, 31))
    officer, leader = world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    with pytest.raises(ValidationError) as error:
        services.save_report(report=report, user=officer, data=report_data(percent=120))
    assert error.value.message_dict["percent"] == ["Tiến độ phải là số nguyên từ 0 đến 100 %."]
    with pytest.raises(PermissionDenied):
        services.save_report(report=report, user=world.user(OTHER_OFFICER), data=report_data())
    indicator = Indicator.objects.create(programme=task.programme, code="trained", name_vi="Cán bộ được tập huấn",
                                         unit="người", aggregation="sum", computed_key="task_results")
    services.save_report(report=report, user=officer, data=report_data(), contributions={indicator: Decimal("45")})
    with pytest.raises(PermissionDenied):
        services.send_report(report=report, user=officer)
    clock.set_now(datetime(2017, 8, 5, 9, 0))  # after the 31/07 due date
    first = services.send_report(report=report, user=leader)
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.status == Status.SUBMITTED and report.submission.submitted_late and first.late
    with pytest.raises(ValidationError, match="đã gửi nên không sửa"):
        services.save_report(report=report, user=officer, data=report_data())
    with pytest.raises(ValidationError, match="Cần ghi lý do trả lại"):
        services.return_report(report=report, user=office(world), reason="  ")
    services.return_report(report=report, user=office(world), reason="Bổ sung danh sách học viên")
    report = ProgressReport.objects.get(pk=report.pk)
    assert report.submission.return_reason == "Bổ sung danh sách học viên" and report.is_editable
    report = services.save_report(report=report, user=officer, data=report_data(percent=50),
                                  contributions={indicator: Decimal("45")})
    second = services.send_report(report=report, user=leader)
    services.accept_report(report=report, user=office(world))
    task.refresh_from_db()
    assert (task.progress_status, task.progress_percent) == (ProgressStatus.ON_TRACK, 50)
    assert [(first.number, first.content["percent"]), (second.number, second.content["percent"])] == [(1, 40), (2, 50)]
    assert first.content["contributions"] == [{"indicator": "trained", "value": "45.0000"}]
    assert first.total_vnd == 100_000_000
    assert list(report.submission.events.values_list("kind", flat=True)) == ["submit", "return", "submit", "accept"]


def test_deliverable_files_are_checked_by_content(world, clock):
    task = assigned_task(world)
    report = task.reports.first()
    fake = SimpleUploadedFile("danh-sach.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF, Word"):
        services.add_deliverable(report=report, user=world.user(UNIT_OFFICER), title="Danh sách học viên", upload=fake)
    assert not report.deliverables.exists()
    photo = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    deliverable = services.add_deliverable(report=report, user=world.user(UNIT_OFFICER), title="Ảnh lớp học",
                                           upload=photo, is_public=True)
    assert deliverable.file.name.endswith(".png") and deliverable.file_name == "anh.png"


def test_done_means_one_hundred_percent(world, clock):
    task = assigned_task(world)
    with pytest.raises(ValidationError, match="phải là 100 %"):
        services.save_report(report=task.reports.first(), user=world.user(UNIT_OFFICER),
                             data=report_data(progress_status=ProgressStatus.DONE, percent=90))


# --- Acceptance and closing ---------------------------------------------------------------------

def test_a_task_closes_only_when_accepted_and_settled(world, clock):
    task = assigned_task(world)
    clock.set_now(datetime(2018, 1, 20, 9, 0))
    pay(world, task, Stage.ALLOCATED, 300_000_000)
    pay(world, task, Stage.PAID, 300_000_000)
    with pytest.raises(ValidationError) as error:
        services.close_task(task=task, user=office(world))
    assert error.value.messages == ["Nhiệm vụ chưa được nghiệm thu đạt.",
                                    "Kinh phí năm 2017 chưa quyết toán hết số đã thanh toán."]
    services.record_acceptance(task=task, user=office(world), verdict="failed", decided_on=date(2018, 1, 5),
                               minutes_file=signed_pdf("bien-ban.pdf"))
    with pytest.raises(ValidationError, match="chưa được nghiệm thu đạt"):
        services.close_task(task=task, user=office(world))
    with pytest.raises(ValidationError, match="Cần ghi các điều kiện"):
        services.record_acceptance(task=task, user=office(world), verdict="conditional", decided_on=date(2018, 1, 15))
    services.record_acceptance(task=task, user=office(world), verdict="passed", decided_on=date(2018, 1, 15))
    pay(world, task, Stage.SETTLED, 300_000_000)
    task = services.close_task(task=task, user=office(world))
    assert task.closed_on == date(2018, 1, 20) and task.progress_status == ProgressStatus.DONE
    with pytest.raises(ValidationError, match="đã kết thúc"):
        pay(world, task, Stage.PAID, 1)


# --- The watch list -----------------------------------------------------------------------------

def test_watch_list(world, clock):
    task = assigned_task(world)
    other = assigned_task(world, row=accepted_row(world, organisation=world.other_unit, name="Bản tin"),
                          start_date=date(2017, 2, 1), end_date=date(2017, 5, 31), milestones=[])
    clock.set_now(datetime(2017, 7, 15, 9, 0))
    pay(world, task, Stage.ALLOCATED, 300_000_000)
    pay(world, task, Stage.ALLOCATED, 120_000_000, src="local")
    watch = selectors.watch_list(office(world))
    assert [m.deliverable for m in watch["late_milestones"]] == ["Tài liệu tập huấn"]
    assert [(r.task, r.due_on) for r in watch["overdue_reports"]] == [(other, date(2017, 5, 31))]
    assert [(t, y, a, b) for t, y, a, b in watch["unallocated"]] == [(other, 2017, 420_000_000, 0)]
    assert watch["past_end"] == [other]
    # A unit's officer sees only its own unit's lines.
    mine = selectors.watch_list(world.user(UNIT_OFFICER))
    assert mine["overdue_reports"] == [] and mine["past_end"] == [] and len(mine["late_milestones"]) == 1


def test_a_progress_report_is_chased_like_every_call(world, clock):
    """The scheduler reminds the unit of a report still owed (reminder days 7 and 2), linking its page."""
    task = assigned_task(world)
    report = task.reports.first()  # due 31/07/2017
    clock.set_now(datetime(2017, 7, 24, 10, 0))
    assert notices.run_due(clock.now())["reminders"] == 2  # Hà Nội's officer and leader
    reminder = world.user(UNIT_OFFICER).notifications.get(kind=Kind.REMINDER)
    assert "báo cáo tiến độ nhiệm vụ" in reminder.title and reminder.link == f"/execution/reports/{report.pk}/"


def test_a_task_the_unit_funds_itself_is_tracked_like_an_assigned_one(world, clock):
    dossier_task = received_dossier_task(world)
    assert list(selectors.assignable_dossier_tasks()) == [dossier_task]
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    with pytest.raises(PermissionDenied):
        services.assign_dossier_task(dossier_task=dossier_task, user=world.user(UNIT_OFFICER), implementing_body="",
                                     decision_number="1/QĐ", decision_date=date(2017, 1, 10), decision_signer="A",
                                     start_date=date(2017, 2, 1), end_date=date(2017, 12, 31))
    with pytest.raises(ValidationError) as error:
        services.assign_dossier_task(dossier_task=dossier_task, user=office(world), implementing_body="",
                                     decision_number="1/QĐ", decision_date=date(2017, 1, 10), decision_signer="A",
                                     start_date=date(2017, 2, 1), end_date=date(2017, 1, 1))
    assert error.value.message_dict["end_date"] == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert not AssignedTask.objects.exists()
    task = services.assign_dossier_task(
        dossier_task=dossier_task, user=office(world), implementing_body="", decision_number="15/QĐ-SCT",
        decision_date=date(2017, 1, 10), decision_signer="Giám đốc Sở", start_date=date(2017, 2, 1),
        end_date=date(2017, 12, 31), milestones=[(date(2017, 6, 30), "Báo cáo trình diễn")])
    assert (task.name, task.organisation, task.year, task.source_row, task.source_dossier_task) == (
        dossier_task.name, world.unit, 2017, None, dossier_task)
    assert task.implementing_body == world.unit.name_vi
    cells = ledger.task_cells(task)
    assert {key: totals[Stage.APPROVED] for key, totals in cells.items()} == {
        (source("local").pk, 2017): 200_000_000, (source("enterprise").pk, 2017): 300_000_000}
    assert [r.title for r in task.reports.all()] == ["Báo cáo tiến độ đến 31/07/2017", "Báo cáo kết thúc nhiệm vụ"]
    assert not selectors.assignable_dossier_tasks().exists()
    with pytest.raises(ValidationError, match="đã được giao"):
        services.assign_dossier_task(dossier_task=dossier_task, user=office(world), implementing_body="",
                                     decision_number="1/QĐ", decision_date=date(2017, 1, 10), decision_signer="A",
                                     start_date=date(2017, 2, 1), end_date=date(2017, 12, 31))
    # then the same ladder: allocated, paid within it
    clock.set_now(datetime(2017, 3, 5, 9, 0))
    services.record_money(task=task, user=office(world), source=source("local"), year=2017, stage=Stage.ALLOCATED,
                          amount_vnd=200_000_000, entry_date=date(2017, 3, 1))
    with pytest.raises(ValidationError, match="vượt"):
        services.record_money(task=task, user=office(world), source=source("local"), year=2017, stage=Stage.ADVANCED,
                              amount_vnd=200_000_001, entry_date=date(2017, 3, 2))
