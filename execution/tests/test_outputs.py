"""What leaves the execution app — the implementation report (.docx, .xlsx, .pdf), the public page,
open data and the API — compared field by field with the database's own totals."""
import csv
import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from django.db.models import Q, Sum
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from accounts.models import Membership
from core import docx as admin_docx
from core.testing.world import OFFICE_REVIEWER, OTHER_OFFICER, UNIT_LEADER, UNIT_OFFICER
from core.testing.xlsx import differences, workbook_cells
from core.vn import format_money
from execution import implementation, services
from execution.models import MoneyEntry, ProgressStatus, Stage
from plans.tests.factories import signed_pdf, source

from .factories import accepted_row, assigned_task

pytestmark = pytest.mark.django_db
STAGES = ["approved", "allocated", "advanced", "paid", "settled"]


def independent(**filters) -> dict:
    """{stage: đồng} straight from the ledger rows, without the app's aggregation code."""
    return {stage: MoneyEntry.objects.filter(stage=stage, **filters).aggregate(t=Sum("amount_vnd"))["t"] or 0
            for stage in STAGES}


@pytest.fixture
def executed(world, clock):
    """Two 2017 tasks: ours on track with money at every stage and an accepted report with a public and a
    private deliverable; the other unit's stopped, with its reason."""
    office, officer, leader = world.user(OFFICE_REVIEWER), world.user(UNIT_OFFICER), world.user(UNIT_LEADER)
    ours = assigned_task(world)
    theirs = assigned_task(world, row=accepted_row(world, organisation=world.other_unit, name="Phát hành bản tin",
                                                   central=120_000_000, other=30_500_000), milestones=[])
    clock.set_now(datetime(2017, 7, 20, 9, 0))
    for stage, amount in ((Stage.ALLOCATED, 250_000_000), (Stage.ADVANCED, 60_000_000), (Stage.PAID, 180_000_001),
                          (Stage.SETTLED, 100_000_000)):
        services.record_money(task=ours, user=office, source=source("central"), year=2017, stage=stage, amount_vnd=amount,
                              entry_date=date(2017, 7, 1))
    services.record_money(task=ours, user=office, source=source("local"), year=2017, stage=Stage.ALLOCATED,
                          amount_vnd=120_000_000, entry_date=date(2017, 7, 1))
    services.record_money(task=theirs, user=office, source=source("central"), year=2017, stage=Stage.ALLOCATED,
                          amount_vnd=50_000_000, entry_date=date(2017, 7, 1))
    report = ours.reports.first()
    services.save_report(report=report, user=officer, data={
        "progress_status": ProgressStatus.ON_TRACK, "percent": 60, "work_done": "Đã tổ chức 3 lớp", "spent_vnd": 180_000_001})
    services.add_deliverable(report=report, user=officer, title="Tài liệu tập huấn", upload=signed_pdf("tai-lieu.pdf"),
                             is_public=True)
    services.add_deliverable(report=report, user=officer, title="Danh sách học viên", upload=signed_pdf("ds.pdf"))
    services.send_report(report=report, user=leader)
    services.accept_report(report=report, user=office)
    other_report = theirs.reports.first()
    their_leader = Membership.objects.get(organisation=world.other_unit, role="unit_leader").user
    services.save_report(report=other_report, user=world.user(OTHER_OFFICER), data={
        "progress_status": ProgressStatus.STOPPED, "percent": 10, "work_done": "Đã biên tập số 1",
        "problems": "Doanh nghiệp rút khỏi nhiệm vụ", "spent_vnd": 0})
    services.send_report(report=other_report, user=their_leader)
    services.accept_report(report=other_report, user=office)
    ours.refresh_from_db()
    theirs.refresh_from_db()
    return ours, theirs


def office_client(world):
    client = Client()
    client.force_login(world.user(OFFICE_REVIEWER))
    return client


def test_the_docx_report_states_every_figure_of_the_ledger(world, executed):
    ours, theirs = executed
    response = office_client(world).get("/execution/report/2017/bao-cao.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = admin_docx.document_text(document)
    total = independent(year=2017)
    assert total == {"approved": 570_500_000, "allocated": 420_000_000, "advanced": 60_000_000, "paid": 180_000_001,
                     "settled": 100_000_000}
    assert (f"phê duyệt {format_money(total['approved'])} đồng, phân bổ {format_money(total['allocated'])} đồng, tạm ứng "
            f"{format_money(total['advanced'])} đồng, thanh toán {format_money(total['paid'])} đồng, quyết toán "
            f"{format_money(total['settled'])} đồng") in text
    tables = document.tables
    by_status = {row.cells[0].text: row.cells[1].text for row in tables[1].rows[1:]}
    assert by_status["Đúng tiến độ"] == "1" and by_status["Dừng thực hiện"] == "1" and by_status["Tổng cộng"] == "2"
    by_source = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in tables[2].rows[1:]}
    for code, name in (("central", "Ngân sách Trung ương"), ("local", "Ngân sách của Bộ, ngành, địa phương")):
        expected = independent(year=2017, source__code=code)
        assert by_source[name] == [format_money(expected[stage]) or "0" for stage in STAGES]
    assert by_source["Tổng cộng"] == [format_money(total[stage]) for stage in STAGES]
    by_unit = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in tables[4].rows[1:]}
    mine = independent(year=2017, task=ours)
    assert by_unit[world.unit.name_vi] == [format_money(mine[stage]) or "0" for stage in STAGES]
    tasks = {row.cells[1].text: [cell.text for cell in row.cells] for row in tables[5].rows[1:]}
    assert tasks[ours.name][3:] == ["Đúng tiến độ", "60", "Tài liệu tập huấn; Danh sách học viên"]
    troubled = [[cell.text for cell in row.cells] for row in tables[6].rows[1:]]
    assert troubled == [[theirs.name, world.other_unit.name_vi, "Dừng thực hiện", "Doanh nghiệp rút khỏi nhiệm vụ"]]


