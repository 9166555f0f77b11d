"""In chromium: an officer files an action plan with its decision file → the leader submits the 2017
dossier → the office acknowledges it → the office generates the report and downloads .docx, .xlsx, .pdf."""
import io
import shutil
from datetime import datetime

from docx import Document
from openpyxl import load_workbook

from core import clock
from core import docx as admin_docx
from core.testing.browser import grid_saved, log_in, log_out, open_grid
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from plans.models import ActionPlan, DossierStatus, PlanStatus
from reports import pm_annex

from .factories import open_2017_call, strategy


def test_plan_dossier_and_report_in_the_browser(page, tmp_path):
    world = build_world()
    strategy()
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    try:
        walk(page, world, tmp_path)
    finally:
        clock.set_now(None)


def walk(page, world, tmp_path):
    open_2017_call(world)
    log_in(page, world.user(UNIT_OFFICER))
    page.goto("/plans/")
    page.click("text=Giai đoạn 2016 - 2020")
    page.click("text=Thêm nhiệm vụ")
    page.fill("#id_name", "Tập huấn SXSH cho doanh nghiệp dệt may")
    page.fill("#id_start_year", "2016")
    page.fill("#id_end_year", "2018")
    page.fill("#id_amount-2016-local", "150")
    page.fill("#id_amount-2017-extension", "250,5")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Đã lưu nhiệm vụ")
    assert page.inner_text("#plan-total") == "400,5"

    # Issuing without a file is refused with a message; with the signed PDF it is recorded.
    page.click("text=Ghi nhận ban hành")
    page.fill("#id_decision_number", "1234/QĐ-UBND")
    page.fill("#id_decision_date", "20/08/2016")
    page.fill("#id_signer", "Nguyễn Đức Chung")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Cần tải lên văn bản đã ký")
    signed = tmp_path / "quyet-dinh.pdf"
    signed.write_bytes(b"%PDF-1.4\n% signed\n%%EOF\n")
    page.set_input_files("#id_signed_file", str(signed))
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận kế hoạch hành động được ban hành")
    assert "Đã ban hành" in page.inner_text("#plan-status")
    assert ActionPlan.objects.get(organisation=world.unit).status == PlanStatus.ISSUED

    # The officer prepares the 2017 dossier from the plan's task.
    page.goto("/plans/")
    page.click("#unit-dossiers >> text=2017")
    open_grid(page)
    # In the grid: the task, its action-plan task and two amounts, each cell saved as it is left.
    page.click("#grid-add-row")
    page.keyboard.type("Tập huấn SXSH năm 2017")
    row = "#task-grid tbody tr:nth-child(1)"
    page.select_option(f"{row} [name=action_task]", label="Tập huấn SXSH cho doanh nghiệp dệt may")
    page.fill(f"{row} [name=amount-extension]", "250,5")
    page.fill(f"{row} [name=amount-enterprise]", "100")
    page.keyboard.press("Tab")
    grid_saved(page)
    assert page.inner_text("#dossier-total") == "350,5"
    assert page.inner_text("[data-total-for=amount-extension]") == "250,5"
    assert page.locator("text=Gửi hồ sơ").count() == 0  # only the leader sends it
    log_out(page)

    log_in(page, world.user(UNIT_LEADER))
    page.goto("/plans/dossiers/2017/ha-noi/")
    page.click("#send")
    page.click("#confirm-send")
    page.wait_for_selector("text=Đã gửi hồ sơ kế hoạch năm")
    log_out(page)

    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto("/plans/dossiers/2017/")
    page.click("#dossier-board >> text=UBND Thành phố Hà Nội")
    page.click("#review button[value=acknowledge]")
    page.wait_for_selector("text=Đã tiếp nhận hồ sơ")
    assert world.unit.dossiers.get().status == DossierStatus.ACKNOWLEDGED

    page.goto("/reports/national/?year=2017")
    assert page.inner_text("#count-dossiers") == "1"
    assert page.inner_text("#national-total") == "350,5"
    page.click("text=Báo cáo Thủ tướng Chính phủ")
    page.fill("#id_number", "88/BC-BCT")
    page.fill("#id_signer_name", "Hoàng Quốc Vượng")
    page.fill("#id_assessment", "Các địa phương đã chủ động bố trí kinh phí khuyến công.")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Đã lưu nội dung báo cáo")

    with page.expect_download() as download:
        page.click("text=Tải báo cáo (.docx)")
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = admin_docx.document_text(document)
    assert "Số: 88/BC-BCT" in text and "Hoàng Quốc Vượng" in text and "kinh phí khuyến công" in text
    assert "350.500.000 đồng" in text

    with page.expect_download() as download:
        page.click("text=Tải phụ lục (.xlsx)")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()))[pm_annex.TASK_SHEET]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][3] == "Tập huấn SXSH năm 2017" and rows[-1][-1] == 350_500_000

    if shutil.which("soffice"):
        with page.expect_download(timeout=120_000) as download:
            page.click("text=Tải bản PDF", timeout=120_000)  # LibreOffice converts before the download starts
        assert download.value.path().read_bytes().startswith(b"%PDF-")
