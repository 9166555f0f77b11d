"""In chromium at a phone's size (390×844): the header stays short, the menu opens and closes, tables turn
into stacked cards and no page is wider than the screen; the file input's button speaks Vietnamese."""
from datetime import datetime

import pytest

from core import clock
from core.testing.browser import log_in
from core.testing.world import OFFICE_REVIEWER, UNIT_LEADER, UNIT_OFFICER, build_world
from rounds import services
from rounds.tests.factories import open_2017_round, task

PHONE = {"width": 390, "height": 844}
WIDER_THAN_SCREEN = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture
def proposal_world():
    world = build_world()
    clock.set_now(datetime(2016, 5, 20, 9, 0))
    round_obj = open_2017_round(world)
    proposal = services.proposal_for(round_obj=round_obj, organisation=world.unit)
    officer = world.user(UNIT_OFFICER)
    services.save_row(proposal=proposal, user=officer, data=task(
        name="Tập huấn sản xuất sạch hơn cho cán bộ quản lý công nghiệp các huyện, thị xã trên địa bàn tỉnh"))
    services.save_row(proposal=proposal, user=officer, data=task(name="Phóng sự điển hình SXSH"))
    yield world, round_obj
    clock.set_now(None)


def _fits_the_phone(page, path):
    assert page.goto(path).status == 200, path
    assert page.evaluate(WIDER_THAN_SCREEN) <= 0, path
    header = page.eval_on_selector(".site-header", "e => e.getBoundingClientRect().height")
    assert header < 120, (path, header)


def test_pages_fit_a_phone_and_the_menu_opens_and_closes(page, proposal_world):
    world, round_obj = proposal_world
    page.set_viewport_size(PHONE)
    _fits_the_phone(page, "/")
    assert not page.is_visible("#site-nav a:has-text('Liên hệ')")
    page.click(".nav-toggle")
    assert page.get_attribute(".nav-toggle", "aria-expanded") == "true"
    assert page.is_visible("#site-nav a:has-text('Liên hệ')")
    assert page.evaluate(WIDER_THAN_SCREEN) <= 0
    page.click(".nav-toggle")
    assert page.get_attribute(".nav-toggle", "aria-expanded") == "false"
    assert not page.is_visible("#site-nav a:has-text('Liên hệ')")

    log_in(page, world.user(UNIT_OFFICER))
    _fits_the_phone(page, f"/rounds/{round_obj.pk}/units/{world.unit.code}/")
    # The rows table is a stack of cards: one column wide, each cell labelled by its column's header.
    table = page.locator("main table").first
    header = table.locator("thead th").first.inner_text().strip()
    cell = table.locator("tbody tr").first.locator("td").first
    assert cell.get_attribute("data-label") == header
    assert page.evaluate("e => getComputedStyle(e).display", cell.element_handle()) == "block"
    box = cell.bounding_box()
    assert box["width"] > PHONE["width"] * 0.7  # a card's cell spans the screen, not a narrow column
    page.click("header button:has-text('Đăng xuất')")
    page.wait_for_load_state()

    _fits_the_phone(page, "/contact/")
    services.submit(proposal=services.proposal_for(round_obj=round_obj, organisation=world.unit), user=world.user(UNIT_LEADER))
    log_in(page, world.user(OFFICE_REVIEWER))
    _fits_the_phone(page, "/app/")
    _fits_the_phone(page, f"/rounds/{round_obj.pk}/units/{world.unit.code}/review/")


def test_the_desktop_shows_the_menu_without_a_button(page, proposal_world):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    assert not page.is_visible(".nav-toggle") and page.is_visible("#site-nav a:has-text('Liên hệ')")


def test_the_file_button_speaks_vietnamese_and_shows_the_chosen_file(page, proposal_world, tmp_path):
    world, round_obj = proposal_world
    log_in(page, world.user(UNIT_OFFICER))
    page.goto(f"/rounds/{round_obj.pk}/units/{world.unit.code}/")
    page.click("text=Tải lên tệp Excel")
    button = page.locator("label.file-button[for=id_file]")
    assert button.inner_text() == "Chọn tệp" and page.inner_text(".file-name") == "Chưa chọn tệp nào"
    assert page.evaluate("document.getElementById('id_file').getBoundingClientRect().width") <= 1  # hidden, focusable
    path = tmp_path / "de-xuat.xlsx"
    path.write_bytes(b"PK")
    with page.expect_file_chooser() as chooser:
        button.click()  # the visible label opens the browser's chooser of the hidden input
    chooser.value.set_files(str(path))
    assert page.inner_text(".file-name") == "de-xuat.xlsx"