def test_the_xlsx_annex_keeps_whole_dong_and_totals_equal_their_rows(world, executed):
    ours, theirs = executed
    response = office_client(world).get("/execution/report/2017/phu-luc.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Nhiệm vụ"].iter_rows(values_only=True))
    header = rows[2]
    lines = {row[3]: dict(zip(header, row)) for row in rows[3:-1]}
    for task in (ours, theirs):
        expected = independent(year=2017, task=task)
        line = lines[task.name]
        assert [line[f"{h} (đồng)"] for h in implementation.STAGE_HEADERS] == [expected[stage] for stage in STAGES]
        assert (line["Đơn vị"], line["Đơn vị thực hiện"], line["Quyết định giao"], line["Tiến độ (%)"]) == (
            task.organisation.name_vi, task.implementing_body, task.decision_number, task.progress_percent)
    total_row = rows[-1]
    assert list(total_row[9:14]) == [independent(year=2017)[stage] for stage in STAGES]
    for sheet in ("Theo nguồn", "Theo đơn vị", "Theo đề án", "Theo hoạt động ưu tiên"):
        body = list(workbook[sheet].iter_rows(values_only=True))[1:]
        assert [sum(row[i] for row in body[:-1]) for i in range(1, 6)] == list(body[-1][1:6])
        assert list(body[-1][1:6]) == [independent(year=2017)[stage] for stage in STAGES]


def test_the_streamed_annex_is_cell_for_cell_the_one_the_openpyxl_writer_wrote(world, executed):
    content = office_client(world).get("/execution/report/2017/phu-luc.xlsx").content
    before = workbook_cells((Path(__file__).parent / "golden" / "implementation-annex.xlsx").read_bytes())
    assert differences(before, workbook_cells(content)) == []


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice and poppler needed")
def test_the_pdf_report_carries_the_same_figures(world, executed):
    response = office_client(world).get("/execution/report/2017/bao-cao.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "180.000.001" in text and "570.500.000" in text and "Dừng thực hiện" in text


def test_public_page_and_open_data_show_money_and_only_public_deliverables(world, executed):
    ours, theirs = executed
    anonymous = Client()
    page = anonymous.get(f"/accountability/{ours.programme.code}/2017/").content.decode()
    assert "Tài liệu tập huấn" in page and "Danh sách học viên" not in page
    assert format_money(independent(task=ours)["paid"]) in page
    totals = independent(task__year=2017)
    assert f'id="public-approved">{format_money(totals["approved"])}<' in page
    assert f'id="public-paid">{format_money(totals["paid"])}<' in page
    public = ours.reports.first().deliverables.get(is_public=True)
    private = ours.reports.first().deliverables.get(is_public=False)
    assert anonymous.get(f"/execution/deliverables/{public.pk}/").status_code == 200
    assert anonymous.get(f"/execution/deliverables/{private.pk}/").status_code == 302  # to the login page

    rows = list(csv.DictReader(io.StringIO(anonymous.get("/api/open/execution.csv").content.decode("utf-8-sig"))))
    by_id = {int(row["task_id"]): row for row in rows}
    for task in (ours, theirs):
        expected = independent(task=task)
        row = by_id[task.pk]
        assert {stage: int(row[f"{stage}_vnd"]) for stage in STAGES} == expected
        assert (row["organisation_code"], row["status"], int(row["progress_percent"]), row["decision_date"]) == (
            task.organisation.code, task.progress_status, task.progress_percent, task.decision_date.isoformat())
    assert by_id[ours.pk]["public_deliverables"] == "Tài liệu tập huấn"
    assert by_id[theirs.pk]["status"] == "stopped"


def test_api_exposes_tasks_reports_and_money_read_only_and_scoped(world, executed):
    ours, theirs = executed
    client = Client()
    client.force_login(world.user(UNIT_OFFICER))
    tasks = client.get("/api/v1/execution/tasks/").json()["results"]
    assert [task["id"] for task in tasks] == [ours.pk]
    assert tasks[0]["money"] == independent(task=ours)
    assert tasks[0]["organisation"] == world.unit.code and tasks[0]["progress_percent"] == 60
    assert client.get(f"/api/v1/execution/tasks/{theirs.pk}/").status_code == 404
    assert client.post("/api/v1/execution/tasks/", {}).status_code == 405
    reports = client.get("/api/v1/execution/reports/").json()["results"]
    assert {report["task"] for report in reports} == {ours.pk}
    accepted = next(report for report in reports if report["status"] == "accepted")
    assert (accepted["percent"], accepted["spent_vnd"], accepted["due_on"]) == (60, 180_000_001, "2017-07-31")
    assert [d["title"] for d in accepted["deliverables"]] == ["Tài liệu tập huấn", "Danh sách học viên"]
    money = client.get(f"/api/v1/execution/money/?task={ours.pk}").json()["results"]
    assert sum(entry["amount_vnd"] for entry in money if entry["stage"] == "paid") == 180_000_001
    office = office_client(world).get("/api/v1/execution/money/").json()
    assert office["count"] == MoneyEntry.objects.count()
    assert MoneyEntry.objects.filter(Q(task=theirs)).count() == len(
        [e for e in office["results"] if e["task"] == theirs.pk])
