"""The dossier's task grid in chromium: a block pasted from Excel, the totals per source, a phone's width, axe."""
from datetime import datetime

from playwright.sync_api import expect

from core import clock
from core.testing.axe import axe_source, serious_violations
from core.testing.browser import grid_saved, log_in, open_grid
from core.testing.world import UNIT_OFFICER, build_world
from plans.models import DossierFunding, DossierTask

from .factories import open_2017_call

PASTE = """(args) => {
  const [selector, text] = args;
  const data = new DataTransfer();
  data.setData('text/plain', text);
  document.querySelector(selector).dispatchEvent(
    new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def test_a_block_pasted_into_the_dossier_grid_on_a_phone(page):
    world = build_world()
    clock.set_now(datetime(2016, 9, 1, 9, 0))
    try:
        open_2017_call(world)
        page.set_viewport_size({"width": 390, "height": 844})
        log_in(page, world.user(UNIT_OFFICER))
        open_grid(page, f"/plans/dossiers/2017/{world.unit.code}/")
        page.click("#grid-add-row")
        # Name, action-plan task, component, responsible body, then the sources: central, local.
        block = "Tập huấn\t\t\tSở Công Thương\t100\t20,5\r\nPhóng sự\t\t\t\t\t1.5\r\n"
        page.evaluate(PASTE, ["#task-grid tbody tr:nth-child(1) [name=name]", block])
        expect(page.locator("#task-grid tbody tr[data-row-id]")).to_have_count(2)
        expect(page.locator("#grid-status")).to_have_text("Có ô chưa lưu được: xem các ô viền đỏ.")
        assert "Hãy viết như" in page.inner_text("#task-grid tbody tr:nth-child(2) .has-error")
        page.fill("#task-grid tbody tr:nth-child(2) [name=amount-local]", "1,5")
        page.keyboard.press("Tab")
        grid_saved(page)
        assert page.inner_text("[data-total-for=amount-local]") == "22"
        assert page.inner_text("#dossier-total") == "122"
        assert list(DossierTask.objects.values_list("name", "responsible_body")) == [("Tập huấn", "Sở Công Thương"), ("Phóng sự", "")]
        assert DossierFunding.objects.filter(source__code="local").count() == 2
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert serious_violations(page, axe_source()) == []
    finally:
        clock.set_now(None)
