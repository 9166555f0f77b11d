"""In chromium: one task from the accepted proposal row to assignment, two progress reports (the first
returned with a reason), payments, acceptance and settlement; then found with its money and
deliverables in the implementation report (.docx, .xlsx, .pdf), on the public page and in open data."""
import io
import json
import shutil
import subprocess
from datetime import datetime

from django.db.models import Sum
from docx import Document
from openpyxl import load_workbook

from core import clock
from core import docx as admin_docx
from core.testing.browser import log_in, log_out
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from core.vn import format_money
from execution.models import AssignedTask, MoneyEntry

from .factories import accepted_row

STAGES = ["approved", "allocated", "advanced", "paid", "settled"]


def ledger_sums(task) -> dict:
    return {stage: task.money.filter(stage=stage).aggregate(t=Sum("amount_vnd"))["t"] or 0 for stage in STAGES}


def test_one_task_from_accepted_row_to_report_public_page_and_open_data(page, live_server, tmp_path):
    world = build_world()
    try:
        walk(page, world, tmp_path, live_server.url)
    finally:
        clock.set_now(None)


def _office_money(page, stage, amount, day):
    page.select_option("#money-form #id_stage", stage)
    page.select_option("#money-form #id_source", label="Ngân sách Trung ương")
    page.fill("#money-form #id_year", "2017")
    page.fill("#money-form #id_amount_vnd", amount)
    page.fill("#money-form #id_entry_date", day)
    page.click("#money-form button[type=submit]")


def _write_report(page, world, *, status, percent, work_done, deliverable=None, evidence=None):
    log_in(page, world.user(UNIT_OFFICER))
    page.goto("/execution/")
    page.click("#open-reports a >> nth=0")
    page.select_option("#id_progress_status", status)
    page.fill("#id_percent", percent)
    page.fill("#id_work_done", work_done)
    page.fill("#id_spent_vnd", "250.000.000")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("text=Đã lưu báo cáo")
    if deliverable:
        page.fill("#id_title", deliverable)
        page.set_input_files("#id_file", str(evidence))
        page.check("#id_is_public")
        page.click("#deliverable-form button[type=submit]")
        page.wait_for_selector("text=Đã thêm sản phẩm")
    report_url = page.url
    log_out(page)
    log_in(page, world.user(UNIT_LEADER))
    page.goto(report_url)
    page.click("#send-form button")
    page.wait_for_selector("text=Đã gửi báo cáo")
    log_out(page)
    return report_url


