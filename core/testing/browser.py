"""Small steps shared by browser tests."""
from playwright.sync_api import expect

from core.testing.world import PASSWORD


def log_in(page, user, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("#id_email", user.email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_selector("h1")


def log_out(page):
    page.click("header button:has-text('Đăng xuất')")
    page.wait_for_load_state()


def open_grid(page, path=None):
    """Go to a page with a grid of rows (or stay on it) and wait until its script drives it."""
    if path:
        page.goto(path)
    page.wait_for_selector("#grid-wrap[data-grid-ready]")


def grid_saved(page):
    """Wait until the grid says everything typed is saved."""
    expect(page.locator("#grid-status")).to_have_text("Đã lưu")
