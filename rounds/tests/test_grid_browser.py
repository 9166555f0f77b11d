"""The proposal grid in chromium: typing with Tab and Enter, live totals, paste from Excel, delete and undo,
Back then save without a duplicate, two tabs adding rows, a conflict resolved, a phone's width, axe."""
import re
from datetime import date, datetime

import pytest
from playwright.sync_api import expect

from core import clock
from core.testing.axe import axe_source, serious_violations
from core.testing.browser import grid_saved, log_in, open_grid
from core.testing.world import UNIT_OFFICER, build_world
from rounds import services
from rounds.models import TaskRow
from rounds.tests.factories import open_2017_round, task

PASTE = """(args) => {
  const [selector, text, html] = args;
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (html) { data.setData('text/html', html); }
  document.querySelector(selector).dispatchEvent(
    new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


@pytest.fixture
def opened():
    world = build_world()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world)
    yield world, round_obj, f"/rounds/{round_obj.pk}/units/{world.unit.code}/"
    clock.set_now(None)


saved = grid_saved


def grid_rows(page):
    return page.locator("#task-grid tbody tr[data-row-id]")


def names():
    return list(TaskRow.objects.values_list("name", flat=True))


def test_typing_pasting_deleting_and_undoing_in_the_grid(page, opened):
    world, round_obj, url = opened
    log_in(page, world.user(UNIT_OFFICER))
    open_grid(page, url)
    page.on("dialog", lambda dialog: dialog.accept())

    # Type a row: Tab from cell to cell, the amount in triệu; the total follows.
    page.click("#grid-add-row")
    page.keyboard.type("Tập huấn SXSH cho cán bộ Sở")
    for _ in range(5):
        page.keyboard.press("Tab")
    page.keyboard.type("300")
    page.keyboard.press("Tab")
    saved(page)
    assert page.inner_text("[data-total-for=central_vnd]") == "300"
    # Enter goes to the same column of a new row below.
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "other_vnd"
    expect(grid_rows(page)).to_have_count(2)
    saved(page)
    assert page.inner_text("[data-total-for=other_vnd]") == "100"

    # Paste three rows from Excel at the name of the (empty) second row: rows are added as needed,
    # a bad amount stays in its cell with the upload's message, the other cells are saved.
    block = ("Phóng sự điển hình\tPhát sóng\t01 phóng sự\t03/2017\t11/2017\t1.200\t0\r\n"
             "Hỗ trợ kỹ thuật 5 cơ sở\t\t\t\t\t450,5\t50\r\n"
             "Hội thảo\t\t\t\t\t1.5\t0\r\n")
    page.evaluate(PASTE, ["#task-grid tbody tr:nth-child(2) [name=name]", block, ""])
    expect(grid_rows(page)).to_have_count(4)
    expect(page.locator("#grid-status")).to_have_text(re.compile("^Có ô chưa lưu được"))
    assert "Hãy viết như 1.500.000" in page.inner_text("#task-grid tbody tr:nth-child(4) .has-error")
    assert page.input_value("#task-grid tbody tr:nth-child(4) [name=central_vnd]") == "1.5"
    assert "Dòng 3 của khối dán" in page.inner_text("#grid-messages")
    assert names() == ["Tập huấn SXSH cho cán bộ Sở", "Phóng sự điển hình", "Hỗ trợ kỹ thuật 5 cơ sở", "Hội thảo"]
    assert page.inner_text("[data-total-for=central_vnd]") == "1.950,5"
    # Fix the bad cell.
    page.fill("#task-grid tbody tr:nth-child(4) [name=central_vnd]", "1,5")
    page.keyboard.press("Tab")
    saved(page)
    assert page.inner_text("[data-total-for=central_vnd]") == "1.952"
    assert TaskRow.objects.get(name="Hội thảo").central_vnd == 1_500_000

    # Delete asks once and can be undone; the row comes back in its place.
    page.click("#task-grid tbody tr:nth-child(2) .grid-delete")
    page.wait_for_selector("#grid-undo")
    assert names() == ["Tập huấn SXSH cho cán bộ Sở", "Hỗ trợ kỹ thuật 5 cơ sở", "Hội thảo"]
    page.click("#grid-undo")
    saved(page)
    assert names() == ["Tập huấn SXSH cho cán bộ Sở", "Phóng sự điển hình", "Hỗ trợ kỹ thuật 5 cơ sở", "Hội thảo"]
    # Move the last row up; after a reload everything is as shown.
    page.click("#task-grid tbody tr:nth-child(4) .grid-up")
    expect(page.locator("#task-grid tbody tr:nth-child(3) [name=name]")).to_have_value("Hội thảo")
    saved(page)
    page.reload()
    open_grid(page)
    shown = page.eval_on_selector_all("#task-grid tbody [name=name]", "inputs => inputs.map(i => i.value)")
    assert shown == ["Tập huấn SXSH cho cán bộ Sở", "Phóng sự điển hình", "Hội thảo", "Hỗ trợ kỹ thuật 5 cơ sở"]
    assert page.inner_text("#total-central") == "1.952"
    assert serious_violations(page, axe_source()) == []


def test_a_word_table_pasted_into_the_grid(page, opened):
    world, round_obj, url = opened
    log_in(page, world.user(UNIT_OFFICER))
    open_grid(page, url)
    page.click("#grid-add-row")
    html = ("<table><tr><td><p>Tập huấn</p></td><td><p>Nâng cao</p><p>năng lực</p></td></tr>"
            "<tr><td>Phóng sự</td><td>Phát sóng</td></tr></table>")
    page.evaluate(PASTE, ["#task-grid tbody tr:nth-child(1) [name=name]", "Tập huấn\tNâng cao\nnăng lực\nPhóng sự\tPhát sóng", html])
    expect(grid_rows(page)).to_have_count(2)
    saved(page)
    assert list(TaskRow.objects.values_list("name", "objectives")) == [("Tập huấn", "Nâng cao\nnăng lực"), ("Phóng sự", "Phát sóng")]


def test_back_then_save_adds_no_second_row(page, opened):
    world, round_obj, url = opened
    log_in(page, world.user(UNIT_OFFICER))
    # The one-row page (bookmarks keep working): save, Back, save again.
    page.goto(url + "rows/new/")
    page.fill("#id_name", "Tập huấn")
    page.fill("#id_central_vnd", "300")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã lưu nhiệm vụ")
    page.go_back()
    assert "/rows/new/" not in page.url  # Back shows the row as saved, to be changed, not added again
    page.fill("#id_name", "Tập huấn SXSH")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã lưu nhiệm vụ")
    assert names() == ["Tập huấn SXSH"]
    # The grid: a row saved, another page, Back, the row changed again.
    open_grid(page, url)
    page.click("#grid-add-row")
    page.keyboard.type("Hội thảo")
    page.keyboard.press("Tab")
    saved(page)
    page.goto("/rounds/")
    page.go_back()
    open_grid(page)
    page.fill("#task-grid tbody tr:nth-child(2) [name=notes]", "Quý III")
    page.keyboard.press("Tab")
    saved(page)
    assert list(TaskRow.objects.values_list("name", "notes")) == [("Tập huấn SXSH", ""), ("Hội thảo", "Quý III")]


def test_two_tabs_add_rows_and_a_row_changed_in_both_lets_the_person_choose(page, opened):
    world, round_obj, url = opened
    log_in(page, world.user(UNIT_OFFICER))
    other = page.context.new_page()
    open_grid(page, url)
    open_grid(other, url)
    for tab, name in ((page, "Từ thẻ thứ nhất"), (other, "Từ thẻ thứ hai")):
        tab.click("#grid-add-row")
        tab.keyboard.type(name)
        tab.keyboard.press("Tab")
        saved(tab)
    assert sorted(names()) == ["Từ thẻ thứ hai", "Từ thẻ thứ nhất"]

    # Both tabs change the first tab's row: the second is shown both versions and keeps its own.
    other.reload()
    open_grid(other)
    page.fill("#task-grid tbody tr:nth-child(1) [name=products]", "02 lớp")
    page.keyboard.press("Tab")
    saved(page)
    other.fill("#task-grid tbody tr:nth-child(1) [name=products]", "03 lớp")
    other.keyboard.press("Tab")
    other.wait_for_selector(".grid-conflict")
    assert "02 lớp" in other.inner_text(".grid-conflict") and other.input_value("#task-grid tbody tr:nth-child(1) [name=products]") == "03 lớp"
    other.click(".grid-conflict .grid-keep-mine")
    saved(other)
    assert TaskRow.objects.get(name="Từ thẻ thứ nhất").products == "03 lớp"
    # The first tab then changes it again and takes the saved version instead.
    page.fill("#task-grid tbody tr:nth-child(1) [name=notes]", "Ghi chú cũ")
    page.keyboard.press("Tab")
    page.wait_for_selector(".grid-conflict")
    page.click(".grid-conflict .grid-use-saved")
    assert page.input_value("#task-grid tbody tr:nth-child(1) [name=products]") == "03 lớp"
    saved(page)
    assert TaskRow.objects.get(name="Từ thẻ thứ nhất").notes == ""


def test_the_proposal_page_fits_a_phone(page, opened):
    world, round_obj, url = opened
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    for name in ("Tập huấn sản xuất sạch hơn cho cán bộ quản lý công nghiệp các huyện, thị xã trên địa bàn tỉnh",
                 "Phóng sự điển hình"):
        services.save_row(proposal=proposal, user=world.user(UNIT_OFFICER), data=task(name))
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, world.user(UNIT_OFFICER))
    open_grid(page, url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click("#grid-add-row")
    page.keyboard.type("Hội thảo")
    page.keyboard.press("Tab")
    saved(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(page, axe_source()) == []
    # Wider screens keep the table whole: it scrolls inside its box, the page itself never sideways.
    for width in (768, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


def test_last_year_proposal_copied_into_the_grid(page, opened):
    world, round_obj, url = opened
    clock.set_now(datetime(2015, 5, 20, 9, 0))
    last = open_2017_round(world, title="Đề xuất nhiệm vụ năm 2016", plan_year=2016, opens_on=date(2015, 5, 13),
                           deadline=date(2015, 6, 15))
    earlier = services.proposal_for(round_obj=last, organisation=world.unit)
    for name in ("Tập huấn", "Phóng sự"):
        services.save_row(proposal=earlier, user=world.user(UNIT_OFFICER), data=task(name))
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    log_in(page, world.user(UNIT_OFFICER))
    open_grid(page, url)
    page.click("#grid-copy-previous")
    expect(grid_rows(page)).to_have_count(2)
    expect(page.locator("#grid-messages")).to_have_text("Đã chép 2 nhiệm vụ.")
    saved(page)
    assert page.inner_text("[data-total-for=central_vnd]") == "600"
    assert list(TaskRow.objects.filter(proposal__round=round_obj).values_list("name", flat=True)) == ["Tập huấn", "Phóng sự"]
    assert page.get_attribute("#grid-copy-plan", "id") and "năm 2017" in page.inner_text("#grid-copy-plan")
