import os
import shutil

import pytest

from core import clock as clock_module

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _isolated_media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_TODAY = None  # tests set the time through the clock fixture, whatever the shell exports
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    from django.core.cache import cache

    cache.clear()
    from django.utils import translation

    # Each test starts in the site's language (Vietnamese): a request in English earlier in the same
    # thread must not change the language of the messages the next test reads.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
    clock_module.set_now(None)  # a test that froze the clock never leaks its time into the next


@pytest.fixture
def clock():
    """The application clock, frozen and settable: clock.set_now(dt), clock.advance(timedelta)."""
    yield clock_module
    clock_module.set_now(None)


@pytest.fixture
def world(db):
    from core.testing.world import build_world

    return build_world()


@pytest.fixture
def reference_data(db):
    from django.core.management import call_command

    call_command("load_reference_data", stdout=open(os.devnull, "w"))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: CI must install it (scripts/install-system-deps.sh)")
        pytest.skip("Debian chromium is not installed (apt-get install chromium); browser tests skipped")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in the test thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