def walk(page, world, tmp_path, base_url):
    row = accepted_row(world, name="Tập huấn đánh giá SXSH cho cán bộ Sở Công Thương")
    clock.set_now(datetime(2017, 1, 10, 9, 0))
    decision = tmp_path / "quyet-dinh-giao.pdf"
    decision.write_bytes(b"%PDF-1.4\n% signed decision\n%%EOF\n")

    # The office assigns the accepted row: decision, dates, money carried over, a first milestone.
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto("/execution/")
    page.click("text=Giao nhiệm vụ (1)")
    page.click("#assignable >> text=Giao")
    page.fill("#id_decision_number", "2315/QĐ-BCT")
    page.fill("#id_decision_date", "10/01/2017")
    page.fill("#id_decision_signer", "Cao Quốc Hưng")
    page.set_input_files("#id_decision_file", str(decision))
    page.fill("#id_start_date", "01/02/2017")
    page.fill("#id_end_date", "31/12/2017")
    page.fill("#id_milestone_on", "30/06/2017")
    assert page.input_value("#id_amount-2017-central") == "300.000.000"
    page.click("#assign-form button[type=submit]")
    page.wait_for_selector("text=Đã giao nhiệm vụ")
    task = AssignedTask.objects.get(source_row=row)
    assert page.inner_text("#money tfoot [data-stage=approved]") == "420.000.000"

    # A payment above the allocation is refused; the allocation is recorded.
    _office_money(page, "paid", "1", "10/01/2017")
    page.wait_for_selector("text=vượt số phân bổ")
    _office_money(page, "allocated", "300.000.000", "10/01/2017")
    page.wait_for_selector("text=Đã ghi kinh phí")
    log_out(page)

    # First report: sent, returned with a reason, completed and accepted.
    clock.set_now(datetime(2017, 7, 20, 9, 0))
    evidence = tmp_path / "tai-lieu-tap-huan.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% training material\n%%EOF\n")
    first = _write_report(page, world, status="on_track", percent="40", work_done="Đã tổ chức 2 lớp tập huấn",
                          deliverable="Bộ tài liệu tập huấn", evidence=evidence)
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto(first)
    page.fill("#return-form #id_reason", "Đề nghị bổ sung danh sách học viên")
    page.click("#return-form button[type=submit]")
    page.wait_for_selector("text=Đã trả lại báo cáo để hoàn thiện")
    log_out(page)
    log_in(page, world.user(UNIT_OFFICER))
    page.goto(first)
    assert "Đề nghị bổ sung danh sách học viên" in page.inner_text("#return-reason")
    page.fill("#id_percent", "45")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("text=Đã lưu báo cáo")
    log_out(page)
    log_in(page, world.user(UNIT_LEADER))
    page.goto(first)
    page.click("#send-form button")
    page.wait_for_selector("text=Đã gửi báo cáo")
    log_out(page)
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto(first)
    page.click("#accept-form button")
    page.wait_for_selector("text=Đã chấp nhận báo cáo")
    page.click(f"text={task.name}")
    assert "45 %" in page.inner_text("#task-status")
    _office_money(page, "advanced", "100.000.000", "20/07/2017")
    page.wait_for_selector("text=Đã ghi kinh phí")
    _office_money(page, "paid", "250.000.000", "20/07/2017")
    page.wait_for_selector("text=Đã ghi kinh phí")
    log_out(page)

    # Second (final) report: done, accepted.
    clock.set_now(datetime(2017, 12, 20, 9, 0))
    _write_report(page, world, status="done", percent="100", work_done="Hoàn thành 5 lớp tập huấn cho 214 học viên")
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto("/execution/")
    page.click(f"#tasks >> text={task.name}")
    page.click("#reports >> text=Báo cáo kết thúc nhiệm vụ")
    page.click("#accept-form button")
    page.wait_for_selector("text=Đã chấp nhận báo cáo")

    # Acceptance, settlement, closing: refused until settled.
    page.click(f"text={task.name}")
    page.select_option("#id_verdict", "passed")
    page.fill("#id_decided_on", "18/12/2017")
    minutes = tmp_path / "bien-ban.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes\n%%EOF\n")
    page.set_input_files("#id_minutes_file", str(minutes))
    page.click("#acceptance-form button[type=submit]")
    page.wait_for_selector("text=Đã ghi kết quả nghiệm thu")
    page.click("#close-form button")
    page.wait_for_selector("text=chưa quyết toán hết số đã thanh toán")
    _office_money(page, "settled", "250.000.000", "20/12/2017")
    page.wait_for_selector("text=Đã ghi kinh phí")
    page.click("#close-form button")
    page.wait_for_selector("text=Nhiệm vụ đã kết thúc.")
    task.refresh_from_db()
    assert task.is_closed and task.progress_percent == 100
    sums = ledger_sums(task)
    assert sums == {"approved": 420_000_000, "allocated": 300_000_000, "advanced": 100_000_000, "paid": 250_000_000,
                    "settled": 250_000_000}

    # The implementation report.
    page.goto("/execution/report/2017/")
    with page.expect_download() as download:
        page.click("text=Tải báo cáo (.docx)")
    text = admin_docx.document_text(Document(io.BytesIO(download.value.path().read_bytes())))
    assert (f"phê duyệt {format_money(sums['approved'])} đồng, phân bổ {format_money(sums['allocated'])} đồng, tạm ứng "
            f"{format_money(sums['advanced'])} đồng, thanh toán {format_money(sums['paid'])} đồng, quyết toán "
            f"{format_money(sums['settled'])} đồng") in text
    assert "Bộ tài liệu tập huấn" in text and "Đã hoàn thành" in text
    with page.expect_download() as download:
        page.click("text=Tải phụ lục (.xlsx)")
    rows = list(load_workbook(io.BytesIO(download.value.path().read_bytes()))["Nhiệm vụ"].iter_rows(values_only=True))
    line = next(r for r in rows[3:-1] if r[3] == task.name)
    assert list(line[9:14]) == [sums[stage] for stage in STAGES] and line[14] == "Bộ tài liệu tập huấn"
    assert list(rows[-1][9:14]) == [MoneyEntry.objects.filter(year=2017, stage=s).aggregate(t=Sum("amount_vnd"))["t"] or 0
                                    for s in STAGES]
    if shutil.which("soffice") and shutil.which("pdftotext"):
        with page.expect_download(timeout=120_000) as download:
            page.click("text=Tải báo cáo (.pdf)")
        pdf_text = subprocess.run(["pdftotext", "-layout", str(download.value.path()), "-"], capture_output=True,
                                  check=True).stdout.decode()
        assert "420.000.000" in pdf_text and "250.000.000" in pdf_text
    log_out(page)

    # The public page and open data, as anyone.
    page.goto("/accountability/")
    page.click("#programme-years a >> nth=0")
    public_row = page.inner_text(f"#public-tasks tr:has-text('{task.name}')")
    assert "420.000.000" in public_row and "250.000.000" in public_row and "Bộ tài liệu tập huấn" in public_row
    assert "Đã kết thúc" in public_row
    data = json.loads(page.request.get(f"{base_url}/api/open/execution.json").text())
    published = next(r for r in data["rows"] if r["task_id"] == task.pk)
    assert {stage: published[f"{stage}_vnd"] for stage in STAGES} == sums
    assert (published["status"], published["public_deliverables"], published["decision_number"]) == (
        "closed", "Bộ tài liệu tập huấn", "2315/QĐ-BCT")
