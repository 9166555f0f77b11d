"""In chromium: a unit fills the system's own template (objectives included), uploads it, checks the
preview and finds every field on its proposal page."""
from datetime import datetime

from openpyxl import load_workbook

from core import clock
from core.testing.browser import log_in
from core.testing.world import UNIT_OFFICER, build_world
from rounds import services
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round


def test_the_filled_template_uploads_with_its_objectives(page, tmp_path):
    world = build_world()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    try:
        round_obj = open_2017_round(world)
        services.proposal_for(round_obj=round_obj, organisation=world.unit)
        log_in(page, world.user(UNIT_OFFICER))
        page.goto(f"/rounds/{round_obj.pk}/units/{world.unit.code}/")
        with page.expect_download() as download:
            page.click("text=Tải mẫu Excel (Phụ lục)")
        path = tmp_path / "phu-luc.xlsx"
        download.value.save_as(path)
        workbook = load_workbook(path)
        sheet = workbook["Phụ lục"]
        for row, values in ((7, ("Tập huấn SXSH cho cán bộ Sở", "Nâng cao năng lực đánh giá SXSH; 2 lớp", "02 lớp tập huấn",
                                 "Quý II/2017", "300", "120", "Phối hợp VNCPC")),
                            (8, ("Phóng sự điển hình SXSH", "Tuyên truyền nâng cao nhận thức", "01 phóng sự", "Năm 2017",
                                 "150,5", "0", ""))):
            for col, value in zip("BCDEFGH", values):
                sheet[f"{col}{row}"] = value
        workbook.save(path)

        page.click("text=Tải lên tệp Excel")
        page.set_input_files("#id_file", str(path))
        page.click("text=Kiểm tra tệp")
        page.wait_for_selector("#upload-preview")
        preview = page.inner_text("#upload-preview")
        assert "Nâng cao năng lực đánh giá SXSH; 2 lớp" in preview and "01 phóng sự" in preview and "Phối hợp VNCPC" in preview
        assert "450,5" in preview and "450.500.000" in preview
        assert "Đơn vị tính theo dòng ghi đơn vị trong tệp: triệu đồng." in page.inner_text("#upload-notes")
        page.click("text=Nhập các nhiệm vụ này")
        page.wait_for_selector("text=Đã nhập 2 nhiệm vụ")
        objectives = page.eval_on_selector_all("#task-grid [name=objectives]", "cells => cells.map(cell => cell.value)")
        assert objectives == ["Nâng cao năng lực đánh giá SXSH; 2 lớp", "Tuyên truyền nâng cao nhận thức"]
        assert list(TaskRow.objects.values_list("objectives", "products", "period", "central_vnd", "other_vnd", "notes")) == [
            ("Nâng cao năng lực đánh giá SXSH; 2 lớp", "02 lớp tập huấn", "Quý II/2017", 300_000_000, 120_000_000, "Phối hợp VNCPC"),
            ("Tuyên truyền nâng cao nhận thức", "01 phóng sự", "Năm 2017", 150_500_000, 0, "")]
    finally:
        clock.set_now(None)
