"""In chromium: an officer enters the 2009–2015 evaluation and sends it; the office reads the national
dashboard (province map, gap per target) and downloads the report."""
import io
from datetime import datetime

from docx import Document
from playwright.sync_api import expect

from core import clock
from core.testing.browser import log_in, log_out
from core.testing.world import OFFICE_REVIEWER, UNIT_OFFICER, build_world
from evaluation.models import IndicatorValue

from .factories import open_evaluation


def test_officer_enters_the_evaluation_and_the_office_reads_the_dashboard(page, tmp_path):
    world = build_world()
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    try:
        period = open_evaluation(world)

        log_in(page, world.user(UNIT_OFFICER))
        page.goto("/evaluation/")
        page.click(f"#periods >> text={period.title}")
        page.click("text=Nhập số liệu")
        page.fill("#id_facilities_aware__numerator", "120")
        page.fill("#id_facilities_aware__denominator", "100")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Tử số (120) không được lớn hơn mẫu số (100).")
        for field, value in (("facilities_aware__numerator", "45"), ("facilities_aware__denominator", "100"),
                             ("facilities_applying__numerator", "30"), ("facilities_applying__denominator", "150"),
                             ("resource_saving__value", "6,5"), ("resource_saving__denominator", "12")):
            page.fill(f"#id_{field}", value)
        page.select_option("#id_doit_capable_staff__value", "1")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=Đã lưu số liệu.")
        page.click("#send")
        page.click("#confirm-send")
        page.wait_for_selector("text=Đã gửi báo cáo chỉ tiêu")
        log_out(page)

        log_in(page, world.user(OFFICE_REVIEWER))
        page.goto(f"/evaluation/{period.pk}/board/")
        assert page.locator("#board tr[data-state=on_time]").count() == 1
        page.click("text=Bảng theo dõi toàn quốc")
        page.wait_for_selector("#province-map svg")
        assert page.locator("#province-map g.tile").count() == 63
        assert page.get_attribute("#province-map g.tile[data-code=ha-noi]", "data-value") == "45,0"
        aware = page.locator("#national tr[data-code=facilities_aware]")
        assert aware.locator("td.value").inner_text() == "45,0"
        assert aware.locator("td.gap").inner_text() == "-5,0"  # target 50% by 2015
        assert page.locator("#national tr[data-code=facilities_applying] td.gap").inner_text() == "-5,0"  # 20% vs 25%
        with page.expect_download() as download:
            page.click("text=Tải báo cáo (Word)")
        path = tmp_path / "report.docx"
        download.value.save_as(path)
        document = Document(io.BytesIO(path.read_bytes()))
        assert document.tables[0].cell(0, 0).paragraphs[0].text == "BỘ CÔNG THƯƠNG"
        assert [c.text for c in document.tables[1].rows[1].cells][2:5] == ["45,0", "50 (2015)", "-5,0"]
    finally:
        clock.set_now(None)


def test_the_indicator_form_saves_as_it_is_filled(page):
    world = build_world()
    clock.set_now(datetime(2016, 4, 1, 9, 0))
    try:
        period = open_evaluation(world)
        log_in(page, world.user(UNIT_OFFICER))
        page.goto(f"/evaluation/{period.pk}/units/{world.unit.code}/edit/")
        page.wait_for_selector("#report-form[data-autosave-ready]")
        page.fill("#id_facilities_aware__numerator", "45")
        page.fill("#id_facilities_aware__denominator", "100")
        page.keyboard.press("Tab")
        expect(page.locator("#grid-status")).to_have_text("Đã lưu")
        assert list(IndicatorValue.objects.values_list("numerator", "denominator")) == [(45, 100)]
        page.fill("#id_facilities_applying__numerator", "120")
        page.fill("#id_facilities_applying__denominator", "100")
        page.keyboard.press("Tab")
        expect(page.locator("fieldset[data-code=facilities_applying] .cell-error").first).to_have_text(
            "Tử số (120) không được lớn hơn mẫu số (100).")
        expect(page.locator("#grid-status")).to_have_text("Có ô chưa lưu được: xem các ô viền đỏ.")
        page.reload()
        assert page.input_value("#id_facilities_aware__numerator") == "45"
    finally:
        clock.set_now(None)
