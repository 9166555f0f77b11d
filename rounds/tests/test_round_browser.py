"""The whole round in chromium: open → enter rows and upload → submit → return → fix → resubmit → accept → export."""
import io
from datetime import datetime

from openpyxl import load_workbook

from core import clock
from core.testing.browser import grid_saved, log_in, log_out, open_grid
from core.testing.world import OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from rounds.models import Proposal, TaskRow
from rounds.tests.factories import programme


def test_a_round_from_opening_to_export(page, tmp_path):
    world = build_world()
    programme()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    try:
        walk_the_round(page, world, tmp_path)
    finally:
        clock.set_now(None)


def walk_the_round(page, world, tmp_path):
    # The office opens the round for the provinces.
    log_in(page, world.user(OFFICE_ADMIN))
    page.goto("/rounds/new/")
    page.fill("#id_title", "Đề xuất nhiệm vụ năm 2017")
    page.fill("#id_plan_year", "2017")
    page.fill("#id_opens_on", "13/05/2016")
    page.fill("#id_deadline", "15/06/2016")
    page.check("input[name=invited_groups][value=provinces]")
    page.click("main button[type=submit]")
    page.wait_for_selector("#board")
    assert page.locator("#board tbody tr").count() == 2
    log_out(page)

    # The officer enters two rows online, in the grid.
    log_in(page, world.user(UNIT_OFFICER))
    page.goto("/rounds/")
    page.click("text=Đề xuất nhiệm vụ năm 2017")
    open_grid(page)
    for index, (name, central) in enumerate((("Tập huấn SXSH cho cán bộ Sở", "300"),
                                             ("Hỗ trợ kỹ thuật 5 cơ sở dệt nhuộm", "450,5")), start=1):
        page.click("#grid-add-row")
        page.keyboard.type(name)
        page.fill(f"#task-grid tbody tr:nth-child({index}) [name=central_vnd]", central)
        page.fill(f"#task-grid tbody tr:nth-child({index}) [name=other_vnd]", "100")
        page.keyboard.press("Tab")
        grid_saved(page)
    assert page.inner_text("#total-central") == "750,5"

    # …then downloads the pre-filled template, adds a row in Excel and uploads it.
    with page.expect_download() as download:
        page.click("text=Tải mẫu Excel (Phụ lục)")
    path = tmp_path / "phu-luc.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook["Phụ lục"]
    sheet["B9"], sheet["F9"], sheet["G9"] = "Phóng sự điển hình SXSH", "1.200", "0"
    workbook.save(path)
    page.click("text=Tải lên tệp Excel")
    page.set_input_files("#id_file", str(path))
    page.click("text=Kiểm tra tệp")
    page.wait_for_selector("#upload-preview")
    page.click("text=Nhập các nhiệm vụ này")
    page.wait_for_selector("text=Đã nhập 3 nhiệm vụ")
    assert page.inner_text("#total-central") == "1.950,5"
    log_out(page)

    # The leader submits.
    log_in(page, world.user(UNIT_LEADER))
    page.goto(f"/rounds/{Proposal.objects.get().round_id}/units/{world.unit.code}/")
    page.click("#send")
    page.click("#confirm-send")
    page.wait_for_selector("text=Đã gửi đề xuất (lần 1)")
    log_out(page)

    # The reviewer returns it with a comment.
    log_in(page, world.user(OFFICE_REVIEWER))
    round_id = Proposal.objects.get().round_id
    page.goto(f"/rounds/{round_id}/board/")
    page.click(f"#board >> text={world.unit.name_vi}")
    page.click("text='Xem xét'")
    page.fill("#comment", "Bổ sung sản phẩm dự kiến cho nhiệm vụ tập huấn.")
    page.click("text=Trả lại để hoàn thiện")
    page.wait_for_selector("text=Đã trả lại đề xuất")
    log_out(page)

    # The officer fixes a row; the leader resubmits.
    log_in(page, world.user(UNIT_OFFICER))
    page.goto(f"/rounds/{round_id}/units/{world.unit.code}/")
    assert "Bổ sung sản phẩm dự kiến" in page.content()
    page.click("#rows >> text=Sửa >> nth=0")
    page.fill("#id_products", "02 lớp tập huấn, 80 học viên")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã lưu nhiệm vụ")
    log_out(page)
    log_in(page, world.user(UNIT_LEADER))
    page.goto(f"/rounds/{round_id}/units/{world.unit.code}/")
    page.click("#send")
    page.click("#confirm-send")
    page.wait_for_selector("text=Đã gửi đề xuất (lần 2)")
    log_out(page)

    # The reviewer accepts with an approved amount; the office exports.
    log_in(page, world.user(OFFICE_REVIEWER))
    page.goto(f"/rounds/{round_id}/units/{world.unit.code}/review/")
    first = TaskRow.objects.order_by("position").first()
    page.fill(f"#approved-{first.pk}", "250")
    page.click("button:has-text('Chấp nhận')")
    page.wait_for_selector("text=Đã chấp nhận đề xuất")
    page.goto(f"/rounds/{round_id}/board/")
    with page.expect_download() as download:
        page.click("text=Xuất Excel tổng hợp")
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    grand = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "TỔNG CỘNG")
    assert round(grand[5] * 1_000_000) == 1_950_500_000
    assert Proposal.objects.get().status == "accepted"
    assert TaskRow.objects.get(pk=first.pk).approved_central_vnd == 250_000_000
    assert Proposal.objects.get().versions.count() == 2
