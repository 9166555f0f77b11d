"""Small steps shared by browser tests."""
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
